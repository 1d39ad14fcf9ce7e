import { describe, expect, it } from 'vitest';
import { clopperPearsonLower, confidenceSequenceLower } from '../../smoothing';
import { claimThresholds, median, peekingExperiment, rateInterval, readRate } from '../peeking';

const CASE = { pA: 0.5, target: 0.5, n: 10_000, batch: 50, alpha: 0.05, runs: 600, seed: 3 };

describe('peekingExperiment', () => {
  it('shows the trap: Clopper-Pearson read after every batch claims far above alpha; the anytime-valid bound and fixed-n CERTIFY stay within it', async () => {
    const r = await peekingExperiment(CASE);
    expect(r.runs).toBe(600);
    expect(readRate(r.cpPeeking.claims, r.runs, CASE.alpha)).toBe('above');
    expect(r.cpPeeking.claims / r.runs).toBeGreaterThan(0.2);
    expect(readRate(r.anytimePeeking.claims, r.runs, CASE.alpha)).toBe('within');
    expect(readRate(r.fixedN.claims, r.runs, CASE.alpha)).toBe('within');
    // On the same votes, anything the anytime-valid bound or fixed-n CERTIFY claims, peeking CP also claims.
    expect(r.cpPeeking.claims).toBeGreaterThanOrEqual(r.anytimePeeking.claims);
    expect(r.cpPeeking.claims).toBeGreaterThanOrEqual(r.fixedN.claims);
    expect(r.fixedN.claimedAt.every((m) => m === CASE.n)).toBe(true);
    expect(r.cpPeeking.claimedAt.every((m) => m % CASE.batch === 0 && m <= CASE.n)).toBe(true);
  });

  it('is seeded: the same options give the same numbers, another seed other numbers', async () => {
    const small = { ...CASE, runs: 100 };
    expect(await peekingExperiment(small)).toEqual(await peekingExperiment(small));
    const other = await peekingExperiment({ ...small, seed: 4 });
    expect(other.cpPeeking.claimedAt).not.toEqual((await peekingExperiment(small)).cpPeeking.claimedAt);
  });

  it('stops when onProgress returns false and returns the partial result', async () => {
    const r = await peekingExperiment({ ...CASE, runs: 500 }, (p) => p.runs < 100);
    expect(r.runs).toBe(100);
  });

  it('claims nothing when p_A is far below the target', async () => {
    const r = await peekingExperiment({ ...CASE, pA: 0.3, runs: 50 });
    expect(r.cpPeeking.claims + r.anytimePeeking.claims + r.fixedN.claims).toBe(0);
  });

  it('rejects a p_A above the target and an n that is not a multiple of the batch', async () => {
    await expect(peekingExperiment({ ...CASE, pA: 0.6 })).rejects.toThrow(/pA must be at most/);
    await expect(peekingExperiment({ ...CASE, n: 1010, batch: 100 })).rejects.toThrow(/multiple of batch/);
  });
});

describe('claimThresholds', () => {
  it('is the smallest count whose bound exceeds the target', () => {
    const o = { target: 0.5, n: 500, batch: 50, alpha: 0.05 };
    for (const bound of [clopperPearsonLower, confidenceSequenceLower]) {
      const t = claimThresholds(bound, o);
      t.forEach((k, j) => {
        const m = (j + 1) * 50;
        if (k <= m) expect(bound(k, m, 0.05)).toBeGreaterThan(0.5);
        if (k > 0) expect(bound(k - 1, m, 0.05)).toBeLessThanOrEqual(0.5);
      });
    }
  });
});

describe('rateInterval, median, readRate', () => {
  it('gives a 95% Clopper-Pearson interval around the share', () => {
    const [lo, hi] = rateInterval(30, 1000);
    expect(lo).toBeLessThan(0.03);
    expect(hi).toBeGreaterThan(0.03);
    expect(rateInterval(0, 1000)[0]).toBe(0);
    expect(rateInterval(1000, 1000)[1]).toBe(1);
  });
  it('reads "above" only when the whole interval is above alpha', () => {
    expect(readRate(300, 1000, 0.05)).toBe('above');
    expect(readRate(60, 1000, 0.05)).toBe('within'); // 6% but its interval reaches below 5%
    expect(readRate(10, 1000, 0.05)).toBe('within');
  });
  it('median', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
