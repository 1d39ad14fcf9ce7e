import { describe, expect, it } from 'vitest';
import { coverageChartLayout } from '../coverageChartLayout';

describe('the coverage chart’s geometry (issue #19, case 7: intervals at their values)', () => {
  // The default experiment's readings: CERTIFY 0 of 1,000, the snippet 338 of 1,000.
  const bars = [
    { label: 'CERTIFY', rate: 0, lower: 0, upper: 0.003682 },
    { label: 'Lesson snippet', rate: 0.338, lower: 0.3087, upper: 0.3683 },
  ];
  const alpha = 0.01;
  const l = coverageChartLayout(bars, alpha, 480, 220, 14);
  const top = l.yTicks.at(-1)!.value;
  // The value scale, from the plot box and the top tick alone: 0 on the floor, the top tick at the top.
  const expectedY = (v: number) => l.plot.bottom - ((l.plot.bottom - l.plot.top) * v) / top;

  it('the axis is linear from 0 on the floor to the top tick at the plot’s top, and holds every interval', () => {
    expect(l.yTicks[0]!.value).toBe(0);
    expect(l.yTicks[0]!.y).toBe(l.plot.bottom);
    expect(l.yTicks.at(-1)!.y).toBe(l.plot.top);
    for (const t of l.yTicks) expect(t.y).toBeCloseTo(expectedY(t.value), 9);
    expect(top).toBeGreaterThanOrEqual(Math.max(2 * alpha, ...bars.map((b) => b.upper)));
    expect(l.yTicks.map((t) => t.label)).toEqual(['0%', '10%', '20%', '30%', '40%']);
  });

  it('each bar’s top is the scale’s y of its rate, and the bar stands on the floor', () => {
    bars.forEach((b, k) => {
      const g = l.bars[k]!;
      expect(g.y).toBeCloseTo(expectedY(b.rate), 9);
      expect(g.y).toBe(l.y(b.rate));
      expect(g.y + g.height).toBeCloseTo(l.plot.bottom, 9);
    });
  });

  it('each whisker spans the scale’s y of the interval’s high and low ends, centred on its bar', () => {
    bars.forEach((b, k) => {
      const g = l.bars[k]!;
      expect(g.whisker.yHigh).toBeCloseTo(expectedY(b.upper), 9);
      expect(g.whisker.yLow).toBeCloseTo(expectedY(b.lower), 9);
      // The bar's top lies on the whisker (the rate is inside its interval)...
      expect(g.whisker.yHigh).toBeLessThanOrEqual(g.y);
      expect(g.whisker.yLow).toBeGreaterThanOrEqual(g.y);
      // ...and the whisker is at the bar's centre.
      expect(g.centerX).toBeCloseTo(g.x + g.width / 2, 9);
    });
    // The snippet's interval (30.9% .. 36.8%) is drawn near the top of a 40% axis, not half-way up its bar.
    const s = l.bars[1]!;
    expect(s.whisker.yLow).toBeLessThan(s.y + 0.2 * s.height);
  });

  it('the alpha line is at the scale’s y of alpha', () => {
    expect(l.alphaY).toBeCloseTo(expectedY(alpha), 9);
  });

  it('a small alpha and no failures: the axis still shows 2 alpha, and the whisker of 0 .. upper sits on the floor', () => {
    const g = coverageChartLayout(
      [{ label: 'CERTIFY', rate: 0, lower: 0, upper: 0.0006 }],
      0.001,
      300,
      200,
      14,
    );
    expect(g.yTicks.at(-1)!.value).toBeCloseTo(0.002, 12);
    expect(g.yTicks.map((t) => t.label)).toEqual(['0%', '0.05%', '0.1%', '0.15%', '0.2%']);
    const b = g.bars[0]!;
    expect(b.height).toBe(0);
    expect(b.whisker.yLow).toBe(g.plot.bottom);
    expect(b.whisker.yHigh).toBeCloseTo(g.plot.bottom - 0.3 * (g.plot.bottom - g.plot.top), 9);
  });

  it('bars and labels stay inside the box, one band per method', () => {
    for (const [w, h, font] of [
      [480, 220, 14],
      [320, 320, 20],
    ] as const) {
      const g = coverageChartLayout(bars, alpha, w, h, font);
      for (const b of g.bars) {
        expect(b.x).toBeGreaterThanOrEqual(g.plot.left);
        expect(b.x + b.width).toBeLessThanOrEqual(g.plot.right);
        expect(b.centerX - b.whisker.capHalf).toBeGreaterThanOrEqual(b.x);
      }
      expect(g.bars[1]!.x).toBeGreaterThan(g.bars[0]!.x + g.bars[0]!.width);
      expect(g.plot.top - font / 2).toBeGreaterThanOrEqual(0);
      expect(g.labelY + 1.15 * font).toBeLessThanOrEqual(h);
    }
  });
});
