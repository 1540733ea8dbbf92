import { PipelineError } from '../errors';
import { monthIndex, monthKey, monthOf, monthStart } from '../model/dates';
import { NO_DAY, OPEN, WON } from '../model/dealColumns';
import type { Pipeline, Table } from '../pipeline';
import { columnsOf } from './filters';

export const FORECAST_HEADERS = ['Month', 'Open Deals', 'Value', 'Weighted', 'Won'];
export const NO_DATE = 'No date';

const MONTH_KEY = /^(\d{4})-(\d{2})$/;

/**
 * PIPELINE_FORECAST(month): Σ Amount × probability of open deals expected to close that month.
 * No such deal: 0. Such deals but not one readable Amount: an error, not a silent 0 (as VALUE).
 */
export function forecastMonth(pipeline: Pipeline, month: string): number {
  const c = columnsOf(pipeline);
  // The month as a range of day numbers: a deal is in it by two comparisons, no month key per deal.
  const parts = MONTH_KEY.exec(month);
  const m = parts && Number(parts[2]) >= 1 && Number(parts[2]) <= 12 ? parts : null;
  const index = m ? Number(m[1]) * 12 + Number(m[2]) - 1 : 0;
  const first = m ? monthStart(index) : 0;
  const last = m ? monthStart(index + 1) - 1 : -1;
  const probability = c.stageList.map((s) => s.probability);
  let total = 0;
  let expected = 0;
  let readable = 0;
  for (let i = 0; i < c.length; i++) {
    const s = c.stage[i]!;
    if (s < 0 || c.outcome[s] !== OPEN) continue;
    const day = c.expectedClose[i]!;
    if (day === NO_DAY) continue;
    if (m ? day < first || day > last : monthOf(day) !== month) continue;
    expected++;
    const amount = c.amount[i]!;
    if (Number.isNaN(amount)) continue;
    const own = c.probability[i]!;
    total += amount * (!Number.isNaN(own) ? own : probability[s]!);
    readable++;
  }
  if (expected > 0 && readable === 0) {
    throw new PipelineError(
      `None of the ${expected} deal(s) expected to close in ${month} has a readable Amount; see PIPELINE_CHECK.`,
    );
  }
  return total;
}

interface Bucket {
  open: number;
  value: number;
  weighted: number;
  won: number;
}

/**
 * PIPELINE_FORECAST(): by month, open deals by Expected Close (count, value, weighted) and Amount
 * won by Closed date; open deals without Expected Close last under "No date". Months are bucketed
 * by number (`monthIndex`): one key string per month, not one Date and ISO string per deal.
 */
export function forecastTable(pipeline: Pipeline): Table {
  const c = columnsOf(pipeline);
  const byMonth = new Map<number, Bucket>();
  let noDate: Bucket | null = null;
  const bucket = (day: number): Bucket => {
    const key = monthIndex(day);
    let b = byMonth.get(key);
    if (!b) {
      b = { open: 0, value: 0, weighted: 0, won: 0 };
      byMonth.set(key, b);
    }
    return b;
  };
  const probability = c.stageList.map((s) => s.probability);
  for (let i = 0; i < c.length; i++) {
    const s = c.stage[i]!;
    if (s < 0) continue;
    const outcome = c.outcome[s];
    const amount = c.amount[i]!;
    if (outcome === OPEN) {
      const day = c.expectedClose[i]!;
      let b: Bucket;
      if (day === NO_DAY) {
        noDate ??= { open: 0, value: 0, weighted: 0, won: 0 };
        b = noDate;
      } else b = bucket(day);
      b.open++;
      if (!Number.isNaN(amount)) {
        b.value += amount;
        const own = c.probability[i]!;
        b.weighted += amount * (!Number.isNaN(own) ? own : probability[s]!);
      }
    } else if (outcome === WON && c.closed[i] !== NO_DAY && !Number.isNaN(amount)) {
      bucket(c.closed[i]!).won += amount;
    }
  }
  const months = [...byMonth.entries()].map(([index, b]) => ({ key: monthKey(index), b }));
  months.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const rows: Table = [FORECAST_HEADERS.slice()];
  for (const { key, b } of months) rows.push([key, b.open, b.value, b.weighted, b.won]);
  if (noDate) rows.push([NO_DATE, noDate.open, noDate.value, noDate.weighted, noDate.won]);
  return rows;
}
