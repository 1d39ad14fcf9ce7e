import { forwardRef } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** One curve of the chart: certified accuracy (0..1) at each radius of the shared grid. */
export interface ChartCurve {
  key: string;
  label: string;
  color: string;
  values: readonly number[];
  dashed?: boolean;
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
 * covering the curves.
 */
export const TradeoffChart = forwardRef<
  HTMLDivElement,
  { radii: readonly number[]; curves: readonly ChartCurve[] }
>(function TradeoffChart({ radii, curves }, ref) {
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
            <span
              className="swatch"
              aria-hidden="true"
              style={{ borderTopColor: c.color, borderTopStyle: c.dashed ? 'dashed' : 'solid' }}
            />
            {c.label}
          </li>
        ))}
      </ul>
      <div className="chart tradeoff-chart" aria-hidden="true" ref={ref}>
        <ResponsiveContainer width="100%" height={320}>
          <LineChart
            data={data}
            margin={{ top: 8, right: 16, bottom: 18, left: 0 }}
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="r"
              type="number"
              domain={[0, radii.at(-1) ?? 1]}
              tickCount={9}
              label={{ value: 'L2 radius r (pixels in [0, 1])', position: 'insideBottom', offset: -10 }}
            />
            <YAxis
              domain={[0, 100]}
              unit="%"
              width={56}
              label={{ value: 'certified accuracy', angle: -90, position: 'insideLeft', offset: 12, dy: 60 }}
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
                strokeDasharray={c.dashed ? '6 4' : undefined}
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
