import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { argmax } from '../smoothing';
import { roundTicks, tickWidth } from './axisTicks';
import { useChartBox } from './useChartBox';

/**
 * Votes per class as a bar chart, the top class marked. While the run is under way the bars are
 * drawn lighter and the caption says the counts are provisional. The count axis runs from 0 to the
 * run's sample total on round ticks that include it (0 / 250 / 500 / 750 / 1,000), so the bars
 * fill a fixed scale as votes arrive; its width fits the longest label at the chart's font size.
 * The chart's height comes from CSS (.histogram .chart), so it never changes during a run.
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
  const data = counts.map((c, k) => ({ digit: String(k), votes: c }));
  const ticks = roundTicks(Math.max(total, ...counts, 1));
  const { ref: chartRef, fontPx } = useChartBox();
  const yWidth = tickWidth(
    ticks.map((t) => t.toLocaleString('en')),
    fontPx,
  );
  return (
    <figure className="histogram">
      <figcaption>
        <strong>{title}</strong>{' '}
        <span className={provisional ? 'provisional' : 'final'}>
          {done.toLocaleString('en')} / {total.toLocaleString('en')} samples
          {provisional ? ' (provisional)' : ''}
        </span>
      </figcaption>
      <div className="chart" aria-hidden="true" ref={chartRef}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={data}
            margin={{ top: Math.ceil(fontPx / 2) + 2, right: 8, bottom: 0, left: 0 }}
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="digit" tickLine={false} tick={{ fontSize: fontPx }} interval={0} />
            <YAxis
              allowDecimals={false}
              tickLine={false}
              width={yWidth}
              domain={[0, ticks.at(-1)!]}
              ticks={ticks}
              interval={0}
              tick={{ fontSize: fontPx }}
              tickFormatter={(v: number) => v.toLocaleString('en')}
            />
            <Tooltip
              formatter={(v) => [Number(v).toLocaleString('en'), 'votes']}
              labelFormatter={(l) => `class ${l}`}
            />
            <Bar dataKey="votes" isAnimationActive={false}>
              {data.map((d, k) => (
                <Cell
                  key={d.digit}
                  fill={k === top ? '#1f5fbf' : '#9aa7b5'}
                  fillOpacity={provisional ? 0.6 : 1}
                />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p className="sr-only">
        {title}: {counts.map((c, k) => `class ${k}: ${c}`).join(', ')}.
      </p>
      <p className="hint">{explanation}</p>
    </figure>
  );
});
