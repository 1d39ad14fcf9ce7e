import { describe, expect, it } from 'vitest';
import { PUBLISHED, publishedAccuracyAt, publishedMaxRadius } from '../published';

/** The figures the paper reports (percent at a radius), which the stored curves must give. */
const REPORTED = [
  ['gaussian', 0.25, 0.5, 96.7],
  ['gaussian', 0.5, 1.0, 89.8],
  ['gaussian', 1.0, 1.5, 59.5],
  ['consistency', 0.25, 0.5, 97.9],
  ['consistency', 0.5, 1.0, 92.9],
  ['consistency', 1.0, 1.5, 63.5],
] as const;

describe('the published MNIST curves', () => {
  it('hold six curves, Gaussian and consistency at sigma 0.25, 0.5 and 1.0', () => {
    expect(PUBLISHED.map((c) => `${c.method}-${c.sigma}`)).toEqual(
      REPORTED.map(([method, sigma]) => `${method}-${sigma}`),
    );
  });

  it.each(REPORTED)('%s at sigma %s: the paper’s figure at r = %s (%s%%) to 0.1 point', (m, s, r, pct) => {
    const c = PUBLISHED.find((x) => x.method === m && x.sigma === s)!;
    expect(Math.abs(100 * publishedAccuracyAt(c, r) - pct)).toBeLessThanOrEqual(0.1);
    expect(c.check).toEqual({ radius: r, percent: pct });
  });

  it('are non-increasing, start below 100% and end at 0', () => {
    for (const c of PUBLISHED) {
      expect(c.accuracy[0]).toBeGreaterThan(0.9);
      expect(c.accuracy[0]).toBeLessThanOrEqual(1);
      c.accuracy.forEach((a, i) => {
        if (i > 0) expect(a, `${c.id} at index ${i}`).toBeLessThanOrEqual(c.accuracy[i - 1]!);
      });
      expect(c.accuracy.at(-1)).toBe(0);
      expect(publishedAccuracyAt(c, 10)).toBe(0);
    }
  });

  it('carry their provenance: paper, repository and logs, LeNet on 60,000 digits, 10,000 test digits, N and alpha', () => {
    for (const c of PUBLISHED) {
      expect(c).toMatchObject({
        model: 'LeNet',
        trainDigits: 60_000,
        testDigits: 10_000,
        n0: 100,
        n: 100_000,
        alpha: 0.001,
        runs: 5,
        reportedIn: expect.stringContaining('Jeong & Shin') as string,
      });
      expect(c.source.repository).toBe('github.com/jh-jeong/smoothing-consistency');
      expect(c.source.files).toHaveLength(5);
      for (const f of c.source.files) expect(f).toMatch(/^data\/certify\/mnist\//);
      expect(c.training.paper).toMatch(
        c.method === 'gaussian' ? /Cohen, Rosenfeld & Kolter/ : /Jeong & Shin/,
      );
    }
    const consistency = PUBLISHED.filter((c) => c.method === 'consistency').map((c) => c.training);
    expect(consistency).toEqual(
      [10, 5, 5].map((lambda) => expect.objectContaining({ m: 2, lambda, eta: 0.5 }) as unknown),
    );
  });

  it('reach no further than R_max at N = 100,000 and alpha 0.001 (3.8 at sigma 1)', () => {
    expect(publishedMaxRadius()).toBeGreaterThan(3.5);
    expect(publishedMaxRadius()).toBeLessThan(3.82);
  });
});
