import { day } from '../testing';
import { Calendar, formatDay, monthIndex, monthKey, monthOf, monthStart, readDate, readMonth } from './dates';

const LA = new Calendar('America/Los_Angeles');
const TOKYO = new Calendar('Asia/Tokyo');
const UTC = new Calendar('Etc/UTC');

describe('Calendar.dayOf: calendar days in the spreadsheet time zone', () => {
  test('Los Angeles: 23:30 local is still that local day, 00:00 is the next', () => {
    // 2026-11-24T07:30Z = 2026-11-23 23:30 PST (UTC-8 after DST ended on Nov 1)
    expect(LA.dayOf(new Date('2026-11-24T07:30:00Z'))).toBe(day('2026-11-23'));
    // 2026-11-24T08:00Z = 2026-11-24 00:00 PST
    expect(LA.dayOf(new Date('2026-11-24T08:00:00Z'))).toBe(day('2026-11-24'));
    // the same instant is already Nov 24 in UTC
    expect(UTC.dayOf(new Date('2026-11-24T07:30:00Z'))).toBe(day('2026-11-24'));
  });

  test('Tokyo: 00:30 local is the local day although UTC is still the day before', () => {
    // 2026-11-22T15:30Z = 2026-11-23 00:30 JST (UTC+9)
    expect(TOKYO.dayOf(new Date('2026-11-22T15:30:00Z'))).toBe(day('2026-11-23'));
    expect(UTC.dayOf(new Date('2026-11-22T15:30:00Z'))).toBe(day('2026-11-22'));
    // 2026-11-22T14:59Z = 2026-11-22 23:59 JST
    expect(TOKYO.dayOf(new Date('2026-11-22T14:59:00Z'))).toBe(day('2026-11-22'));
  });

  test('Los Angeles across the start of DST (2026-03-08, second Sunday of March)', () => {
    // 2026-03-08T07:30Z = 2026-03-07 23:30 PST (UTC-8)
    expect(LA.dayOf(new Date('2026-03-08T07:30:00Z'))).toBe(day('2026-03-07'));
    // 2026-03-09T06:30Z = 2026-03-08 23:30 PDT (UTC-7)
    expect(LA.dayOf(new Date('2026-03-09T06:30:00Z'))).toBe(day('2026-03-08'));
    // 2026-03-09T07:30Z = 2026-03-09 00:30 PDT: same UTC clock time as the first line, two days later
    expect(LA.dayOf(new Date('2026-03-09T07:30:00Z'))).toBe(day('2026-03-09'));
    // midnight Mar 7 PST (08:00Z) to midnight Mar 9 PDT (07:00Z) is 47 hours but 2 calendar days
    const from = LA.dayOf(new Date('2026-03-07T08:00:00Z'))!;
    const to = LA.dayOf(new Date('2026-03-09T07:00:00Z'))!;
    expect(to - from).toBe(2);
  });

  test('Los Angeles across the end of DST (2026-11-01, first Sunday of November)', () => {
    // 2026-11-01T06:30Z = 2026-10-31 23:30 PDT (UTC-7)
    expect(LA.dayOf(new Date('2026-11-01T06:30:00Z'))).toBe(day('2026-10-31'));
    // 2026-11-01T07:30Z = 2026-11-01 00:30 PDT
    expect(LA.dayOf(new Date('2026-11-01T07:30:00Z'))).toBe(day('2026-11-01'));
    // 2026-11-02T07:30Z = 2026-11-01 23:30 PST (UTC-8): the 25-hour day is still Nov 1
    expect(LA.dayOf(new Date('2026-11-02T07:30:00Z'))).toBe(day('2026-11-01'));
    // midnight Oct 31 PDT (07:00Z) to midnight Nov 2 PST (08:00Z): 49 hours, 2 calendar days
    const from = LA.dayOf(new Date('2026-10-31T07:00:00Z'))!;
    const to = LA.dayOf(new Date('2026-11-02T08:00:00Z'))!;
    expect(to - from).toBe(2);
  });

  test('an invalid Date has no day', () => {
    expect(LA.dayOf(new Date(Number.NaN))).toBeNull();
  });

  test('a blank time zone means UTC', () => {
    // 2026-11-23T23:30Z is Nov 23 in UTC
    expect(new Calendar('').dayOf(new Date('2026-11-23T23:30:00Z'))).toBe(day('2026-11-23'));
  });

  test('startOf gives local midnight, also on DST days', () => {
    // midnight 2026-03-08 PST = 08:00Z; midnight 2026-03-09 PDT = 07:00Z
    expect(LA.startOf(day('2026-03-08')).toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect(LA.startOf(day('2026-03-09')).toISOString()).toBe('2026-03-09T07:00:00.000Z');
    // midnight 2026-11-23 JST = 2026-11-22T15:00Z
    expect(TOKYO.startOf(day('2026-11-23')).toISOString()).toBe('2026-11-22T15:00:00.000Z');
  });
});

describe('readDate', () => {
  test('Date values become the local day', () => {
    // 2026-11-22T15:30Z is Nov 23 in Tokyo, Nov 22 in Los Angeles (07:30 PST)
    const value = new Date('2026-11-22T15:30:00Z');
    expect(readDate(value, TOKYO)).toEqual({ kind: 'day', day: day('2026-11-23') });
    expect(readDate(value, LA)).toEqual({ kind: 'day', day: day('2026-11-22') });
  });

  test('ISO day text is the day as written, whatever the time zone', () => {
    expect(readDate('2026-11-23', TOKYO)).toEqual({ kind: 'day', day: day('2026-11-23') });
    expect(readDate(' 2026-11-23 ', LA)).toEqual({ kind: 'day', day: day('2026-11-23') });
    expect(readDate('2026-11-23 10:00', LA)).toEqual({ kind: 'day', day: day('2026-11-23') });
  });

  test('ISO text with an offset is an instant, read in the time zone', () => {
    // 2026-11-23T23:30-08:00 = 2026-11-24T07:30Z = 2026-11-24 16:30 JST
    expect(readDate('2026-11-23T23:30:00-08:00', TOKYO)).toEqual({ kind: 'day', day: day('2026-11-24') });
    expect(readDate('2026-11-23T23:30:00-08:00', LA)).toEqual({ kind: 'day', day: day('2026-11-23') });
  });

  test('blank cells are blank', () => {
    expect(readDate('', UTC)).toEqual({ kind: 'blank' });
    expect(readDate('   ', UTC)).toEqual({ kind: 'blank' });
    expect(readDate(null, UTC)).toEqual({ kind: 'blank' });
    expect(readDate(undefined, UTC)).toEqual({ kind: 'blank' });
  });

  test('unreadable values are bad, with their text', () => {
    expect(readDate('next week', UTC)).toEqual({ kind: 'bad', text: 'next week' });
    // February 2026 has 28 days
    expect(readDate('2026-02-29', UTC)).toEqual({ kind: 'bad', text: '2026-02-29' });
    expect(readDate('2026-13-01', UTC).kind).toBe('bad');
    expect(readDate('23/11/2026', UTC).kind).toBe('bad');
    expect(readDate(46_000, UTC).kind).toBe('bad');
    expect(readDate(new Date(Number.NaN), UTC).kind).toBe('bad');
  });

  test('leap day 2028-02-29 is a date', () => {
    // 2028-02-28 + 1 day
    expect(readDate('2028-02-29', UTC)).toEqual({ kind: 'day', day: day('2028-02-28') + 1 });
  });
});

describe('months', () => {
  test('formatDay and monthOf', () => {
    expect(formatDay(day('2026-12-31'))).toBe('2026-12-31');
    expect(monthOf(day('2026-12-31'))).toBe('2026-12');
    // 2026-12-31 + 1 day = 2027-01-01
    expect(monthOf(day('2026-12-31') + 1)).toBe('2027-01');
  });

  test('readMonth takes 2026-12, 2026-1, a full ISO day or a Date in the time zone', () => {
    expect(readMonth('2026-12', UTC)).toBe('2026-12');
    expect(readMonth('2026-1', UTC)).toBe('2026-01');
    expect(readMonth('2026-12-15', UTC)).toBe('2026-12');
    // 2026-11-30T15:30Z = 2026-12-01 00:30 JST, still November 07:30 PST in Los Angeles
    expect(readMonth(new Date('2026-11-30T15:30:00Z'), TOKYO)).toBe('2026-12');
    expect(readMonth(new Date('2026-11-30T15:30:00Z'), LA)).toBe('2026-11');
  });

  test('readMonth rejects what is not a month', () => {
    expect(readMonth('2026-13', UTC)).toBeNull();
    expect(readMonth('December', UTC)).toBeNull();
    expect(readMonth('', UTC)).toBeNull();
  });
});

describe('monthIndex / monthKey / monthStart (month keys by arithmetic)', () => {
  it('agree with the Date-based monthOf every 13th day from year -220 to 10183', () => {
    const wrong: number[] = [];
    for (let day = -800_000; day < 3_000_000; day += 13) {
      const index = monthIndex(day);
      if (
        monthKey(index) !== monthOf(day) ||
        monthIndex(monthStart(index)) !== index ||
        monthIndex(monthStart(index) - 1) !== index - 1
      )
        wrong.push(day);
    }
    expect(wrong).toEqual([]);
  });

  it('give 2026-02 for 2026-02-28 and 2024-02 for the leap day', () => {
    expect(monthKey(monthIndex(Date.UTC(2026, 1, 28) / 86_400_000))).toBe('2026-02');
    expect(monthKey(monthIndex(Date.UTC(2024, 1, 29) / 86_400_000))).toBe('2024-02');
    expect(monthStart(2026 * 12 + 2)).toBe(Date.UTC(2026, 2, 1) / 86_400_000);
  });
});
