import { describe, expect, it } from 'vitest';
import {
  certifiedRadius,
  clopperPearsonLower,
  confidenceSequenceLower,
  logMixtureMartingale,
  reachedRadius,
  twoBounds,
} from '../index';
import { coverageLimit, failureShare, thresholds, type StreamShape } from './simulate';

/**
 * Simultaneous coverage: over a whole stream of Bernoulli(p) votes, the anytime-valid bound may
 * exceed p at some checked sample count in at most an alpha share of streams. Each stream has
 * STREAM_LENGTH votes, checked after every BATCH of them. To keep this fast, the bound is turned
 * into a threshold once per checked count: the smallest k at which it exceeds p (a binary search
 * over k, valid because the bound is monotone in k, which another test checks). A stream fails
 * when its count reaches the threshold at some check.
 */
const STREAMS = 2000;
const STREAM_LENGTH = 10_000;
const BATCH = 50;
const SHAPE: StreamShape = { streams: STREAMS, batch: BATCH, checks: STREAM_LENGTH / BATCH };

type Bound = (k: number, n: number, alpha: number) => number;

/** Share of STREAMS seeded streams in which the count reaches bound's threshold above p at some check. */
function exceedShare(bound: Bound, p: number, alpha: number, seed: number): number {
  const limits = thresholds(SHAPE, (k, n) => bound(k, n, alpha) > p);
  return failureShare(p, seed, SHAPE, (b, j) => b.k >= limits[j]!);
}

describe('confidenceSequenceLower: simultaneous coverage over the whole stream', () => {
  const cases = [
    { p: 0.6, alpha: 0.05 },
    { p: 0.9, alpha: 0.05 },
    { p: 0.99, alpha: 0.05 },
    { p: 0.9, alpha: 0.01 },
  ];
  for (const [i, { p, alpha }] of cases.entries()) {
    it(`p = ${p}, alpha = ${alpha}: exceeds p at some check in at most alpha + 3 SE of ${STREAMS} streams`, () => {
      const share = exceedShare(confidenceSequenceLower, p, alpha, 1000 + i);
      expect(share).toBeLessThanOrEqual(coverageLimit(alpha, STREAMS));
    });
  }

  // The trap the bound exists for: Clopper-Pearson promises coverage at one planned n only. Read
  // after every batch, it rises above p in far more than alpha of the streams (about a third).
  for (const [i, p] of [0.6, 0.9, 0.99].entries()) {
    it(`Clopper-Pearson checked after every ${BATCH} votes fails well above alpha (p = ${p})`, () => {
      const alpha = 0.05;
      const share = exceedShare(clopperPearsonLower, p, alpha, 2000 + i);
      expect(share).toBeGreaterThan(0.2);
    });
  }
});

describe('confidenceSequenceLower: shape', () => {
  const ALPHAS = [0.1, 0.05, 0.001];
  const NS = [1, 2, 7, 50, 333, 1000, 10_000, 100_000];

  it('is monotone (non-decreasing) in k for fixed n and alpha', () => {
    for (const alpha of ALPHAS) {
      for (const n of NS.filter((m) => m <= 1000)) {
        let prev = -1;
        for (let k = 0; k <= n; k++) {
          const b = confidenceSequenceLower(k, n, alpha);
          expect(b).toBeGreaterThanOrEqual(prev);
          prev = b;
        }
      }
      for (const n of [10_000, 100_000]) {
        let prev = -1;
        for (let k = 0; k <= n; k += Math.max(1, Math.floor(n / 997))) {
          const b = confidenceSequenceLower(k, n, alpha);
          expect(b).toBeGreaterThanOrEqual(prev);
          prev = b;
        }
      }
    }
  });

  it('is never above the Clopper-Pearson bound at the same k, n and alpha', () => {
    for (const alpha of ALPHAS) {
      for (const n of NS) {
        for (const frac of [0, 0.01, 0.3, 0.5, 0.6, 0.9, 0.99, 0.999, 1]) {
          const k = Math.round(frac * n);
          expect(confidenceSequenceLower(k, n, alpha)).toBeLessThanOrEqual(clopperPearsonLower(k, n, alpha));
        }
      }
    }
  });

  it('is 0 when no vote agrees, and below 1 when every vote does', () => {
    expect(confidenceSequenceLower(0, 1, 0.05)).toBe(0);
    expect(confidenceSequenceLower(0, 100_000, 0.001)).toBe(0);
    const all = confidenceSequenceLower(100_000, 100_000, 0.001);
    expect(all).toBeLessThan(1);
    expect(all).toBeGreaterThan(0.9998);
  });

  it('costs a little width against Clopper-Pearson, and the cost shrinks with n', () => {
    // The price of validity at every n: positive, and smaller in absolute terms at larger n.
    const gap = (n: number) =>
      clopperPearsonLower(0.9 * n, n, 0.001) - confidenceSequenceLower(0.9 * n, n, 0.001);
    expect(gap(1000)).toBeGreaterThan(0);
    expect(gap(100_000)).toBeGreaterThan(0);
    expect(gap(100_000)).toBeLessThan(gap(1000));
  });

  it('the mixture martingale decreases in p0 (so bisection finds the start of the confidence set)', () => {
    for (const [k, n] of [
      [1, 1],
      [3, 10],
      [60, 100],
      [9000, 10_000],
      [10_000, 10_000],
      [99_900, 100_000],
    ] as const) {
      let prev = Infinity;
      for (let i = 1; i < 1000; i++) {
        const v = logMixtureMartingale(k, n, i / 1000);
        expect(v).toBeLessThanOrEqual(prev + 1e-9);
        prev = v;
      }
    }
  });

  it('rejects bad arguments with a message naming them', () => {
    expect(() => confidenceSequenceLower(5, 3, 0.05)).toThrow(/k must be/);
    expect(() => confidenceSequenceLower(1, 0, 0.05)).toThrow(/n must be/);
    expect(() => confidenceSequenceLower(1, 10, 0)).toThrow(/alpha/);
  });
});

describe('twoBounds and reachedRadius', () => {
  it('give both bounds and their radii from one snapshot of counts', () => {
    const b = twoBounds(990, 1000, 0.001, 0.25);
    expect(b.fixedLower).toBe(clopperPearsonLower(990, 1000, 0.001));
    expect(b.anytimeLower).toBe(confidenceSequenceLower(990, 1000, 0.001));
    expect(b.fixedRadius).toBeCloseTo(certifiedRadius(0.25, b.fixedLower), 12);
    expect(b.anytimeRadius).toBeCloseTo(certifiedRadius(0.25, b.anytimeLower), 12);
    expect(b.anytimeRadius).toBeLessThan(b.fixedRadius);
    expect(twoBounds(400, 1000, 0.001, 0.25).anytimeRadius).toBe(0); // p_lower <= 1/2: no radius
  });

  it('stop on the anytime-valid radius only, and never before any vote', () => {
    const { anytimeRadius, fixedRadius } = twoBounds(990, 1000, 0.001, 0.25);
    expect(reachedRadius(990, 1000, 0.001, 0.25, anytimeRadius)).toBe(true);
    // Between the two radii: Clopper-Pearson would claim it, the anytime-valid bound does not yet.
    expect(reachedRadius(990, 1000, 0.001, 0.25, (anytimeRadius + fixedRadius) / 2)).toBe(false);
    expect(reachedRadius(0, 0, 0.001, 0.25, 0.01)).toBe(false);
  });
});
