import { describe, expect, it } from 'vitest';
import { roundTicks } from '../axisTicks';
import { histogramLayout } from '../histogramLayout';

describe('the vote histogram’s geometry', () => {
  const counts = [0, 0, 0, 750, 0, 250, 0, 0, 0, 0];
  const ticks = roundTicks(1000);
  const l = histogramLayout(counts, ticks, 400, 180, 14);

  it('bars are proportional to the counts on the 0 .. top tick scale, on the plot’s floor', () => {
    const h = l.plot.bottom - l.plot.top;
    expect(l.bars[3]!.height).toBeCloseTo(0.75 * h, 9);
    expect(l.bars[5]!.height).toBeCloseTo(0.25 * h, 9);
    expect(l.bars[0]!.height).toBe(0);
    for (const b of l.bars) expect(b.y + b.height).toBeCloseTo(l.plot.bottom, 9);
  });

  it('ticks run from the floor to the plot’s top, labelled with separators', () => {
    expect(l.yTicks.map((t) => t.label)).toEqual(['0', '250', '500', '750', '1,000']);
    expect(l.yTicks[0]!.y).toBe(l.plot.bottom);
    expect(l.yTicks.at(-1)!.y).toBe(l.plot.top);
  });

  it('bars stay inside the plot, one band per class, left to right', () => {
    for (let k = 0; k < 10; k++) {
      const b = l.bars[k]!;
      expect(b.x).toBeGreaterThanOrEqual(l.plot.left);
      expect(b.x + b.width).toBeLessThanOrEqual(l.plot.right + 1e-9);
      if (k > 0) expect(b.x).toBeGreaterThan(l.bars[k - 1]!.x + l.bars[k - 1]!.width);
    }
  });

  it('leaves room for the labels: the top label below the box’s edge, the class labels above its bottom', () => {
    for (const [font, h] of [
      [14, 180],
      [20, 300],
    ] as const) {
      const g = histogramLayout(counts, roundTicks(20_000), 500, h, font);
      expect(g.plot.top - font / 2).toBeGreaterThanOrEqual(0);
      expect(g.labelY + 1.15 * font).toBeLessThanOrEqual(h);
      // The widest label ("20,000") fits left of the plot.
      expect(6 * 0.62 * font).toBeLessThan(g.plot.left - 6);
    }
  });

  it('a count above the top tick (never in a run) is drawn at the top, not beyond', () => {
    const g = histogramLayout([2000, 0, 0, 0, 0, 0, 0, 0, 0, 0], ticks, 400, 180, 14);
    expect(g.bars[0]!.y).toBe(g.plot.top);
  });
});
