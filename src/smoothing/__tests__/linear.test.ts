import { describe, expect, it } from 'vitest';
import { certify, normalCdf, normalPpf } from '../index';
import { coverageLimit, multinomialSampler } from './simulate';

/**
 * For a linear base classifier f(x) = sign(w.x + b), the smoothed classifier is known exactly:
 * w.(x + sigma z) + b ~ N(w.x + b, sigma^2 ||w||^2), so p_A = Phi(|w.x + b| / (sigma ||w||)) and
 * the exact certified radius sigma * Phi^-1(p_A) equals the distance |w.x + b| / ||w|| to the
 * decision boundary. CERTIFY may fall short of it but exceeds it only with probability alpha.
 */
const RUNS = 2000;
const ALPHA = 0.001;
const SIGMA = 0.5;
const w = [3, -4]; // ||w|| = 5
const b = 0.5;
const norm = Math.hypot(...w);

function median(xs: number[]): number {
  const s = [...xs].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The point on the normal through the origin whose smoothed p_A is `pA`. */
function pointWithPA(pA: number): [number, number] {
  const margin = SIGMA * normalPpf(pA) * norm;
  const t = (margin - b) / (norm * norm);
  return [t * w[0]!, t * w[1]!];
}
const POINTS = [0.7, 0.8, 0.9, 0.99, 0.999].map(pointWithPA);

describe('linear classifier: CERTIFY against the exact smoothed certificate', () => {
  for (const x of POINTS) {
    const margin = w[0]! * x[0] + w[1]! * x[1] + b;
    const distance = Math.abs(margin) / norm;
    const pA = normalCdf(distance / SIGMA);
    it(`x=(${x.map((v) => v.toFixed(3)).join(', ')}): distance ${distance.toFixed(3)}, p_A ${pA.toFixed(4)}`, async () => {
      expect(pA).toBeGreaterThan(0.69); // self-check of pointWithPA
      expect(pA).toBeLessThanOrEqual(0.999);
      const sampler = multinomialSampler([pA, 1 - pA], 42 + Math.round(distance * 1000));
      const ratios: number[] = [];
      let over = 0;
      for (let r = 0; r < RUNS; r++) {
        const res = await certify(sampler, { n0: 100, n: 100_000, alpha: ALPHA, sigma: SIGMA });
        expect(res.prediction).not.toBe(1); // never certifies the wrong side here
        if (res.radius > distance) over++;
        ratios.push(res.radius / distance);
      }
      // The certificate overshoots the true radius in at most an alpha share of runs ...
      expect(over / RUNS).toBeLessThanOrEqual(coverageLimit(ALPHA, RUNS));
      // ... and at n = 100,000 it typically comes within 5% of it.
      const typical = median(ratios);
      expect(typical).toBeGreaterThanOrEqual(0.95);
      expect(typical).toBeLessThanOrEqual(1);
    });
  }
});
