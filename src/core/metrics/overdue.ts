import type { Day } from '../model/dates';
import { NO_DAY, OPEN } from '../model/dealColumns';
import { type Deal, isOpen } from '../model/deals';
import type { Pipeline, Table } from '../pipeline';
import { byOwner, columnsOf, ownerMask } from './filters';
import { isSnoozed } from './stalled';

export const OVERDUE_HEADERS = ['Deal', 'Owner', 'Stage', 'Problem', 'Days', 'Amount'];

/** The hygiene problems of SPEC §2, in the order the table lists them. */
export const OVERDUE_PROBLEMS = ['Close date passed', 'Next step overdue', 'No next step'] as const;
export type OverdueProblem = (typeof OVERDUE_PROBLEMS)[number];

export interface OverdueRow {
  readonly deal: Deal;
  readonly problem: OverdueProblem;
  /** Days since the date passed; null for `No next step`. */
  readonly days: number | null;
}

/** What the overdue rules need to know about the sheet besides the deals. */
export interface OverdueContext {
  /** Whether the sheet has a Next Step or a Next Step Date column at all. */
  readonly tracksNextSteps: boolean;
  /** Rows whose Next Step Date cell holds something that is not a date (left out of the next-step rules). */
  readonly unreadableNextStep: ReadonlySet<number>;
}

/**
 * The context from a parsed pipeline: a sheet without either next-step column says nothing about
 * next steps (every open deal would otherwise be "No next step"), and a Next Step Date typed as
 * `next week` is not blank, so it is neither overdue nor missing — PIPELINE_CHECK lists it.
 */
export function overdueContext(pipeline: Pipeline): OverdueContext {
  const unreadable = new Set<number>();
  for (const p of pipeline.problems) if (p.problem.startsWith('Next Step Date ')) unreadable.add(p.row);
  const columns = pipeline.dealTable?.columns;
  return {
    tracksNextSteps: !columns || columns.nextStep !== undefined || columns.nextStepDate !== undefined,
    unreadableNextStep: unreadable,
  };
}

/**
 * The problems of one deal on `today`: only open deals that are not snoozed have any. A date
 * due today is not overdue yet; yesterday's is, by 1 day.
 */
export function overdueProblems(deal: Deal, today: Day, context: OverdueContext): OverdueRow[] {
  if (!isOpen(deal) || isSnoozed(deal, today)) return [];
  const rows: OverdueRow[] = [];
  if (deal.expectedClose !== null && deal.expectedClose < today) {
    rows.push({ deal, problem: 'Close date passed', days: today - deal.expectedClose });
  }
  if (context.tracksNextSteps && !context.unreadableNextStep.has(deal.row)) {
    if (deal.nextStepDate !== null && deal.nextStepDate < today) {
      rows.push({ deal, problem: 'Next step overdue', days: today - deal.nextStepDate });
    } else if (deal.nextStepDate === null && deal.nextStep.trim() === '') {
      rows.push({ deal, problem: 'No next step', days: null });
    }
  }
  return rows;
}

/**
 * Every problem of every deal of `owner` (blank: everyone), ordered by problem (close date,
 * next step, none), then most days first, then sheet order.
 */
export function overdueRows(
  pipeline: Pipeline,
  owner: string,
  context: OverdueContext = overdueContext(pipeline),
): OverdueRow[] {
  const rows: OverdueRow[] = [];
  for (const deal of byOwner(pipeline, owner)) {
    for (const row of overdueProblems(deal, pipeline.today, context)) rows.push(row);
  }
  const rank = (p: OverdueProblem) => OVERDUE_PROBLEMS.indexOf(p);
  return rows.sort(
    (a, b) => rank(a.problem) - rank(b.problem) || (b.days ?? 0) - (a.days ?? 0) || a.deal.row - b.deal.row,
  );
}

/** PIPELINE_OVERDUE: `Deal, Owner, Stage, Problem, Days, Amount`, one row per problem. */
export function overdueTable(pipeline: Pipeline, owner: string): Table {
  return [
    OVERDUE_HEADERS.slice(),
    ...overdueRows(pipeline, owner).map((r) => [
      r.deal.name || r.deal.id,
      r.deal.owner,
      r.deal.stage!.name,
      r.problem,
      r.days ?? '',
      r.deal.amount ?? '',
    ]),
  ];
}

/** How many distinct deals PIPELINE_OVERDUE lists (PIPELINE_SUMMARY's Overdue Deals): `overdueProblems` on the columns. */
export function overdueCount(pipeline: Pipeline, owner: string): number {
  const context = overdueContext(pipeline);
  const c = columnsOf(pipeline);
  const mask = ownerMask(pipeline, c, owner);
  const today = pipeline.today;
  let n = 0;
  for (let i = 0; i < c.length; i++) {
    const s = c.stage[i]!;
    if (s < 0 || c.outcome[s] !== OPEN || (mask !== null && mask[i] === 0)) continue;
    const snooze = c.snoozedUntil[i]!;
    if (snooze !== NO_DAY && today < snooze) continue;
    const close = c.expectedClose[i]!;
    if (close !== NO_DAY && close < today) {
      n++;
      continue;
    }
    if (!context.tracksNextSteps || context.unreadableNextStep.has(c.row[i]!)) continue;
    const next = c.nextStepDate[i]!;
    if (next !== NO_DAY ? next < today : c.nextStep(i).trim() === '') n++;
  }
  return n;
}
