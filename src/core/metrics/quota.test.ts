import type { Window } from '../pipeline';
import { day, errorOf, pipeline } from '../testing';
import { attainment, coverage, resolveQuota } from './quota';

const TEAM = [
  ['Owner', 'Email', 'Quota'],
  ['Ana', 'ana@example.com', 50000],
  ['Ben', 'ben@example.com', '$25,000'],
  ['Cleo', 'cleo@example.com', ''],
];
const Q4: Window = { start: day('2026-10-01'), end: day('2026-12-31') };
const ALL: Window = { start: null, end: null };

// Won:  Ana 20000 Oct 15; Ana 10000 Dec 31 (window end, inclusive); Ben 5000 Oct 1 (window start);
//       Ana 40000 Sep 30 (before Q4)
// Open: Ana 30000 expected Nov 20; Ana 12000 expected Jan 10 2027; ben@example.com 8000 expected Dec 1;
//       Ana 4000 no Expected Close; Ana 'abc' expected Nov 1
const deals = [
  { owner: 'Ana', stage: 'Won', amount: 20000, closed: '2026-10-15' },
  { owner: 'Ana', stage: 'Won', amount: 10000, closed: '2026-12-31' },
  { owner: 'Ben', stage: 'Won', amount: 5000, closed: '2026-10-01' },
  { owner: 'Ana', stage: 'Won', amount: 40000, closed: '2026-09-30' },
  { owner: 'Ana', stage: 'Proposal', amount: 30000, expectedClose: '2026-11-20' },
  { owner: 'Ana', stage: 'Lead', amount: 12000, expectedClose: '2027-01-10' },
  { owner: 'ben@example.com', stage: 'Negotiation', amount: 8000, expectedClose: '2026-12-01' },
  { owner: 'Ana', stage: 'Lead', amount: 4000 },
  { owner: 'Ana', stage: 'Lead', amount: 'abc', expectedClose: '2026-11-01' },
];
const p = pipeline(deals, { team: TEAM });
const noTeam = pipeline(deals);

describe('resolveQuota', () => {
  test('given quota; else the owner’s from Team; else the whole team’s', () => {
    expect(resolveQuota(p, 1234, 'Ana')).toBe(1234);
    expect(resolveQuota(p, null, 'ana')).toBe(50000);
    expect(resolveQuota(p, null, 'BEN@example.com')).toBe(25000);
    // 50000 + 25000 + (Cleo blank) = 75000
    expect(resolveQuota(p, null, '')).toBe(75000);
  });

  test('errors', () => {
    expect(errorOf(() => resolveQuota(p, 0, ''))).toBe('Quota must be more than 0 (got 0).');
    expect(errorOf(() => resolveQuota(p, -5, ''))).toContain('more than 0');
    expect(errorOf(() => resolveQuota(p, null, 'Cleo'))).toContain('No quota for Cleo');
    expect(errorOf(() => resolveQuota(p, null, 'Dora'))).toContain('No quota for Dora');
    expect(errorOf(() => resolveQuota(noTeam, null, ''))).toContain('No quota');
  });
});

describe('PIPELINE_ATTAINMENT', () => {
  test('Amount won in the window ÷ quota, window ends inclusive', () => {
    // Ana Q4: 20000 (Oct 15) + 10000 (Dec 31, end day) = 30000; Sep 30 is outside → 30000 / 50000 = 0.6
    expect(attainment(p, 50000, { owner: 'Ana', window: Q4 })).toBeCloseTo(0.6, 10);
    // Ben Q4: 5000 (Oct 1, start day) / 10000 = 0.5
    expect(attainment(p, 10000, { owner: 'ben', window: Q4 })).toBeCloseTo(0.5, 10);
  });

  test('blank quota: Team quota of the owner (by name or email), or of the whole team', () => {
    // Ana: 30000 / 50000 = 0.6; Ben by email: 5000 / 25000 = 0.2
    expect(attainment(p, null, { owner: 'Ana', window: Q4 })).toBeCloseTo(0.6, 10);
    expect(attainment(p, null, { owner: 'ben@example.com', window: Q4 })).toBeCloseTo(0.2, 10);
    // team Q4: 20000 + 10000 + 5000 = 35000 / 75000
    expect(attainment(p, null, { owner: '', window: Q4 })).toBeCloseTo(35000 / 75000, 10);
  });

  test('open-ended window and no window', () => {
    // from Oct 1: same as Q4 for Ana (nothing after Dec 31) → 30000 / 100000 = 0.3
    expect(
      attainment(p, 100000, { owner: 'Ana', window: { start: day('2026-10-01'), end: null } }),
    ).toBeCloseTo(0.3, 10);
    // all time Ana: 20000 + 10000 + 40000 = 70000 / 100000 = 0.7
    expect(attainment(p, 100000, { owner: 'Ana', window: ALL })).toBeCloseTo(0.7, 10);
  });

  test('all-time attainment counts a won deal without a Closed date (like AVG_DEAL does)', () => {
    const q = pipeline([
      { stage: 'Won', amount: 300 },
      { stage: 'Won', amount: 700, closed: '2026-10-01' },
    ]);
    // no window: 300 + 700 = 1000 / 2000 = 0.5; Q4 window: only 700 → 0.35
    expect(attainment(q, 2000, { owner: '', window: ALL })).toBe(0.5);
    expect(attainment(q, 2000, { owner: '', window: Q4 })).toBe(0.35);
  });
});

describe('PIPELINE_COVERAGE', () => {
  test('open Amount expected in the window ÷ (quota − won in it)', () => {
    // Ana Q4: won 30000 → gap 50000 − 30000 = 20000
    // open expected in Q4: 30000 (Nov 20); Jan 10 2027 out; no date out; 'abc' no amount → 30000 / 20000 = 1.5
    expect(coverage(p, 50000, { owner: 'Ana', window: Q4 })).toBeCloseTo(1.5, 10);
  });

  test('blank quota: the whole team from Team', () => {
    // quota 75000; won Q4 35000 → gap 40000; open in Q4: 30000 + 8000 (ben@… Dec 1) = 38000 → 0.95
    expect(coverage(p, null, { owner: '', window: Q4 })).toBeCloseTo(0.95, 10);
    // Ben (matches 'ben@example.com' through Team): quota 25000 − won 5000 = 20000; open 8000 → 0.4
    expect(coverage(p, null, { owner: 'Ben', window: Q4 })).toBeCloseTo(0.4, 10);
  });

  test('no window: every open deal, also those without Expected Close', () => {
    // Ana all time: won 70000, quota 100000 → gap 30000;
    // open 30000 + 12000 + 4000 + ('abc') = 46000 → 46000 / 30000
    expect(coverage(p, 100000, { owner: 'Ana', window: ALL })).toBeCloseTo(46000 / 30000, 10);
  });

  test('quota already met: an error, not a negative or infinite coverage', () => {
    // Ana Q4 won 30000 = quota 30000 → gap 0
    expect(errorOf(() => coverage(p, 30000, { owner: 'Ana', window: Q4 }))).toContain('Quota already met');
    expect(errorOf(() => coverage(p, 1000, { owner: 'Ana', window: Q4 }))).toContain('Quota already met');
  });

  test('quota errors as for attainment', () => {
    expect(errorOf(() => coverage(noTeam, null, { owner: 'Ana', window: Q4 }))).toContain('No quota for Ana');
  });
});

describe('no silent 0 when the Amounts to add up cannot be read (as for VALUE)', () => {
  // Ana won one deal in Q4 but its Amount is "abc"; Ben won 500; Cleo has one open deal in Q4
  // whose Amount is blank and nothing won.
  const q = pipeline([
    { owner: 'Ana', stage: 'Won', amount: 'abc', closed: '2026-10-15' },
    { owner: 'Ben', stage: 'Won', amount: 500, closed: '2026-10-01' },
    { owner: 'Cleo', stage: 'Lead', amount: '', expectedClose: '2026-11-01' },
  ]);

  test('ATTAINMENT: won deals in the period, none with a readable Amount → an error, not 0', () => {
    expect(errorOf(() => attainment(q, 1000, { owner: 'Ana', window: Q4 }))).toBe(
      'None of the 1 won deal(s) in this period has a readable Amount; see PIPELINE_CHECK.',
    );
    // Ben: 500 / 1000 = 0.5; Cleo won nothing → a true 0
    expect(attainment(q, 1000, { owner: 'Ben', window: Q4 })).toBe(0.5);
    expect(attainment(q, 1000, { owner: 'Cleo', window: Q4 })).toBe(0);
  });

  test('COVERAGE: open deals in the period, none with a readable Amount → an error, not 0', () => {
    expect(errorOf(() => coverage(q, 1000, { owner: 'Cleo', window: Q4 }))).toBe(
      'None of the 1 open deal(s) expected to close in this period has a readable Amount; see PIPELINE_CHECK.',
    );
    // Ben: no open deal → a true 0 ÷ (1000 − 500)
    expect(coverage(q, 1000, { owner: 'Ben', window: Q4 })).toBe(0);
  });
});
