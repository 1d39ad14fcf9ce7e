import { describe, expect, it } from 'vitest';
import {
  caseNumbers,
  coverageExperiment,
  COVERAGE_CASES,
  DEFAULT_COVERAGE,
  readFailureRate,
  simulatedSampler,
} from '../coverage';

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

describe('the default coverage experiment shows its point (issue #19, case 10)', () => {
  const d = DEFAULT_COVERAGE;
  const c = COVERAGE_CASES[d.caseIndex];

  it('is p_A = 0.99, n = 100, alpha = 1%, 1,000 runs; the other cases stay selectable', () => {
    expect({ pA: c.pA, n: c.n, alpha: d.alpha, runs: d.runs }).toEqual({
      pA: 0.99,
      n: 100,
      alpha: 0.01,
      runs: 1000,
    });
    expect(COVERAGE_CASES.map((k) => k.label)).toContain('p_A = 0.7, n = 1,000');
  });

  it('the snippet fails clearly more often than alpha (its whole interval above it); CERTIFY does not', async () => {
    const r = await coverageExperiment({
      pA: c.pA,
      n: c.n,
      n0: d.n0,
      alpha: d.alpha,
      runs: d.runs,
      seed: d.seed,
    });
    expect(r.runs).toBe(1000);
    const snippet = readFailureRate(r.snippetFailures, r.runs, d.alpha);
    const cert = readFailureRate(r.certifyFailures, r.runs, d.alpha);
    expect(snippet.lower).toBeGreaterThan(d.alpha);
    expect(snippet.lower).toBeGreaterThan(10 * d.alpha);
    expect(snippet.verdict).toBe('breaks');
    expect(cert.lower).toBeLessThanOrEqual(d.alpha);
    expect(cert.verdict).not.toBe('breaks');
    // Seeded: the same numbers on every run (snippet 338, CERTIFY 0 of 1,000).
    expect([r.snippetFailures, r.certifyFailures]).toEqual([338, 0]);
    expect(cert.verdict).toBe('below');
    // Here the snippet fails exactly when its 100 votes are unanimous (p_lower = 1).
    expect(r.snippetFailures).toBe(r.snippetInfinite);
  });

  it('the numbers the explanation states: 0.99^100 unanimous, CERTIFY at most 0.01^(1/100) < 0.99', () => {
    const k = caseNumbers(c.pA, c.n, d.alpha);
    expect(k.unanimous).toBeCloseTo(0.366032, 6);
    expect(k.certifyMax).toBeCloseTo(0.954993, 6);
    expect(k.certifyCanOvershoot).toBe(false);
    // The old default's neighbour p_A = 0.7, n = 1,000: no unanimous runs, CERTIFY can overshoot.
    const old = caseNumbers(0.7, 1000, 0.01);
    expect(old.unanimous).toBeLessThan(1e-100);
    expect(old.certifyCanOvershoot).toBe(true);
  });

  it('at p_A = 0.7, n = 1,000 the two methods cannot be told apart (why it is not the default)', async () => {
    const r = await coverageExperiment({ pA: 0.7, n: 1000, n0: 100, alpha: 0.01, runs: 1000, seed: 1 });
    expect(readFailureRate(r.snippetFailures, r.runs, 0.01).verdict).toBe('consistent');
    expect(readFailureRate(r.certifyFailures, r.runs, 0.01).verdict).toBe('consistent');
  });
});

describe('readFailureRate rounds toward safety', () => {
  it('the rate and the interval’s high end up, its low end down', () => {
    // Nearest rounding would give 28.57%, 3.67% and 70.96%.
    const a = readFailureRate(2, 7, 0.01);
    expect([100 * a.rate, 100 * a.lower, 100 * a.upper].map((x) => x.toFixed(4))).toEqual([
      '28.5714',
      '3.6693',
      '70.9579',
    ]);
    expect(a.text).toMatch(/^28\.58% \(95% interval 3\.66% to 70\.96%\)/);
    // Nearest rounding would give 33.33% and 90.57%.
    const b = readFailureRate(1, 3, 0.01);
    expect(100 * b.upper).toBeCloseTo(90.570068, 5);
    expect(b.text).toMatch(/^33\.34% \(95% interval 0\.84% to 90\.58%\)/);
  });
});
