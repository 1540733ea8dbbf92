/** The simple edit trigger: records Stage changes typed, pasted or filled into the deals sheet. */
import { type EditEventLike, handleStageEdit } from '../adapters/stageEdits';

export function onEdit(e: EditEventLike): void {
  try {
    handleStageEdit(e);
  } catch (error) {
    // A simple trigger must never fail loudly: the user only typed into a cell.
    console.error(`Pipeline: could not record the edit: ${(error as Error)?.message ?? error}`);
  }
}
