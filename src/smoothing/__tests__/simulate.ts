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
 */
import binomialQuantile from '@stdlib/stats-base-dists-binomial-quantile';
import mt19937 from '@stdlib/random-base-mt19937';
import type { VoteSampler } from '../index';

/** A seeded Binomial(n, p) sampler by inversion; n a count, p in [0, 1]. */
export function binomialSampler(seed: number): (n: number, p: number) => number {
  const next = mt19937.factory({ seed });
  return (n, p) => binomialQuantile(next() / 4_294_967_296, n, p); // a uint32 to [0, 1)
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
