import { PipelineError } from '../errors';
import { monthOf } from '../model/dates';
import { isOpen, isWon, probabilityOf } from '../model/deals';
import type { Pipeline, Table } from '../pipeline';

export const FORECAST_HEADERS = ['Month', 'Open Deals', 'Value', 'Weighted', 'Won'];
export const NO_DATE = 'No date';

/**
 * PIPELINE_FORECAST(month): Σ Amount × probability of open deals expected to close that month.
 * No such deal: 0. Such deals but not one readable Amount: an error, not a silent 0 (as VALUE).
 */
export function forecastMonth(pipeline: Pipeline, month: string): number {
  let total = 0;
  let expected = 0;
  let readable = 0;
  for (const deal of pipeline.deals) {
    if (isOpen(deal) && deal.expectedClose !== null && monthOf(deal.expectedClose) === month) {
      expected++;
      if (deal.amount === null) continue;
      total += deal.amount * probabilityOf(deal);
      readable++;
    }
  }
  if (expected > 0 && readable === 0) {
    throw new PipelineError(
      `None of the ${expected} deal(s) expected to close in ${month} has a readable Amount; see PIPELINE_CHECK.`,
    );
  }
  return total;
}

/**
 * PIPELINE_FORECAST(): by month, open deals by Expected Close (count, value, weighted) and Amount
 * won by Closed date; open deals without Expected Close last under "No date".
 */
export function forecastTable(pipeline: Pipeline): Table {
  interface Bucket {
    open: number;
    value: number;
    weighted: number;
    won: number;
  }
  const buckets = new Map<string, Bucket>();
  const bucket = (key: string): Bucket => {
    let b = buckets.get(key);
    if (!b) {
      b = { open: 0, value: 0, weighted: 0, won: 0 };
      buckets.set(key, b);
    }
    return b;
  };
  for (const deal of pipeline.deals) {
    if (isOpen(deal)) {
      const b = bucket(deal.expectedClose === null ? NO_DATE : monthOf(deal.expectedClose));
      b.open++;
      if (deal.amount !== null) {
        b.value += deal.amount;
        b.weighted += deal.amount * probabilityOf(deal);
      }
    } else if (isWon(deal) && deal.closed !== null && deal.amount !== null) {
      bucket(monthOf(deal.closed)).won += deal.amount;
    }
  }
  const keys = [...buckets.keys()].filter((k) => k !== NO_DATE).sort();
  if (buckets.has(NO_DATE)) keys.push(NO_DATE);
  return [
    FORECAST_HEADERS.slice(),
    ...keys.map((k) => {
      const b = buckets.get(k)!;
      return [k, b.open, b.value, b.weighted, b.won];
    }),
  ];
}
