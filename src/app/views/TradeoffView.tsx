import { useMemo, useRef, useState } from 'react';
import { SectionCheckpoints } from '../../components/SectionCheckpoints';
import { useShallow } from 'zustand/react/shallow';
import { MismatchMatrix } from '../../components/MismatchMatrix';
import { ParamSlider } from '../../components/ParamSlider';
import { SamplesSaved } from '../../components/SamplesSaved';
import { TradeoffChart, type ChartCurve } from '../../components/TradeoffChart';
import { useDigits } from '../../data/useDigits';
import { findModel } from '../../models/cards';
import { modelId, shippedRunKey, sigmaLabel } from '../../models/ids';
import {
  abstentionRate,
  certifiedAccuracy,
  clopperPearsonLower,
  clopperPearsonUpper,
  curvesToCsv,
  MISMATCH_SIGMAS,
  maxCertifiableRadius,
  radiusGrid,
  TABLE_RADII,
  type CertifyRow,
  type MismatchCell,
  type MismatchTable,
} from '../../smoothing';
import { useAppStore } from '../../store';
import { runKey, type Arch, type TradeoffRun } from '../../store/tradeoffSlice';
import { TRADEOFF_COUNTS } from '../../store/urlSchema';
import shippedMismatch from '../../../models/certify/mismatch.json';
import { downloadBlob, exportLabel, svgToPng } from '../tradeoff/download';
import { cancelTradeoff, runTradeoff, type TradeoffJob } from '../tradeoff/run';
import { useShippedRuns } from '../../models/shipped';

/** One colour per certification sigma, the same in every chart and table. */
const COLORS: Record<string, string> = {
  '0.12': '#2a8f6a',
  '0.25': '#1f5fbf',
  '0.50': '#c2410c',
  '1.00': '#7b2cbf',
};
const TRAIN_SIGMAS = [0, 0.12, 0.25, 0.5, 1] as const;
const sig = sigmaLabel;
const pct = (x: number) => (Number.isNaN(x) ? '—' : `${(100 * x).toFixed(1)}%`);

/** The diagonal jobs (each sigma with the model trained at it) and, for the matrix, all the others. */
function jobsFor(arch: Arch, matrix: boolean): TradeoffJob[] {
  const diag = MISMATCH_SIGMAS.map((s) => ({ modelId: modelId(arch, s), sigmaTrain: s, sigma: s }));
  if (!matrix) return diag;
  const rest = TRAIN_SIGMAS.flatMap((t) =>
    MISMATCH_SIGMAS.filter((s) => s !== t).map((s) => ({
      modelId: modelId(arch, t),
      sigmaTrain: t,
      sigma: s,
    })),
  );
  return [...diag, ...rest];
}

/** The sigma-radius trade-off, measured live: settings, run/cancel, progress, chart, tables, exports. */
export function TradeoffWidget() {
  const digits = useDigits();
  const set = digits.status === 'ready' ? digits.set : null;
  const s = useAppStore(
    useShallow((st) => ({
      arch: st.tradeoffArch,
      count: st.tradeoffCount,
      setArch: st.setTradeoffArch,
      setCount: st.setTradeoffCount,
      runs: st.tradeoffRuns,
      status: st.tradeoffStatus,
      message: st.tradeoffMessage,
      progress: st.tradeoffProgress,
      n0: st.params.n0,
      n: st.params.n,
      alpha: st.params.alpha,
      seed: st.params.seed,
      ready: st.backendStatus === 'ready',
    })),
  );
  const [exportNote, setExportNote] = useState('');
  const chartRef = useRef<HTMLDivElement>(null);
  const [showShipped, setShowShipped] = useState(true);
  const shipped = useShippedRuns();
  const count = Math.min(s.count, set?.count ?? s.count);
  const p = { count, n0: s.n0, n: s.n, alpha: s.alpha, seed: s.seed };
  const runOf = (j: TradeoffJob): TradeoffRun | undefined => s.runs[runKey(j.modelId, j.sigma, p)];

  // Certifying one digit costs n0 + n forward passes, so the whole curve set is
  // 4 * count * (n0 + n) of them; a matrix adds 16 more runs.
  // The x axis reaches the largest radius any curve can show: R_max at sigma = 1 for this n and alpha,
  // and for the shipped runs (n = 10,000, alpha = 0.001) while they are shown.
  const rMax = Math.max(
    maxCertifiableRadius(1, s.n, s.alpha),
    showShipped ? maxCertifiableRadius(1, 10_000, 0.001) : 0,
  );
  const radii = useMemo(() => radiusGrid(Math.max(1, Math.ceil(rMax * 4) / 4), 0.02), [rMax]);

  const live = MISMATCH_SIGMAS.map((sigma) => {
    const job = { modelId: modelId(s.arch, sigma), sigmaTrain: sigma, sigma };
    return { sigma, job, run: runOf(job) };
  });
  const curves: ChartCurve[] = live
    .filter((l) => (l.run?.rows.length ?? 0) > 0)
    .map((l) => ({
      key: `live-${sig(l.sigma)}`,
      label: `σ = ${sig(l.sigma)}${l.run!.rows.length < count ? ` (${l.run!.rows.length}/${count})` : ''}`,
      color: COLORS[sig(l.sigma)]!,
      values: certifiedAccuracy(l.run!.rows, radii),
      source: `measured here; model ${l.job.modelId}; ${l.run!.rows.length} digits; n0 ${s.n0}; n ${s.n}; alpha ${s.alpha}; seed ${s.seed}`,
    }));
  const shippedCurves: ChartCurve[] = showShipped
    ? MISMATCH_SIGMAS.flatMap((sigma) => {
        const rows = shipped[shippedRunKey(modelId('cnn', sigma), sigma)];
        return rows
          ? [
              {
                key: `shipped-${sig(sigma)}`,
                label: `shipped σ = ${sig(sigma)}`,
                color: COLORS[sig(sigma)]!,
                values: certifiedAccuracy(rows, radii),
                dashed: true,
                source: `shipped run; model ${modelId('cnn', sigma)}; ${rows.length} digits; n0 100; n 10000; alpha 0.001; seed 0`,
              },
            ]
          : [];
      })
    : [];

  const matrixJobs = jobsFor(s.arch, true);
  const liveCells: MismatchCell[] = matrixJobs.flatMap((j) => {
    const r = runOf(j);
    if (!r || r.rows.length < count) return [];
    const [accAt0, accAt05] = certifiedAccuracy(r.rows, [0, 0.5]) as [number, number];
    return [
      {
        model: j.modelId,
        sigmaTrain: j.sigmaTrain,
        sigma: j.sigma,
        accAt0,
        accAt05,
        abstain: abstentionRate(r.rows),
      },
    ];
  });
  const liveMatrixComplete = liveCells.length === matrixJobs.length;

  const running = s.status === 'running';
  const start = (matrix: boolean) => {
    if (set) void runTradeoff(jobsFor(s.arch, matrix), set);
  };
  const elapsed = (s.progress.lastAt - s.progress.startedAt) / 1000;
  const eta =
    running && s.progress.done > 0 ? (elapsed / s.progress.done) * (s.progress.total - s.progress.done) : NaN;

  const exportCsv = () => {
    const series = [...curves, ...shippedCurves].map((c) => ({ label: exportLabel(c), values: c.values }));
    const csv = curvesToCsv(radii, series);
    downloadBlob(
      new Blob([csv], { type: 'text/csv' }),
      `certified-accuracy-${s.arch}-${count}digits-n${s.n}.csv`,
    );
    setExportNote(
      'Saved the curves as CSV: one column per curve, accuracy as a fraction, each column named with where its curve came from (model, digits, n0, n, alpha, seed).',
    );
  };
  const exportPng = async () => {
    const svg = chartRef.current?.querySelector('.recharts-wrapper > svg.recharts-surface');
    if (!(svg instanceof SVGSVGElement)) return setExportNote('There is no chart to save yet.');
    try {
      downloadBlob(
        await svgToPng(svg, {
          title: `Certified accuracy against L2 radius (${s.arch.toUpperCase()}, first ${count} digits, n0 ${s.n0}, n ${s.n}, alpha ${s.alpha}, seed ${s.seed})`,
          legend: [...curves, ...shippedCurves],
        }),
        `certified-accuracy-${s.arch}-${count}digits-n${s.n}.png`,
      );
      setExportNote('Saved the chart as PNG.');
    } catch (e) {
      setExportNote(`The chart could not be saved: ${(e as Error).message}`);
    }
  };

  const resultsAttr = JSON.stringify(
    Object.fromEntries(
      live
        .filter((l) => l.run)
        .map((l) => [sig(l.sigma), l.run!.rows.map((r) => [r.idx, r.predict, r.radius])]),
    ),
  );

  return (
    <div className="tradeoff">
      <section className="controls" aria-labelledby="tradeoff-settings">
        <h3 id="tradeoff-settings">Measure it</h3>
        <div className="param">
          <label htmlFor="tradeoff-arch">
            <span className="param-name">base models</span>
          </label>
          <select
            id="tradeoff-arch"
            data-testid="tradeoff-arch"
            value={s.arch}
            disabled={running}
            onChange={(e) => s.setArch(e.target.value as Arch)}
          >
            <option value="cnn">CNN (the lab's default; slower)</option>
            <option value="mlp">MLP (fast, less accurate)</option>
          </select>
        </div>
        <div className="param">
          <label htmlFor="tradeoff-count">
            <span className="param-name">test digits</span>
          </label>
          <select
            id="tradeoff-count"
            data-testid="tradeoff-count"
            value={s.count}
            disabled={running}
            onChange={(e) => s.setCount(Number(e.target.value))}
          >
            {TRADEOFF_COUNTS.map((c) => (
              <option key={c} value={c}>
                first {c.toLocaleString('en')}
              </option>
            ))}
          </select>
        </div>
        <ParamSlider paramKey="n" />
        <ParamSlider paramKey="n0" />
        <ParamSlider paramKey="alpha" />
        <p className="hint">
          Each curve certifies {count.toLocaleString('en')} digits with{' '}
          {findModel(`${s.arch}-0.25`)?.architecture.toUpperCase()} models trained at the same sigma,{' '}
          {(count * (s.n0 + s.n)).toLocaleString('en')} forward passes per curve. Seed {s.seed} (from the
          lab); digit i uses the certify CLI's seed for i, so{' '}
          <code>
            npm run certify -- --model {s.arch}-0.25 --sigma 0.25 --n0 {s.n0} --n {s.n} --alpha {s.alpha}{' '}
            --max {count} --seed {s.seed}
          </code>{' '}
          gives the same rows.
        </p>
        <div className="row">
          <button
            type="button"
            data-testid="tradeoff-run"
            disabled={!set || !s.ready || running}
            onClick={() => start(false)}
          >
            Compute the curves
          </button>
          <button
            type="button"
            data-testid="tradeoff-matrix-run"
            disabled={!set || !s.ready || running}
            onClick={() => start(true)}
          >
            Compute the matrix too
          </button>
          <button type="button" data-testid="tradeoff-cancel" disabled={!running} onClick={cancelTradeoff}>
            Cancel
          </button>
        </div>
        {digits.status === 'error' && (
          <p className="notice notice-error" role="alert" data-testid="tradeoff-digits-error">
            The curves cannot be computed: the test digits could not be loaded ({digits.message}). Reload the
            page to try again.
          </p>
        )}
        <div className="progress-row">
          <label htmlFor="tradeoff-progress">Progress</label>
          <progress
            id="tradeoff-progress"
            data-testid="tradeoff-progress"
            max={Math.max(1, s.progress.total)}
            value={s.progress.done}
          />
          <span role="status" data-testid="tradeoff-status" data-status={s.status}>
            {s.status === 'running'
              ? `${s.progress.done} of ${s.progress.total} certifications${Number.isFinite(eta) ? `, about ${Math.ceil(eta)} s left` : ''}`
              : s.status === 'done'
                ? 'Done.'
                : s.status === 'cancelled'
                  ? 'Cancelled: the finished digits are kept.'
                  : s.status === 'error'
                    ? `Failed: ${s.message}`
                    : 'Not run yet.'}
          </span>
        </div>
      </section>

      <figure className="tradeoff-figure">
        <figcaption>
          <strong>Certified accuracy against radius</strong>: solid lines measured here, dashed ones shipped
          with the models (CNN, first 200 digits, n = 10,000).
        </figcaption>
        <TradeoffChart ref={chartRef} radii={radii} curves={[...curves, ...shippedCurves]} />
        <div className="row">
          <label className="checkbox-label">
            <input type="checkbox" checked={showShipped} onChange={(e) => setShowShipped(e.target.checked)} />{' '}
            show the shipped curves
          </label>
          <button
            type="button"
            data-testid="export-csv"
            onClick={exportCsv}
            disabled={curves.length + shippedCurves.length === 0}
          >
            Export CSV
          </button>
          <button type="button" data-testid="export-png" onClick={() => void exportPng()}>
            Export PNG
          </button>
        </div>
        <p className="hint" role="status">
          {exportNote}
        </p>
      </figure>

      <table
        className="acc-table"
        data-testid="tradeoff-results"
        data-results={resultsAttr}
        // Scrolls sideways on a phone: focusable so the keyboard can scroll it.
        tabIndex={0}
      >
        <caption>
          Measured here: certified accuracy at radius r on the first {count} digits (n0 {s.n0}, n{' '}
          {s.n.toLocaleString('en')}, α {s.alpha})
        </caption>
        <AccuracyHead first="σ" extra={['abstain', 'R_max']} />
        <tbody>
          {live.map((l) => {
            const rows = l.run?.rows ?? [];
            const acc = certifiedAccuracy(rows);
            return (
              <tr key={l.sigma} data-testid={`tradeoff-row-${sig(l.sigma)}`} data-digits={rows.length}>
                <th scope="row">
                  {sig(l.sigma)}
                  {rows.length > 0 && rows.length < count ? ` (${rows.length}/${count})` : ''}
                </th>
                {acc.map((a, i) => (
                  <td key={TABLE_RADII[i]}>{rows.length ? pct(a) : '—'}</td>
                ))}
                <td>{rows.length ? pct(abstentionRate(rows)) : '—'}</td>
                <td>{maxCertifiableRadius(l.sigma, s.n, s.alpha).toFixed(2)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <SamplingNote live={live.map((l) => l.run?.rows ?? [])} count={count} />

      <ShippedTable shipped={shipped} />

      <section aria-labelledby="mismatch-title" className="mismatch">
        <h3 id="mismatch-title">Trained at one sigma, certified at another</h3>
        <p>
          Each cell: certified accuracy at r = 0 / at r = 0.5. A model sees only the noise level it was
          trained with; certify it with more noise and its votes scatter, with less and the radius shrinks
          with σ.
        </p>
        {liveMatrixComplete ? (
          <MismatchMatrix
            cells={liveCells}
            sigmas={MISMATCH_SIGMAS}
            testId="mismatch-live"
            caption={`Measured here: ${s.arch.toUpperCase()} models, first ${count} digits, n ${s.n}`}
          />
        ) : (
          <p className="hint">
            “Compute the matrix too” measures it here for the {s.arch.toUpperCase()} models (
            {matrixJobs.length - liveCells.length} runs to go).
          </p>
        )}
        <MismatchMatrix
          cells={(shippedMismatch as MismatchTable).cells}
          sigmas={MISMATCH_SIGMAS}
          testId="mismatch-shipped"
          caption={`Shipped: CNN models, first ${(shippedMismatch as MismatchTable).params.digits} digits, n0 ${(shippedMismatch as MismatchTable).params.n0}, n ${(shippedMismatch as MismatchTable).params.n.toLocaleString('en')}, α ${(shippedMismatch as MismatchTable).params.alpha} (npm run mismatch)`}
        />
      </section>
    </div>
  );
}

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
 * The Monte Carlo uncertainty of shares measured on few digits: the two-sided 95%
 * Clopper-Pearson interval of one measured share (the first curve's accuracy at r = 0), and how
 * to read the table with it.
 */
function SamplingNote({ live, count }: { live: readonly (readonly CertifyRow[])[]; count: number }) {
  const rows = live.find((r) => r.length > 0);
  if (!rows) return null;
  const m = rows.length;
  const k = Math.round(certifiedAccuracy(rows, [0])[0]! * m);
  const lo = clopperPearsonLower(k, m, 0.025);
  const hi = clopperPearsonUpper(k, m, 0.025);
  return (
    <p className="hint" data-testid="tradeoff-sampling-error">
      Sampling error: each share above counts only {m.toLocaleString('en')} of {count.toLocaleString('en')}{' '}
      digits. For example {k} of {m} ({pct(k / m)}) has a 95% interval of {pct(lo)} to {pct(hi)}: two σ whose
      shares differ by less than that may not differ at all. Raise the number of digits to narrow it.
    </p>
  );
}

/** The certified-accuracy table the models shipped with (models/README.md), from the same TSVs. */
function ShippedTable({ shipped }: { shipped: Record<string, CertifyRow[]> }) {
  const names = Object.keys(shipped).sort();
  if (names.length === 0) return null;
  return (
    <table className="acc-table" data-testid="tradeoff-shipped" tabIndex={0}>
      <caption>
        Shipped with the models (models/README.md): first 200 test digits, n0 100, n 10,000, α 0.001
      </caption>
      <AccuracyHead first="model (σ)" extra={['abstain']} />
      <tbody>
        {names.map((name) => {
          const rows = shipped[name]!;
          return (
            <tr key={name}>
              <th scope="row">{name.replace('-sigma', ' (') + ')'}</th>
              {certifiedAccuracy(rows).map((a, i) => (
                <td key={TABLE_RADII[i]}>{pct(a)}</td>
              ))}
              <td>{pct(abstentionRate(rows))}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The lesson's "sigma-radius trade-off" section beside the live measurement (the third view). */
export function TradeoffView() {
  return (
    <div className="tradeoff-view">
      <div className="prose lesson">
        <p>
          The radius is R = σ · Φ⁻¹(p_lower). Two things in it pull in opposite directions as σ grows. The
          factor σ scales every radius up: at the same vote share, doubling the noise doubles the certificate.
          But noise also drowns the digit: the base model's votes spread over more classes, p_A falls, and at
          the largest σ many digits end in ABSTAIN or in the wrong class.
        </p>
        <p>
          So no single σ wins. A small σ (0.12) keeps accuracy near the clean model's but cannot certify far:
          even a unanimous vote stops at R_max = σ · Φ⁻¹(α^(1/n)). A large σ (1.0) reaches radii the small one
          never can, on fewer digits. The curves cross; which σ is right depends on the radius you need to
          defend. Cohen et al. (2019) report the same picture on CIFAR-10 and ImageNet.
        </p>
        <p>
          Read the chart as: “at radius r, this share of test digits is both classified correctly and
          certified at least that far”. Each curve drops to zero at its σ's R_max for this n and α.
        </p>
      </div>
      <SectionCheckpoints section="tradeoff" />
      <TradeoffWidget />
      <SamplesSaved />
    </div>
  );
}
