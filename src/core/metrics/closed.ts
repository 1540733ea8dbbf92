import { PipelineError } from '../errors';
import { type Deal, isLost, isOpen, isWon } from '../model/deals';
import { ALL_TIME, inWindow, type Pipeline, type Window } from '../pipeline';
import { byOwner } from './filters';

export interface OwnerWindow {
  readonly owner: string;
  readonly window: Window;
}

function closedIn(pipeline: Pipeline, filter: OwnerWindow): Deal[] {
  return byOwner(pipeline, filter.owner).filter(
    (d) => (isWon(d) || isLost(d)) && inWindow(d.closed, filter.window),
  );
}

function period(filter: OwnerWindow): string {
  const w = filter.window;
  return w.start === null && w.end === null ? '' : ' in this period';
}

/** PIPELINE_WINRATE: won ÷ (won + lost) by count over deals closed in the window. */
export function winRate(pipeline: Pipeline, filter: OwnerWindow): number {
  const closed = closedIn(pipeline, filter);
  if (closed.length === 0) throw new PipelineError(`No closed deals${period(filter)}${ownerText(filter)}.`);
  return closed.filter(isWon).length / closed.length;
}

/** PIPELINE_AVG_DEAL: mean Amount of won deals closed in the window. */
export function averageWon(pipeline: Pipeline, filter: OwnerWindow): number {
  const amounts = closedIn(pipeline, filter)
    .filter((d) => isWon(d) && d.amount !== null)
    .map((d) => d.amount!);
  if (amounts.length === 0) {
    throw new PipelineError(`No won deals with an amount${period(filter)}${ownerText(filter)}.`);
  }
  return amounts.reduce((a, b) => a + b, 0) / amounts.length;
}

/** PIPELINE_CYCLE_DAYS: mean days from Created to Closed over won deals closed in the window. */
export function cycleDays(pipeline: Pipeline, filter: OwnerWindow): number {
  const cycles = closedIn(pipeline, filter)
    .filter((d) => isWon(d) && d.created !== null && d.closed !== null && d.closed >= d.created)
    .map((d) => d.closed! - d.created!);
  if (cycles.length === 0) {
    throw new PipelineError(
      `No won deals with Created and Closed dates${period(filter)}${ownerText(filter)}.`,
    );
  }
  return cycles.reduce((a, b) => a + b, 0) / cycles.length;
}

/** PIPELINE_VELOCITY: open deals × average won Amount × win rate ÷ average cycle days. */
export function velocity(pipeline: Pipeline, owner: string): number {
  const filter = { owner, window: ALL_TIME };
  const open = byOwner(pipeline, owner).filter(isOpen).length;
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
