/**
 * Quantiles of a sum of independent bets: `base + Σ amountᵢ × Bᵢ`, Bᵢ won (1) with probability
 * pᵢ, else 0. What the forecast range needs: exact for the few deals a small team has, and within
 * a stated tolerance of exact, fast, for 100k. Pure and deterministic: the same bets in the same
 * order always give the same numbers (a spreadsheet cell must not flicker).
 */

export interface Bet {
  readonly amount: number;
  /** Chance of winning, 0–1 (outside is clamped). */
  readonly p: number;
}

/** Distinct sums the exact computation may track before it hands over to the bucketed one. */
const EXACT_SUMS = 4096;
/** Up to this many uncertain bets, buckets of tolerance ÷ n: the rounding error is at most tolerance ÷ 2 in every outcome. */
const DETERMINISTIC_BETS = 700;
/** A cumulative probability this close to a level counts as reaching it (floating-point sums). */
const LEVEL_SLACK = 1e-9;
/** Cells of the bucketed distribution smaller than this are dropped from its ends (≈ 8.5 σ out). */
const NEGLIGIBLE = 1e-16;

/**
 * For each level q (0–1), the smallest x with P(sum ≤ x) ≥ q — exactly when the bets' distinct
 * sums are few, else within `tolerance` of that value.
 */
export function sumQuantiles(
  base: number,
  bets: readonly Bet[],
  levels: readonly number[],
  tolerance: number,
): number[] {
  const { offset, uncertain } = settle(base, bets);
  if (uncertain.length === 0) return levels.map(() => offset);
  const exact = exactDistribution(uncertain);
  if (exact) return levels.map((level) => offset + exactQuantile(exact, level));
  const normal = normalQuantiles(uncertain, levels, tolerance);
  if (normal) return normal.map((x) => offset + x);
  const grid = bucketedDistribution(uncertain, tolerance);
  return levels.map((level) => offset + gridQuantile(grid, level));
}

/**
 * P(base + Σ ≥ threshold), the chance of reaching an amount (a quota): exactly when the bets'
 * distinct sums are few; else a value between P(sum ≥ threshold + tolerance) and
 * P(sum ≥ threshold − tolerance), the same tolerance on amounts as the quantiles.
 */
export function sumChanceAtLeast(
  base: number,
  bets: readonly Bet[],
  threshold: number,
  tolerance: number,
): number {
  const { offset, uncertain } = settle(base, bets);
  const target = threshold - offset;
  // Amounts are money: a sum a rounding error short of the target reaches it.
  const slack = 1e-9 * Math.max(1, Math.abs(threshold));
  // Every uncertain amount is positive: the sum lies between 0 and their total.
  if (target <= slack) return 1;
  let total = 0;
  for (const bet of uncertain) total += bet.amount;
  if (target > total + slack) return 0;
  const exact = exactDistribution(uncertain);
  if (exact) {
    let chance = 0;
    exact.sums.forEach((sum, i) => {
      if (sum >= target - slack) chance += exact.probabilities[i]!;
    });
    return clamp01(chance);
  }
  const normal = normalChance(uncertain, target, tolerance);
  if (normal !== null) return normal;
  const grid = bucketedDistribution(uncertain, tolerance);
  let chance = 0;
  for (let j = grid.lo; j <= grid.hi; j++) if (j * grid.width >= target - slack) chance += grid.dist[j]!;
  return clamp01(chance);
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** Certain bets move the base; a negative amount is its certain loss plus a bet on getting it back. */
function settle(base: number, bets: readonly Bet[]): { offset: number; uncertain: Bet[] } {
  let offset = base;
  const uncertain: Bet[] = [];
  for (const bet of bets) {
    const p = Math.min(1, Math.max(0, bet.p));
    const a = bet.amount;
    if (a === 0 || p === 0) continue;
    if (p === 1) offset += a;
    else if (a < 0) {
      offset += a;
      uncertain.push({ amount: -a, p: 1 - p });
    } else uncertain.push({ amount: a, p });
  }
  return { offset, uncertain };
}

/** Shevtsova's (2010) constant in the Berry–Esseen bound for sums of non-identical variables. */
const BERRY_ESSEEN = 0.56;

/**
 * The normal approximation, when it is provably good enough. Berry–Esseen bounds the distance
 * between the sum's distribution function F and the normal Φ of the same mean μ and deviation σ:
 * |F(x) − Φ((x − μ)/σ)| ≤ δ = 0.56 × Σ E|Xᵢ − μᵢ|³ ÷ σ³. The smallest x with F(x) ≥ q then lies
 * between μ + σΦ⁻¹(q − δ) and μ + σΦ⁻¹(q + δ); when both are within `tolerance` of
 * μ + σΦ⁻¹(q), that is the answer. It holds for many deals of comparable size (a quarter of a
 * 100k pipeline), in one pass; otherwise null and the distribution is computed.
 */
function normalQuantiles(
  bets: readonly Bet[],
  levels: readonly number[],
  tolerance: number,
): number[] | null {
  const m = moments(bets);
  if (m === null) return null;
  const { mean, sigma, delta } = m;
  const out: number[] = [];
  for (const level of levels) {
    if (level - delta <= 0 || level + delta >= 1) return null;
    const z = inverseNormal(level);
    const below = z - inverseNormal(level - delta);
    const above = inverseNormal(level + delta) - z;
    if (sigma * Math.max(below, above) > tolerance) return null;
    out.push(mean + sigma * z);
  }
  return out;
}

/** Mean, deviation and the Berry–Esseen distance δ of the sum; null when it cannot vary. */
function moments(bets: readonly Bet[]): { mean: number; sigma: number; delta: number } | null {
  let mean = 0;
  let variance = 0;
  let third = 0;
  for (const { amount: a, p } of bets) {
    const q = 1 - p;
    mean += a * p;
    variance += a * a * p * q;
    // E|X − μ|³ for X = a with probability p, else 0: a³ p q (p² + q²)
    third += a * a * a * p * q * (p * p + q * q);
  }
  const sigma = Math.sqrt(variance);
  if (!(sigma > 0)) return null;
  return { mean, sigma, delta: (BERRY_ESSEEN * third) / (variance * sigma) };
}

/**
 * P(sum ≥ target) as 1 − Φ(z), z = (target − μ)/σ, when Berry–Esseen proves it within the
 * tolerance: F(target − h) ≤ Φ(z − h/σ) + δ and F(target + h) ≥ Φ(z + h/σ) − δ, so when both
 * normal steps of h = tolerance exceed δ, 1 − Φ(z) lies between P(sum ≥ target + h) and
 * P(sum ≥ target − h). Otherwise null (the distribution is computed).
 */
function normalChance(bets: readonly Bet[], target: number, tolerance: number): number | null {
  const m = moments(bets);
  if (m === null || !(tolerance > 0)) return null;
  const z = (target - m.mean) / m.sigma;
  const h = tolerance / m.sigma;
  const at = normalCdf(z);
  if (at - normalCdf(z - h) < m.delta || normalCdf(z + h) - at < m.delta) return null;
  return clamp01(1 - at);
}

/** Φ, the standard normal distribution function (erfc by Numerical Recipes' Chebyshev fit, error under 1.2e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/**
 * Φ⁻¹, the standard normal quantile (Acklam's rational approximation, relative error under
 * 1.2e-9, far below the tolerance it is used with).
 */
export function inverseNormal(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - low) return -inverseNormal(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

interface Exact {
  /** Distinct sums, ascending, and the probability of each. */
  readonly sums: number[];
  readonly probabilities: number[];
}

/** Every distinct sum with its probability, while there are at most EXACT_SUMS of them. */
function exactDistribution(bets: readonly Bet[]): Exact | null {
  let dist = new Map<number, number>([[0, 1]]);
  for (const { amount, p } of bets) {
    const next = new Map<number, number>();
    dist.forEach((q, sum) => {
      next.set(sum, (next.get(sum) ?? 0) + q * (1 - p));
      const up = sum + amount;
      next.set(up, (next.get(up) ?? 0) + q * p);
    });
    if (next.size > EXACT_SUMS) return null;
    dist = next;
  }
  const sums = [...dist.keys()].sort((a, b) => a - b);
  return { sums, probabilities: sums.map((sum) => dist.get(sum) ?? 0) };
}

function exactQuantile(exact: Exact, level: number): number {
  let cumulative = 0;
  for (let i = 0; i < exact.sums.length; i++) {
    cumulative += exact.probabilities[i]!;
    if (cumulative >= level - LEVEL_SLACK) return exact.sums[i]!;
  }
  return exact.sums[exact.sums.length - 1] ?? 0;
}

/**
 * The distribution over a grid of width w. Each amount is rounded to a whole number of cells:
 * - up to DETERMINISTIC_BETS bets, to the nearest cell with w = tolerance ÷ n, so in every outcome
 *   the rounded sum is within n × w/2 = tolerance/2 of the true one;
 * - beyond, up or down at random (a fixed seed) so each rounding is unbiased, with
 *   w = tolerance ÷ (3√n): the total rounding error then has a standard deviation under
 *   w√n/2 = tolerance/6, so it stays inside the tolerance by six standard deviations, and the
 *   grid (hence the work per bet) no longer grows with n.
 */
interface Grid {
  /** dist[j]: the probability that the rounded sum is j × width; zero outside lo…hi. */
  readonly dist: Float64Array;
  readonly lo: number;
  readonly hi: number;
  readonly width: number;
}

function bucketedDistribution(bets: readonly Bet[], tolerance: number): Grid {
  const n = bets.length;
  let total = 0;
  for (const bet of bets) total += bet.amount;
  const tol = tolerance > 0 ? tolerance : total / 100;
  const random = n <= DETERMINISTIC_BETS ? null : seeded(0x5eed);
  const width = random === null ? tol / n : tol / (3 * Math.sqrt(n));
  const shifts = new Int32Array(n);
  let cells = 0;
  for (let i = 0; i < n; i++) {
    const exact = bets[i]!.amount / width;
    const floor = Math.floor(exact);
    const shift = random === null ? Math.round(exact) : floor + (random() < exact - floor ? 1 : 0);
    shifts[i] = shift;
    cells += shift;
  }
  // Smallest first: the distribution (and the work per bet) stays narrow for most of the pass.
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => shifts[x]! - shifts[y]! || x - y);
  const dist = new Float64Array(cells + 1);
  dist[0] = 1;
  let lo = 0;
  let hi = 0;
  for (const i of order) {
    const m = shifts[i]!;
    if (m === 0) continue;
    const p = bets[i]!.p;
    const q = 1 - p;
    // In place, from the top: dist[j] still holds the old value of every lower cell it reads.
    const top = hi + m;
    for (let j = top; j >= lo; j--) {
      const stay = j <= hi ? dist[j]! * q : 0;
      const move = j - m >= lo ? dist[j - m]! * p : 0;
      dist[j] = stay + move;
    }
    hi = top;
    while (lo < hi && dist[lo]! < NEGLIGIBLE) dist[lo++] = 0;
    while (hi > lo && dist[hi]! < NEGLIGIBLE) dist[hi--] = 0;
  }
  return { dist, lo, hi, width };
}

function gridQuantile(grid: Grid, level: number): number {
  let cumulative = 0;
  for (let j = grid.lo; j <= grid.hi; j++) {
    cumulative += grid.dist[j]!;
    if (cumulative >= level - LEVEL_SLACK) return j * grid.width;
  }
  return grid.hi * grid.width;
}

/** mulberry32: a small seeded generator, so the same bets always round the same way. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
