import type { DealColumns } from '../model/dealColumns';
import { NO_DAY, OPEN } from '../model/dealColumns';
import type { Pipeline, Table } from '../pipeline';
import { columnsOf, ownerMask } from './filters';

export const STALLED_HEADERS = ['Deal', 'Owner', 'Stage', 'Days In Stage', 'Amount'];

/**
 * The stalled deals of an owner filter, as column indexes in sheet order: `isStalled` (stalled.ts)
 * on the columns.
 */
function stalledIndexes(pipeline: Pipeline, c: DealColumns, owner: string): Int32Array {
  const today = pipeline.today;
  const mask = ownerMask(pipeline, c, owner);
  // Per stage: its Stalled After for an open stage that has one, else NaN (never stalled).
  const limits = new Float64Array(c.stageList.length);
  for (let s = 0; s < limits.length; s++) {
    const limit = c.stageList[s]!.stalledAfter;
    limits[s] = c.outcome[s] === OPEN && limit !== null && limit !== undefined ? limit : Number.NaN;
  }
  const { stage, stageEntered, lastActivity, created, snoozedUntil } = c;
  const out = new Int32Array(c.length);
  let n = 0;
  for (let i = 0; i < c.length; i++) {
    const s = stage[i]!;
    if (s < 0) continue;
    const limit = limits[s]!;
    if (Number.isNaN(limit) || (mask !== null && mask[i] === 0)) continue;
    const entered = stageEntered[i]!;
    const activity = lastActivity[i]!;
    let start: number;
    if (entered !== NO_DAY && activity !== NO_DAY) start = Math.max(entered, activity);
    else start = entered !== NO_DAY ? entered : activity !== NO_DAY ? activity : created[i]!;
    if (start === NO_DAY) continue;
    const snooze = snoozedUntil[i]!;
    if (snooze !== NO_DAY && today < snooze) continue;
    if (today - start > limit) out[n++] = i;
  }
  return out.subarray(0, n);
}

/** PIPELINE_STALLED: stalled open deals, most days in stage first (ties: sheet order). */
export function stalledTable(pipeline: Pipeline, owner: string): Table {
  const today = pipeline.today;
  const c = columnsOf(pipeline);
  const hits = stalledIndexes(pipeline, c, owner);
  // Days In Stage from Stage Entered, else Created; -1 sorts an unknown one last (as before).
  const days = new Float64Array(hits.length);
  for (let k = 0; k < hits.length; k++) {
    const i = hits[k]!;
    const entered = c.stageEntered[i]!;
    const start = entered !== NO_DAY ? entered : c.created[i]!;
    days[k] = start === NO_DAY ? Number.NaN : today - start;
  }
  const order: number[] = new Array(hits.length);
  for (let k = 0; k < hits.length; k++) order[k] = k;
  const key = (k: number) => {
    const v = days[k]!;
    return Number.isNaN(v) ? -1 : v;
  };
  // Stable: ties keep sheet order (k ascending is row ascending).
  order.sort((a, b) => key(b) - key(a) || c.row[hits[a]!]! - c.row[hits[b]!]!);
  const rows: Table = new Array(order.length + 1);
  rows[0] = STALLED_HEADERS.slice();
  for (let r = 0; r < order.length; r++) {
    const k = order[r]!;
    const i = hits[k]!;
    const d = days[k]!;
    const amount = c.amount[i]!;
    rows[r + 1] = [
      c.name(i),
      c.owner(i),
      c.stageList[c.stage[i]!]!.name,
      Number.isNaN(d) ? '' : d,
      Number.isNaN(amount) ? '' : amount,
    ];
  }
  return rows;
}

/** PIPELINE_STALLED_COUNT */
export function stalledCount(pipeline: Pipeline, owner: string): number {
  return stalledIndexes(pipeline, columnsOf(pipeline), owner).length;
}
