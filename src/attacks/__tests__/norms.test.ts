import { describe, expect, it } from 'vitest';
import { gaussianAt, sampleKey } from '../../smoothing';
import {
  clipToBox,
  l2Direction,
  l2Norm,
  linfDirection,
  linfNorm,
  normOf,
  projectBall,
  projectL2,
  projectLinf,
  steepestDirection,
} from '../norms';

/** A reproducible vector of `dim` values: scale * N(0, 1) draws from an unused test stream. */
function vec(i: number, dim: number, scale = 1): Float32Array {
  const key = sampleKey(12345, 99, i);
  return Float32Array.from({ length: dim }, (_, j) => scale * gaussianAt(key, j));
}

describe('norms', () => {
  it('give the textbook values', () => {
    expect(l2Norm([3, 4])).toBeCloseTo(5, 12);
    expect(linfNorm([3, -4])).toBe(4);
    expect(l2Norm([])).toBe(0);
    expect(linfNorm([])).toBe(0);
    expect(l2Norm([0, 0, 0])).toBe(0);
    expect(l2Norm(new Float32Array(784).fill(0.1))).toBeCloseTo(2.8, 6);
    expect(normOf([1, -2, 2], 'l2')).toBeCloseTo(3, 12);
    expect(normOf([1, -2, 2], 'linf')).toBe(2);
  });

  it('do not overflow, and pass NaN and Infinity through', () => {
    expect(l2Norm([1e200, 1e200])).toBeCloseTo(Math.SQRT2 * 1e200, -188);
    expect(l2Norm([1, NaN])).toBeNaN();
    expect(linfNorm([NaN, 1])).toBeNaN();
    expect(l2Norm([1, -Infinity])).toBe(Infinity);
  });

  it('satisfy L-inf <= L2 <= sqrt(d) L-inf', () => {
    for (let i = 0; i < 20; i++) {
      const v = vec(i, 50);
      expect(linfNorm(v)).toBeLessThanOrEqual(l2Norm(v) + 1e-12);
      expect(l2Norm(v)).toBeLessThanOrEqual(Math.sqrt(50) * linfNorm(v) + 1e-12);
    }
  });
});

describe('projections', () => {
  it('leave a point inside the ball unchanged (as a new array)', () => {
    const v = Float32Array.from([0.1, -0.2, 0.3]);
    const p = projectL2(v, 1);
    expect(p).toEqual(v);
    expect(p).not.toBe(v);
    expect(projectLinf(v, 0.5)).toEqual(v);
  });

  it('L2: scale an outside point onto the sphere, keeping its direction', () => {
    const p = projectL2([3, 4], 1);
    expect(p[0]).toBeCloseTo(0.6, 6);
    expect(p[1]).toBeCloseTo(0.8, 6);
    expect(Array.from(projectL2([3, 4], 0))).toEqual([0, 0]);
  });

  it('L-inf: clip each value to [-eps, eps]', () => {
    expect(Array.from(projectLinf([0.5, -0.7, 0.05], 0.1))).toEqual([
      Math.fround(0.1),
      Math.fround(-0.1),
      Math.fround(0.05),
    ]);
  });

  it('land inside the ball, are idempotent and never modify their input', () => {
    for (let i = 0; i < 20; i++) {
      const v = vec(i, 784, 0.3);
      const copy = Float32Array.from(v);
      for (const norm of ['l2', 'linf'] as const) {
        for (const eps of [0, 0.05, 0.5, 2, 100]) {
          const p = projectBall(v, eps, norm);
          expect(normOf(p, norm)).toBeLessThanOrEqual(eps * (1 + 1e-6));
          const again = projectBall(p, eps, norm);
          expect(linfNorm(Array.from(p, (v, j) => v - again[j]!))).toBeLessThan(1e-6);
        }
      }
      expect(v).toEqual(copy);
    }
  });

  it('return the nearest point of the ball (checked against random points of the ball)', () => {
    for (let i = 0; i < 10; i++) {
      const v = vec(i, 30, 1);
      for (const norm of ['l2', 'linf'] as const) {
        const eps = 0.5;
        const p = projectBall(v, eps, norm);
        const dist = l2Norm(Array.from(v, (x, j) => x - p[j]!));
        for (let k = 0; k < 50; k++) {
          const w = projectBall(vec(1000 + 50 * i + k, 30, 0.3), eps, norm);
          expect(l2Norm(Array.from(v, (x, j) => x - w[j]!))).toBeGreaterThanOrEqual(dist - 1e-6);
        }
      }
    }
  });
});

describe('clipToBox', () => {
  it('keeps x + delta in the box and only shrinks each |delta_j|', () => {
    for (let i = 0; i < 10; i++) {
      const x = Float32Array.from(vec(i, 784), (v) => Math.min(1, Math.max(0, 0.5 + 0.4 * v)));
      const delta = vec(100 + i, 784, 0.5);
      const c = clipToBox(x, delta);
      let bad = 0;
      for (let j = 0; j < x.length; j++) {
        const y = x[j]! + c[j]!;
        if (y < -1e-7 || y > 1 + 1e-7) bad++;
        if (Math.abs(c[j]!) > Math.abs(delta[j]!) + 1e-7) bad++;
        if (Math.sign(c[j]!) * Math.sign(delta[j]!) < 0) bad++;
      }
      expect(bad).toBe(0);
      expect(l2Norm(c)).toBeLessThanOrEqual(l2Norm(delta));
    }
  });

  it('honours another box and rejects mismatched lengths', () => {
    const c = clipToBox([0.2, 0.8], [-0.5, 0.5], 0.1, 0.9);
    expect(c[0]).toBeCloseTo(-0.1, 6);
    expect(c[1]).toBeCloseTo(0.1, 6);
    expect(() => clipToBox([0.5], [0.1, 0.2])).toThrow(RangeError);
  });
});

describe('step directions', () => {
  it('L2: unit vector along g, zeros for g = 0', () => {
    const d = l2Direction([3, -4]);
    expect(d[0]).toBeCloseTo(0.6, 6);
    expect(d[1]).toBeCloseTo(-0.8, 6);
    expect(Array.from(l2Direction([0, 0]))).toEqual([0, 0]);
    expect(l2Norm(steepestDirection(vec(1, 784), 'l2'))).toBeCloseTo(1, 5);
  });

  it('L-inf: the sign of g', () => {
    expect(Array.from(linfDirection([2, -0.001, 0]))).toEqual([1, -1, 0]);
    expect(linfNorm(steepestDirection(vec(2, 784), 'linf'))).toBe(1);
  });

  it('is the steepest: <g, d> equals the dual norm of g', () => {
    const g = vec(3, 784);
    const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
      let s = 0;
      for (let j = 0; j < a.length; j++) s += a[j]! * b[j]!;
      return s;
    };
    expect(dot(g, l2Direction(g))).toBeCloseTo(l2Norm(g), 3);
    const l1 = Array.from(g).reduce((s, v) => s + Math.abs(v), 0);
    expect(dot(g, linfDirection(g))).toBeCloseTo(l1, 3);
  });
});
