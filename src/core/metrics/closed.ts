import { PipelineError } from '../errors';
import { type DealColumns, NO_DAY, OPEN, WON } from '../model/dealColumns';
import { ALL_TIME, type Pipeline, type Window } from '../pipeline';
import { columnsOf, ownerMask } from './filters';

export interface OwnerWindow {
  readonly owner: string;
  readonly window: Window;
}

/** The won or lost deals of the owner filter whose Closed date is in the window: column indexes. */
function closedIn(pipeline: Pipeline, c: DealColumns, filter: OwnerWindow): Int32Array {
  const mask = ownerMask(pipeline, c, filter.owner);
  const { start, end } = filter.window;
  const all = start === null && end === null;
  const lo = start === null ? -2147483647 : start;
  const hi = end === null ? 2147483647 : end;
  const out = new Int32Array(c.length);
  let n = 0;
  const { stage, outcome } = c;
  // Closed is read only for a window (without one the parse may not have read it).
  const closed = all ? null : c.closed;
  for (let i = 0; i < c.length; i++) {
    const s = stage[i]!;
    if (s < 0 || outcome[s] === OPEN) continue;
    if (mask !== null && mask[i] === 0) continue;
    if (closed !== null) {
      const day = closed[i]!;
      if (day === NO_DAY || day < lo || day > hi) continue;
    }
    out[n++] = i;
  }
  return out.subarray(0, n);
}

function period(filter: OwnerWindow): string {
  const w = filter.window;
  return w.start === null && w.end === null ? '' : ' in this period';
}

/** PIPELINE_WINRATE: won ÷ (won + lost) by count over deals closed in the window. */
export function winRate(pipeline: Pipeline, filter: OwnerWindow): number {
  const c = columnsOf(pipeline);
  const closed = closedIn(pipeline, c, filter);
  if (closed.length === 0) throw new PipelineError(`No closed deals${period(filter)}${ownerText(filter)}.`);
  let won = 0;
  for (let k = 0; k < closed.length; k++) if (c.outcome[c.stage[closed[k]!]!] === WON) won++;
  return won / closed.length;
}

/** PIPELINE_AVG_DEAL: mean Amount of won deals closed in the window. */
export function averageWon(pipeline: Pipeline, filter: OwnerWindow): number {
  const c = columnsOf(pipeline);
  const closed = closedIn(pipeline, c, filter);
  let total = 0;
  let count = 0;
  for (let k = 0; k < closed.length; k++) {
    const i = closed[k]!;
    const amount = c.amount[i]!;
    if (c.outcome[c.stage[i]!] !== WON || Number.isNaN(amount)) continue;
    total += amount;
    count++;
  }
  if (count === 0) {
    throw new PipelineError(`No won deals with an amount${period(filter)}${ownerText(filter)}.`);
  }
  return total / count;
}

/** PIPELINE_CYCLE_DAYS: mean days from Created to Closed over won deals closed in the window. */
export function cycleDays(pipeline: Pipeline, filter: OwnerWindow): number {
  const c = columnsOf(pipeline);
  const closed = closedIn(pipeline, c, filter);
  let total = 0;
  let count = 0;
  for (let k = 0; k < closed.length; k++) {
    const i = closed[k]!;
    if (c.outcome[c.stage[i]!] !== WON) continue;
    const created = c.created[i]!;
    const day = c.closed[i]!;
    if (created === NO_DAY || day === NO_DAY || day < created) continue;
    total += day - created;
    count++;
  }
  if (count === 0) {
    throw new PipelineError(
      `No won deals with Created and Closed dates${period(filter)}${ownerText(filter)}.`,
    );
  }
  return total / count;
}

/** PIPELINE_VELOCITY: open deals × average won Amount × win rate ÷ average cycle days. */
export function velocity(pipeline: Pipeline, owner: string): number {
  const filter = { owner, window: ALL_TIME };
  const c = columnsOf(pipeline);
  const mask = ownerMask(pipeline, c, owner);
  let open = 0;
  for (let i = 0; i < c.length; i++) {
    const s = c.stage[i]!;
    if (s >= 0 && c.outcome[s] === OPEN && (mask === null || mask[i] === 1)) open++;
  }
  const avg = averageWon(pipeline, filter);
  const rate = winRate(pipeline, filter);
  const cycle = cycleDays(pipeline, filter);
  if (cycle === 0) {
    throw new PipelineError(
      'Won deals closed the day they were created (average cycle 0 days): velocity is undefined.',
    );
  }
  return (open * avg * rate) / cycle;
}

function ownerText(filter: OwnerWindow): string {
  return filter.owner.trim() === '' ? '' : ` for ${filter.owner.trim()}`;
}
