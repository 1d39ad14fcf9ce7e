import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { argmax } from '../smoothing';

/**
 * Votes per class as a bar chart, the top class marked. While the run is under way the bars are
 * drawn lighter and the caption says the counts are provisional.
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
  return (
    <figure className="histogram">
      <figcaption>
        <strong>{title}</strong>{' '}
        <span className={provisional ? 'provisional' : 'final'}>
          {done.toLocaleString('en')} / {total.toLocaleString('en')} samples
          {provisional ? ' (provisional)' : ''}
        </span>
      </figcaption>
      <div className="chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={170}>
          <BarChart
            data={data}
            margin={{ top: 6, right: 6, bottom: 0, left: -16 }}
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="digit" tickLine={false} />
            <YAxis allowDecimals={false} tickLine={false} width={56} />
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
