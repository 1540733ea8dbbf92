/**
 * The board as plain data (pure): one column per open stage in order with the same totals as
 * PIPELINE_FUNNEL (`stageTotals`), a card per open deal in sheet order, the owners for the filter
 * with their own totals, and the lost reasons used before, all from one read of the deals.
 */
import { type StageTotals, stageTotals } from '../metrics/funnel';
import { type OverdueContext, overdueProblems } from '../metrics/overdue';
import { clockStart, daysInStage, isSnoozed, isStalled } from '../metrics/stalled';
import { type Day, formatDay } from '../model/dates';
import type { Deal } from '../model/deals';
import type { Stage, StageSet } from '../model/stages';
import { cellText } from '../model/text';
import { rankReasons } from '../moves/reasons';
import { stageViews } from '../moves/view';
import type { BoardView, CardView, NextStepState, OwnerView } from './types';

/** More cards than this in one column are counted in its head but not sent (the sheet has them). */
export const MAX_CARDS_PER_COLUMN = 1000;

export interface BoardInput {
  /** Every deal of the sheet (open, won, lost, unknown stage), in sheet order. */
  readonly deals: readonly Deal[];
  readonly stages: StageSet;
  readonly today: Day;
  readonly sheet: string;
  readonly hasLostReason: boolean;
  readonly hasAmount: boolean;
  /** The Amount cell of a deal as read (shown as text when it is not a number). */
  readonly rawAmount?: (deal: Deal) => unknown;
  /** What PIPELINE_OVERDUE needs besides the deals (the board marks exactly what it lists). */
  readonly overdue: OverdueContext;
  readonly maxCardsPerColumn?: number;
}

const iso = (day: Day | null): string | null => (day === null ? null : formatDay(day));

/**
 * The card's marks, from PIPELINE_OVERDUE's own rules (so the board and the function agree):
 * next step overdue (red), due today (green), planned, or none (a warning), as Pipedrive marks a
 * deal's next activity; and Expected Close passed. A snoozed deal has none.
 */
export function hygiene(
  deal: Deal,
  today: Day,
  context: OverdueContext,
): { nextStepState: NextStepState; closePassed: boolean } {
  const problems = overdueProblems(deal, today, context).map((p) => p.problem);
  const nextStepState: NextStepState = problems.includes('Next step overdue')
    ? 'overdue'
    : problems.includes('No next step')
      ? 'none'
      : deal.nextStepDate !== null && deal.nextStepDate === today
        ? 'today'
        : 'planned';
  return { nextStepState, closePassed: problems.includes('Close date passed') };
}

export function cardView(
  deal: Deal,
  column: number,
  today: Day,
  context: OverdueContext,
  rawAmount?: unknown,
): CardView {
  const days = daysInStage(deal, today);
  const snoozed = isSnoozed(deal, today);
  const start = clockStart(deal);
  return {
    id: deal.id,
    row: deal.row,
    name: deal.name,
    company: deal.company,
    owner: deal.owner,
    amount: deal.amount,
    amountText: deal.amount === null ? cellText(rawAmount) : '',
    stage: deal.stageText,
    column,
    daysInStage: days !== null && days >= 0 ? days : null,
    nextStep: deal.nextStep,
    nextStepDate: iso(deal.nextStepDate),
    ...hygiene(deal, today, context),
    expectedClose: iso(deal.expectedClose),
    stalledDays: isStalled(deal, today) && start !== null ? today - start : null,
    snoozedUntil: snoozed ? iso(deal.snoozedUntil) : null,
  };
}

/** The owner filter's key: the Owner cell, trimmed, case-insensitive. */
export const ownerKey = (owner: string): string => owner.trim().toLowerCase();

export function boardView(input: BoardInput): BoardView {
  const { deals, stages, today } = input;
  const limit = input.maxCardsPerColumn ?? MAX_CARDS_PER_COLUMN;
  const open = stages.open;
  const columnOf = new Map<Stage, number>();
  open.forEach((s, i) => {
    columnOf.set(s, i);
  });
  const totals = stageTotals(deals, open);
  const shown = open.map(() => 0);
  const cards: CardView[] = [];
  const byOwner = new Map<string, { name: string; deals: Deal[] }>();
  let unplaced = 0;
  for (const deal of deals) {
    if (!deal.stage) {
      if (deal.stageText !== '') unplaced++;
      continue;
    }
    const column = columnOf.get(deal.stage);
    if (column === undefined) continue;
    const key = ownerKey(deal.owner);
    const group = byOwner.get(key);
    if (group) group.deals.push(deal);
    else byOwner.set(key, { name: deal.owner.trim(), deals: [deal] });
    if (shown[column]! >= limit) continue;
    shown[column]!++;
    cards.push(cardView(deal, column, today, input.overdue, input.rawAmount?.(deal)));
  }
  const owners: OwnerView[] = [...byOwner.values()]
    .sort((a, b) => (a.name === '' ? 1 : b.name === '' ? -1 : a.name.localeCompare(b.name)))
    .map((g) => ({ name: g.name, totals: stageTotals(g.deals, open).map(plain) }));
  const view: Omit<BoardView, 'version'> = {
    kind: 'board',
    sheet: input.sheet,
    today: formatDay(today),
    columns: open.map((s, i) => ({
      name: s.name,
      probability: s.probability,
      stalledAfter: s.stalledAfter,
      ...plain(totals[i]!),
      notShown: totals[i]!.count - shown[i]!,
    })),
    outcomes: stageViews(stages).filter((s) => s.outcome !== 'Open'),
    cards,
    owners,
    lostReasons: input.hasLostReason ? rankReasons(deals.map((d) => d.lostReason)) : [],
    hasLostReason: input.hasLostReason,
    hasAmount: input.hasAmount,
    unplaced,
  };
  return { ...view, version: fingerprint(JSON.stringify(view)) };
}

const plain = (t: StageTotals): StageTotals => ({ count: t.count, value: t.value, weighted: t.weighted });

/** FNV-1a (32 bit) of a text, as 8 hex digits: enough to tell "the board changed" cheaply. */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
