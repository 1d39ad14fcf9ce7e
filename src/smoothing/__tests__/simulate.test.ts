import { describe, expect, it } from 'vitest';
import {
  binomialSampler,
  failureShare,
  firstHolding,
  multinomialSampler,
  spread,
  thresholds,
} from './simulate';

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

/** The stream simulator and the threshold search under the anytime-valid coverage tests. */
describe('simulated vote streams', () => {
  it('firstHolding finds the first k of a monotone predicate, n + 1 when none', () => {
    for (const n of [0, 1, 2, 7, 100]) {
      for (let t = 0; t <= n + 1; t++) expect(firstHolding(n, (k) => k >= t)).toBe(t);
    }
    expect(thresholds({ streams: 1, batch: 4, checks: 3 }, (k, n) => 2 * k > n)).toEqual([3, 5, 7]);
  });

  it('hands each check its batch and counts, and ends a stream at its first flagged batch', () => {
    const batch = 10;
    let flagged = 0;
    let prev = { j: 3, fail: false }; // as if a stream had just ended unflagged
    const share = failureShare(0.3, 5, { streams: 3000, batch, checks: 4 }, (b, j) => {
      // A new stream starts after a flag or after the last check; otherwise the next check follows.
      expect(j).toBe(prev.fail || prev.j === 3 ? 0 : prev.j + 1);
      expect(b.mBefore).toBe(j * batch);
      expect(b.k).toBe(b.kBefore + b.votes.reduce((a, v) => a + v, 0));
      expect(b.votes.every((v) => v === 0 || v === 1)).toBe(true);
      prev = { j, fail: b.k >= 5 + 3 * j };
      if (prev.fail) flagged++;
      return prev.fail;
    });
    expect(share).toBe(flagged / 3000);
    expect(flagged).toBeGreaterThan(300); // both endings occur
    expect(flagged).toBeLessThan(2700);
    // One check of 10 votes at p = 0.3: P(Binomial(10, 0.3) >= 5) = 0.1503, within 4 SE.
    const one = failureShare(0.3, 6, { streams: 20_000, batch, checks: 1 }, (b) => b.k >= 5);
    expect(Math.abs(one - 0.1503)).toBeLessThan(4 * Math.sqrt((0.1503 * 0.8497) / 20_000));
  });
});
