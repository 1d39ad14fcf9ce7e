import { forwardRef, useImperativeHandle } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { plainLabel, plainTicks, tickWidth } from './axisTicks';
import { useChartBox } from './useChartBox';
import './charts.css';

/** One curve of the chart: certified accuracy (0..1) at each radius of the shared grid. */
export interface ChartCurve {
  key: string;
  label: string;
  color: string;
  values: readonly number[];
  dashed?: boolean;
  /** The dash pattern of a dashed curve (SVG dash array, pixels); [6, 4] if not given. */
  dash?: readonly number[];
  /**
   * Where the curve came from, with everything needed to reproduce it (e.g. "measured here;
   * model mlp-0.25; 20 digits; n0 10; n 100; alpha 0.001; seed 3"): written into exports.
   */
  source?: string;
}

/**
 * Certified accuracy against the L2 radius, one step curve per sigma: the share of test digits
 * whose smoothed prediction is correct and certified at radius at least r. The chart is a picture
 * (aria-hidden); the table beside it carries the same numbers for screen readers. The legend is
 * HTML above the plot, in the page's flow, so on a phone it wraps onto more lines instead of
 * covering the curves. Text sizes come from CSS (.tradeoff-chart, larger in presentation mode) and
 * the axes make room for them: the radius axis has plain ticks (0, 0.5, 1, ...) spaced so their
 * labels never touch, each axis title sits outside its tick labels, and the chart's height comes
 * from CSS too.
 */
export const TradeoffChart = forwardRef<
  HTMLDivElement,
  { radii: readonly number[]; curves: readonly ChartCurve[] }
>(function TradeoffChart({ radii, curves }, ref) {
  const { ref: boxRef, fontPx, width } = useChartBox();
  useImperativeHandle(ref, () => boxRef.current!, [boxRef]);
  const yTickWidth = tickWidth(['100%'], fontPx);
  // The y axis: its tick labels, then its title (one line of text) to their left.
  const yWidth = yTickWidth + Math.ceil(fontPx * 1.4);
  const rMax = radii.at(-1) ?? 1;
  // Each x label ("0.25" at most) needs about 4 digits' width plus two digits' gap.
  const plotWidth = Math.max(120, width - yWidth - Math.ceil(fontPx * 1.5));
  const xTicks = plainTicks(rMax, Math.max(2, Math.floor(plotWidth / (6 * 0.62 * fontPx))));
  const data = radii.map((r, i) => {
    const point: Record<string, number | null> = { r };
    for (const c of curves) {
      const v = c.values[i];
      point[c.key] = v === undefined || Number.isNaN(v) ? null : v * 100;
    }
    return point;
  });
  return (
    <div className="tradeoff-chart-wrap">
      <ul className="chart-legend" data-testid="tradeoff-legend">
        {curves.map((c) => (
          <li key={c.key}>
            {c.dash ? (
              // A pattern CSS borders cannot draw (dotted, dash-dot): the line itself.
              <svg className="swatch" aria-hidden="true" viewBox="0 0 26 4" preserveAspectRatio="none">
                <line
                  x1="0"
                  y1="2"
                  x2="26"
                  y2="2"
                  stroke={c.color}
                  strokeWidth="3"
                  strokeDasharray={c.dash.join(' ')}
                />
              </svg>
            ) : (
              <span
                className="swatch"
                aria-hidden="true"
                style={{ borderTopColor: c.color, borderTopStyle: c.dashed ? 'dashed' : 'solid' }}
              />
            )}
            {c.label}
          </li>
        ))}
      </ul>
      <div className="chart tradeoff-chart" aria-hidden="true" ref={boxRef}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart
            data={data}
            // Room on the right for half of the last x label ("3.25").
            margin={{ top: Math.ceil(fontPx / 2) + 2, right: Math.ceil(fontPx * 1.5), bottom: 0, left: 0 }}
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="r"
              type="number"
              domain={[0, xTicks.at(-1)!]}
              ticks={xTicks}
              interval={0}
              tick={{ fontSize: fontPx }}
              tickFormatter={(v: number) => plainLabel(v)}
              // Tick labels on the first line, the title on the second.
              height={Math.ceil(fontPx * 2.9)}
              label={{
                value: 'L2 radius r (pixels in [0, 1])',
                position: 'insideBottom',
                // Above the bottom edge by the descenders' depth, so nothing is cut.
                offset: Math.ceil(fontPx * 0.35),
                fontSize: fontPx,
              }}
            />
            <YAxis
              domain={[0, 100]}
              ticks={[0, 25, 50, 75, 100]}
              interval={0}
              unit="%"
              width={yWidth}
              tick={{ fontSize: fontPx }}
              label={{
                value: 'certified accuracy',
                angle: -90,
                position: 'insideLeft',
                // The rotated title is centred on this x: half a line in from the left edge.
                offset: Math.ceil(fontPx * 0.7),
                style: { textAnchor: 'middle' },
                fontSize: fontPx,
              }}
            />
            <Tooltip
              formatter={(v, name) => [`${Number(v).toFixed(1)}%`, name]}
              labelFormatter={(r) => `r = ${Number(r).toFixed(2)}`}
            />
            {curves.map((c) => (
              <Line
                key={c.key}
                dataKey={c.key}
                name={c.label}
                type="stepAfter"
                stroke={c.color}
                strokeWidth={c.dashed ? 1.5 : 2.5}
                strokeDasharray={c.dashed ? (c.dash ?? [6, 4]).join(' ') : undefined}
                dot={false}
                isAnimationActive={false}
                connectNulls={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
});
