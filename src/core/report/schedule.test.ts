import { monthBounds, quarterBounds, reportWeek, snapshotDue, weekdayOf } from './schedule';

const day = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

test('weekdays: 2026-11-23 is a Monday, 1970-01-01 a Thursday, 1969-12-28 a Sunday', () => {
  expect(weekdayOf(day('2026-11-23'))).toBe(1);
  expect(weekdayOf(0)).toBe(4);
  expect(weekdayOf(day('1969-12-28'))).toBe(0);
});

test("the week's report day is the latest on or before today", () => {
  expect(reportWeek(day('2026-11-23'), 1)).toBe(day('2026-11-23'));
  expect(reportWeek(day('2026-11-29'), 1)).toBe(day('2026-11-23')); // Sunday
  expect(reportWeek(day('2026-11-24'), 3)).toBe(day('2026-11-18')); // Tuesday → last Wednesday
});

test('due once per report day; a missed one is taken by the next run; the first on a report day', () => {
  const mon = day('2026-11-23');
  expect(snapshotDue(mon, 1, null)).toBe(true);
  expect(snapshotDue(mon + 1, 1, null)).toBe(false); // turned on Tuesday: wait for Monday
  expect(snapshotDue(mon, 1, mon)).toBe(false); // rerun
  expect(snapshotDue(mon + 3, 1, mon)).toBe(false); // later that week
  expect(snapshotDue(mon + 7, 1, mon)).toBe(true); // next Monday
  expect(snapshotDue(mon + 9, 1, mon)).toBe(true); // Monday missed: Wednesday takes it
  expect(snapshotDue(mon + 9, 1, mon + 9)).toBe(false);
  expect(snapshotDue(mon + 8, 3, mon + 2)).toBe(false); // Wednesday reports: taken 25th, today 1 Dec (Tue)
});

test('month and quarter bounds', () => {
  expect(monthBounds(day('2026-11-23'))).toEqual({ start: day('2026-11-01'), end: day('2026-11-30') });
  expect(monthBounds(day('2026-12-31'))).toEqual({ start: day('2026-12-01'), end: day('2026-12-31') });
  expect(quarterBounds(day('2026-11-23'))).toEqual({ start: day('2026-10-01'), end: day('2026-12-31') });
  expect(quarterBounds(day('2027-01-01'))).toEqual({ start: day('2027-01-01'), end: day('2027-03-31') });
});
