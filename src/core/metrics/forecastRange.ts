import { PipelineError } from '../errors';
import { formatDay } from '../model/dates';
import { type Deal, isOpen, isWon, probabilityOf } from '../model/deals';
import type { Stage } from '../model/stages';
import { inWindow, type Pipeline, type Table, type Window } from '../pipeline';
import { stageRecords } from './calibration';
import { type Bet, sumQuantiles } from './sumDistribution';

export const RANGE_HEADERS = ['Low (P10)', 'Likely (P50)', 'High (P90)', 'Expected'];

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
  const [low = won, likely = won, high = won] = sumQuantiles(won, bets, [0.1, 0.5, 0.9], openAmount / 100);
  return { low, likely, high, expected: won + expected, won, open: bets.length, openAmount };
}

/** PIPELINE_FORECAST_RANGE: the header and one row `Low (P10), Likely (P50), High (P90), Expected`. */
export function forecastRangeTable(pipeline: Pipeline, window: Window, basis: Basis = 'set'): Table {
  const r = forecastRange(pipeline, window, basis);
  return [RANGE_HEADERS.slice(), [r.low, r.likely, r.high, r.expected]];
}

function windowText(window: Window): string {
  if (window.start !== null && window.end !== null)
    return `from ${formatDay(window.start)} to ${formatDay(window.end)}`;
  if (window.start !== null) return `from ${formatDay(window.start)}`;
  if (window.end !== null) return `by ${formatDay(window.end)}`;
  return 'at any date';
}
