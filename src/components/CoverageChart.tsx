import { coverageChartLayout } from './coverageChartLayout';
import { useChartBox } from './useChartBox';
import './charts.css';

export interface CoverageChartBar {
  /** A short id for test ids ("certify", "snippet"). */
  id: string;
  label: string;
  /** Failure rate and its 95% interval, fractions. */
  rate: number;
  lower: number;
  upper: number;
  /** Drawn in red when the whole interval lies above alpha. */
  breaks: boolean;
  /** The reading as text, for the bar's native tooltip. */
  text: string;
}

/**
 * Each method's failure rate as a bar, with its 95% interval drawn as a whisker at the same values
 * on the same scale, and a dashed line at alpha. Plain SVG; the geometry is in coverageChartLayout.
 * The readings above the chart say the same in text, so the chart is hidden from screen readers.
 */
export function CoverageChart({ bars, alpha }: { bars: readonly CoverageChartBar[]; alpha: number }) {
  const { ref, fontPx, width, height } = useChartBox();
  const l = coverageChartLayout(bars, alpha, width, height, fontPx);
  return (
    <div className="chart coverage-chart" aria-hidden="true" ref={ref}>
      {width > 0 && height > 0 && (
        <svg
          data-testid="coverage-chart"
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          fontSize={fontPx}
        >
          <g className="y-grid" stroke="#ccc" strokeDasharray="3 3">
            {l.yTicks.map((t) => (
              <line key={t.value} x1={l.plot.left} x2={l.plot.right} y1={t.y} y2={t.y} />
            ))}
          </g>
          <g className="bars">
            {l.bars.map((b, k) => {
              const d = bars[k]!;
              return (
                <rect
                  key={d.id}
                  data-testid={`coverage-bar-${d.id}`}
                  x={b.x}
                  y={b.y}
                  width={b.width}
                  height={b.height}
                  fill={d.breaks ? '#b3261e' : '#1f5fbf'}
                >
                  <title>{`${d.label}: ${d.text}`}</title>
                </rect>
              );
            })}
          </g>
          <g className="axes" stroke="#666">
            <line x1={l.plot.left} x2={l.plot.right} y1={l.plot.bottom} y2={l.plot.bottom} />
            <line x1={l.plot.left} x2={l.plot.left} y1={l.plot.top} y2={l.plot.bottom} />
          </g>
          <g className="alpha-line">
            <line
              data-testid="coverage-alpha-line"
              x1={l.plot.left}
              x2={l.plot.right}
              y1={l.alphaY}
              y2={l.alphaY}
              stroke="#b3261e"
              strokeDasharray="4 3"
            />
            <text x={l.plot.right} y={l.alphaY} dy="-0.3em" textAnchor="end" fill="#b3261e">
              α
            </text>
          </g>
          <g className="whiskers" stroke="#1b1b1b" strokeWidth={1.5}>
            {l.bars.map((b, k) => {
              const d = bars[k]!;
              const w = b.whisker;
              return (
                <g key={d.id}>
                  <line
                    data-testid={`coverage-whisker-${d.id}`}
                    x1={b.centerX}
                    x2={b.centerX}
                    y1={w.yHigh}
                    y2={w.yLow}
                  />
                  <line x1={b.centerX - w.capHalf} x2={b.centerX + w.capHalf} y1={w.yHigh} y2={w.yHigh} />
                  <line x1={b.centerX - w.capHalf} x2={b.centerX + w.capHalf} y1={w.yLow} y2={w.yLow} />
                </g>
              );
            })}
          </g>
          <g className="y-ticks" textAnchor="end" fill="#444">
            {l.yTicks.map((t) => (
              <text key={t.value} data-value={t.value} x={l.plot.left - 6} y={t.y} dy="0.35em">
                {t.label}
              </text>
            ))}
          </g>
          <g className="x-ticks" textAnchor="middle" fill="#444">
            {l.bars.map((b) => (
              <text key={b.label} x={b.centerX} y={l.labelY} dy="0.8em">
                {b.label}
              </text>
            ))}
          </g>
        </svg>
      )}
    </div>
  );
}
