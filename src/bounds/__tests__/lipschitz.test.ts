import { describe, expect, it } from 'vitest';
import {
  layerSpectralNorms,
  lipschitzCertifiedRadius,
  lipschitzUpperBound,
  spectralNorm,
  spectralNormBounds,
} from '../index';
import { gaussian, makeRng, randomNet } from './helpers';

/** Householder reflection I - 2 v v^T / (v^T v): an orthogonal matrix. */
function householder(v: number[]): number[][] {
  const vv = v.reduce((s, a) => s + a * a, 0);
  return v.map((a, i) => v.map((b, j) => (i === j ? 1 : 0) - (2 * a * b) / vv));
}

function matMul(A: number[][], B: number[][]): number[][] {
  return A.map((row) => B[0]!.map((_, j) => row.reduce((s, a, k) => s + a * B[k]![j]!, 0)));
}

/** U diag(s) V^T with orthogonal U (m x m), V (n x n): its singular values are exactly `s`. */
function withSingularValues(s: number[], m: number, n: number, seed: number): number[][] {
  const rng = makeRng(seed);
  const U = householder(Array.from({ length: m }, () => gaussian(rng)));
  const V = householder(Array.from({ length: n }, () => gaussian(rng)));
  const S = Array.from({ length: m }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? (s[i] ?? 0) : 0)),
  );
  return matMul(
    matMul(U, S),
    V.map((_, i) => V.map((row) => row[i]!)),
  );
}

function expectSigma(W: number[][], sigma: number): void {
  const { lower, upper } = spectralNormBounds(W);
  expect(lower).toBeLessThanOrEqual(sigma * (1 + 1e-12));
  expect(upper).toBeGreaterThanOrEqual(sigma * (1 - 1e-12));
  expect(lower).toBeCloseTo(sigma, 7);
  expect(upper).toBeCloseTo(sigma, 7);
}

describe('spectral norm (power iteration below, Gram iteration above)', () => {
  it('matches matrices with known singular values', () => {
    expectSigma(
      [
        [3, 0, 0],
        [0, -5, 0],
        [0, 0, 2],
      ],
      5,
    ); // diagonal: the largest |entry|
    // Rank one u v^T: ||u|| ||v|| = 3 * 5.
    const u = [1, 2, 2];
    const v = [3, 4];
    expectSigma(
      u.map((a) => v.map((b) => a * b)),
      15,
    );
    expectSigma(
      [
        [2, 1],
        [1, 2],
      ],
      3,
    ); // symmetric, eigenvalues 3 and 1
    expectSigma(
      [
        [1, 1],
        [0, 1],
      ],
      (1 + Math.sqrt(5)) / 2,
    ); // shear: the golden ratio
    // [[1, 2], [3, 4]]: W^T W = [[10, 14], [14, 20]], eigenvalues 15 +- sqrt(221).
    expectSigma(
      [
        [1, 2],
        [3, 4],
      ],
      Math.sqrt(15 + Math.sqrt(221)),
    );
    expectSigma([[1, -1]], Math.SQRT2); // top singular vector orthogonal to (1, 1)
    expectSigma(
      [
        [0, 0],
        [0, 0],
      ],
      0,
    );
  });

  it('matches U diag(s) V^T, including near-equal and equal top singular values', () => {
    expectSigma(withSingularValues([3, 2.5, 1, 0.5], 5, 4, 1), 3);
    expectSigma(withSingularValues([2, 0.1], 2, 6, 2), 2);
    expectSigma(withSingularValues([3, 2.9999999, 1], 3, 3, 3), 3);
    expectSigma(withSingularValues([1.5, 1.5, 1.5, 1.5, 1.5, 1.5], 6, 6, 4), 1.5);
    const I = Array.from({ length: 32 }, (_, i) => Array.from({ length: 32 }, (_, j) => (i === j ? 1 : 0)));
    expectSigma(I, 1);
    // A larger one with a crowded top of the spectrum, where plain power iteration is slow.
    const crowded = Array.from({ length: 20 }, (_, i) => 2 - 0.001 * i * i);
    const W = withSingularValues(crowded, 30, 20, 5);
    expectSigma(W, 2);
    const { lower, upper } = spectralNormBounds(W);
    expect((upper - lower) / upper).toBeLessThanOrEqual(1e-9);
  });

  it('is invariant under transposition and scales with |c|', () => {
    const W = randomNet([7, 5], 9).layers[0]!.W;
    const WT = W[0]!.map((_, j) => W.map((row) => row[j]!));
    expect(spectralNorm(WT)).toBeCloseTo(spectralNorm(W), 8);
    expect(spectralNorm(W.map((r) => r.map((a) => -3 * a)))).toBeCloseTo(3 * spectralNorm(W), 8);
  });

  it('bounds ||W v|| / ||v|| for random v', () => {
    const rng = makeRng(5);
    const W = randomNet([12, 9], 3).layers[0]!.W;
    const s = spectralNorm(W);
    for (let i = 0; i < 200; i++) {
      const v = Array.from({ length: 12 }, () => gaussian(rng));
      const Wv = W.map((row) => row.reduce((t, a, j) => t + a * v[j]!, 0));
      expect(Math.hypot(...Wv) / Math.hypot(...v)).toBeLessThanOrEqual(s);
    }
  });
});

describe('Lipschitz constant and radius', () => {
  it('L is the product of the layer norms', () => {
    const net = randomNet([3, 6, 4, 2], 11);
    const norms = layerSpectralNorms(net);
    expect(norms).toHaveLength(3);
    expect(lipschitzUpperBound(net)).toBeCloseTo(norms[0]! * norms[1]! * norms[2]!, 10);
    // Precomputed norms give the same radius.
    const x = [0.2, -0.4, 1];
    const label = 0;
    expect(lipschitzCertifiedRadius(net, x, label, { layerNorms: norms })).toBe(
      lipschitzCertifiedRadius(net, x, label),
    );
  });

  it('a constant network is robust everywhere', () => {
    const net = {
      layers: [
        {
          W: [
            [0, 0],
            [0, 0],
          ],
          b: [1, 0],
        },
      ],
    };
    expect(lipschitzCertifiedRadius(net, [3, 4], 0)).toBe(Infinity);
    expect(lipschitzCertifiedRadius(net, [3, 4], 0, { pairwise: true })).toBe(Infinity);
  });
});
