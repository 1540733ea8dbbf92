import { PipelineError } from '../errors';
import { formatDay } from '../model/dates';
import { type Deal, isOpen, isWon, probabilityOf } from '../model/deals';
import type { Stage } from '../model/stages';
import { inWindow, type Pipeline, type Table, type Window } from '../pipeline';
import { stageRecords } from './calibration';
import { resolveQuota } from './quota';
import { type Bet, sumChanceAtLeast, sumQuantiles } from './sumDistribution';

export const RANGE_HEADERS = ['Low (P10)', 'Likely (P50)', 'High (P90)', 'Expected'];
/** The two columns a quota adds after RANGE_HEADERS (the four before them never change). */
export const QUOTA_HEADERS = ['Quota', 'Chance Of Quota'];
/** The Quota cell when the Team sheet has no quota: said, not a silent 0. */
export const NO_TEAM_QUOTA = 'No quota in Team';

/** The quota argument: an amount, or the Team sheet's (the whole team's Quota). */
export type QuotaArgument = { readonly kind: 'amount'; readonly amount: number } | { readonly kind: 'team' };

/** Which probability each open deal is won with. */
export type Basis = 'set' | 'history';

export interface ForecastRange {
  readonly low: number;
  readonly likely: number;
  readonly high: number;
  readonly expected: number;
  /** Amount already won with Closed in the window. */
  readonly won: number;
  /** The open deals counted: Expected Close in the window and a readable Amount. */
  readonly open: number;
  /** Their total Amount (the tolerance of the quantiles is 1 % of it). */
  readonly openAmount: number;
  /** P(won ≥ amount), the chance of reaching an amount, within the same tolerance. */
  readonly chanceOf: (amount: number) => number;
}

/**
 * The probability of winning each open stage's deals on the `history` basis: the stage's
 * historical rate (PIPELINE_STAGE_PROBABILITY), or its set probability where no closed deal
 * reached it.
 */
export function historyProbabilities(pipeline: Pipeline): Map<Stage, number> {
  const rates = new Map<Stage, number>();
  for (const r of stageRecords(pipeline)) rates.set(r.stage, r.historical ?? r.stage.probability);
  return rates;
}

/**
 * What the window will have won, as a distribution: the Amount won with Closed in the window,
 * plus each open deal with Expected Close in it won independently with its probability. P10,
 * P50 and P90 are within 1 % of the window's open Amount of the exact quantiles (exact for few
 * deals); Expected is the exact mean.
 */
export function forecastRange(pipeline: Pipeline, window: Window, basis: Basis = 'set'): ForecastRange {
  const rates = basis === 'history' ? historyProbabilities(pipeline) : null;
  const probability = (deal: Deal): number =>
    rates ? (rates.get(deal.stage!) ?? deal.stage!.probability) : probabilityOf(deal);
  let won = 0;
  let expected = 0;
  let openAmount = 0;
  let inWindowCount = 0;
  const bets: Bet[] = [];
  for (const deal of pipeline.deals) {
    if (isWon(deal)) {
      if (deal.amount !== null && inWindow(deal.closed, window)) won += deal.amount;
    } else if (isOpen(deal) && inWindow(deal.expectedClose, window)) {
      inWindowCount++;
      if (deal.amount === null) continue;
      const p = Math.min(1, Math.max(0, probability(deal)));
      bets.push({ amount: deal.amount, p });
      expected += deal.amount * p;
      openAmount += Math.abs(deal.amount);
    }
  }
  if (inWindowCount > 0 && bets.length === 0) {
    throw new PipelineError(
      `None of the ${inWindowCount} open deal(s) expected to close ${windowText(window)} has a readable Amount; see PIPELINE_CHECK.`,
    );
  }
  const tolerance = openAmount / 100;
  const [low = won, likely = won, high = won] = sumQuantiles(won, bets, [0.1, 0.5, 0.9], tolerance);
  return {
    low,
    likely,
    high,
    expected: won + expected,
    won,
    open: bets.length,
    openAmount,
    chanceOf: (amount) => sumChanceAtLeast(won, bets, amount, tolerance),
  };
}

/**
 * PIPELINE_FORECAST_RANGE: the header and one row `Low (P10), Likely (P50), High (P90), Expected`;
 * with a quota, then `Quota, Chance Of Quota` = P(won ≥ quota). The Team sheet's quota (the sum of
 * its Quota column, as PIPELINE_ATTAINMENT takes it) is used as the quota of whatever window is
 * asked; where Team has none, Quota says so and the chance is blank.
 */
export function forecastRangeTable(
  pipeline: Pipeline,
  window: Window,
  basis: Basis = 'set',
  quota: QuotaArgument | null = null,
): Table {
  const r = forecastRange(pipeline, window, basis);
  const row: (number | string)[] = [r.low, r.likely, r.high, r.expected];
  if (quota === null) return [RANGE_HEADERS.slice(), row];
  const amount = quota.kind === 'amount' ? resolveQuota(pipeline, quota.amount, '') : teamQuota(pipeline);
  row.push(...(amount === null ? [NO_TEAM_QUOTA, ''] : [amount, r.chanceOf(amount)]));
  return [[...RANGE_HEADERS, ...QUOTA_HEADERS], row];
}

/** The whole team's quota from Team, or null where the Quota column is absent, blank or 0. */
function teamQuota(pipeline: Pipeline): number | null {
  const total = pipeline.team.members.reduce(
    (s, m) => s + (m.quota !== null && m.quota > 0 ? m.quota : 0),
    0,
  );
  return total > 0 ? total : null;
}

function windowText(window: Window): string {
  if (window.start !== null && window.end !== null)
    return `from ${formatDay(window.start)} to ${formatDay(window.end)}`;
  if (window.start !== null) return `from ${formatDay(window.start)}`;
  if (window.end !== null) return `by ${formatDay(window.end)}`;
  return 'at any date';
}
