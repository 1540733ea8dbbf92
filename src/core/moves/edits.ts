/**
 * The edit trigger's logic: someone typed, pasted or filled Stage cells in the deals sheet. For
 * every row whose stage changed to a known stage, Stage Entered becomes today (Closed too for
 * Won/Lost; a reopened deal's Closed is cleared) and one History row is appended with
 * Via = `edit`.
 *
 * Old values: Sheets reports `e.oldValue` only for a single-cell edit of a cell that had content,
 * and not always then. Where it is missing, the deal's last stage in History stands in for it
 * (`known`): a row whose stage equals it is left alone, any other is a move from it. When History
 * holds nothing for the deal (`new`) the stage is recorded with From blank, but nothing the deal
 * already has is reset: Stage Entered and Closed are only filled when blank. When the trigger
 * could not read far enough back to know (`unknown`), only blanks are filled and no History row
 * is written: reconciling (SPEC §3, Via = `sync`) records the move later if there was one.
 */
import { daysInStage } from '../metrics/stalled';
import type { Calendar, Day } from '../model/dates';
import type { Deal } from '../model/deals';
import type { HistoryEntry } from '../model/history';
import type { Stage, StageSet } from '../model/stages';
import type { Cells, HistoryDraft } from './plan';

export interface EditContext {
  readonly stages: StageSet;
  readonly calendar: Calendar;
  readonly today: Day;
  readonly now: Date;
  readonly user: string;
  /** Does the sheet have an ID column (a row without an ID then gets one)? */
  readonly hasId: boolean;
  readonly newId: () => string;
}

export interface RowWrite {
  readonly row: number;
  readonly cells: Cells;
}

export interface EditPlan {
  readonly writes: RowWrite[];
  readonly history: HistoryDraft[];
  /** Deals whose old stage could not be known: left to reconciling. */
  readonly deferred: number;
}

/**
 * What was in a deal's Stage before the edit: `known` (the event's oldValue, or the last stage
 * History holds for the deal), `new` (History holds nothing for the deal), `unknown`.
 */
export type OldStage =
  | { readonly kind: 'known'; readonly text: string }
  | { readonly kind: 'new' }
  | { readonly kind: 'unknown' };

/** `deals`: the edited rows, parsed after the edit. `oldStage(deal)`: what it was before. */
export function planStageEdits(
  deals: readonly Deal[],
  oldStage: (deal: Deal) => OldStage,
  ctx: EditContext,
): EditPlan {
  const writes: RowWrite[] = [];
  const history: HistoryDraft[] = [];
  let deferred = 0;
  const today = ctx.calendar.startOf(ctx.today);
  for (const deal of deals) {
    const to = deal.stage;
    if (!to) continue; // blank or a stage that does not exist: nothing to record
    const before = oldStage(deal);
    const beforeText = before.kind === 'known' ? before.text : '';
    const from: Stage | undefined = before.kind === 'known' ? ctx.stages.find(before.text) : undefined;
    if (from === to) continue;
    const cells: Cells = {};
    if (before.kind === 'known') {
      // A proven move: the stage clock restarts.
      cells.stageEntered = today;
      if (to.outcome !== 'Open') {
        if (deal.closed === null) cells.closed = today;
      } else if (deal.closed !== null) {
        cells.closed = '';
      }
      if (deal.stalledSince !== null) cells.stalledSince = '';
    } else {
      // Not proven: fill what is blank, reset nothing.
      if (deal.stageEntered === null) cells.stageEntered = today;
      if (to.outcome !== 'Open' && deal.closed === null) cells.closed = today;
    }
    if (before.kind === 'unknown') {
      deferred++;
      if (Object.keys(cells).length > 0) writes.push({ row: deal.row, cells });
      continue;
    }
    let id = deal.id;
    if (id === '' && ctx.hasId) {
      id = ctx.newId();
      cells.id = id;
    }
    // Days in the old stage: Stage Entered still holds the day it was entered.
    const days = beforeText === '' ? null : daysInStage(deal, ctx.today);
    if (Object.keys(cells).length > 0) writes.push({ row: deal.row, cells });
    history.push({
      when: ctx.now,
      dealId: id,
      deal: deal.name,
      from: from?.name ?? beforeText,
      to: to.name,
      daysInStage: days !== null && days >= 0 ? days : null,
      changedBy: ctx.user,
      via: 'edit',
    });
  }
  return { writes, history, deferred };
}

/** The last To stage History recorded for each deal ID (for block edits). */
export function lastStageById(entries: readonly HistoryEntry[]): Map<string, string> {
  const last = new Map<string, string>();
  for (const e of entries) if (e.dealId !== '') last.set(e.dealId, e.to?.name ?? e.toText);
  return last;
}

/**
 * Groups row writes into runs per field: consecutive rows writing the same field become one
 * block (one `setValues`), so a filled column of 500 stages costs a few writes, not 500.
 */
export function columnRuns(
  writes: readonly RowWrite[],
): { field: keyof Cells; row: number; values: Cells[keyof Cells][] }[] {
  const byField = new Map<keyof Cells, RowWrite[]>();
  for (const w of writes) {
    for (const field of Object.keys(w.cells) as (keyof Cells)[]) {
      const list = byField.get(field);
      if (list) list.push(w);
      else byField.set(field, [w]);
    }
  }
  const runs: { field: keyof Cells; row: number; values: Cells[keyof Cells][] }[] = [];
  for (const [field, list] of byField) {
    const sorted = [...list].sort((a, b) => a.row - b.row);
    let start = 0;
    for (let i = 1; i <= sorted.length; i++) {
      if (i === sorted.length || sorted[i]!.row !== sorted[i - 1]!.row + 1) {
        runs.push({
          field,
          row: sorted[start]!.row,
          values: sorted.slice(start, i).map((w) => w.cells[field]),
        });
        start = i;
      }
    }
  }
  return runs;
}

/**
 * Stage cells typed in another spelling of a stage (`proposal`, `PROPOSAL `): the stage's own
 * name is written back, so the sheet, its drop-down and History agree. Only when the cell itself
 * names that stage: a cell that names no stage (`Closing`) is left as typed for the user to fix.
 */
export function stageSpellingFixes(deals: readonly Deal[], stages: StageSet): RowWrite[] {
  const out: RowWrite[] = [];
  for (const deal of deals) {
    const stage = deal.stage;
    if (stage && deal.stageText !== stage.name && stages.find(deal.stageText) === stage) {
      out.push({ row: deal.row, cells: { stage: stage.name } });
    }
  }
  return out;
}
