/**
 * Where the vote histogram draws its axes, grid and bars, in px, for a box of width x height and a
 * font size: pure geometry, no React, no DOM. The count axis runs from 0 to the top tick (a round
 * value at least the run's total, see roundTicks), so the bars fill a fixed scale as votes arrive.
 * Every label lies inside the box: the y labels right-aligned left of the plot, the class labels
 * below it, the top tick's label below the box's top edge.
 */
import { tickWidth } from './axisTicks';
import { formatCount } from './text';

export interface HistogramLayout {
  /** The plot area: left, right, top and bottom edges in px. */
  plot: { left: number; right: number; top: number; bottom: number };
  /** One per tick: its value, label and y. */
  yTicks: { value: number; label: string; y: number }[];
  /** One per class: the bar's rectangle, and its label's x (centre) and y (top). */
  bars: { x: number; y: number; width: number; height: number; labelX: number }[];
  /** The class labels' top edge. */
  labelY: number;
}

/** Thousands separators, as the rest of the lab writes counts. */
export const countLabel = formatCount;

export function histogramLayout(
  counts: readonly number[],
  ticks: readonly number[],
  width: number,
  height: number,
  fontPx: number,
): HistogramLayout {
  const labels = ticks.map(countLabel);
  const left = tickWidth(labels, fontPx);
  const right = Math.max(left + 1, width - 8);
  const top = Math.ceil(fontPx * 0.6) + 2;
  // Room below the plot for the class labels: a gap, one line of text and its descent.
  const bottom = Math.max(top + 1, height - (Math.ceil(fontPx * 1.2) + 8));
  const max = Math.max(1, ticks.at(-1) ?? 1);
  const scale = (v: number) => bottom - ((bottom - top) * Math.min(v, max)) / max;
  const band = (right - left) / Math.max(1, counts.length);
  return {
    plot: { left, right, top, bottom },
    yTicks: ticks.map((value, k) => ({ value, label: labels[k]!, y: scale(value) })),
    bars: counts.map((c, k) => {
      const y = scale(Math.max(0, c));
      return {
        x: left + k * band + band * 0.1,
        y,
        width: band * 0.8,
        height: bottom - y,
        labelX: left + (k + 0.5) * band,
      };
    }),
    labelY: bottom + 6,
  };
}
