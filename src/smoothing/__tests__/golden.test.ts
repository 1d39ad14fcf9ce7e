import { describe, expect, it } from 'vitest';
import golden from '../__fixtures__/golden.json';
import { binomialTestPValue, clopperPearsonLower, clopperPearsonUpper, normalPpf } from '../index';

// Fixture made by scripts/golden_stats.py with SciPy and statsmodels (`npm run golden`).
const TOL = 1e-9;
const num = (x: number | string): number => (typeof x === 'string' ? Number(x) : x);

describe('golden values against SciPy / statsmodels', () => {
  it('covers the edge cases the issue names', () => {
    const cp = golden.clopperPearson;
    expect(cp.some((r) => r.k === 0)).toBe(true);
    expect(cp.some((r) => r.k === r.n && r.n > 1)).toBe(true);
    expect(cp.some((r) => r.n === 1)).toBe(true);
    expect(cp.some((r) => r.n === 100_000)).toBe(true);
    expect(Math.min(...cp.map((r) => r.alpha))).toBe(1e-6);
    expect(Math.max(...cp.map((r) => r.alpha))).toBe(0.5);
  });

  it(`clopperPearsonLower matches statsmodels proportion_confint(k, n, 2 alpha, "beta") within ${TOL}`, () => {
    let worst = 0;
    for (const r of golden.clopperPearson) {
      const err = Math.abs(clopperPearsonLower(r.k, r.n, r.alpha) - r.lower);
      worst = Math.max(worst, err);
      if (err > TOL) expect.fail(`k=${r.k} n=${r.n} alpha=${r.alpha}: error ${err}`);
    }
    expect(worst).toBeLessThanOrEqual(TOL);
  });

  it('clopperPearsonUpper matches SciPy beta.ppf(1 - alpha, k + 1, n - k)', () => {
    for (const r of golden.clopperPearson) {
      const err = Math.abs(clopperPearsonUpper(r.k, r.n, r.alpha) - r.upper);
      if (err > TOL) expect.fail(`k=${r.k} n=${r.n} alpha=${r.alpha}: error ${err}`);
    }
  });

  it('binomialTestPValue matches SciPy binomtest (two-sided)', () => {
    for (const r of golden.binomialTest) {
      const err = Math.abs(binomialTestPValue(r.k, r.n, r.p) - r.pValue);
      if (err > TOL) expect.fail(`k=${r.k} n=${r.n} p=${r.p}: error ${err}`);
    }
  });

  it('normalPpf matches SciPy norm.ppf, infinities included', () => {
    for (const r of golden.normalPpf) {
      const want = num(r.x);
      const got = normalPpf(r.p);
      if (!Number.isFinite(want)) expect(got).toBe(want);
      else if (Math.abs(got - want) > TOL) expect.fail(`p=${r.p}: ${got} vs ${want}`);
    }
  });
});
