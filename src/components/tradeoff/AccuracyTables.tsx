import { sigmaLabel as sig } from '../../models/ids';
import { SHIPPED_RUN } from '../../models/shipped';
import {
  ceilPercent,
  floorPercent,
  abstentionRate,
  certifiedAccuracy,
  clopperPearsonLower,
  clopperPearsonUpper,
  maxCertifiableRadius,
  TABLE_RADII,
  type CertifyRow,
} from '../../smoothing';

const pct = (x: number) => (Number.isNaN(x) ? '—' : `${(100 * x).toFixed(1)}%`);

/** The header of a certified-accuracy table: the row label, one column per radius, then `extra`. */
function AccuracyHead({ first, extra }: { first: string; extra: readonly string[] }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        {TABLE_RADII.map((r) => (
          <th scope="col" key={r}>
            r = {r}
          </th>
        ))}
        {extra.map((e) => (
          <th scope="col" key={e}>
            {e}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/**
 * The certified accuracy measured here, one row per sigma (with how many of `count` digits are done),
 * its abstention rate and R_max for this n and alpha. `results`: the rows as JSON, for tests.
 */
export function LiveAccuracyTable({
  live,
  count,
  n0,
  n,
  alpha,
  results,
}: {
  live: readonly { sigma: number; rows: readonly CertifyRow[] }[];
  count: number;
  n0: number;
  n: number;
  alpha: number;
  results: string;
}) {
  return (
    <table
      className="acc-table"
      data-testid="tradeoff-results"
      data-results={results}
      // Scrolls sideways on a phone: focusable so the keyboard can scroll it.
      tabIndex={0}
    >
      <caption>
        Measured here: certified accuracy at radius r on the first {count} digits (n0 {n0}, n{' '}
        {n.toLocaleString('en')}, α {alpha})
      </caption>
      <AccuracyHead first="σ" extra={['abstain', 'R_max']} />
      <tbody>
        {live.map(({ sigma, rows }) => (
          <tr key={sigma} data-testid={`tradeoff-row-${sig(sigma)}`} data-digits={rows.length}>
            <th scope="row">
              {sig(sigma)}
              {rows.length > 0 && rows.length < count ? ` (${rows.length}/${count})` : ''}
            </th>
            {certifiedAccuracy(rows).map((a, i) => (
              <td key={TABLE_RADII[i]}>{rows.length ? floorPercent(a) : '—'}</td>
            ))}
            <td>{rows.length ? pct(abstentionRate(rows)) : '—'}</td>
            <td>{maxCertifiableRadius(sigma, n, alpha).toFixed(2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The Monte Carlo uncertainty of shares measured on few digits: the two-sided 95%
 * Clopper-Pearson interval of one measured share (the first curve's accuracy at r = 0), and how
 * to read the table with it.
 */
export function SamplingNote({ live, count }: { live: readonly (readonly CertifyRow[])[]; count: number }) {
  const rows = live.find((r) => r.length > 0);
  if (!rows) return null;
  const m = rows.length;
  const k = Math.round(certifiedAccuracy(rows, [0])[0]! * m);
  const lo = clopperPearsonLower(k, m, 0.025);
  const hi = clopperPearsonUpper(k, m, 0.025);
  return (
    <p className="hint" data-testid="tradeoff-sampling-error">
      Sampling error: each share above counts only {m.toLocaleString('en')} of {count.toLocaleString('en')}{' '}
      digits. For example {k} of {m} ({floorPercent(k / m)}) has a 95% interval of {floorPercent(lo)} to{' '}
      {ceilPercent(hi)}: two σ whose shares differ by less than that may not differ at all. Raise the number
      of digits to narrow it.
    </p>
  );
}

/** The certified-accuracy table the models shipped with (models/README.md), from the same TSVs. */
export function ShippedTable({ shipped }: { shipped: Record<string, CertifyRow[]> }) {
  const names = Object.keys(shipped).sort();
  if (names.length === 0) return null;
  return (
    <table className="acc-table" data-testid="tradeoff-shipped" tabIndex={0}>
      <caption>
        Shipped with the models (models/README.md): first {SHIPPED_RUN.digits.toLocaleString('en')} test
        digits, n0 {SHIPPED_RUN.n0}, n {SHIPPED_RUN.n.toLocaleString('en')}, α {SHIPPED_RUN.alpha}
      </caption>
      <AccuracyHead first="model (σ)" extra={['abstain']} />
      <tbody>
        {names.map((name) => {
          const rows = shipped[name]!;
          return (
            <tr key={name}>
              <th scope="row">{name.replace('-sigma', ' (') + ')'}</th>
              {certifiedAccuracy(rows).map((a, i) => (
                <td key={TABLE_RADII[i]}>{floorPercent(a)}</td>
              ))}
              <td>{pct(abstentionRate(rows))}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
