import { PipelineError } from '../errors';
import type { Day } from '../model/dates';
import { isWon } from '../model/deals';
import { dayText, snapshotDays, snapshotOn, snapshotProbability } from '../model/snapshots';
import type { Pipeline, Table } from '../pipeline';

export const ACCURACY_HEADERS = ['Month', 'Forecast', 'Won', 'Error'];
export const DEFAULT_MONTHS = 6;
const MAX_MONTHS = 120;
const MS_PER_DAY = 86_400_000;

/** A calendar month as days: its key `2026-10`, first and last day. */
export interface MonthSpan {
  readonly key: string;
  readonly first: Day;
  readonly last: Day;
}

/** The month `offset` months after the one holding `day` (negative: before). */
export function monthSpan(day: Day, offset: number): MonthSpan {
  const date = new Date(day * MS_PER_DAY);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + offset;
  const first = Math.round(Date.UTC(year, month, 1) / MS_PER_DAY);
  const last = Math.round(Date.UTC(year, month + 1, 1) / MS_PER_DAY) - 1;
  const start = new Date(first * MS_PER_DAY);
  const key = `${start.getUTCFullYear()}-${String(start.getUTCMonth() + 1).padStart(2, '0')}`;
  return { key, first, last };
}

export interface MonthAccuracy {
  readonly month: MonthSpan;
  /** The snapshot the forecast is read from: the last taken before the month began. */
  readonly snapshotDay: Day;
  readonly forecast: number;
  readonly won: number;
  /** (Won − Forecast) ÷ Forecast; null when Forecast is 0. */
  readonly error: number | null;
}

/** How many months to look back: blank is 6; a whole number from 1 to 120. */
export function monthsArgument(value: number | null): number {
  if (value === null) return DEFAULT_MONTHS;
  if (!Number.isInteger(value) || value < 1 || value > MAX_MONTHS) {
    throw new PipelineError(`months ${value} is not a whole number of months from 1 to ${MAX_MONTHS}.`);
  }
  return value;
}

/**
 * PIPELINE_FORECAST_ACCURACY as data: for each of the last `months` whole months before this one
 * that has a snapshot taken before it began (oldest first), the forecast that snapshot made —
 * Σ Amount × probability of its deals expected to close in the month — against the Amount won
 * with Closed in the month.
 */
export function forecastAccuracy(pipeline: Pipeline, months: number): MonthAccuracy[] {
  const snapshots = pipeline.snapshots ?? [];
  const days = snapshotDays(snapshots);
  if (days.length === 0) {
    throw new PipelineError(
      'Snapshots holds no snapshot yet: the weekly snapshot (Pipeline › Alerts) adds one each report day.',
    );
  }
  const out: MonthAccuracy[] = [];
  for (let k = months; k >= 1; k--) {
    const month = monthSpan(pipeline.today, -k);
    let snapshotDay: Day | null = null;
    for (const d of days) if (d < month.first) snapshotDay = d;
    if (snapshotDay === null) continue;
    let forecast = 0;
    snapshotOn(snapshots, snapshotDay).forEach((row) => {
      const close = row.expectedClose;
      const p = snapshotProbability(row);
      if (close === null || close < month.first || close > month.last || row.amount === null || p === null)
        return;
      forecast += row.amount * p;
    });
    let won = 0;
    for (const deal of pipeline.deals) {
      if (isWon(deal) && deal.amount !== null && deal.closed !== null) {
        if (deal.closed >= month.first && deal.closed <= month.last) won += deal.amount;
      }
    }
    out.push({
      month,
      snapshotDay,
      forecast,
      won,
      error: forecast === 0 ? null : (won - forecast) / forecast,
    });
  }
  if (out.length === 0) {
    const first = monthSpan(pipeline.today, -months);
    throw new PipelineError(
      `No month to measure: a month needs a snapshot taken before it began, and the first snapshot (${dayText(days[0]!)}) is not before any of the last ${months} month(s) (from ${first.key}).`,
    );
  }
  return out;
}

/** PIPELINE_FORECAST_ACCURACY: `Month, Forecast, Won, Error`, oldest month first. */
export function forecastAccuracyTable(pipeline: Pipeline, months: number): Table {
  return [
    ACCURACY_HEADERS.slice(),
    ...forecastAccuracy(pipeline, months).map((m) => [m.month.key, m.forecast, m.won, m.error ?? '']),
  ];
}
