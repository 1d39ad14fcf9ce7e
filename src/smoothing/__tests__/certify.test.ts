import { describe, expect, it } from 'vitest';
import {
  ABSTAIN,
  argmax,
  binomialTestPValue,
  certifiedRadius,
  certify,
  clopperPearsonLower,
  clopperPearsonUpper,
  maxCertifiableRadius,
  normalCdf,
  normalPpf,
  predict,
  topTwo,
  type VoteSampler,
} from '../index';

/** A sampler that returns fixed counts per stream and records what it was asked. */
function fixed(selection: number[], estimation: number[]) {
  const calls: [number, string][] = [];
  const sampler: VoteSampler = (num, stream) => {
    calls.push([num, stream]);
    return Promise.resolve(stream === 'selection' ? selection : estimation);
  };
  return { sampler, calls };
}

describe('certify', () => {
  it('draws n0 selection votes, then n estimation votes, and certifies the selected class', async () => {
    const { sampler, calls } = fixed([1, 8, 1], [10, 980, 10]);
    const res = await certify(sampler, { n0: 10, n: 1000, alpha: 0.001, sigma: 0.25 });
    expect(calls).toEqual([
      [10, 'selection'],
      [1000, 'estimation'],
    ]);
    expect(res.prediction).toBe(1);
    expect(res.pLower).toBe(clopperPearsonLower(980, 1000, 0.001));
    expect(res.radius).toBeCloseTo(0.25 * normalPpf(res.pLower), 14);
    expect(res.selectionCounts).toEqual([1, 8, 1]);
    expect(res.estimationCounts).toEqual([10, 980, 10]);
  });

  it('bounds the class chosen by selection, even when estimation prefers another', async () => {
    const { sampler } = fixed([0, 10], [900, 100]);
    const res = await certify(sampler, { n0: 10, n: 1000, alpha: 0.001, sigma: 0.25 });
    expect(res.prediction).toBe(ABSTAIN);
    expect(res.pLower).toBe(clopperPearsonLower(100, 1000, 0.001));
    expect(res.radius).toBe(0);
  });

  it('abstains whenever p_lower <= 0.5, including a bare majority and n_A = 0', async () => {
    for (const [k, n] of [
      [55, 100],
      [50, 100],
      [0, 100],
      [1, 1],
      [520, 1000],
    ] as const) {
      const { sampler } = fixed([5, 0], [k, n - k]);
      const res = await certify(sampler, { n0: 5, n, alpha: 0.01, sigma: 1 });
      expect(res.pLower).toBeLessThanOrEqual(0.5);
      expect(res.prediction).toBe(ABSTAIN);
      expect(res.radius).toBe(0);
    }
    const { sampler } = fixed([5, 0], [0, 100]);
    expect((await certify(sampler, { n0: 5, n: 100, alpha: 0.01, sigma: 1 })).pLower).toBe(0);
  });

  it('rejects a sampler that returns the wrong number of votes', async () => {
    const { sampler } = fixed([1, 2], [10, 10]);
    await expect(certify(sampler, { n0: 3, n: 21, alpha: 0.01, sigma: 1 })).rejects.toThrow(
      /20 estimation votes where 21/,
    );
  });

  it('throws a RangeError naming the bad argument', async () => {
    const { sampler } = fixed([1], [1]);
    const ok = { n0: 1, n: 1, alpha: 0.01, sigma: 1 };
    for (const [bad, name] of [
      [{ n0: 0 }, 'n0'],
      [{ n0: 1.5 }, 'n0'],
      [{ n: 0 }, 'n'],
      [{ alpha: 0 }, 'alpha'],
      [{ alpha: 1 }, 'alpha'],
      [{ alpha: NaN }, 'alpha'],
      [{ sigma: 0 }, 'sigma'],
      [{ sigma: -0.1 }, 'sigma'],
    ] as const) {
      const err = await certify(sampler, { ...ok, ...bad }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RangeError);
      expect((err as Error).message.startsWith(`${name} `)).toBe(true);
    }
  });
});

describe('predict', () => {
  const run = (counts: number[], alpha = 0.05) =>
    predict(fixed([], counts).sampler, { n: counts.reduce((a, b) => a + b, 0), alpha });

  it('abstains on a tie between the top two classes', async () => {
    const res = await run([40, 40, 20]);
    expect(res.prediction).toBe(ABSTAIN);
    expect(res.pValue).toBe(1);
  });

  it('returns the top class when the binomial test rejects a coin flip', async () => {
    const res = await run([10, 80, 10]);
    expect(res.prediction).toBe(1);
    expect(res.pValue).toBe(binomialTestPValue(80, 90));
    expect(res.counts).toEqual([10, 80, 10]);
  });

  it('abstains when the majority is not significant at alpha', async () => {
    const res = await run([55, 45], 0.05);
    expect(res.pValue).toBeGreaterThan(0.05);
    expect(res.prediction).toBe(ABSTAIN);
  });

  it('handles a unanimous vote with a single class', async () => {
    const res = await run([30]);
    expect(res.prediction).toBe(0);
    expect(res.pValue).toBeCloseTo(2 * 0.5 ** 30, 20);
  });

  it('throws on bad n or alpha', async () => {
    const { sampler } = fixed([], [1]);
    await expect(predict(sampler, { n: 0, alpha: 0.1 })).rejects.toThrow(/^n /);
    await expect(predict(sampler, { n: 1, alpha: 2 })).rejects.toThrow(/^alpha /);
  });
});

describe('radius, ceiling and helpers', () => {
  it('certifiedRadius is sigma * PhiInverse(p_lower) above 1/2 and 0 otherwise', () => {
    expect(certifiedRadius(0.5, 0.5)).toBe(0);
    expect(certifiedRadius(0.5, 0.3)).toBe(0);
    expect(certifiedRadius(0.5, normalCdf(1))).toBeCloseTo(0.5, 12);
    expect(certifiedRadius(0.25, 0.99)).toBeCloseTo(0.25 * 2.3263478740408408, 12);
    expect(certifiedRadius(1, 1)).toBe(Infinity);
  });

  it('maxCertifiableRadius matches sigma * PhiInverse(alpha^(1/n)) and the all-agree certificate', () => {
    for (const [sigma, n, alpha] of [
      [0.25, 100, 0.001],
      [0.5, 1000, 0.001],
      [1, 100_000, 1e-6],
      [0.12, 10, 0.1],
    ] as const) {
      const formula = sigma * normalPpf(Math.pow(alpha, 1 / n));
      expect(maxCertifiableRadius(sigma, n, alpha)).toBeCloseTo(formula, 12);
      expect(maxCertifiableRadius(sigma, n, alpha)).toBeCloseTo(
        certifiedRadius(sigma, clopperPearsonLower(n, n, alpha)),
        9,
      );
    }
    // 0.001^(1/100) = 0.933254; SciPy: norm.ppf(0.933254...) = 1.5004750241
    expect(maxCertifiableRadius(0.25, 100, 0.001)).toBeCloseTo(0.25 * 1.5004750241, 9);
    // With one sample and alpha = 0.001 nothing can be certified.
    expect(maxCertifiableRadius(1, 1, 0.001)).toBe(0);
  });

  it('the radius grows with n but never passes the ceiling', () => {
    const ceiling = maxCertifiableRadius(0.5, 1000, 0.001);
    for (let k = 501; k <= 1000; k += 50) {
      expect(certifiedRadius(0.5, clopperPearsonLower(k, 1000, 0.001))).toBeLessThanOrEqual(ceiling);
    }
  });

  it('argmax and topTwo break ties toward the lower index', () => {
    expect(argmax([3, 7, 7, 1])).toBe(1);
    expect(topTwo([3, 7, 7, 1])).toEqual([1, 2]);
    expect(topTwo([5])).toEqual([0, -1]);
  });

  it('the Clopper-Pearson interval brackets p_hat and narrows with n', () => {
    const lo1 = clopperPearsonLower(60, 100, 0.025);
    const hi1 = clopperPearsonUpper(60, 100, 0.025);
    const lo2 = clopperPearsonLower(6000, 10_000, 0.025);
    const hi2 = clopperPearsonUpper(6000, 10_000, 0.025);
    expect(lo1).toBeLessThan(0.6);
    expect(hi1).toBeGreaterThan(0.6);
    expect(hi2 - lo2).toBeLessThan(hi1 - lo1);
    expect(clopperPearsonLower(1, 1, 0.5)).toBe(0.5);
  });

  it('statistics throw a RangeError naming the argument', () => {
    expect(() => clopperPearsonLower(-1, 10, 0.1)).toThrow(/^k /);
    expect(() => clopperPearsonLower(11, 10, 0.1)).toThrow(/^k /);
    expect(() => clopperPearsonLower(0, 0, 0.1)).toThrow(/^n /);
    expect(() => clopperPearsonLower(1, 10, 0)).toThrow(/^alpha /);
    expect(() => clopperPearsonLower(1, 10, 1.5)).toThrow(RangeError);
    expect(() => binomialTestPValue(3, 2)).toThrow(/^k /);
    expect(() => binomialTestPValue(1, 2, 1.5)).toThrow(/^p /);
    expect(() => normalPpf(-0.1)).toThrow(/^p /);
    expect(() => normalPpf(NaN)).toThrow(RangeError);
    expect(() => certifiedRadius(0, 0.9)).toThrow(/^sigma /);
    expect(() => certifiedRadius(1, 1.1)).toThrow(/^pLower /);
    expect(() => maxCertifiableRadius(1, 0, 0.1)).toThrow(/^n /);
    expect(() => maxCertifiableRadius(-1, 10, 0.1)).toThrow(/^sigma /);
  });
});
