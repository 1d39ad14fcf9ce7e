import type { ReactNode } from 'react';
import { findModel } from '../../models/cards';
import type { Arch, TradeoffSlice } from '../../store/tradeoffSlice';
import { TRADEOFF_COUNTS } from '../../store/urlSchema';
import { ParamSlider } from '../ParamSlider';
import { SectionHeading } from '../SectionHeading';

/** One setting as a drop-down, laid out like the parameter sliders; its id doubles as its test id. */
function SettingSelect({
  id,
  name,
  value,
  disabled,
  onChange,
  children,
}: {
  id: string;
  name: string;
  value: string | number;
  disabled: boolean;
  onChange: (value: string) => void;
  children: ReactNode;
}) {
  return (
    <div className="param">
      <label htmlFor={id}>
        <span className="param-name">{name}</span>
      </label>
      <select
        id={id}
        data-testid={id}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
      >
        {children}
      </select>
    </div>
  );
}

/** The run's status in words: progress and time left while it runs, else how it ended. */
function statusText(
  status: TradeoffSlice['tradeoffStatus'],
  message: string,
  done: number,
  total: number,
  eta: number,
) {
  return status === 'running'
    ? `${done} of ${total} certifications${Number.isFinite(eta) ? `, about ${Math.ceil(eta)} s left` : ''}`
    : status === 'done'
      ? 'Done.'
      : status === 'cancelled'
        ? 'Cancelled: the finished digits are kept.'
        : status === 'error'
          ? `Failed: ${message}`
          : 'Not run yet.';
}

/**
 * "Measure it": the model family and the number of test digits, the lab's n, n0 and alpha, what a run
 * costs and the CLI command that gives the same rows, the run / matrix / cancel buttons, and progress.
 */
export function TradeoffSettings({
  arch,
  countSetting,
  count,
  n0,
  n,
  alpha,
  seed,
  status,
  message,
  progress,
  canRun,
  digitsError,
  onArch,
  onCount,
  onRun,
  onCancel,
}: {
  arch: Arch;
  /** The digit count chosen, and the one used (no more than the digit set holds). */
  countSetting: number;
  count: number;
  n0: number;
  n: number;
  alpha: number;
  seed: number;
  status: TradeoffSlice['tradeoffStatus'];
  message: string;
  progress: TradeoffSlice['tradeoffProgress'];
  canRun: boolean;
  /** Why the test digits could not be loaded, if they could not. */
  digitsError: string | null;
  onArch: (a: Arch) => void;
  onCount: (c: number) => void;
  onRun: (matrix: boolean) => void;
  onCancel: () => void;
}) {
  const running = status === 'running';
  const elapsed = (progress.lastAt - progress.startedAt) / 1000;
  const eta =
    running && progress.done > 0 ? (elapsed / progress.done) * (progress.total - progress.done) : NaN;
  return (
    <section className="controls" aria-labelledby="tradeoff-settings">
      <SectionHeading id="tradeoff-settings">Measure it</SectionHeading>
      <SettingSelect
        id="tradeoff-arch"
        name="base models"
        value={arch}
        disabled={running}
        onChange={(v) => onArch(v as Arch)}
      >
        <option value="cnn">CNN (the lab's default; slower)</option>
        <option value="mlp">MLP (fast, less accurate)</option>
      </SettingSelect>
      <SettingSelect
        id="tradeoff-count"
        name="test digits"
        value={countSetting}
        disabled={running}
        onChange={(v) => onCount(Number(v))}
      >
        {TRADEOFF_COUNTS.map((c) => (
          <option key={c} value={c}>
            first {c.toLocaleString('en')}
          </option>
        ))}
      </SettingSelect>
      <ParamSlider paramKey="n" />
      <ParamSlider paramKey="n0" />
      <ParamSlider paramKey="alpha" />
      <p className="hint">
        Each curve certifies {count.toLocaleString('en')} digits with{' '}
        {findModel(`${arch}-0.25`)?.architecture.toUpperCase()} models trained at the same sigma,{' '}
        {(count * (n0 + n)).toLocaleString('en')} forward passes per curve. Seed {seed} (from the lab); digit
        i uses the certify CLI's seed for i, so{' '}
        <code>
          npm run certify -- --model {arch}-0.25 --sigma 0.25 --n0 {n0} --n {n} --alpha {alpha} --max {count}{' '}
          --seed {seed}
        </code>{' '}
        gives the same rows.
      </p>
      <div className="row">
        <button
          type="button"
          data-testid="tradeoff-run"
          disabled={!canRun || running}
          onClick={() => onRun(false)}
        >
          Compute the curves
        </button>
        <button
          type="button"
          data-testid="tradeoff-matrix-run"
          disabled={!canRun || running}
          onClick={() => onRun(true)}
        >
          Compute the matrix too
        </button>
        <button type="button" data-testid="tradeoff-cancel" disabled={!running} onClick={onCancel}>
          Cancel
        </button>
      </div>
      {digitsError !== null && (
        <p className="notice notice-error" role="alert" data-testid="tradeoff-digits-error">
          The curves cannot be computed: the test digits could not be loaded ({digitsError}). Reload the page
          to try again.
        </p>
      )}
      <div className="progress-row">
        <label htmlFor="tradeoff-progress">Progress</label>
        <progress
          id="tradeoff-progress"
          data-testid="tradeoff-progress"
          max={Math.max(1, progress.total)}
          value={progress.done}
        />
        <span role="status" data-testid="tradeoff-status" data-status={status}>
          {statusText(status, message, progress.done, progress.total, eta)}
        </span>
      </div>
    </section>
  );
}
