import { describe, expect, it } from 'vitest';
import { coverageExperiment, readFailureRate, simulatedSampler } from '../coverage';

describe('coverage experiment of the "Check the lesson\'s code" view', () => {
  it('the simulated sampler votes for class 0 with probability p_A, reproducibly', async () => {
    const s = simulatedSampler(0.8, 5);
    const a = await s(20_000, 'estimation');
    expect(a[0]! + a[1]!).toBe(20_000);
    expect(Math.abs(a[0]! / 20_000 - 0.8)).toBeLessThan(0.01); // 3.5 standard errors
    expect(await simulatedSampler(0.8, 5)(20_000, 'estimation')).toEqual(a);
    // The selection stream is independent of the estimation stream.
    expect(await simulatedSampler(0.8, 5)(20_000, 'selection')).not.toEqual(a);
  });

  it('counts CERTIFY within its promise and the snippet far outside it at p_A = 0.99, n = 100', async () => {
    const r = await coverageExperiment({ pA: 0.99, n: 100, n0: 100, alpha: 0.01, runs: 1000, seed: 1 });
    expect(r.runs).toBe(1000);
    expect(r.certifyFailures / r.runs).toBeLessThanOrEqual(r.allowance);
    // P(all 100 votes agree) = 0.99^100 = 0.366: then the snippet's p_lower is 1.
    expect(r.snippetInfinite / r.runs).toBeGreaterThan(0.3);
    expect(r.snippetFailures).toBeGreaterThanOrEqual(r.snippetInfinite);
  });

  it('reports progress and stops when asked', async () => {
    const seen: number[] = [];
    const r = await coverageExperiment(
      { pA: 0.9, n: 50, n0: 10, alpha: 0.05, runs: 400, seed: 2 },
      (done) => {
        seen.push(done);
        return done < 100;
      },
    );
    expect(seen).toEqual([50, 100]);
    expect(r.runs).toBe(100);
  });
});

describe('readFailureRate: sampling error on a failure count (issue #12, case 5)', () => {
  it('11 failures in 1,000 runs at alpha = 1% is consistent with the promise, not a broken bound', () => {
    const r = readFailureRate(11, 1000, 0.01);
    expect(r.rate).toBeCloseTo(0.011, 10);
    expect(r.lower).toBeLessThan(0.01);
    expect(r.upper).toBeGreaterThan(0.011);
    expect(r.verdict).toBe('consistent');
    expect(r.text).toMatch(
      /^1\.10% \(95% interval 0\.5\d% to 1\.9\d%\): consistent with the promise of at most 1%/,
    );
  });
  it('a clearly broken promise and a clearly kept one', () => {
    expect(readFailureRate(300, 1000, 0.01).verdict).toBe('breaks');
    expect(readFailureRate(0, 5000, 0.01).verdict).toBe('below');
    expect(readFailureRate(0, 0, 0.01).verdict).toBe('consistent');
  });
  it('the interval is the two-sided 95% Clopper-Pearson interval', () => {
    const r = readFailureRate(11, 1000, 0.01);
    // SciPy: binomtest(11, 1000).proportion_ci(0.95, 'exact') = (0.005503, 0.019596)
    expect(r.lower).toBeCloseTo(0.005503, 5);
    expect(r.upper).toBeCloseTo(0.019596, 5);
  });
});
