import { describe, expect, it } from 'vitest';
import {
  clopperPearsonUpper,
  confidenceSequenceLower,
  confidenceSequenceUpper,
  firstStopInBatch,
  firstUnreachableInBatch,
  normalCdf,
  reachedRadius,
  unreachableRadius,
} from '../index';
import { makeRng } from '../../bounds/__tests__/helpers';
import { coverageLimit, failureShare, thresholds } from './simulate';

/**
 * Simultaneous coverage of the upper sequence: over a stream of Bernoulli(p) votes, checked after
 * every 25 votes up to 5000, the share of streams in which the upper bound falls below p at some
 * check. Per check the bound is turned into a threshold once: the smallest k with upper >= p (a
 * binary search, valid as the bound is non-decreasing in k); a stream fails when its k is below it.
 */
function upperFailureShare(p: number, alpha: number, streams: number, seed: number): number {
  const shape = { streams, batch: 25, checks: 5000 / 25 };
  const limits = thresholds(shape, (k, n) => confidenceSequenceUpper(k, n, alpha) >= p);
  return failureShare(p, seed, shape, (b, j) => b.k < limits[j]!);
}

describe('confidenceSequenceUpper: simultaneous coverage over the whole stream', () => {
  const cases = [
    { p: 0.6, alpha: 0.05 },
    { p: 0.9, alpha: 0.05 },
    { p: 0.99, alpha: 0.05 },
    { p: 0.9, alpha: 0.01 },
  ];
  for (const [i, { p, alpha }] of cases.entries()) {
    it(`p = ${p}, alpha = ${alpha}: falls below p at some check in at most alpha + 3 SE of 2000 streams`, () => {
      expect(upperFailureShare(p, alpha, 2000, 3000 + i)).toBeLessThanOrEqual(coverageLimit(alpha, 2000));
    });
  }
});

describe('confidenceSequenceUpper: shape', () => {
  it('is the lower sequence applied to the non-votes, and never below Clopper-Pearson', () => {
    for (const alpha of [0.1, 0.001]) {
      for (const n of [1, 7, 333, 10_000]) {
        for (const frac of [0, 0.01, 0.5, 0.9, 0.999, 1]) {
          const k = Math.round(frac * n);
          const up = confidenceSequenceUpper(k, n, alpha);
          expect(up).toBe(1 - confidenceSequenceLower(n - k, n, alpha));
          expect(up).toBeGreaterThanOrEqual(clopperPearsonUpper(k, n, alpha));
          expect(up).toBeGreaterThanOrEqual(confidenceSequenceLower(k, n, alpha));
        }
      }
    }
    expect(confidenceSequenceUpper(50, 50, 0.001)).toBe(1);
  });

  it('never rises at a non-hit and never falls at a hit (the first-crossing scan relies on it)', () => {
    for (const n of [1, 10, 200, 3000]) {
      for (let k = 0; k <= n; k += Math.max(1, Math.floor(n / 97))) {
        const here = confidenceSequenceUpper(k, n, 0.001);
        expect(confidenceSequenceUpper(k, n + 1, 0.001)).toBeLessThanOrEqual(here);
        expect(confidenceSequenceUpper(k + 1, n + 1, 0.001)).toBeGreaterThanOrEqual(here);
        if (k < n) expect(confidenceSequenceUpper(k + 1, n, 0.001)).toBeGreaterThanOrEqual(here);
      }
    }
  });

  it('rejects bad arguments with a message naming them', () => {
    expect(() => confidenceSequenceUpper(3, 2, 0.05)).toThrow(/k/);
    expect(() => confidenceSequenceUpper(1, 2, 1.5)).toThrow(/alpha/);
  });
});

/** The first m (1-based) at which `rule` holds, checking every sample: the reference scan. */
function scan(hits: number[], rule: (k: number, m: number) => boolean): number | null {
  let k = 0;
  for (let m = 1; m <= hits.length; m++) {
    k += hits[m - 1]!;
    if (rule(k, m)) return m;
  }
  return null;
}

/** The stream cut into batches of random sizes, as the engine sees it: the stopping sample and why. */
function inBatches(hits: number[], rng: () => number, o: Parameters<typeof firstStopInBatch>[3]) {
  let k = 0;
  for (let m = 0; m < hits.length;) {
    const batch = hits.slice(m, m + 1 + Math.floor(rng() * 400));
    const stop = firstStopInBatch(batch, k, m, o);
    if (stop !== null) return { at: m + stop.kept, decision: stop.decision };
    k += batch.reduce((a, b) => a + b, 0);
    m += batch.length;
  }
  return null;
}

describe('firstUnreachableInBatch and firstStopInBatch', () => {
  it('stop at the same sample as a sample-by-sample scan, for any batching', () => {
    const rng = makeRng(2424);
    let futile = 0;
    let certified = 0;
    for (let trial = 0; trial < 24; trial++) {
      const p = 0.55 + 0.45 * rng();
      const hits = Array.from({ length: 1500 }, () => (rng() < p ? 1 : 0));
      const sigma = [0.25, 0.5, 1][trial % 3]!;
      const r = 0.05 + 0.7 * rng();
      const o = { alpha: 0.001, sigma, r, alsoWhenUnreachable: true };
      const reach = scan(hits, (k, m) => reachedRadius(k, m, o.alpha, sigma, r));
      const out = scan(hits, (k, m) => unreachableRadius(k, m, o.alpha, sigma, r));
      expect(firstUnreachableInBatch(hits, 0, 0, o.alpha, sigma, r)).toBe(out);
      const want =
        out !== null && (reach === null || out < reach)
          ? { at: out, decision: 'unreachable' }
          : reach === null
            ? null
            : { at: reach, decision: 'certified' };
      expect(inBatches(hits, rng, o)).toEqual(want);
      // Without the option, only the certified stop.
      const onlyReach = inBatches(hits, rng, { ...o, alsoWhenUnreachable: false });
      expect(onlyReach).toEqual(reach === null ? null : { at: reach, decision: 'certified' });
      if (want?.decision === 'unreachable') futile++;
      if (want?.decision === 'certified') certified++;
    }
    // The trials exercise both decisions.
    expect(futile).toBeGreaterThan(3);
    expect(certified).toBeGreaterThan(3);
  });

  it('stops at the first non-hit when r is beyond any radius, and never on unanimous votes', () => {
    // r = 5 at sigma 0.25 needs p_A >= Phi(20), 1 in double precision: any non-hit rules it out.
    const hits = [...new Array<number>(40).fill(1), 0, ...new Array<number>(100).fill(1)];
    expect(firstUnreachableInBatch(hits, 0, 0, 0.001, 0.25, 5)).toBe(41);
    const all = new Array<number>(5000).fill(1);
    expect(firstUnreachableInBatch(all, 0, 0, 0.001, 0.25, 5)).toBeNull();
    expect(scan(all, (k, m) => unreachableRadius(k, m, 0.001, 0.25, 5))).toBeNull();
    expect(firstUnreachableInBatch(all, 0, 0, 0.001, 0.25, 0.5)).toBeNull();
  });

  it('returns null for an empty batch and before any sample', () => {
    expect(firstUnreachableInBatch([], 0, 0, 0.001, 0.25, 0.5)).toBeNull();
    expect(unreachableRadius(0, 0, 0.001, 0.25, 0.5)).toBe(false);
    expect(
      firstStopInBatch([], 0, 0, { alpha: 0.001, sigma: 0.25, r: 0.5, alsoWhenUnreachable: true }),
    ).toBeNull();
  });

  it('stops for futility in at most alpha + 3 SE of streams whose p_A does give radius r', () => {
    // The hardest case for the decision: p_A exactly Phi(r / sigma), radius exactly r.
    const sigma = 0.5;
    const r = 0.5;
    const alpha = 0.05;
    const p = normalCdf(r / sigma);
    const streams = 300;
    const wrong = failureShare(
      p,
      77,
      { streams, batch: 200, checks: 4000 / 200 },
      (b) => firstUnreachableInBatch(b.votes, b.kBefore, b.mBefore, alpha, sigma, r) !== null,
    );
    expect(wrong).toBeLessThanOrEqual(coverageLimit(alpha, streams));
  });
});
