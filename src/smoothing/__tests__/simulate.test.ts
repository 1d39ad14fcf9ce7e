import { describe, expect, it } from 'vitest';
import { binomialSampler, multinomialSampler, spread } from './simulate';

/**
 * The simulated classifier is what every coverage test trusts, so its draws are checked here:
 * mean and variance of Binomial(n, p) within 4 standard errors over R draws, including the
 * large-mean cases (n p >= 10) where a popular sampler was found to draw low.
 */
describe('simulated votes', () => {
  const CASES: [number, number][] = [
    [50, 0.6],
    [50, 0.4],
    [1000, 0.6],
    [100_000, 0.9],
    [10, 0.6],
  ];
  for (const [n, p] of CASES) {
    it(`draws Binomial(${n}, ${p}) with the right mean and variance`, () => {
      const R = 40_000;
      const draw = binomialSampler(7);
      let sum = 0;
      let sumSq = 0;
      for (let i = 0; i < R; i++) {
        const k = draw(n, p);
        sum += k;
        sumSq += k * k;
      }
      const mean = sum / R;
      const variance = sumSq / R - mean * mean;
      const v = n * p * (1 - p);
      expect(Math.abs(mean - n * p)).toBeLessThan(4 * Math.sqrt(v / R));
      // The sample variance's standard error is about v * sqrt(2 / R) for a near-normal count.
      expect(Math.abs(variance - v)).toBeLessThan(4 * v * Math.sqrt(2 / R) + 0.05);
    });
  }

  it('splits a multinomial so each class gets its share and the counts add up', async () => {
    const probs = spread(0.6, 10);
    const sampler = multinomialSampler(probs, 3);
    const totals = new Array<number>(10).fill(0);
    const runs = 2000;
    for (let r = 0; r < runs; r++) {
      const counts = await sampler(50, 'estimation');
      expect(counts.reduce((a, b) => a + b, 0)).toBe(50);
      counts.forEach((c, i) => (totals[i]! += c));
    }
    const N = runs * 50;
    probs.forEach((p, i) => {
      expect(Math.abs(totals[i]! / N - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N));
    });
  });
});
