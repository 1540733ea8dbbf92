import fc from 'fast-check';
import { type Bet, sumChanceAtLeast, sumQuantiles } from './sumDistribution';

const LEVELS = [0.1, 0.5, 0.9];

/** The exact distribution by listing every outcome (2ⁿ), for checking the fast paths. */
function bruteForce(base: number, bets: readonly Bet[], levels: readonly number[]): number[] {
  const outcomes: [number, number][] = [];
  for (let mask = 0; mask < 1 << bets.length; mask++) {
    let sum = base;
    let p = 1;
    for (let i = 0; i < bets.length; i++) {
      const b = bets[i]!;
      if ((mask >> i) & 1) {
        sum += b.amount;
        p *= b.p;
      } else p *= 1 - b.p;
    }
    outcomes.push([sum, p]);
  }
  outcomes.sort((a, b) => a[0] - b[0]);
  return levels.map((level) => {
    let c = 0;
    for (const [sum, p] of outcomes) {
      c += p;
      if (c >= level - 1e-9) return sum;
    }
    return outcomes[outcomes.length - 1]![0];
  });
}

/** The exact distribution of amounts that are whole multiples of `unit`, by an integer DP (no rounding at all). */
function integerDp(bets: readonly Bet[], unit: number, levels: readonly number[]): number[] {
  let dist = new Float64Array(1);
  dist[0] = 1;
  let top = 0;
  for (const b of bets) {
    const m = Math.round(b.amount / unit);
    const next = new Float64Array(top + m + 1);
    for (let j = 0; j <= top; j++) {
      next[j]! += dist[j]! * (1 - b.p);
      next[j + m]! += dist[j]! * b.p;
    }
    top += m;
    dist = next;
  }
  return levels.map((level) => {
    let c = 0;
    for (let j = 0; j <= top; j++) {
      c += dist[j]!;
      if (c >= level - 1e-9) return j * unit;
    }
    return top * unit;
  });
}

describe('sumQuantiles: hand-worked distributions', () => {
  test('two deals, every outcome listed', () => {
    // won 500; A 1000 at 50 %, B 3000 at 20 %:
    //   neither 0.5 × 0.8 = 0.40 → 500    cumulative 0.40
    //   A only  0.5 × 0.8 = 0.40 → 1500   cumulative 0.80
    //   B only  0.5 × 0.2 = 0.10 → 3500   cumulative 0.90
    //   both    0.5 × 0.2 = 0.10 → 4500   cumulative 1.00
    // P10 = 500 (0.40 ≥ 0.10), P50 = 1500 (0.80 ≥ 0.50), P90 = 3500 (0.90 ≥ 0.90: exactly at the level)
    const bets = [
      { amount: 1000, p: 0.5 },
      { amount: 3000, p: 0.2 },
    ];
    expect(sumQuantiles(500, bets, LEVELS, 40)).toEqual([500, 1500, 3500]);
  });

  test('three deals, every outcome listed', () => {
    // 100 at 60 %, 200 at 50 %, 400 at 30 % (q = 1 − p):
    //   {}      0.4 × 0.5 × 0.7 = 0.14 → 0     cumulative 0.14
    //   {1}     0.6 × 0.5 × 0.7 = 0.21 → 100   0.35
    //   {2}     0.4 × 0.5 × 0.7 = 0.14 → 200   0.49
    //   {1,2}   0.6 × 0.5 × 0.7 = 0.21 → 300   0.70
    //   {3}     0.4 × 0.5 × 0.3 = 0.06 → 400   0.76
    //   {1,3}   0.6 × 0.5 × 0.3 = 0.09 → 500   0.85
    //   {2,3}   0.4 × 0.5 × 0.3 = 0.06 → 600   0.91
    //   {1,2,3} 0.6 × 0.5 × 0.3 = 0.09 → 700   1.00
    // P10 = 0, P50 = 300 (200 has only 0.49), P90 = 600
    const bets = [
      { amount: 100, p: 0.6 },
      { amount: 200, p: 0.5 },
      { amount: 400, p: 0.3 },
    ];
    expect(sumQuantiles(0, bets, LEVELS, 7)).toEqual([0, 300, 600]);
  });

  test('certain and hopeless deals move nothing but the base', () => {
    // 1000 at 100 % is won for sure, 2000 at 0 % never: 300 + 1000 in every outcome
    expect(
      sumQuantiles(
        300,
        [
          { amount: 1000, p: 1 },
          { amount: 2000, p: 0 },
        ],
        LEVELS,
        30,
      ),
    ).toEqual([1300, 1300, 1300]);
    expect(sumQuantiles(250, [], LEVELS, 0)).toEqual([250, 250, 250]);
  });

  test('a negative amount (a credit note) at 50 %: −100 or 0', () => {
    // outcomes: won 0.5 → −100 (cumulative 0.5), lost 0.5 → 0
    expect(sumQuantiles(0, [{ amount: -100, p: 0.5 }], LEVELS, 1)).toEqual([-100, -100, 0]);
  });
});

describe('sumQuantiles: the fast paths stay within the tolerance of exact', () => {
  const random = (seed: number) => {
    let a = seed;
    return () => {
      a = (a * 1103515245 + 12345) % 2147483648;
      return a / 2147483648;
    };
  };

  test('16 deals of distinct amounts (bucketed, deterministic rounding) against all 2¹⁶ outcomes', () => {
    const r = random(7);
    const bets = Array.from({ length: 16 }, () => ({
      amount: Math.round(r() * 50000 * 100) / 100,
      p: [0.1, 0.2, 0.3, 0.4, 0.6, 0.8][Math.floor(r() * 6)]!,
    }));
    const open = bets.reduce((s, b) => s + b.amount, 0);
    const tolerance = open / 100;
    const fast = sumQuantiles(1234, bets, LEVELS, tolerance);
    const exact = bruteForce(1234, bets, LEVELS);
    fast.forEach((x, i) => {
      expect(Math.abs(x - exact[i]!)).toBeLessThanOrEqual(tolerance);
    });
  });

  test.each([
    [300, 'deterministic rounding'],
    [1200, 'seeded random rounding'],
  ])('%i deals (%s) against an exact integer computation', (n) => {
    const r = random(n);
    // Amounts in whole hundreds, so an integer DP over hundreds is exact with no rounding at all;
    // the tested code does not know that and buckets at its own width.
    const bets = Array.from({ length: n }, () => ({
      amount: 100 * (1 + Math.floor(r() * 40)),
      p: Math.round(r() * 100) / 100,
    }));
    const open = bets.reduce((s, b) => s + b.amount, 0);
    const tolerance = open / 100;
    const fast = sumQuantiles(0, bets, LEVELS, tolerance);
    const exact = integerDp(bets, 100, LEVELS);
    fast.forEach((x, i) => {
      expect(Math.abs(x - exact[i]!)).toBeLessThanOrEqual(tolerance);
    });
    // and the same call gives the same numbers
    expect(sumQuantiles(0, bets, LEVELS, tolerance)).toEqual(fast);
  });

  test('property: P10 ≤ P50 ≤ P90, all between the smallest and largest possible sums', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            amount: fc.integer({ min: -5000, max: 100000 }),
            p: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
          { maxLength: 40 },
        ),
        fc.integer({ min: 0, max: 100000 }),
        (bets, base) => {
          const open = bets.reduce((s, b) => s + Math.abs(b.amount), 0);
          const [p10, p50, p90] = sumQuantiles(base, bets, LEVELS, open / 100);
          const min = base + bets.reduce((s, b) => s + Math.min(0, b.amount), 0);
          const max = base + bets.reduce((s, b) => s + Math.max(0, b.amount), 0);
          expect(p10!).toBeLessThanOrEqual(p50!);
          expect(p50!).toBeLessThanOrEqual(p90!);
          expect(p10!).toBeGreaterThanOrEqual(min - open / 100);
          expect(p90!).toBeLessThanOrEqual(max + open / 100);
        },
      ),
      { numRuns: 200, seed: 14 },
    );
  });
});

describe('sumChanceAtLeast: P(sum ≥ threshold)', () => {
  /** P(base + Σ ≥ t) by listing every outcome. */
  function chanceByOutcomes(base: number, bets: readonly Bet[], t: number): number {
    let chance = 0;
    for (let mask = 0; mask < 1 << bets.length; mask++) {
      let sum = base;
      let p = 1;
      bets.forEach((b, i) => {
        if ((mask >> i) & 1) {
          sum += b.amount;
          p *= b.p;
        } else p *= 1 - b.p;
      });
      if (sum >= t) chance += p;
    }
    return chance;
  }

  test('two deals, every outcome listed', () => {
    // base 500; 1000 at 0.3, 3000 at 0.5: 500 (0.35), 1500 (0.15), 3500 (0.35), 4500 (0.15)
    const bets = [
      { amount: 1000, p: 0.3 },
      { amount: 3000, p: 0.5 },
    ];
    expect(sumChanceAtLeast(500, bets, 500, 40)).toBe(1);
    expect(sumChanceAtLeast(500, bets, 1500, 40)).toBeCloseTo(0.65, 12);
    expect(sumChanceAtLeast(500, bets, 2000, 40)).toBeCloseTo(0.5, 12);
    expect(sumChanceAtLeast(500, bets, 4500, 40)).toBeCloseTo(0.15, 12);
    expect(sumChanceAtLeast(500, bets, 4500.01, 40)).toBe(0);
    // certain and hopeless bets only: 0 or 1
    expect(sumChanceAtLeast(100, [{ amount: 50, p: 1 }], 150, 0)).toBe(1);
    expect(sumChanceAtLeast(100, [{ amount: 50, p: 0 }], 150, 0)).toBe(0);
  });

  test('16 deals (bucketed): between P(≥ t + tolerance) and P(≥ t − tolerance), by all 2¹⁶ outcomes', () => {
    let a = 11;
    const r = () => {
      a = (a * 1103515245 + 12345) % 2147483648;
      return a / 2147483648;
    };
    const bets = Array.from({ length: 16 }, () => ({
      amount: Math.round(r() * 50000 * 100) / 100,
      p: [0.1, 0.2, 0.3, 0.4, 0.6, 0.8][Math.floor(r() * 6)]!,
    }));
    const open = bets.reduce((s, b) => s + b.amount, 0);
    const tolerance = open / 100;
    for (const share of [0.1, 0.3, 0.5, 0.7]) {
      const t = 1234 + open * share;
      const fast = sumChanceAtLeast(1234, bets, t, tolerance);
      expect(fast).toBeGreaterThanOrEqual(chanceByOutcomes(1234, bets, t + tolerance) - 1e-12);
      expect(fast).toBeLessThanOrEqual(chanceByOutcomes(1234, bets, t - tolerance) + 1e-12);
    }
  });

  test('property: up to 8 deals, exactly the chance every outcome gives; never below 0 or above 1', () => {
    const bet = fc.record({
      amount: fc.integer({ min: -500, max: 5000 }),
      p: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(bet, { maxLength: 8 }), fc.integer({ min: -1000, max: 20000 }), (bets, t) => {
        const chance = sumChanceAtLeast(100, bets, t, 1);
        expect(chance).toBeGreaterThanOrEqual(0);
        expect(chance).toBeLessThanOrEqual(1);
        expect(chance).toBeCloseTo(chanceByOutcomes(100, bets, t), 9);
      }),
      { numRuns: 200, seed: 1414 },
    );
  });

  test('10,000 equal deals at 50 % (the normal path): the binomial chance of reaching the middle', () => {
    // 10,000 × 100 at 0.5: the sum is 100 × Binomial(10000, 0.5), σ = 5,000. P(≥ 500,000)
    // = 0.5 + P(= 5000)/2 ≈ 0.504 (P(= 5000) ≈ 0.008). Within a tolerance of 100 (one deal) the
    // answer must lie between P(≥ 500,100) ≈ 0.496 and P(≥ 499,900) ≈ 0.512.
    const bets = Array.from({ length: 10000 }, () => ({ amount: 100, p: 0.5 }));
    const chance = sumChanceAtLeast(0, bets, 500000, 100);
    expect(chance).toBeGreaterThanOrEqual(0.495);
    expect(chance).toBeLessThanOrEqual(0.513);
  });
});
