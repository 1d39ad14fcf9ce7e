/**
 * Where the coverage chart of the "Check the lesson's code" view draws its axis, its alpha line,
 * each method's failure-rate bar and the bar's 95% interval, in px, for a box of width x height and
 * a font size: pure geometry, no React, no DOM.
 *
 * One value scale serves everything: a failure rate r (a fraction) is at y(r), from y(0) = the
 * plot's floor to y(top tick) = the plot's top. A bar rises from the floor to y(rate); its
 * whisker is a vertical line at the bar's centre from y(upper) to y(lower), with caps at both ends,
 * so the interval sits at the value the text gives and the bar's top lies on it.
 */
import { plainLabel, plainTicks, tickWidth } from './axisTicks';

export interface CoverageBarInput {
  /** The label under the bar. */
  label: string;
  /** The observed failure rate and its 95% interval, fractions in [0, 1]. */
  rate: number;
  lower: number;
  upper: number;
}

export interface CoverageBarLayout {
  /** The bar's rectangle: top-left corner, width and height. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The bar's centre x: the whisker's x and the label's centre. */
  centerX: number;
  /** The whisker: y of the interval's high end (the upper cap), of its low end, and the caps' half-width. */
  whisker: { yHigh: number; yLow: number; capHalf: number };
  label: string;
}

export interface CoverageChartLayout {
  /** The plot area: left, right, top and bottom edges in px. */
  plot: { left: number; right: number; top: number; bottom: number };
  /** One per tick: its value (a fraction), label (percent) and y. */
  yTicks: { value: number; label: string; y: number }[];
  /** The value scale: the y of a failure rate (a fraction), clamped to 0 .. the top tick. */
  y: (rate: number) => number;
  /** The y of alpha, the promised ceiling. */
  alphaY: number;
  bars: CoverageBarLayout[];
  /** The bar labels' top edge. */
  labelY: number;
}

/**
 * The axis runs from 0 to a round top at least twice alpha and at least every interval's high
 * end, so the alpha line and every whisker are inside the plot.
 */
export function coverageChartLayout(
  bars: readonly CoverageBarInput[],
  alpha: number,
  width: number,
  height: number,
  fontPx: number,
): CoverageChartLayout {
  // Ticks in percent (0, 0.5, 1, 1.5, 2 for alpha = 1%), as fractions for the scale.
  const maxPct = 100 * Math.max(2 * alpha, ...bars.map((b) => b.upper));
  const pctTicks = plainTicks(maxPct, 4);
  const labels = pctTicks.map((v) => `${plainLabel(v)}%`);
  const left = tickWidth(labels, fontPx);
  const right = Math.max(left + 1, width - 8);
  const top = Math.ceil(fontPx * 0.6) + 2;
  // Room below the plot for the bar labels: a gap, one line of text and its descent.
  const bottom = Math.max(top + 1, height - (Math.ceil(fontPx * 1.2) + 8));
  const max = (pctTicks.at(-1) ?? 1) / 100;
  const y = (rate: number) => bottom - ((bottom - top) * Math.min(Math.max(rate, 0), max)) / max;
  const band = (right - left) / Math.max(1, bars.length);
  const barWidth = Math.min(band * 0.5, 12 * fontPx);
  return {
    plot: { left, right, top, bottom },
    yTicks: pctTicks.map((v, k) => ({ value: v / 100, label: labels[k]!, y: y(v / 100) })),
    y,
    alphaY: y(alpha),
    bars: bars.map((b, k) => {
      const centerX = left + (k + 0.5) * band;
      const barTop = y(b.rate);
      return {
        x: centerX - barWidth / 2,
        y: barTop,
        width: barWidth,
        height: bottom - barTop,
        centerX,
        whisker: { yHigh: y(b.upper), yLow: y(b.lower), capHalf: Math.min(barWidth / 4, fontPx * 0.6) },
        label: b.label,
      };
    }),
    labelY: bottom + 6,
  };
}
