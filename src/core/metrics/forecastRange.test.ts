import fc from 'fast-check';
import { day, errorOf, historyRows, pipeline } from '../testing';
import { calibrationTable } from './calibration';
import { forecastRange, forecastRangeTable } from './forecastRange';

/** Today 2026-11-23; the window is November 2026. */
const NOVEMBER = { start: day('2026-11-01'), end: day('2026-11-30') };
const HEADER = ['Low (P10)', 'Likely (P50)', 'High (P90)', 'Expected'];

const DEALS = [
  // in the window: 1000 at Proposal's 60 %, 3000 at its own 50 %
  { id: 'F1', deal: 'A', stage: 'Proposal', amount: 1000, expectedClose: '2026-11-25' },
  {
    id: 'F2',
    deal: 'B',
    stage: 'Negotiation',
    amount: 3000,
    probability: '50%',
    expectedClose: '2026-11-28',
  },
  // outside the window: after it, before it
  { id: 'F3', deal: 'C', stage: 'Lead', amount: 500, expectedClose: '2026-12-05' },
  { id: 'F4', deal: 'D', stage: 'Qualified', amount: 800, expectedClose: '2026-10-30' },
  // won in the window: 2000; won before it: not counted; lost: never counted
  { id: 'F5', deal: 'E', stage: 'Won', amount: 2000, closed: '2026-11-10' },
  { id: 'F6', deal: 'F', stage: 'Won', amount: 7000, closed: '2026-10-15' },
  { id: 'F7', deal: 'G', stage: 'Lost', amount: 900, closed: '2026-11-12' },
  // unreadable amount: left out (PIPELINE_CHECK lists it)
  { id: 'F8', deal: 'H', stage: 'Contacted', amount: 'abc', expectedClose: '2026-11-20' },
  { id: 'F9', deal: 'I', stage: 'Lost', amount: 400, closed: '2026-09-01' },
  { id: 'F10', deal: 'J', stage: 'Lost', amount: 300, closed: '2026-08-01' },
];
const HISTORY = historyRows([
  ['2026-11-12', 'F7', 'G', 'Contacted', 'Lost'],
  ['2026-09-01', 'F9', 'I', 'Proposal', 'Lost'],
]);

describe('PIPELINE_FORECAST_RANGE', () => {
  test('two open deals and a won one, every outcome listed', () => {
    // won 2000; A 1000 at 0.6, B 3000 at 0.5:
    //   neither 0.4 × 0.5 = 0.20 → 2000   cumulative 0.20
    //   A only  0.6 × 0.5 = 0.30 → 3000   0.50
    //   B only  0.4 × 0.5 = 0.20 → 5000   0.70
    //   both    0.6 × 0.5 = 0.30 → 6000   1.00
    // P10 2000, P50 3000 (0.50 reaches 50 %), P90 6000; Expected 2000 + 600 + 1500 = 4100
    expect(forecastRangeTable(pipeline(DEALS), NOVEMBER)).toEqual([HEADER, [2000, 3000, 6000, 4100]]);
  });

  test('the history basis: each stage its historical win rate', () => {
    // Closed deals and what they reached: F5, F6 won (every stage); F7 lost from Contacted; F9
    // lost from Proposal; F10 lost without History (Lead only).
    // Proposal: F5, F6 won, F9 lost → 2/3. Negotiation: F5, F6 won → 1 (B's own 50 % is not used).
    // B is then certain: 2000 + 3000 = 5000, and A (1000) won with 2/3:
    //   A lost 1/3 → 5000 (cumulative 1/3), A won 2/3 → 6000
    // P10 5000, P50 6000, P90 6000; Expected 5000 + 1000 × 2/3
    const p = pipeline(DEALS, { history: HISTORY });
    const [, row] = forecastRangeTable(p, NOVEMBER, 'history');
    expect(row!.slice(0, 3)).toEqual([5000, 6000, 6000]);
    expect(row![3]).toBeCloseTo(5000 + 2000 / 3, 9);
  });

  test('a stage no closed deal reached keeps its set probability on the history basis', () => {
    // Only a lost deal without History: it reached Lead alone. Proposal keeps its 60 %.
    const p = pipeline([
      { id: 'P', stage: 'Proposal', amount: 1000, expectedClose: '2026-11-25' },
      { id: 'L', stage: 'Lost', amount: 10, closed: '2026-11-02' },
    ]);
    // 1000 at 0.6: 0 (0.4), 1000 (1.0) → P10 0, P50 1000, P90 1000; Expected 600
    expect(forecastRangeTable(p, NOVEMBER, 'history')).toEqual([HEADER, [0, 1000, 1000, 600]]);
  });

  test('all probabilities 0 or 1: no spread at all', () => {
    const p = pipeline([
      { id: 'A', stage: 'Proposal', amount: 1000, probability: '100%', expectedClose: '2026-11-25' },
      { id: 'B', stage: 'Proposal', amount: 4000, probability: 0, expectedClose: '2026-11-26' },
      { id: 'W', stage: 'Won', amount: 250, closed: '2026-11-02' },
    ]);
    // 250 won + 1000 certain; 4000 never
    expect(forecastRangeTable(p, NOVEMBER)).toEqual([HEADER, [1250, 1250, 1250, 1250]]);
  });

  test('no open deal in the window: the won amount only; nothing at all: zeros', () => {
    const wonOnly = pipeline(DEALS.filter((d) => d.stage !== 'Proposal' && d.stage !== 'Negotiation'));
    // F8's unreadable amount is in the window but has no Amount: an error, not a silent 2000
    expect(errorOf(() => forecastRange(wonOnly, NOVEMBER))).toBe(
      'None of the 1 open deal(s) expected to close from 2026-11-01 to 2026-11-30 has a readable Amount; see PIPELINE_CHECK.',
    );
    const clean = pipeline(DEALS.filter((d) => d.stage === 'Won' || d.stage === 'Lost' || d.id === 'F3'));
    expect(forecastRangeTable(clean, NOVEMBER)).toEqual([HEADER, [2000, 2000, 2000, 2000]]);
    expect(forecastRangeTable(pipeline([]), NOVEMBER)).toEqual([HEADER, [0, 0, 0, 0]]);
  });

  test('an open-ended window takes every open deal, dated or not, and every won one', () => {
    const p = pipeline([
      { id: 'A', stage: 'Proposal', amount: 1000, probability: 1, expectedClose: '' },
      { id: 'W', stage: 'Won', amount: 7000, closed: '2026-10-15' },
    ]);
    expect(forecastRangeTable(p, { start: null, end: null })).toEqual([HEADER, [8000, 8000, 8000, 8000]]);
  });

  test('property: P10 ≤ P50 ≤ P90, and Expected = Σ Amount × probability + won', () => {
    const stages = ['Lead', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost'];
    const deal = fc.record({
      stage: fc.constantFrom(...stages),
      amount: fc.integer({ min: 0, max: 50000 }),
      probability: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
      inWindow: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(deal, { maxLength: 30 }), (specs) => {
        const p = pipeline(
          specs.map((s, i) => ({
            id: `X${i}`,
            stage: s.stage,
            amount: s.amount,
            probability: s.probability === undefined ? '' : `${s.probability}%`,
            expectedClose: s.inWindow ? '2026-11-15' : '2026-12-15',
            closed: s.inWindow ? '2026-11-05' : '2026-10-05',
          })),
        );
        const r = forecastRange(p, NOVEMBER);
        expect(r.low).toBeLessThanOrEqual(r.likely);
        expect(r.likely).toBeLessThanOrEqual(r.high);
        // independently: the stage probabilities of SPEC §1, a deal's own winning
        const set: Record<string, number> = { Lead: 0.1, Qualified: 0.2, Proposal: 0.6, Negotiation: 0.8 };
        let expected = 0;
        for (const s of specs) {
          if (!s.inWindow) continue;
          if (s.stage === 'Won') expected += s.amount;
          else if (s.stage !== 'Lost')
            expected += s.amount * (s.probability === undefined ? set[s.stage]! : s.probability / 100);
        }
        expect(r.expected).toBeCloseTo(expected, 6);
        expect(r.low).toBeGreaterThanOrEqual(r.won - r.openAmount / 100);
        expect(r.high).toBeLessThanOrEqual(r.won + r.openAmount * 1.01);
      }),
      { numRuns: 150, seed: 1411 },
    );
  });
});

describe('PIPELINE_FORECAST_RANGE with a quota: Quota and Chance Of Quota = P(won ≥ quota)', () => {
  const QUOTA_HEADER = [...HEADER, 'Quota', 'Chance Of Quota'];
  const amount = (n: number) => ({ kind: 'amount' as const, amount: n });

  test('two open deals and a won one: the chance read off every outcome', () => {
    // The outcomes of the first test: 2000 (0.20), 3000 (0.30), 5000 (0.20), 6000 (0.30).
    //   quota 5000: 5000 or 6000 → 0.20 + 0.30 = 0.50;   quota 4000: the same 0.50
    //   quota 3000: 0.30 + 0.20 + 0.30 = 0.80;            quota 6000: 0.30
    //   quota 2000 (already won): 1;                       quota 6001: 0
    const p = pipeline(DEALS);
    const chance = (q: number) => forecastRangeTable(p, NOVEMBER, 'set', amount(q))[1]![5] as number;
    expect(forecastRangeTable(p, NOVEMBER, 'set', amount(5000))).toEqual([
      QUOTA_HEADER,
      [2000, 3000, 6000, 4100, 5000, expect.closeTo(0.5, 12)],
    ]);
    expect(chance(4000)).toBeCloseTo(0.5, 12);
    expect(chance(3000)).toBeCloseTo(0.8, 12);
    expect(chance(6000)).toBeCloseTo(0.3, 12);
    expect(chance(2000)).toBe(1);
    expect(chance(6001)).toBe(0);
    // without a quota the table is exactly the four columns it always was
    expect(forecastRangeTable(p, NOVEMBER, 'set', null)).toEqual([HEADER, [2000, 3000, 6000, 4100]]);
  });

  test('three deals, every outcome listed, against the Team sheet quota (Ana 4000 + Ben 2000)', () => {
    // Nothing won; X 1000 at 50 %, Y 2000 at 50 %, Z 4000 at 25 % (all in Proposal, own Probability):
    //   none 0.5·0.5·0.75 = 0.1875 → 0      X    0.1875 → 1000    Y   0.1875 → 2000
    //   X+Y  0.1875 → 3000                  Z    0.0625 → 4000    X+Z 0.0625 → 5000
    //   Y+Z  0.0625 → 6000                  all  0.0625 → 7000
    // cumulative 0.1875, 0.375, 0.5625, 0.75, 0.8125, 0.875, 0.9375, 1: P10 0, P50 2000, P90 6000
    // Team quota 6000 (Cy's blank quota adds nothing): Y+Z or all → 0.0625 + 0.0625 = 0.125
    // Expected 500 + 1000 + 1000 = 2500
    const team = [
      ['Owner', 'Email', 'Quota'],
      ['Ana', 'ana@example.com', 4000],
      ['Ben', 'ben@example.com', 2000],
      ['Cy', 'cy@example.com', ''],
    ];
    const deals = [
      { id: 'X', stage: 'Proposal', amount: 1000, probability: '50%', expectedClose: '2026-11-03' },
      { id: 'Y', stage: 'Proposal', amount: 2000, probability: '50%', expectedClose: '2026-11-30' },
      { id: 'Z', stage: 'Proposal', amount: 4000, probability: '25%', expectedClose: '2026-11-01' },
    ];
    const [header, row] = forecastRangeTable(pipeline(deals, { team }), NOVEMBER, 'set', { kind: 'team' });
    expect(header).toEqual(QUOTA_HEADER);
    expect(row!.slice(0, 5)).toEqual([0, 2000, 6000, 2500, 6000]);
    expect(row![5] as number).toBeCloseTo(0.125, 12);
  });

  test('no quota in Team: Quota says so, the chance is blank; quota 0 or negative is an error', () => {
    const p = pipeline(DEALS, {
      team: [
        ['Owner', 'Email', 'Quota'],
        ['Ana', 'ana@example.com', 0],
      ],
    });
    expect(forecastRangeTable(p, NOVEMBER, 'set', { kind: 'team' })).toEqual([
      QUOTA_HEADER,
      [2000, 3000, 6000, 4100, 'No quota in Team', ''],
    ]);
    expect(forecastRangeTable(pipeline(DEALS), NOVEMBER, 'set', { kind: 'team' })[1]).toEqual([
      2000,
      3000,
      6000,
      4100,
      'No quota in Team',
      '',
    ]);
    expect(errorOf(() => forecastRangeTable(p, NOVEMBER, 'set', amount(0)))).toBe(
      'Quota must be more than 0 (got 0).',
    );
    expect(errorOf(() => forecastRangeTable(p, NOVEMBER, 'set', amount(-5)))).toBe(
      'Quota must be more than 0 (got -5).',
    );
  });

  test('no open deal in the window: the chance is 1 or 0 by the won amount alone', () => {
    const p = pipeline([
      { id: 'W', stage: 'Won', amount: 2500, closed: '2026-11-02' },
      { id: 'O', stage: 'Proposal', amount: 9000, expectedClose: '2026-12-02' },
    ]);
    expect(forecastRangeTable(p, NOVEMBER, 'set', amount(2500))[1]).toEqual([
      2500, 2500, 2500, 2500, 2500, 1,
    ]);
    expect(forecastRangeTable(p, NOVEMBER, 'set', amount(2501))[1]).toEqual([
      2500, 2500, 2500, 2500, 2501, 0,
    ]);
  });
});

describe('PIPELINE_CALIBRATION', () => {
  test('set against historical per open stage, on the same closed deals', () => {
    // Reached by closed deals: F5, F6 won reach every stage; F7 lost reached Lead…Contacted;
    // F9 lost reached Lead…Proposal; F10 lost (no History) reached Lead.
    //   Lead: 2 won, 3 lost → 0.4 on 5;  Qualified, Contacted: 2/4 = 0.5;
    //   Needs Assessment, Proposal: 2/3;  Negotiation: 2/2 = 1
    const table = calibrationTable(pipeline(DEALS, { history: HISTORY }));
    expect(table[0]).toEqual(['Stage', 'Set Probability', 'Historical', 'Closed Deals', 'Difference']);
    const expected: [string, number, number, number][] = [
      ['Lead', 0.1, 0.4, 5],
      ['Qualified', 0.2, 0.5, 4],
      ['Contacted', 0.3, 0.5, 4],
      ['Needs Assessment', 0.4, 2 / 3, 3],
      ['Proposal', 0.6, 2 / 3, 3],
      ['Negotiation', 0.8, 1, 2],
    ];
    expect(table).toHaveLength(7);
    expected.forEach(([stage, set, historical, closed], i) => {
      const row = table[i + 1]!;
      expect(row.slice(0, 2)).toEqual([stage, set]);
      expect(row[2] as number).toBeCloseTo(historical, 12);
      expect(row[3]).toBe(closed);
      expect(row[4] as number).toBeCloseTo(historical - set, 12);
    });
  });

  test('a stage no closed deal reached: Historical and Difference blank, 0 closed deals', () => {
    // one lost deal without History reached Lead only: 0 won of 1
    const table = calibrationTable(pipeline([{ id: 'L', stage: 'Lost', closed: '2026-11-02' }]));
    expect(table[1]).toEqual(['Lead', 0.1, 0, 1, -0.1]);
    expect(table[2]).toEqual(['Qualified', 0.2, '', 0, '']);
    expect(table[6]).toEqual(['Negotiation', 0.8, '', 0, '']);
  });
});
