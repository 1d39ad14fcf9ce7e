import { describe, expect, it } from 'vitest';
import { firstReachInBatch, firstUnreachableInBatch, reachedRadius, unreachableRadius } from '../index';
import { makeRng } from '../../bounds/__tests__/helpers';

/** The first m (1-based) at which reachedRadius holds, checking every sample: the reference. */
function bruteForce(hits: number[], alpha: number, sigma: number, r: number): number | null {
  let k = 0;
  for (let m = 1; m <= hits.length; m++) {
    k += hits[m - 1]!;
    if (reachedRadius(k, m, alpha, sigma, r)) return m;
  }
  return null;
}

/** The same stream cut into batches of the given sizes, as the engine sees it. */
function inBatches(hits: number[], sizes: () => number, alpha: number, sigma: number, r: number) {
  let k = 0;
  for (let m = 0; m < hits.length;) {
    const batch = hits.slice(m, m + sizes());
    const keep = firstReachInBatch(batch, k, m, alpha, sigma, r);
    if (keep !== null) return m + keep;
    k += batch.reduce((a, b) => a + b, 0);
    m += batch.length;
  }
  return null;
}

describe('firstReachInBatch', () => {
  it('stops unanimous votes at sigma 0.25, r = 0.5, alpha 0.001 at the first sample whose bound reaches r', () => {
    const hits = new Array<number>(2000).fill(1);
    const m = bruteForce(hits, 0.001, 0.25, 0.5)!;
    expect(m).toBeGreaterThan(100);
    expect(reachedRadius(m - 1, m - 1, 0.001, 0.25, 0.5)).toBe(false);
    expect(firstReachInBatch(hits.slice(0, 1000), 0, 0, 0.001, 0.25, 0.5)).toBe(m);
    // The old check at the end of each 1,000-sample batch would have stopped at 1,000.
  });

  it('gives the same stopping sample for every batching, equal to checking every sample', () => {
    const rng = makeRng(648);
    for (let trial = 0; trial < 60; trial++) {
      const p = 0.8 + 0.2 * rng();
      const hits = Array.from({ length: 3000 }, () => (rng() < p ? 1 : 0));
      const sigma = [0.25, 0.5, 1][trial % 3]!;
      const r = 0.1 + 0.5 * rng();
      const want = bruteForce(hits, 0.001, sigma, r);
      for (const size of [1, 7, 64, 500, 2048]) {
        expect(inBatches(hits, () => size, 0.001, sigma, r)).toBe(want);
      }
      expect(inBatches(hits, () => 1 + Math.floor(rng() * 300), 0.001, sigma, r)).toBe(want);
    }
  });

  it('finds a crossing in the middle of a batch that the batch end would miss', () => {
    // Unanimous up to the crossing, then a run of other votes pulls the bound back below r.
    const m = bruteForce(new Array<number>(2000).fill(1), 0.01, 0.5, 0.3)!;
    const hits = [...new Array<number>(m).fill(1), ...new Array<number>(400).fill(0)];
    expect(reachedRadius(m, m + 400, 0.01, 0.5, 0.3)).toBe(false);
    expect(firstReachInBatch(hits, 0, 0, 0.01, 0.5, 0.3)).toBe(m);
  });

  it('returns null for an empty batch and for one that cannot reach r', () => {
    expect(firstReachInBatch([], 0, 0, 0.001, 0.25, 0.5)).toBeNull();
    expect(firstReachInBatch([1, 0, 1, 0], 10, 20, 0.001, 0.25, 0.5)).toBeNull();
  });
});

type Rule = (k: number, m: number) => boolean;

describe('firstReachInBatch and firstUnreachableInBatch', () => {
  /**
   * The first position (1-based) in the batch after which `rule` holds, checking every sample; or,
   * where `rule` holds before the batch already, checking only the samples that are hits (`at`
   * true) or misses (false), as the two functions document for that case.
   */
  function scanBatch(batch: boolean[], kBefore: number, mBefore: number, at: boolean, rule: Rule) {
    const every = mBefore === 0 || !rule(kBefore, mBefore);
    let k = kBefore;
    for (let i = 0; i < batch.length; i++) {
      if (batch[i]) k++;
      if ((every || batch[i] === at) && rule(k, mBefore + i + 1)) return i + 1;
    }
    return null;
  }

  it('each give, for every batch of a randomly cut stream, the first crossing of a per-sample scan', () => {
    const rng = makeRng(2025);
    const alpha = 0.001;
    const seen = { reached: 0, unreachable: 0, before: 0 };
    for (let trial = 0; trial < 12; trial++) {
      const p = 0.5 + 0.5 * rng();
      const stream = Array.from({ length: 1500 }, () => rng() < p);
      const sigma = [0.25, 0.5, 1][trial % 3]!;
      const r = 0.05 + 0.6 * rng();
      const reach: Rule = (k, m) => reachedRadius(k, m, alpha, sigma, r);
      const out: Rule = (k, m) => unreachableRadius(k, m, alpha, sigma, r);
      let k = 0;
      // Every batch, also those after a crossing: the bounds move both ways along the stream.
      for (let m = 0; m < stream.length;) {
        const batch = stream.slice(m, m + Math.floor(rng() * 120)); // sizes from 0
        const asNumbers = batch.map(Number);
        const wantReach = scanBatch(batch, k, m, true, reach);
        const wantOut = scanBatch(batch, k, m, false, out);
        expect(firstReachInBatch(batch, k, m, alpha, sigma, r)).toBe(wantReach);
        expect(firstReachInBatch(asNumbers, k, m, alpha, sigma, r)).toBe(wantReach);
        expect(firstUnreachableInBatch(batch, k, m, alpha, sigma, r)).toBe(wantOut);
        expect(firstUnreachableInBatch(asNumbers, k, m, alpha, sigma, r)).toBe(wantOut);
        if (wantReach !== null) seen.reached++;
        if (wantOut !== null) seen.unreachable++;
        if (m > 0 && (reach(k, m) || out(k, m))) seen.before++;
        k += asNumbers.reduce((a, b) => a + b, 0);
        m += batch.length;
      }
    }
    // Both kinds of crossing occur in many batches, and so do batches that start past a crossing.
    expect(seen.reached).toBeGreaterThan(20);
    expect(seen.unreachable).toBeGreaterThan(20);
    expect(seen.before).toBeGreaterThan(20);
  });
});
