import type { OptionDef } from '../../class/protocol';

/**
 * The class's answers as bars, one per option: counts only, never who answered. After the reveal the
 * measured outcome's bar is marked, so the room sees its prediction beside what happened.
 */
export function ClassHistogram({
  options,
  counts,
  outcome,
  label,
}: {
  options: readonly OptionDef[];
  counts: readonly number[];
  outcome: readonly string[] | null;
  label: string;
}) {
  const most = Math.max(1, ...counts);
  return (
    <ul className="class-hist" aria-label={label} data-testid="class-histogram">
      {options.map((o, i) => {
        const n = counts[i] ?? 0;
        const right = outcome?.includes(o.value) ?? false;
        return (
          <li key={o.value} className={right ? 'is-outcome' : undefined} data-option={o.value} data-count={n}>
            <span className="class-hist-label">
              {o.label}
              {right && <strong> (measured outcome)</strong>}
            </span>
            <span className="class-hist-bar" aria-hidden="true">
              <span style={{ width: `${(100 * n) / most}%` }} />
            </span>
            <span className="class-hist-count">{n}</span>
          </li>
        );
      })}
    </ul>
  );
}
