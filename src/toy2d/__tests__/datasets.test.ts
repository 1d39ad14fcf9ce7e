import { describe, expect, it } from 'vitest';
import { DATASETS, makeDataset, type DatasetName } from '../datasets';

const names = Object.keys(DATASETS) as DatasetName[];

describe('2D toy datasets', () => {
  it.each(names)('%s: balanced, bounded, seeded', (name) => {
    const a = makeDataset(name, 400, 7);
    expect(a.points).toHaveLength(400);
    expect(a.labels.filter((l) => l === 1)).toHaveLength(200);
    for (const [x, y] of a.points) {
      expect(Math.abs(x)).toBeLessThan(2.5);
      expect(Math.abs(y)).toBeLessThan(2.5);
    }
    expect(makeDataset(name, 400, 7)).toEqual(a);
    expect(makeDataset(name, 400, 8).points).not.toEqual(a.points);
  });

  it('circles: the classes sit at different radii', () => {
    const d = makeDataset('circles', 600, 1, 0.05);
    const mean = (l: number) => {
      const r = d.points.filter((_, i) => d.labels[i] === l).map(([x, y]) => Math.hypot(x, y));
      return r.reduce((s, v) => s + v, 0) / r.length;
    };
    expect(mean(0)).toBeCloseTo(1.2, 1);
    expect(mean(1)).toBeCloseTo(0.5, 1);
  });

  it('blobs: linearly separable by x + y = 0 for almost all points', () => {
    const d = makeDataset('blobs', 600, 2, 0);
    const wrong = d.points.filter(([x, y], i) => (x + y > 0 ? 1 : 0) !== d.labels[i]).length;
    expect(wrong / 600).toBeLessThan(0.03);
  });

  it('moons: the two classes overlap in x but interleave', () => {
    const d = makeDataset('moons', 600, 3, 0);
    const top = d.points.filter((_, i) => d.labels[i] === 0);
    const bottom = d.points.filter((_, i) => d.labels[i] === 1);
    expect(Math.min(...top.map((p) => p[1]))).toBeGreaterThan(-0.3);
    expect(Math.max(...bottom.map((p) => p[1]))).toBeLessThan(0.3);
  });

  it('rejects bad arguments', () => {
    expect(() => makeDataset('moons', 1, 0)).toThrow(/count/);
    expect(() => makeDataset('moons', 10, 0, -1)).toThrow(/noise/);
  });
});
