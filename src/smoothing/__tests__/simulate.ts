/**
 * A simulated base classifier for the statistical tests: each noisy copy votes for class c with a
 * known probability probs[c], independently, so the smoothed classifier's true p_A is known.
 * Votes are drawn as a multinomial by conditional binomials from a seeded Mersenne Twister.
 */
import binomial from '@stdlib/random-base-binomial';
import type { VoteSampler } from '../index';

export function multinomialSampler(probs: readonly number[], seed: number): VoteSampler {
  const draw = binomial.factory({ seed });
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
