/**
 * Soundness on random networks: inside each method's certified radius, no sampled perturbation (uniform
 * in the ball, plus box corners or sphere points) and no PGD attack changes the prediction, and the
 * bounds contain every sampled output.
 */
import { describe, expect, it } from 'vitest';
import {
  crownBounds,
  crownCertifiedRadius,
  crownMarginLowerBounds,
  ibpBounds,
  ibpCertifiedRadius,
  ibpMarginLowerBounds,
  lipschitzCertifiedRadius,
  lipschitzUpperBound,
  type Interval,
  type ReluNet,
} from '../index';
import { forwardUnchecked, marginOf } from '../network';
import { type Case, makeCases } from './cases';
import { pgd, sampleBall, sampleBox, sampleCorner, sampleSphere } from './helpers';

const SLACK = 1e-9;
const INSIDE = 0.98;

type Sampler = (x: readonly number[], eps: number, rng: () => number) => number[];

/** `count` samples from `inner` and `count / 4` from `edge`. */
function samples(c: Case, eps: number, inner: Sampler, edge: Sampler, count: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < count; i++) out.push(inner(c.x, eps, c.rng));
  for (let i = 0; i < count / 4; i++) out.push(edge(c.x, eps, c.rng));
  return out;
}

/** Every output of every sample lies in `box` (checked as one worst violation, for speed). */
function expectContains(box: Interval, net: ReluNet, pts: number[][]): void {
  let worst = 0;
  for (const p of pts) {
    forwardUnchecked(net, p).forEach((v, j) => {
      worst = Math.max(worst, box.lower[j]! - v, v - box.upper[j]!);
    });
  }
  expect(worst).toBeLessThanOrEqual(SLACK);
}

/** Margins z_label - z_j of every sample are >= the bounds (entry `label` is +Infinity and skipped). */
function expectMarginsAbove(net: ReluNet, label: number, pts: number[][], bounds: readonly number[]): void {
  let worst = Infinity;
  for (const p of pts) {
    const z = forwardUnchecked(net, p);
    bounds.forEach((b, j) => {
      if (j !== label) worst = Math.min(worst, z[label]! - z[j]! - b);
    });
  }
  expect(worst).toBeGreaterThanOrEqual(-SLACK);
}

/** Every sample and the PGD attack keep a positive margin. */
function expectRobust(c: Case, eps: number, norm: 'linf' | 'l2', pts: number[][]): void {
  let worst = Infinity;
  for (const p of pts) worst = Math.min(worst, marginOf(forwardUnchecked(c.net, p), c.label));
  expect(worst, `${c.name}: a sample flips at eps ${eps}`).toBeGreaterThan(0);
  expect(pgd(c.net, c.x, c.label, eps, norm, c.rng).margin, `${c.name}: PGD flips`).toBeGreaterThan(0);
}

describe('soundness inside the certified radius (20 random networks)', () => {
  it('IBP, L-infinity', () => {
    for (const c of makeCases()) {
      const r = ibpCertifiedRadius(c.net, c.x, c.label);
      expect(r, c.name).toBeGreaterThan(0);
      const eps = INSIDE * r;
      const pts = samples(c, eps, sampleBox, sampleCorner, 1200);
      expectRobust(c, eps, 'linf', pts);
      const box = ibpBounds(c.net, c.x, eps);
      expectContains(box, c.net, pts);
      expectMarginsAbove(c.net, c.label, pts, ibpMarginLowerBounds(c.net, c.x, eps, c.label));
    }
  });

  it('CROWN, L-infinity', () => {
    for (const c of makeCases()) {
      const r = crownCertifiedRadius(c.net, c.x, c.label, 'linf');
      expect(r, c.name).toBeGreaterThan(0);
      const eps = INSIDE * r;
      const pts = samples(c, eps, sampleBox, sampleCorner, 1200);
      expectRobust(c, eps, 'linf', pts);
      expectMarginsAbove(c.net, c.label, pts, crownMarginLowerBounds(c.net, c.x, eps, c.label, 'linf'));
      const box = crownBounds(c.net, c.x, eps, 'linf');
      expectContains(box, c.net, pts);
    }
  });

  it('CROWN, L2', () => {
    for (const c of makeCases()) {
      const r = crownCertifiedRadius(c.net, c.x, c.label, 'l2');
      expect(r, c.name).toBeGreaterThan(0);
      const eps = INSIDE * r;
      const pts = samples(c, eps, sampleBall, sampleSphere, 1200);
      expectRobust(c, eps, 'l2', pts);
      expectMarginsAbove(c.net, c.label, pts, crownMarginLowerBounds(c.net, c.x, eps, c.label, 'l2'));
      const box = crownBounds(c.net, c.x, eps, 'l2');
      expectContains(box, c.net, pts);
    }
  });

  it('Lipschitz margin, L2 (default and pairwise)', () => {
    for (const c of makeCases()) {
      for (const pairwise of [false, true]) {
        const r = lipschitzCertifiedRadius(c.net, c.x, c.label, { pairwise });
        expect(r, c.name).toBeGreaterThan(0);
        const eps = INSIDE * r;
        expectRobust(c, eps, 'l2', samples(c, eps, sampleBall, sampleSphere, 600));
      }
    }
  });

  it('with the domain [0, 1]: IBP and CROWN L-infinity on the clipped box', () => {
    const clip =
      (sampler: Sampler): Sampler =>
      (x, eps, rng) =>
        sampler(x, eps, rng).map((v) => Math.min(Math.max(v, 0), 1));
    for (const c of makeCases(true)) {
      const opts = { domain: [0, 1] as const };
      const ri = ibpCertifiedRadius(c.net, c.x, c.label, opts);
      const rc = crownCertifiedRadius(c.net, c.x, c.label, 'linf', opts);
      expect(rc + 1e-4).toBeGreaterThanOrEqual(ri);
      for (const r of [ri, rc]) {
        const eps = INSIDE * r;
        const pts = samples(c, eps, clip(sampleBox), clip(sampleCorner), 600);
        let worst = Infinity;
        for (const p of pts) worst = Math.min(worst, marginOf(forwardUnchecked(c.net, p), c.label));
        expect(worst, c.name).toBeGreaterThan(0);
      }
      const pts = samples(c, 0.3, clip(sampleBox), clip(sampleCorner), 400);
      expectMarginsAbove(c.net, c.label, pts, crownMarginLowerBounds(c.net, c.x, 0.3, c.label, 'linf', opts));
      const box = ibpBounds(c.net, c.x, 0.3, opts);
      expectContains(box, c.net, pts);
    }
  });

  it('bounds contain every sampled output at radii far beyond certification', () => {
    for (const c of makeCases().slice(0, 12)) {
      for (const eps of [0.5, 2]) {
        const box = samples(c, eps, sampleBox, sampleCorner, 400);
        const ibp = ibpBounds(c.net, c.x, eps);
        const crown = crownBounds(c.net, c.x, eps, 'linf');
        const crownPure = crownBounds(c.net, c.x, eps, 'linf', { ibp: false });
        for (const b of [ibp, crown, crownPure]) expectContains(b, c.net, box);
        expectMarginsAbove(c.net, c.label, box, crownMarginLowerBounds(c.net, c.x, eps, c.label, 'linf'));
        const ball = samples(c, eps, sampleBall, sampleSphere, 400);
        const crown2 = crownBounds(c.net, c.x, eps, 'l2', { ibp: false });
        expectContains(crown2, c.net, ball);
        expectMarginsAbove(
          c.net,
          c.label,
          ball,
          crownMarginLowerBounds(c.net, c.x, eps, c.label, 'l2', { ibp: false }),
        );
      }
    }
  });

  it('the Lipschitz bound exceeds every observed ratio ||z(a) - z(b)|| / ||a - b||', () => {
    for (const c of makeCases().slice(0, 10)) {
      const L = lipschitzUpperBound(c.net);
      let worst = 0;
      for (let i = 0; i < 500; i++) {
        const a = sampleBall(c.x, 1, c.rng);
        const b = i % 2 ? sampleBall(c.x, 1, c.rng) : sampleSphere(a, 1e-3, c.rng);
        const za = forwardUnchecked(c.net, a);
        const zb = forwardUnchecked(c.net, b);
        const dz = Math.hypot(...za.map((v, j) => v - zb[j]!));
        const dx = Math.hypot(...a.map((v, j) => v - b[j]!));
        worst = Math.max(worst, dz / dx);
      }
      expect(worst).toBeLessThanOrEqual(L * (1 + 1e-9));
    }
  });
});
