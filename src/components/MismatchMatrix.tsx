import type { MismatchCell } from '../smoothing';

const pct = (x: number) => `${Math.round(100 * x)}%`;

/**
 * The train-sigma x certify-sigma matrix: one row per base model (its sigma_train), one column per
 * certification sigma; each cell shows certified accuracy at r = 0 and at r = 0.5. The diagonal
 * (certified at the sigma it was trained with) is outlined; cells are shaded by accuracy at r = 0.
 */
export function MismatchMatrix({
  cells,
  sigmas,
  caption,
  testId,
}: {
  cells: readonly MismatchCell[];
  sigmas: readonly number[];
  caption: string;
  testId?: string;
}) {
  const trains = [...new Set(cells.map((c) => c.sigmaTrain))].sort((a, b) => a - b);
  const cell = (t: number, s: number) => cells.find((c) => c.sigmaTrain === t && c.sigma === s);
  return (
    // Scrolls sideways on a phone: focusable so the keyboard can scroll it.
    <table className="matrix" data-testid={testId} tabIndex={0}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">trained at ↓ · certified at →</th>
          {sigmas.map((s) => (
            <th scope="col" key={s}>
              σ = {s.toFixed(2)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {trains.map((t) => (
          <tr key={t}>
            <th scope="row">σ_train = {t.toFixed(2)}</th>
            {sigmas.map((s) => {
              const c = cell(t, s);
              if (!c) return <td key={s}>—</td>;
              // Light to mid blue with dark text: readable (contrast > 5:1) at every shade.
              const shade = `hsl(212 60% ${Math.round(97 - 35 * c.accAt0)}%)`;
              return (
                <td
                  key={s}
                  className={t === s ? 'diagonal' : undefined}
                  style={{ background: shade, color: '#111' }}
                  data-acc0={c.accAt0}
                  data-acc05={c.accAt05}
                >
                  <span className="acc0">{pct(c.accAt0)}</span>
                  <span className="acc05"> / {pct(c.accAt05)}</span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
