import type { Window } from '../pipeline';
import { day, errorOf, pipeline } from '../testing';
import { averageWon, cycleDays, velocity, winRate } from './closed';

const ALL: Window = { start: null, end: null };
const win = (start: string | null, end: string | null): Window => ({
  start: start === null ? null : day(start),
  end: end === null ? null : day(end),
});

// Closed deals:                                          cycle (Created → Closed)
//   A  Won  Ana 10000  2026-09-01 → 2026-10-01           30 days
//   B  Won  Ana 20000  2026-10-01 → 2026-10-31           30 days
//   C  Lost Ana  5000  2026-09-15 → 2026-10-15
//   D  Won  Ben  6000  2026-10-10 → 2026-11-01           22 days
//   E  Lost Ben  1000  2026-11-01 → 2026-11-15
// Open: G Proposal Ana 8000, H Lead Ben 3000
const deals = [
  { deal: 'A', owner: 'Ana', amount: 10000, stage: 'Won', created: '2026-09-01', closed: '2026-10-01' },
  { deal: 'B', owner: 'Ana', amount: 20000, stage: 'won', created: '2026-10-01', closed: '2026-10-31' },
  { deal: 'C', owner: 'Ana', amount: 5000, stage: 'Lost', created: '2026-09-15', closed: '2026-10-15' },
  { deal: 'D', owner: 'Ben', amount: 6000, stage: 'Won', created: '2026-10-10', closed: '2026-11-01' },
  { deal: 'E', owner: 'Ben', amount: 1000, stage: 'Lost', created: '2026-11-01', closed: '2026-11-15' },
  { deal: 'G', owner: 'Ana', amount: 8000, stage: 'Proposal', created: '2026-11-01' },
  { deal: 'H', owner: 'Ben', amount: 3000, stage: 'Lead', created: '2026-11-10' },
];
const p = pipeline(deals);
const f = (owner: string, window: Window = ALL) => ({ owner, window });

describe('PIPELINE_WINRATE', () => {
  test('all closed deals: won A, B, D = 3; lost C, E = 2 → 3/5 = 0.6', () => {
    expect(winRate(p, f(''))).toBeCloseTo(0.6, 10);
  });

  test('owner, case-insensitive: Ana won 2, lost 1 → 2/3', () => {
    expect(winRate(p, f('ana'))).toBeCloseTo(2 / 3, 10);
    expect(winRate(p, f('BEN'))).toBeCloseTo(0.5, 10); // won 1, lost 1 → 1/2
  });

  test('window is inclusive: closed exactly on start (A, Oct 1) and end (B, Oct 31) count', () => {
    // Oct 1 – Oct 31: A won, B won, C lost → 2/3
    expect(winRate(p, f('', win('2026-10-01', '2026-10-31')))).toBeCloseTo(2 / 3, 10);
    // Oct 2 – Oct 30: only C lost → 0/1 = 0 (a real 0, not an error)
    expect(winRate(p, f('', win('2026-10-02', '2026-10-30')))).toBe(0);
  });

  test('open-ended windows', () => {
    // from Nov 1: D won, E lost → 1/2
    expect(winRate(p, f('', win('2026-11-01', null)))).toBeCloseTo(0.5, 10);
    // until Oct 1: A won → 1/1
    expect(winRate(p, f('', win(null, '2026-10-01')))).toBe(1);
  });

  test('nothing closed in the window: a clear error, never 0 or NaN', () => {
    expect(errorOf(() => winRate(p, f('', win('2026-12-01', '2026-12-31'))))).toBe(
      'No closed deals in this period.',
    );
    expect(errorOf(() => winRate(p, f('Cleo')))).toBe('No closed deals for Cleo.');
    expect(errorOf(() => winRate(pipeline([{ stage: 'Lead' }]), f('')))).toBe('No closed deals.');
  });

  test('a closed deal without a readable Closed date counts without a window, not within one', () => {
    const q = pipeline([
      { stage: 'Won', closed: 'next week' },
      { stage: 'Lost', closed: '2026-10-10' },
    ]);
    // no window: won 1, lost 1 → 1/2; Oct window: only the lost one → 0/1 = 0
    expect(winRate(q, f(''))).toBe(0.5);
    expect(winRate(q, f('', win('2026-10-01', '2026-10-31')))).toBe(0);
  });

  test('won count does not need an amount', () => {
    // 'abc' amount still counts as a won deal: 1 won / 1 closed
    expect(winRate(pipeline([{ stage: 'Won', amount: 'abc', closed: '2026-10-01' }]), f(''))).toBe(1);
  });
});

describe('PIPELINE_AVG_DEAL', () => {
  test('mean Amount of won deals: (10000 + 20000 + 6000) / 3 = 12000', () => {
    expect(averageWon(p, f(''))).toBe(12000);
  });

  test('owner and window', () => {
    // Ana: (10000 + 20000) / 2 = 15000; Nov 1 – Nov 30: D 6000 → 6000
    expect(averageWon(p, f('Ana'))).toBe(15000);
    expect(averageWon(p, f('', win('2026-11-01', '2026-11-30')))).toBe(6000);
  });

  test('a won deal with an unreadable amount is left out of the mean', () => {
    const q = pipeline([
      { stage: 'Won', amount: 'abc', closed: '2026-10-01' },
      { stage: 'Won', amount: '$4,000', closed: '2026-10-02' },
      { stage: 'Won', amount: '2000 USD', closed: '2026-10-03' },
    ]);
    // (4000 + 2000) / 2 = 3000, not (0 + 4000 + 2000) / 3
    expect(averageWon(q, f(''))).toBe(3000);
  });

  test('no won deals: a clear error', () => {
    // Ben won nothing in October (D closed Nov 1)
    expect(errorOf(() => averageWon(p, f('Ben', win('2026-10-01', '2026-10-31'))))).toBe(
      'No won deals with an amount in this period for Ben.',
    );
    expect(errorOf(() => averageWon(pipeline([{ stage: 'Lost', amount: 10 }]), f('')))).toContain(
      'No won deals',
    );
  });
});

describe('PIPELINE_CYCLE_DAYS', () => {
  test('mean days Created → Closed of won deals: (30 + 30 + 22) / 3 = 82/3', () => {
    expect(cycleDays(p, f(''))).toBeCloseTo(82 / 3, 10);
  });

  test('owner and window', () => {
    // Ana: (30 + 30) / 2 = 30; Nov window: D 22
    expect(cycleDays(p, f('Ana'))).toBe(30);
    expect(cycleDays(p, f('', win('2026-11-01', null)))).toBe(22);
  });

  test('deals missing Created, or closed before created, are left out', () => {
    const q = pipeline([
      { stage: 'Won', created: '', closed: '2026-10-01' },
      { stage: 'Won', created: 'next week', closed: '2026-10-01' },
      { stage: 'Won', created: '2026-10-10', closed: '2026-10-01' },
      { stage: 'Won', created: '2026-09-21', closed: '2026-10-01' }, // 10 days
    ]);
    expect(cycleDays(q, f(''))).toBe(10);
  });

  test('no won deal to measure: a clear error', () => {
    expect(errorOf(() => cycleDays(pipeline([{ stage: 'Won', closed: '2026-10-01' }]), f('')))).toBe(
      'No won deals with Created and Closed dates.',
    );
  });
});

describe('PIPELINE_VELOCITY', () => {
  test('open deals × average won Amount × win rate ÷ average cycle days', () => {
    // open G, H = 2; avg 12000; win rate 0.6; cycle 82/3
    // 2 × 12000 × 0.6 = 14400; 14400 ÷ (82/3) = 43200/82 ≈ 526.83 per day
    expect(velocity(p, '')).toBeCloseTo(43200 / 82, 8);
  });

  test('for one owner', () => {
    // Ana: open G = 1; avg 15000; win rate 2/3; cycle 30 → 1 × 15000 × 2/3 ÷ 30 = 10000/30
    expect(velocity(p, 'Ana')).toBeCloseTo(10000 / 30, 8);
  });

  test('no open deals: 0 per day', () => {
    const q = pipeline([{ stage: 'Won', amount: 100, created: '2026-10-01', closed: '2026-10-11' }]);
    // 0 × 100 × 1 ÷ 10 = 0
    expect(velocity(q, '')).toBe(0);
  });

  test('nothing to measure: an error, never NaN/Infinity', () => {
    expect(errorOf(() => velocity(pipeline([{ stage: 'Lead', amount: 5 }]), ''))).toContain('No won deals');
    const sameDay = pipeline([
      { stage: 'Lead', amount: 5 },
      { stage: 'Won', amount: 100, created: '2026-10-01', closed: '2026-10-01' },
    ]);
    // cycle 0 days would divide by zero
    expect(errorOf(() => velocity(sameDay, ''))).toContain('velocity is undefined');
  });
});
