import { monthOf } from '../model/dates';
import { isOpen, isWon, probabilityOf } from '../model/deals';
import type { Pipeline, Table } from '../pipeline';

export const FORECAST_HEADERS = ['Month', 'Open Deals', 'Value', 'Weighted', 'Won'];
export const NO_DATE = 'No date';

/** PIPELINE_FORECAST(month): Σ Amount × probability of open deals expected to close that month. */
export function forecastMonth(pipeline: Pipeline, month: string): number {
  let total = 0;
  for (const deal of pipeline.deals) {
    if (
      isOpen(deal) &&
      deal.amount !== null &&
      deal.expectedClose !== null &&
      monthOf(deal.expectedClose) === month
    ) {
      total += deal.amount * probabilityOf(deal);
    }
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
