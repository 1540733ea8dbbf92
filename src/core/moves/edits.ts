/**
 * The edit trigger's logic: someone typed, pasted or filled Stage cells in the deals sheet. For
 * every row whose stage really changed to a known stage, Stage Entered becomes today (Closed too
 * for Won/Lost; a reopened deal's Closed is cleared) and one History row is appended with
 * Via = `edit`.
 *
 * Old values: Sheets reports `e.oldValue` only for a single-cell edit. For a pasted or filled
 * block the old stages are unknown, so the deal's last stage recorded in History stands in for
 * them: a row whose new stage equals it is left alone (nothing moved), any other row is recorded
 * with that stage as From, or From blank when History has nothing for the deal.
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
}

/**
 * `deals`: the edited rows, parsed after the edit. `oldStage(deal)`: the stage text before the
 * edit, or undefined when it is unknown (block edits).
 */
export function planStageEdits(
  deals: readonly Deal[],
  oldStage: (deal: Deal) => string | undefined,
  ctx: EditContext,
): EditPlan {
  const writes: RowWrite[] = [];
  const history: HistoryDraft[] = [];
  for (const deal of deals) {
    const to = deal.stage;
    if (!to) continue; // blank or a stage that does not exist: nothing to record
    const before = oldStage(deal);
    const from: Stage | undefined = before === undefined ? undefined : ctx.stages.find(before);
    if (from === to) continue;
    const cells: Cells = { stageEntered: ctx.calendar.startOf(ctx.today) };
    if (to.outcome !== 'Open') {
      if (deal.closed === null) cells.closed = ctx.calendar.startOf(ctx.today);
    } else if (deal.closed !== null) {
      cells.closed = '';
    }
    if (deal.stalledSince !== null) cells.stalledSince = '';
    let id = deal.id;
    if (id === '' && ctx.hasId) {
      id = ctx.newId();
      cells.id = id;
    }
    // Days in the old stage: Stage Entered still holds the day it was entered.
    const days = before === undefined || before === '' ? null : daysInStage(deal, ctx.today);
    writes.push({ row: deal.row, cells });
    history.push({
      when: ctx.now,
      dealId: id,
      deal: deal.name,
      from: from?.name ?? before ?? '',
      to: to.name,
      daysInStage: days !== null && days >= 0 ? days : null,
      changedBy: ctx.user,
      via: 'edit',
    });
  }
  return { writes, history };
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
