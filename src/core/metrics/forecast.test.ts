import { errorOf, pipeline } from '../testing';
import { forecastMonth, forecastTable } from './forecast';

// Default probabilities: Lead 10 %, Proposal 60 %, Negotiation 80 %.
const p = pipeline([
  { deal: 'P', stage: 'Proposal', amount: 10000, expectedClose: '2026-12-05' }, // 10000 × 0.6 = 6000
  { deal: 'N', stage: 'Negotiation', amount: 5000, probability: '50%', expectedClose: '2026-12-31' }, // × 0.5 = 2500
  { deal: 'L', stage: 'Lead', amount: 2000, expectedClose: '2026-11-30' }, // 2000 × 0.1 = 200
  { deal: 'L2', stage: 'Lead', amount: 1000 }, // no Expected Close: 1000 × 0.1 = 100 under No date
  { deal: 'W1', stage: 'Won', amount: 7000, closed: '2026-11-10', expectedClose: '2026-12-01' }, // Won, by Closed month: Nov
  { deal: 'W2', stage: 'Won', amount: 3000, closed: '2026-12-01' }, // Won Dec
  { deal: 'W3', stage: 'Won', amount: 900 }, // won without Closed: in no month
  { deal: 'X', stage: 'Lost', amount: 9999, closed: '2026-11-11', expectedClose: '2026-11-15' }, // lost: nowhere
  { deal: 'A', stage: 'Proposal', amount: 'abc', expectedClose: '2026-12-10' }, // counted, no value
  { deal: 'J', stage: 'Negotiation', amount: 4000, expectedClose: '2027-01-15' }, // 4000 × 0.8 = 3200
]);

describe('PIPELINE_FORECAST(month)', () => {
  test('Σ Amount × probability of open deals expected to close that month', () => {
    // December: P 6000 + N 2500 + A (no amount) = 8500 (W1 is won, not open)
    expect(forecastMonth(p, '2026-12')).toBeCloseTo(8500, 6);
    // November: L 200 (X is lost)
    expect(forecastMonth(p, '2026-11')).toBeCloseTo(200, 6);
    // January 2027: J 3200
    expect(forecastMonth(p, '2027-01')).toBeCloseTo(3200, 6);
    // nothing expected in March: 0 (a sum)
    expect(forecastMonth(p, '2027-03')).toBe(0);
  });
});

describe('PIPELINE_FORECAST(month): no silent 0', () => {
  test('open deals expected that month but not one readable Amount: an error, as for VALUE', () => {
    // February 2027: only B (amount "abc") and C (blank) are expected → nothing to weigh, not 0
    const q = pipeline([
      { deal: 'B', stage: 'Proposal', amount: 'abc', expectedClose: '2027-02-10' },
      { deal: 'C', stage: 'Lead', expectedClose: '2027-02-20' },
      { deal: 'D', stage: 'Lead', amount: 100, expectedClose: '2027-03-01' },
    ]);
    expect(errorOf(() => forecastMonth(q, '2027-02'))).toBe(
      'None of the 2 deal(s) expected to close in 2027-02 has a readable Amount; see PIPELINE_CHECK.',
    );
    // March: D 100 × 0.1 = 10; April: no deal at all → a true 0
    expect(forecastMonth(q, '2027-03')).toBeCloseTo(10, 10);
    expect(forecastMonth(q, '2027-04')).toBe(0);
  });
});

describe('PIPELINE_FORECAST() table', () => {
  test('months in order, Won by Closed month, No date last', () => {
    // 2026-11: open L (1, 2000, 200); won W1 7000
    // 2026-12: open P, N, A (3, 10000 + 5000 = 15000, 6000 + 2500 = 8500); won W2 3000
    // 2027-01: open J (1, 4000, 3200); won 0
    // No date: L2 (1, 1000, 100)
    expect(forecastTable(p)).toEqual([
      ['Month', 'Open Deals', 'Value', 'Weighted', 'Won'],
      ['2026-11', 1, 2000, 200, 7000],
      ['2026-12', 3, 15000, 8500, 3000],
      ['2027-01', 1, 4000, 3200, 0],
      ['No date', 1, 1000, 100, 0],
    ]);
  });

  test('a month with only won deals has a row with 0 open', () => {
    const q = pipeline([{ stage: 'Won', amount: 500, closed: '2026-09-30' }]);
    expect(forecastTable(q)).toEqual([
      ['Month', 'Open Deals', 'Value', 'Weighted', 'Won'],
      ['2026-09', 0, 0, 0, 500],
    ]);
  });

  test('no deals: only the header', () => {
    expect(forecastTable(pipeline([]))).toEqual([['Month', 'Open Deals', 'Value', 'Weighted', 'Won']]);
  });
});
