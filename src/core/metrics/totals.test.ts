import { runCustomFunction } from '../../functions/run';
import { pipeline } from '../testing';
import { countDeals, totalValue, weightedValue } from './totals';

const TEAM = [
  ['Owner', 'Email', 'Quota'],
  ['Ana', 'ana@example.com', 50000],
];

// Default stage probabilities: Lead 10 %, Proposal 60 %, Negotiation 80 %.
const deals = [
  { deal: 'L1', owner: 'Ana', amount: 1000, stage: 'Lead' }, // weighted 1000 × 0.1 = 100
  { deal: 'P1', owner: 'Ana', amount: '$12,500.50', stage: 'proposal', probability: '40%' }, // 12500.5 × 0.4 = 5000.2
  { deal: 'P2', owner: 'Ben', amount: 'abc', stage: 'Proposal' }, // unreadable amount: counted, no value
  { deal: 'N1', owner: 'ana@example.com', amount: 2000, stage: 'Negotiation', probability: 0 }, // own 0 % wins: 0
  { deal: 'W1', owner: 'Ana', amount: 5000, stage: 'Won' },
  { deal: 'X1', owner: 'Ben', amount: 700, stage: 'Lost' },
  { deal: 'U1', owner: 'Ana', amount: 999, stage: 'Prospecting' }, // unknown stage: never open
];
const p = pipeline(deals);
const withTeam = pipeline(deals, { team: TEAM });
const all = { stage: null, owner: '' };

describe('PIPELINE_COUNT', () => {
  test('open deals: L1, P1, P2, N1 = 4 (won, lost and unknown stage are not open)', () => {
    expect(countDeals(p, all)).toBe(4);
  });

  test('with a stage (case-insensitive stage object), the deals now in it', () => {
    // Proposal: P1, P2 = 2; Won: W1 = 1; Lost: X1 = 1; Qualified: 0
    expect(countDeals(p, { stage: p.stages.find('PROPOSAL')!, owner: '' })).toBe(2);
    expect(countDeals(p, { stage: p.stages.won, owner: '' })).toBe(1);
    expect(countDeals(p, { stage: p.stages.find('lost')!, owner: '' })).toBe(1);
    expect(countDeals(p, { stage: p.stages.find('Qualified')!, owner: '' })).toBe(0);
  });

  test('owner filter is case-insensitive', () => {
    // 'ana' matches the cells 'Ana': L1, P1 open = 2 (N1's owner cell is an email, no Team row)
    expect(countDeals(p, { stage: null, owner: 'ana' })).toBe(2);
    expect(countDeals(p, { stage: null, owner: ' BEN ' })).toBe(1);
    expect(countDeals(p, { stage: null, owner: 'Nobody' })).toBe(0);
  });

  test('owner by name or by Team email covers both kinds of Owner cell', () => {
    // Team maps Ana ↔ ana@example.com: L1, P1, N1 = 3 either way
    expect(countDeals(withTeam, { stage: null, owner: 'ANA' })).toBe(3);
    expect(countDeals(withTeam, { stage: null, owner: 'Ana@Example.com' })).toBe(3);
  });

  test('stage and owner together', () => {
    // Ana in Proposal: P1 only
    expect(countDeals(p, { stage: p.stages.find('Proposal')!, owner: 'Ana' })).toBe(1);
  });
});

describe('PIPELINE_VALUE', () => {
  test('total Amount of open deals; unreadable amounts left out', () => {
    // 1000 + 12500.50 + (abc: left out) + 2000 = 15500.5
    expect(totalValue(p, all)).toBeCloseTo(15500.5, 6);
  });

  test('with a stage: deals now in it, also Won', () => {
    // Proposal: 12500.5 + (abc) = 12500.5; Won: 5000
    expect(totalValue(p, { stage: p.stages.find('Proposal')!, owner: '' })).toBeCloseTo(12500.5, 6);
    expect(totalValue(p, { stage: p.stages.won, owner: '' })).toBe(5000);
  });

  test('owner by Team email', () => {
    // Ana (Team): 1000 + 12500.5 + 2000 = 15500.5; Ben: only P2, whose Amount "abc" is
    // unreadable — an error rather than a silent 0.
    expect(totalValue(withTeam, { stage: null, owner: 'ana@example.com' })).toBeCloseTo(15500.5, 6);
    expect(() => totalValue(withTeam, { stage: null, owner: 'Ben' })).toThrow(
      'None of the 1 deal(s) has a readable Amount',
    );
  });

  test('no deals: 0 (a sum, not an average)', () => {
    expect(totalValue(pipeline([]), all)).toBe(0);
  });
});

describe('PIPELINE_WEIGHTED', () => {
  test('Σ Amount × probability; own Probability (even 0) wins over the stage', () => {
    // 100 + 5000.2 + 0 (abc) + 0 (own 0 %) = 5100.2
    expect(weightedValue(p, all)).toBeCloseTo(5100.2, 6);
  });

  test('0.4, 40% and 40 all weight at 40 %', () => {
    const q = pipeline([
      { amount: 1000, stage: 'Lead', probability: 0.4 },
      { amount: 1000, stage: 'Lead', probability: '40%' },
      { amount: 1000, stage: 'Lead', probability: 40 },
    ]);
    // 3 × 1000 × 0.4 = 1200
    expect(weightedValue(q, all)).toBeCloseTo(1200, 6);
  });

  test('blank Probability uses the stage probability', () => {
    const q = pipeline([
      { amount: 1000, stage: 'Negotiation' },
      { amount: 2000, stage: 'Contacted', probability: '' },
    ]);
    // 1000 × 0.8 + 2000 × 0.3 = 800 + 600 = 1400
    expect(weightedValue(q, all)).toBeCloseTo(1400, 6);
  });

  test('with a stage', () => {
    // Lead only: 1000 × 0.1 = 100
    expect(weightedValue(p, { stage: p.stages.find('lead')!, owner: '' })).toBeCloseTo(100, 6);
  });
});

describe('no silent 0 when no Amount can be read', () => {
  test('VALUE and WEIGHTED raise an error naming the count when every selected Amount is unreadable or blank', () => {
    const rows = [
      ['Deal', 'Stage', 'Amount'],
      ['A', 'Lead', 'abc'], // unreadable
      ['B', 'Proposal', ''], // blank
      ['C', 'Won', 500], // not open: not in the set
    ];
    const source = {
      deals: () => ({ rows, sheet: 'Deals' }),
      stages: () => null,
      team: () => null,
      history: () => null,
      timeZone: () => 'Etc/UTC',
    };
    const now = new Date('2026-11-23T12:00:00Z');
    // Two open deals (A, B), neither with a readable Amount.
    expect(() => runCustomFunction('PIPELINE_VALUE', [rows], source, now)).toThrow(
      'None of the 2 deal(s) has a readable Amount',
    );
    expect(() => runCustomFunction('PIPELINE_WEIGHTED', [rows], source, now)).toThrow(
      'None of the 2 deal(s)',
    );
    // A stage with no deals at all is a true 0; Won has C's 500.
    expect(runCustomFunction('PIPELINE_VALUE', [rows, 'Negotiation'], source, now)).toBe(0);
    expect(runCustomFunction('PIPELINE_VALUE', [rows, 'Won'], source, now)).toBe(500);
  });
});
