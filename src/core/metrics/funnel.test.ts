import { errorOf, historyRows, pipeline } from '../testing';
import { conversion, funnel, stageDays, stageProbability } from './funnel';
import { Reach } from './reached';

// Open stages in order: Lead, Qualified, Contacted, Needs Assessment, Proposal, Negotiation.
//   a Lead         1000
//   b Contacted    2000 (30 %)         → skipped Qualified counts as passed
//   c Proposal     4000, own 50 %
//   d Won          5000                → reached every open stage, and Won
//   e Lost         (ID E)              → no History: only Lead
//   f Lost                             → no History: only Lead
const deals = [
  { id: 'A', deal: 'a', stage: 'Lead', amount: 1000 },
  { id: 'B', deal: 'b', stage: 'Contacted', amount: 2000 },
  { id: 'C', deal: 'c', stage: 'Proposal', amount: 4000, probability: '50%' },
  { id: 'D', deal: 'd', stage: 'Won', amount: 5000 },
  { id: 'E', deal: 'e', stage: 'Lost', amount: 300 },
  { id: 'F', deal: 'f', stage: 'Lost' },
];
const noHistory = pipeline(deals);
// e's History: Lead → Qualified → Proposal → Lost (Contacted and Needs Assessment skipped)
const eHistory = historyRows([
  ['2026-10-01', 'E', 'e', '', 'Lead'],
  ['2026-10-05', 'E', 'e', 'Lead', 'Qualified'],
  ['2026-10-10', 'E', 'e', 'Qualified', 'Proposal'],
  ['2026-10-20', 'E', 'e', 'Proposal', 'Lost'],
]);
const withHistory = pipeline(deals, { history: eHistory });
const HEADER = ['Stage', 'Open Deals', 'Open Value', 'Weighted Value', 'Reached', 'Conversion'];

describe('reached (SPEC §2)', () => {
  test('without History', () => {
    const reach = new Reach(noHistory);
    const s = (name: string) => noHistory.stages.find(name)!;
    // Lead: all six (open ones at or after it, won reached all, lost only the first)
    expect(reach.count(s('Lead'))).toBe(6);
    // Qualified: b (skipped it), c, d = 3
    expect(reach.count(s('Qualified'))).toBe(3);
    // Negotiation: d only
    expect(reach.count(s('Negotiation'))).toBe(1);
    // Won: d; Lost: e, f
    expect(reach.count(s('Won'))).toBe(1);
    expect(reach.count(s('Lost'))).toBe(2);
    // e (index 4) reached Lead only
    expect(reach.reached(4, s('Lead'))).toBe(true);
    expect(reach.reached(4, s('Qualified'))).toBe(false);
  });

  test('with History, a lost deal reached the furthest open stage it entered and all before it', () => {
    const reach = new Reach(withHistory);
    const s = (name: string) => withHistory.stages.find(name)!;
    // e entered Proposal → Lead..Proposal reached (Contacted, Needs Assessment skipped = passed)
    expect(
      ['Lead', 'Qualified', 'Contacted', 'Needs Assessment', 'Proposal', 'Negotiation'].map((n) =>
        reach.reached(4, s(n)),
      ),
    ).toEqual([true, true, true, true, true, false]);
  });

  test('History found by deal name (case-insensitive) when rows have no ID', () => {
    const p = pipeline([{ deal: 'Acme Renewal', stage: 'Lost' }], {
      history: historyRows([['2026-10-01', '', 'acme renewal', 'Lead', 'Negotiation']]),
    });
    const reach = new Reach(p);
    // entered Negotiation → all six open stages reached
    expect(p.stages.open.map((st) => reach.reached(0, st))).toEqual([true, true, true, true, true, true]);
  });

  test('a deal that left a stage in History reached it, even if now earlier', () => {
    // moved back from Proposal to Lead: furthest is Proposal
    const p = pipeline([{ id: 'Q', stage: 'Lead' }], {
      history: historyRows([['2026-10-01', 'Q', '', 'Proposal', 'Lead']]),
    });
    const reach = new Reach(p);
    expect(reach.reached(0, p.stages.find('Proposal')!)).toBe(true);
    expect(reach.reached(0, p.stages.find('Negotiation')!)).toBe(false);
  });
});

describe('PIPELINE_FUNNEL', () => {
  test('without History', () => {
    // Reached: Lead 6, Qualified 3, Contacted 3, NA 2 (c, d), Proposal 2, Negotiation 1, Won 1
    // Conversion: 3/6, 3/3, 2/3, 2/2, 1/2, Won 1 / 1
    // Weighted: a 1000 × 0.1 = 100; b 2000 × 0.3 = 600; c 4000 × 0.5 (own) = 2000
    expect(funnel(noHistory)).toEqual([
      HEADER,
      ['Lead', 1, 1000, 100, 6, 0.5],
      ['Qualified', 0, 0, 0, 3, 1],
      ['Contacted', 1, 2000, 600, 3, 2 / 3],
      ['Needs Assessment', 0, 0, 0, 2, 1],
      ['Proposal', 1, 4000, 2000, 2, 0.5],
      ['Negotiation', 0, 0, 0, 1, 1],
    ]);
  });

  test('with History: e reached up to Proposal', () => {
    // Reached: Lead 6, Qualified 4 (b, c, d, e), Contacted 4, NA 3 (c, d, e), Proposal 3, Negotiation 1
    // Conversion: 4/6, 4/4, 3/4, 3/3, 1/3, 1/1
    const rows = funnel(withHistory);
    expect(rows.map((r) => r[4])).toEqual(['Reached', 6, 4, 4, 3, 3, 1]);
    const conv = rows.slice(1).map((r) => r[5] as number);
    [4 / 6, 1, 3 / 4, 1, 1 / 3, 1].forEach((want, i) => {
      expect(conv[i]).toBeCloseTo(want, 10);
    });
  });

  test('a stage nobody reached has a blank Conversion (never NaN)', () => {
    // one deal in Lead: Lead reached 1, Qualified 0 → Lead 0/1 = 0, Qualified ''
    const rows = funnel(pipeline([{ stage: 'Lead', amount: 10 }]));
    expect(rows[1]).toEqual(['Lead', 1, 10, 1, 1, 0]);
    expect(rows.slice(2).map((r) => r[5])).toEqual(['', '', '', '', '']);
  });

  test('custom stages: one row per open stage in sheet order; last converts to Won', () => {
    const stages = [
      ['Stage', 'Probability', 'Outcome'],
      ['Demo', '50%', 'Open'],
      ['Intro', '20%', 'Open'],
      ['Signed', '', 'Won'],
      ['Dropped', '', 'Lost'],
    ];
    const p = pipeline(
      [
        { stage: 'Demo', amount: 100 },
        { stage: 'Intro', amount: 100 },
        { stage: 'Signed', amount: 100 },
      ],
      { stages },
    );
    // Demo reached by all 3; Intro by Intro and Signed = 2; Signed reached 1
    // Demo: 1 deal, 100, 100 × 0.5 = 50, conversion 2/3; Intro: 100 × 0.2 = 20, conversion 1/2
    const rows = funnel(p);
    expect(rows.slice(1).map((r) => r.slice(0, 5))).toEqual([
      ['Demo', 1, 100, 50, 3],
      ['Intro', 1, 100, 20, 2],
    ]);
    expect(rows[1]![5]).toBeCloseTo(2 / 3, 10);
    expect(rows[2]![5]).toBe(0.5);
  });
});

describe('PIPELINE_CONVERSION', () => {
  test('without History', () => {
    const s = (n: string) => noHistory.stages.find(n)!;
    // entered Lead: 6; of them entered Won later: d → 1/6
    expect(conversion(noHistory, s('Lead'), s('Won'))).toBeCloseTo(1 / 6, 10);
    // entered Proposal: c, d; Won: d → 1/2
    expect(conversion(noHistory, s('Proposal'), s('Won'))).toBe(0.5);
    // Qualified (b, c, d) → Contacted (b, c, d) = 3/3
    expect(conversion(noHistory, s('Qualified'), s('Contacted'))).toBe(1);
  });

  test('with History: Proposal → Lost', () => {
    const s = (n: string) => withHistory.stages.find(n)!;
    // entered Proposal: c, d, e; later Lost: e → 1/3
    expect(conversion(withHistory, s('Proposal'), s('Lost'))).toBeCloseTo(1 / 3, 10);
    // Lead → Proposal: 6 entered Lead; c, d, e reached Proposal → 3/6
    expect(conversion(withHistory, s('Lead'), s('Proposal'))).toBe(0.5);
  });

  test('an earlier stage is not "later"', () => {
    const s = (n: string) => noHistory.stages.find(n)!;
    // c and d reached Proposal and Lead, but Lead comes before Proposal → 0/2
    expect(conversion(noHistory, s('Proposal'), s('Lead'))).toBe(0);
  });

  test('nobody entered the stage: a clear error', () => {
    const p = pipeline([{ stage: 'Lead' }]);
    expect(errorOf(() => conversion(p, p.stages.find('Negotiation')!, p.stages.won))).toBe(
      'No deals have entered Negotiation.',
    );
  });
});

describe('PIPELINE_STAGE_DAYS', () => {
  // X: Lead Oct 1 → Proposal Oct 5 (Days In Stage 3 given) → Negotiation Oct 15 (blank: derived 10)
  // Y: Lead → Proposal Oct 10 (no earlier row, blank days: not measurable) → Won Oct 30 (Days 20 given)
  // Z: enters Proposal Nov 1 and is still there: no completed stay
  const history = historyRows([
    ['2026-10-01', 'X', 'x', '', 'Lead'],
    ['2026-10-05', 'X', 'x', 'Lead', 'Proposal', 3],
    ['2026-10-10', 'Y', 'y', 'Lead', 'Proposal'],
    ['2026-10-15', 'X', 'x', 'proposal', 'Negotiation', ''],
    ['2026-10-30', 'Y', 'y', 'Proposal', 'Won', 20],
    ['2026-11-01', 'Z', 'z', 'Lead', 'Proposal', 2],
  ]);
  const p = pipeline([], { history });
  const s = (n: string) => p.stages.find(n)!;

  test('mean of completed stays, Days In Stage column or derived from When', () => {
    // Proposal: X derived Oct 5 → Oct 15 = 10; Y given 20; Z still in it → (10 + 20) / 2 = 15
    expect(stageDays(p, s('Proposal'))).toBe(15);
  });

  test('the Days In Stage column wins over the When dates', () => {
    // Lead: X given 3 (When says 4); Y blank with no entering row → left out; Z given 2 → (3 + 2) / 2
    expect(stageDays(p, s('Lead'))).toBe(2.5);
  });

  test('no completed stay: a clear error', () => {
    // X entered Negotiation and never left
    expect(errorOf(() => stageDays(p, s('Negotiation')))).toBe(
      'No completed stays in Negotiation in History.',
    );
    expect(errorOf(() => stageDays(pipeline([]), s('Lead')))).toContain('No completed stays in Lead');
  });
});

describe('PIPELINE_STAGE_PROBABILITY', () => {
  test('won ÷ (won + lost) among closed deals that reached the stage, without History', () => {
    const s = (n: string) => noHistory.stages.find(n)!;
    // Proposal: won d; lost e, f reached only Lead → 1 / (1 + 0) = 1
    expect(stageProbability(noHistory, s('Proposal'))).toBe(1);
    // Lead: won d; lost e, f → 1 / 3 (open a, b, c are not counted)
    expect(stageProbability(noHistory, s('Lead'))).toBeCloseTo(1 / 3, 10);
  });

  test('with History, a lost deal that reached the stage counts', () => {
    const s = (n: string) => withHistory.stages.find(n)!;
    // Proposal: won d; lost e (History) → 1 / 2
    expect(stageProbability(withHistory, s('Proposal'))).toBe(0.5);
    // Negotiation: only d → 1
    expect(stageProbability(withHistory, s('Negotiation'))).toBe(1);
  });

  test('no closed deal reached the stage: a clear error', () => {
    const p = pipeline([{ stage: 'Proposal' }]);
    expect(errorOf(() => stageProbability(p, p.stages.find('Proposal')!))).toBe(
      'No closed deals reached Proposal.',
    );
  });
});

describe('a pipeline of more than 31 stages (the team may add stages)', () => {
  // 33 open stages S1…S33, then Won, then Closed Lost and No Decision: 36 stages, more than
  // fit a 32-bit set. History: b went S1 → S20 → S5 (moved back), e was lost from S33.
  const rows: unknown[][] = [['Stage', 'Probability', 'Outcome']];
  for (let i = 1; i <= 33; i++) rows.push([`S${i}`, 0.5, 'Open']);
  rows.push(['Won', 1, 'Won'], ['Closed Lost', 0, 'Lost'], ['No Decision', 0, 'Lost']);
  const deals = [
    { id: 'A', deal: 'a', stage: 'S1', amount: 100 },
    { id: 'B', deal: 'b', stage: 'S5', amount: 200 },
    { id: 'C', deal: 'c', stage: 'Won', amount: 300 },
    { id: 'D', deal: 'd', stage: 'Closed Lost', amount: 400 },
    { id: 'E', deal: 'e', stage: 'No Decision', amount: 500 },
  ];
  const history = historyRows([
    ['2026-10-01', 'B', 'b', 'S1', 'S20'],
    ['2026-10-05', 'B', 'b', 'S20', 'S5'],
    ['2026-10-07', '', 'e', 'S33', 'No Decision'],
  ]);
  const p = pipeline(deals, { stages: rows, history });
  const s = (name: string) => p.stages.find(name)!;

  test('reached works past the 31st stage', () => {
    // Furthest open stage: a S1, b S20 (History), c won → S33, d lost without History → S1,
    // e lost from S33 (History by name) → S33.
    const reach = new Reach(p);
    // S1: all 5; S20: b, c, e = 3; S21..S33: c, e = 2; Won: c; No Decision: e; Closed Lost: d
    expect(reach.count(s('S1'))).toBe(5);
    expect(reach.count(s('S20'))).toBe(3);
    expect(reach.count(s('S33'))).toBe(2);
    expect(reach.count(s('Won'))).toBe(1);
    expect(reach.count(s('No Decision'))).toBe(1);
    expect(reach.count(s('Closed Lost'))).toBe(1);
  });

  test('FUNNEL, CONVERSION and STAGE_PROBABILITY', () => {
    const rows = funnel(p);
    // one row per open stage; S33 converts to Won: 1 / 2
    expect(rows.length).toBe(1 + 33);
    expect(rows[33]).toEqual(['S33', 0, 0, 0, 2, 0.5]);
    // S20 → Won: b, c, e entered S20; c won → 1/3
    expect(conversion(p, s('S20'), s('Won'))).toBeCloseTo(1 / 3, 10);
    // S33: won c; lost e reached it (d only reached S1) → 1 / 2
    expect(stageProbability(p, s('S33'))).toBe(0.5);
  });
});
