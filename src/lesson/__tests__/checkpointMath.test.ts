import { describe, expect, it } from 'vitest';
import {
  costBucket,
  doublingOutcome,
  gapOutcome,
  l2Distance,
  linearGap,
  rotateImage,
  uniformShiftL2,
} from '../checkpointMath';

describe('checkpoint experiments', () => {
  it('classifies what doubling sigma did to the radius', () => {
    expect(doublingOutcome(0, 0.5)).toBe('abstains');
    expect(doublingOutcome(0.4, 0.8)).toBe('doubles');
    expect(doublingOutcome(0.4, 0.6)).toBe('grows-less');
    expect(doublingOutcome(0.4, 0.41)).toBe('same');
    expect(doublingOutcome(0.4, 0)).toBe('shrinks');
  });

  it('measures perturbations in L2', () => {
    expect(uniformShiftL2(0.1, 784)).toBeCloseTo(2.8, 12);
    expect(l2Distance([0, 3], [4, 0])).toBe(5);
    expect(() => l2Distance([1], [1, 2])).toThrow(RangeError);
  });

  it('rotates an image about its centre', () => {
    const size = 5;
    const x = new Float32Array(size * size);
    x[2 * size + 4] = 1; // right of centre
    const r90 = rotateImage(x, size, 90);
    expect(r90[4 * size + 2]).toBeCloseTo(1, 6); // now below the centre (rows grow downwards)
    expect(rotateImage(x, size, 0)).toEqual(x);
    expect(l2Distance(rotateImage(x, size, 360), x)).toBeLessThan(1e-6);
  });

  it('buckets the cost of a certificate', () => {
    expect([0.2, 3, 30, 300].map(costBucket)).toEqual(['under-1s', '1-10s', '10-60s', 'over-60s']);
  });

  it('the Monte Carlo radius of a linear classifier falls short of the exact distance', () => {
    for (const seed of [0, 1, 2, 3, 4]) {
      const g = linearGap(0.5, 0.5, 1000, 0.001, seed);
      expect(g.pA).toBeCloseTo(0.8413, 4);
      expect(Math.abs(g.nA / 1000 - g.pA)).toBeLessThan(0.05);
      expect(g.radius).toBeLessThan(g.exact);
      expect(g.radius).toBeGreaterThan(0.3);
      expect(gapOutcome(g.radius, g.exact)).toBe('smaller');
    }
    expect(gapOutcome(1.005, 1)).toBe('equal');
    expect(gapOutcome(1.2, 1)).toBe('larger');
  });
});
