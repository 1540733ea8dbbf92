/**
 * When the weekly snapshot and report are due (SPEC §4), as day arithmetic: the report day is a
 * weekday; a run on or after it takes that week's snapshot unless one was taken since, so a
 * missed report day (the check did not run, or failed) is taken by the next run.
 */
import type { Day } from '../model/dates';

/** Sunday first, as `Date.getDay()` numbers them. */
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Monday (SPEC §4's default). */
export const DEFAULT_REPORT_DAY = 1;

/** 0 (Sunday) … 6 (Saturday) of a day; day 0 (1970-01-01) was a Thursday. */
export function weekdayOf(day: Day): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The latest day on or before `today` that falls on `reportDay`: the week's report day. */
export function reportWeek(today: Day, reportDay: number): Day {
  return today - ((weekdayOf(today) - reportDay + 7) % 7);
}

/**
 * Is a snapshot due today? Yes when no snapshot was taken on or after this week's report day
 * (`lastTaken` is the newest Taken). Once taken, later runs of the same day (or of the rest of
 * the week) take none. With no snapshot yet, the first is taken on a report day itself: turning
 * alerts on mid-week does not count as a missed report day.
 */
export function snapshotDue(today: Day, reportDay: number, lastTaken: Day | null): boolean {
  if (lastTaken === null) return weekdayOf(today) === reportDay;
  if (lastTaken >= today) return false;
  return lastTaken < reportWeek(today, reportDay);
}

/** The first day of the month of `day`, and of the next month. */
export function monthBounds(day: Day): { start: Day; end: Day } {
  const d = new Date(day * 86_400_000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  return { start: dayOfUtc(y, m, 1), end: dayOfUtc(y, m + 1, 1) - 1 };
}

/** The calendar quarter of `day` (January–March …), inclusive. */
export function quarterBounds(day: Day): { start: Day; end: Day } {
  const d = new Date(day * 86_400_000);
  const y = d.getUTCFullYear();
  const q = Math.floor(d.getUTCMonth() / 3) * 3;
  return { start: dayOfUtc(y, q, 1), end: dayOfUtc(y, q + 3, 1) - 1 };
}

function dayOfUtc(year: number, month: number, date: number): Day {
  return Math.floor(Date.UTC(year, month, date) / 86_400_000);
}
