import { Calendar } from '../model/dates';
import { parseSnapshots } from '../model/snapshots';
import { StageSet } from '../model/stages';
import type { Pipeline } from '../pipeline';
import { type DealSpec, d, errorOf, pipeline } from '../testing';
import { forecastAccuracyTable, monthSpan, monthsArgument } from './forecastAccuracy';

/** Snapshots: [taken, id, stage, amount, probability, expected close]. */
function snapshots(rows: [string, string, string, number, number | '', string][]): unknown[][] {
  return [
    ['Taken', 'Deal ID', 'Deal', 'Owner', 'Stage', 'Amount', 'Probability', 'Expected Close'],
    ...rows.map(([taken, id, stage, amount, p, close]) => [
      d(taken),
      id,
      id,
      'Ana',
      stage,
      amount,
      p,
      d(close),
    ]),
  ];
}
function withSnapshots(deals: DealSpec[], rows: unknown[][]): Pipeline {
  return {
    ...pipeline(deals),
    snapshots: parseSnapshots(rows, StageSet.defaults(), new Calendar('Etc/UTC')),
  };
}

// Today 2026-11-23: the last 6 whole months are May … October 2026.
const SNAPSHOTS = snapshots([
  // before August: its deals are expected in September, so August's forecast is 0
  ['2026-07-20', 'X8', 'Lead', 1000, 0.5, '2026-09-10'],
  // the last before September
  ['2026-08-24', 'X1', 'Proposal', 10000, 0.5, '2026-09-15'],
  ['2026-08-24', 'X2', 'Lead', 4000, 0.25, '2026-09-30'],
  ['2026-08-24', 'X3', 'Proposal', 6000, 0.6, '2026-10-10'],
  ['2026-08-24', 'X4', 'Proposal', 2000, '', '2026-09-03'], // no Probability: Proposal's 60 %
  // the last before October
  ['2026-09-28', 'X3', 'Negotiation', 6000, 0.8, '2026-10-10'],
  ['2026-09-28', 'X5', 'Qualified', 5000, 0.2, '2026-10-31'],
  ['2026-09-28', 'X6', 'Lead', 3000, 0.5, '2026-11-05'],
  // November is this month: not measured
  ['2026-10-26', 'X6', 'Lead', 3000, 0.5, '2026-11-05'],
]);
const DEALS: DealSpec[] = [
  { id: 'X1', stage: 'Won', amount: 9000, closed: '2026-09-20' },
  { id: 'X2', stage: 'Lost', amount: 4000, closed: '2026-09-30' },
  { id: 'X3', stage: 'Won', amount: 6000, closed: '2026-10-12' },
  { id: 'X4', stage: 'Won', amount: 2000, closed: '2026-09-02' },
  { id: 'X5', stage: 'Qualified', amount: 5000, expectedClose: '2026-12-31' },
  { id: 'X7', stage: 'Won', amount: 500, closed: '2026-08-15' },
  { id: 'X9', stage: 'Won', amount: 1000, closed: '2026-10-31' },
  { id: 'X10', stage: 'Won', amount: 777, closed: '2026-11-02' },
];

describe('PIPELINE_FORECAST_ACCURACY', () => {
  test('month by month, oldest first, only months with a snapshot before they began', () => {
    // May, June, July: no snapshot before them.
    // August (snapshot 07-20): nothing expected in August → Forecast 0, Error blank; won X7 500.
    // September (snapshot 08-24): X1 10000 × 0.5 + X2 4000 × 0.25 + X4 2000 × 0.6
    //   = 5000 + 1000 + 1200 = 7200; won X1 9000 + X4 2000 = 11000; error 3800 / 7200.
    // October (snapshot 09-28): X3 6000 × 0.8 + X5 5000 × 0.2 = 4800 + 1000 = 5800;
    //   won X3 6000 + X9 1000 = 7000; error 1200 / 5800.
    const p = withSnapshots(DEALS, SNAPSHOTS);
    expect(forecastAccuracyTable(p, 6)).toEqual([
      ['Month', 'Forecast', 'Won', 'Error'],
      ['2026-08', 0, 500, ''],
      ['2026-09', 7200, 11000, 3800 / 7200],
      ['2026-10', 5800, 7000, 1200 / 5800],
    ]);
    expect(forecastAccuracyTable(p, 1)).toEqual([
      ['Month', 'Forecast', 'Won', 'Error'],
      ['2026-10', 5800, 7000, 1200 / 5800],
    ]);
  });

  test('months: blank is 6, otherwise a whole number from 1 to 120', () => {
    expect(monthsArgument(null)).toBe(6);
    expect(monthsArgument(3)).toBe(3);
    expect(errorOf(() => monthsArgument(0))).toBe('months 0 is not a whole number of months from 1 to 120.');
    expect(errorOf(() => monthsArgument(2.5))).toBe(
      'months 2.5 is not a whole number of months from 1 to 120.',
    );
  });

  test('no snapshot, or none old enough: a clear error', () => {
    expect(errorOf(() => forecastAccuracyTable(withSnapshots(DEALS, snapshots([])), 6))).toMatch(
      /^Snapshots holds no snapshot yet/,
    );
    const recent = withSnapshots(DEALS, snapshots([['2026-11-16', 'X5', 'Lead', 1, 0.5, '2026-12-01']]));
    expect(errorOf(() => forecastAccuracyTable(recent, 6))).toBe(
      'No month to measure: a month needs a snapshot taken before it began, and the first snapshot (2026-11-16) is not before any of the last 6 month(s) (from 2026-05).',
    );
  });

  test('month spans across a year end', () => {
    const jan = monthSpan(Math.round(Date.UTC(2027, 0, 15) / 86_400_000), -1);
    expect(jan.key).toBe('2026-12');
    expect(jan.last - jan.first).toBe(30);
  });
});
