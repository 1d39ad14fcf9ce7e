import { memo, useMemo } from 'react';
import { argmax } from '../smoothing';
import { roundTicks } from './axisTicks';
import { histogramLayout } from './histogramLayout';
import { useChartBox } from './useChartBox';
import { formatCount } from './text';
import './charts.css';

/**
 * Votes per class as a bar chart, the top class marked. While the run is under way the bars are
 * drawn lighter and the caption says the counts are provisional. The count axis runs from 0 to the
 * run's sample total on round ticks that include it (0 / 250 / 500 / 750 / 1,000), so the bars
 * fill a fixed scale as votes arrive; its width fits the longest label at the chart's font size.
 * The chart's height comes from CSS (.histogram .chart), so it never changes during a run.
 *
 * Drawn as plain SVG (geometry in histogramLayout): it re-renders with every counts update of a
 * run, and a general chart library's machinery per update (its store, selectors and scales) cost
 * the page more than everything else in the lab together. Each bar has a native tooltip.
 */
export const VoteHistogram = memo(function VoteHistogram({
  title,
  counts,
  done,
  total,
  highlight,
  explanation,
}: {
  title: string;
  counts: number[];
  done: number;
  total: number;
  /** The class to mark (the candidate c_A), or -1 for none. */
  highlight?: number;
  explanation: string;
}) {
  const top = highlight ?? (done > 0 ? argmax(counts) : -1);
  const provisional = done < total;
  const axisMax = Math.max(total, ...counts, 1);
  const ticks = useMemo(() => roundTicks(axisMax), [axisMax]);
  const { ref: chartRef, fontPx, width, height } = useChartBox();
  const l = histogramLayout(counts, ticks, width, height, fontPx);
  return (
    <figure className="histogram">
      <figcaption>
        <strong>{title}</strong>{' '}
        <span className={provisional ? 'provisional' : 'final'}>
          {formatCount(done)} / {formatCount(total)} samples
          {provisional ? ' (provisional)' : ''}
        </span>
      </figcaption>
      <div className="chart" aria-hidden="true" ref={chartRef}>
        {width > 0 && height > 0 && (
          <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} fontSize={fontPx}>
            <g className="y-grid" stroke="#ccc" strokeDasharray="3 3">
              {l.yTicks.map((t) => (
                <line key={t.value} x1={l.plot.left} x2={l.plot.right} y1={t.y} y2={t.y} />
              ))}
            </g>
            <g className="bars">
              {l.bars.map((b, k) => (
                <rect
                  key={k}
                  x={b.x}
                  y={b.y}
                  width={b.width}
                  height={b.height}
                  fill={k === top ? '#1f5fbf' : '#9aa7b5'}
                  fillOpacity={provisional ? 0.6 : 1}
                >
                  <title>{`class ${k}: ${formatCount(counts[k] ?? 0)} votes`}</title>
                </rect>
              ))}
            </g>
            <g className="axes" stroke="#666">
              <line x1={l.plot.left} x2={l.plot.right} y1={l.plot.bottom} y2={l.plot.bottom} />
              <line x1={l.plot.left} x2={l.plot.left} y1={l.plot.top} y2={l.plot.bottom} />
            </g>
            <g className="y-ticks" textAnchor="end" fill="#444">
              {l.yTicks.map((t) => (
                <text key={t.value} x={l.plot.left - 6} y={t.y} dy="0.35em">
                  {t.label}
                </text>
              ))}
            </g>
            <g className="x-ticks" textAnchor="middle" fill="#444">
              {l.bars.map((b, k) => (
                <text key={k} x={b.labelX} y={l.labelY} dy="0.8em">
                  {k}
                </text>
              ))}
            </g>
          </svg>
        )}
      </div>
      <p className="sr-only">
        {title}: {counts.map((c, k) => `class ${k}: ${c}`).join(', ')}.
      </p>
      <p className="hint">{explanation}</p>
    </figure>
  );
});
