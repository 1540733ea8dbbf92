/**
 * Reconciling Stage with History (SPEC §3): Sheets drops edit events (two wait at most), a
 * simple trigger may time out or find the lock busy, so a Stage typed into the sheet can go
 * unrecorded. A deal whose Stage differs from the last `To` History holds for it gets the
 * missing row, `Via` = `sync`, dated when found, From = that last `To`, Days In Stage blank (the
 * day of the move is unknown). Nothing of the deal is written: Stage Entered, Closed and the
 * rest keep whatever they hold, since the edit that set the Stage was not seen.
 *
 * Left alone: deals with no ID or sharing an ID (History is keyed by ID), deals History holds
 * nothing for (nothing to compare; Set up's baseline and the edit trigger give them a row), and
 * Stage values that are not stages.
 */
import type { Deal } from '../model/deals';
import type { HistoryRecord } from '../model/history';
import type { StageSet } from '../model/stages';

export interface ReconcileContext {
  readonly stages: StageSet;
  /** When the difference was found: History's When. */
  readonly now: Date;
  /** Changed By: who ran the reconcile (blank when Google does not say). */
  readonly user: string;
}

/** The stage a History `To` text names, compared by the stage when it is one, else by text. */
function sameStage(stages: StageSet, lastText: string, deal: Deal): boolean {
  const stage = deal.stage;
  if (!stage) return true;
  const last = stages.find(lastText);
  if (last) return last === stage || last.name.toLowerCase() === stage.name.toLowerCase();
  return lastText.trim().toLowerCase() === stage.name.toLowerCase();
}

/**
 * The History rows missing for `deals`, given each deal ID's last `To` text (`lastStageById` of
 * History, or the adapter's tail read of it).
 */
export function missingMoves(
  deals: readonly Deal[],
  lastTo: ReadonlyMap<string, string>,
  ctx: ReconcileContext,
): HistoryRecord[] {
  const seen = new Map<string, number>();
  for (const d of deals) if (d.id !== '') seen.set(d.id, (seen.get(d.id) ?? 0) + 1);
  const out: HistoryRecord[] = [];
  for (const deal of deals) {
    if (deal.id === '' || seen.get(deal.id) !== 1 || !deal.stage) continue;
    const last = lastTo.get(deal.id);
    if (last === undefined || sameStage(ctx.stages, last, deal)) continue;
    out.push({
      when: ctx.now,
      dealId: deal.id,
      deal: deal.name,
      from: ctx.stages.find(last)?.name ?? last,
      to: deal.stage.name,
      daysInStage: null,
      changedBy: ctx.user,
      via: 'sync',
    });
  }
  return out;
}
