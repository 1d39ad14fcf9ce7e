/**
 * A simulated base classifier for the statistical tests: each noisy copy votes for class c with a
 * known probability probs[c], independently, so the smoothed classifier's true p_A is known.
 * Votes are drawn as a multinomial by conditional binomials from a seeded Mersenne Twister.
 *
 * Each binomial is drawn by inversion: the binomial quantile function at a uniform draw. That is
 * exact up to the quantile's floating point. We do not use @stdlib/random-base-binomial (0.2.2, the
 * newest): its large-mean branch draws low, e.g. a mean of 0.590 n for Binomial(50, 0.6) over
 * 200,000 draws (z = -63), which would make a coverage test pass for the wrong reason. The test
 * "draws binomials with the right mean and variance" below guards the sampler itself.
 *
 * It also holds the Bernoulli vote streams of the anytime-valid coverage tests (`failureShare`)
 * and the search that turns a bound into count thresholds once per check (`thresholds`).
 */
import binomialQuantile from '@stdlib/stats-base-dists-binomial-quantile';
import mt19937 from '@stdlib/random-base-mt19937';
import type { VoteSampler } from '../index';

/**
 * A seeded uniform in [0, 1) from stdlib's Mersenne Twister: a uint32 over 2^32. The stream tests
 * draw each vote from it (vote = uniform < p), not from stdlib's binomial sampler (see above).
 */
export function uniforms(seed: number): () => number {
  const next = mt19937.factory({ seed });
  return () => next() / 4_294_967_296;
}

/** A seeded Binomial(n, p) sampler by inversion; n a count, p in [0, 1]. */
export function binomialSampler(seed: number): (n: number, p: number) => number {
  const uniform = uniforms(seed);
  return (n, p) => binomialQuantile(uniform(), n, p);
}

export function multinomialSampler(probs: readonly number[], seed: number): VoteSampler {
  const draw = binomialSampler(seed);
  return (num) => {
    const counts: number[] = [];
    let left = num;
    let mass = 1;
    for (let c = 0; c < probs.length; c++) {
      const p = probs[c]!;
      const last = c === probs.length - 1;
      const k = last || left === 0 ? left : draw(left, Math.min(1, Math.max(0, p / mass)));
      counts.push(k);
      left -= k;
      mass -= p;
    }
    return Promise.resolve(counts);
  };
}

/** probs with p_A on class `top` and the rest spread evenly over the other classes. */
export function spread(pA: number, classes: number, top = 0): number[] {
  const rest = (1 - pA) / (classes - 1);
  return Array.from({ length: classes }, (_, c) => (c === top ? pA : rest));
}

/** Binomial standard error of a share alpha over `runs` trials: the allowance in coverage tests. */
export function coverageLimit(alpha: number, runs: number): number {
  return alpha + 3 * Math.sqrt((alpha * (1 - alpha)) / runs);
}

/**
 * The smallest k in [0, n] at which `holds(k)` is true, or n + 1 if none: a binary search, valid
 * when `holds` is monotone in k (false up to some k, true from there on).
 */
export function firstHolding(n: number, holds: (k: number) => boolean): number {
  let lo = 0;
  let hi = n + 1; // invariant: holds(lo - 1) is false (or lo = 0), and holds(hi) is true (or hi = n + 1)
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A stream of Bernoulli votes: `checks` batches of `batch` votes each, `streams` of them. */
export interface StreamShape {
  streams: number;
  batch: number;
  checks: number;
}

/**
 * Per check j (after n_j = (j + 1) * batch votes): the smallest count k in [0, n_j] at which
 * `holds(k, n_j)` is true, n_j + 1 if none (`firstHolding`). Turns a bound into count thresholds
 * once, so a stream is checked by comparing counts, not by evaluating the bound.
 */
export function thresholds(shape: StreamShape, holds: (k: number, n: number) => boolean): number[] {
  return Array.from({ length: shape.checks }, (_, j) => {
    const n = (j + 1) * shape.batch;
    return firstHolding(n, (k) => holds(k, n));
  });
}

/**
 * One batch of a simulated stream as a check sees it. `votes`: the batch's votes in order, 1 when
 * the vote agrees, else 0 (a buffer reused from batch to batch: read it during the check only);
 * `kBefore`, `mBefore`: agreeing votes and votes before the batch; `k`: agreeing votes after it.
 */
export interface StreamBatch {
  votes: Uint8Array;
  kBefore: number;
  mBefore: number;
  k: number;
}

/**
 * The share of `shape.streams` Bernoulli(p) vote streams that `fails` flags at some check. One
 * `uniforms(seed)` generator draws every vote of every stream, one by one and in order; after each
 * batch, `fails(batch, j)` is asked (j the batch's index, from 0), and a stream ends at its first
 * flagged batch, so the draws (and the share) depend only on p, seed, shape and the flags.
 */
export function failureShare(
  p: number,
  seed: number,
  shape: StreamShape,
  fails: (b: StreamBatch, j: number) => boolean,
): number {
  const uniform = uniforms(seed);
  const b: StreamBatch = { votes: new Uint8Array(shape.batch), kBefore: 0, mBefore: 0, k: 0 };
  let failures = 0;
  for (let s = 0; s < shape.streams; s++) {
    b.k = 0;
    for (let j = 0; j < shape.checks; j++) {
      b.kBefore = b.k;
      b.mBefore = j * shape.batch;
      for (let v = 0; v < shape.batch; v++) {
        const vote = uniform() < p ? 1 : 0;
        b.votes[v] = vote;
        b.k += vote;
      }
      if (fails(b, j)) {
        failures++;
        break;
      }
    }
  }
  return failures / shape.streams;
}
