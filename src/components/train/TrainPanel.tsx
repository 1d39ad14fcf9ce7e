import type { ReactNode } from 'react';
import { MAX_TRAIN_EPOCHS, TRAIN_SIGMAS, type TrainSettings } from '../../training/protocol';
import { TrainCurve, type CurvePoint } from './TrainCurve';
import './train.css';

/** Where the training stands, as the panel shows it. */
export type TrainPhase = 'idle' | 'preparing' | 'ready' | 'training' | 'done' | 'cancelled' | 'error';

export interface TrainPanelProps {
  settings: TrainSettings;
  phase: TrainPhase;
  /** The worker's backend and digit counts once it is ready (null before). */
  ready: { backend: string; fallbackReason?: string; trainCount: number; validationCount: number } | null;
  /** The error, or what happened last, in words ('' for nothing). */
  message: string;
  /** Batches done of the whole training, and the latest batch's loss (null before the first). */
  progress: { done: number; total: number; epoch: number; loss: number } | null;
  history: readonly CurvePoint[];
  /** Seconds per epoch measured in this browser's worker (or a typical figure), per architecture. */
  secondsPerEpoch: { mlp: number; cnn: number };
  onSettings: (s: TrainSettings) => void;
  onTrain: () => void;
  onCancel: () => void;
}

function Choice({
  id,
  label,
  value,
  disabled,
  onChange,
  children,
}: {
  id: string;
  label: string;
  value: string;
  disabled: boolean;
  onChange: (v: string) => void;
  children: ReactNode;
}) {
  return (
    <div className="param">
      <label htmlFor={id}>
        <span className="param-name">{label}</span>
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

function statusLine(p: TrainPanelProps): string {
  switch (p.phase) {
    case 'idle':
      return 'The training digits load when you open this panel.';
    case 'preparing':
      return 'Loading the training digits and starting TF.js in a worker…';
    case 'ready':
      return 'Ready to train.';
    case 'training':
      return p.progress
        ? `Training: epoch ${p.progress.epoch} of ${p.settings.epochs}, batch loss ${p.progress.loss.toFixed(3)}.`
        : 'Training: starting…';
    case 'done':
      return p.message || 'Done.';
    case 'cancelled':
      return 'Cancelled: nothing was kept.';
    case 'error':
      return `Training failed: ${p.message}`;
  }
}

/**
 * "Train your own base model": sigma_train, method, architecture and epochs; Train and Cancel; a
 * progress bar by batch and the learning curve by epoch. Everything runs in a worker, so the page
 * stays responsive and Cancel works at any moment.
 */
export function TrainPanel(p: TrainPanelProps) {
  const busy = p.phase === 'training';
  const set = (patch: Partial<TrainSettings>) => p.onSettings({ ...p.settings, ...patch });
  const estimate = Math.ceil(
    p.settings.epochs * p.secondsPerEpoch[p.settings.arch] * (p.settings.method === 'consistency' ? 2 : 1),
  );
  return (
    <div className="train-panel" data-testid="train-panel">
      <p>
        {p.ready
          ? `It trains on ${p.ready.trainCount.toLocaleString('en-US')} of the 8,000 training digits and checks itself on the other ${p.ready.validationCount.toLocaleString('en-US')} after every epoch; the 2,000 test digits the lab certifies are never seen in training.`
          : 'It trains on 7,200 of the 8,000 training digits and checks itself on the other 800 after every epoch; the 2,000 test digits the lab certifies are never seen in training.'}{' '}
        Each batch gets fresh Gaussian noise of the σ_train you choose, plus small shifts and rotations.
      </p>
      <div className="train-settings">
        <Choice
          id="train-sigma"
          label="training noise σ_train"
          value={String(p.settings.sigma)}
          disabled={busy}
          onChange={(v) => set({ sigma: Number(v) })}
        >
          {TRAIN_SIGMAS.map((s) => (
            <option key={s} value={String(s)}>
              {s.toFixed(2)}
              {s === 0 ? ' (no noise)' : ''}
            </option>
          ))}
        </Choice>
        <Choice
          id="train-method"
          label="method"
          value={p.settings.method}
          disabled={busy}
          onChange={(v) => set({ method: v === 'consistency' ? 'consistency' : 'gaussian' })}
        >
          <option value="gaussian">Gaussian augmentation (Cohen et al. 2019)</option>
          <option value="consistency">Consistency regularisation (Jeong &amp; Shin 2020), 2× slower</option>
        </Choice>
        <Choice
          id="train-arch"
          label="architecture"
          value={p.settings.arch}
          disabled={busy}
          onChange={(v) => set({ arch: v === 'cnn' ? 'cnn' : 'mlp' })}
        >
          <option value="mlp">
            MLP (784-256-128-10), about {Math.ceil(p.secondsPerEpoch.mlp)} s an epoch
          </option>
          <option value="cnn">
            CNN (two convolutions), about {Math.ceil(p.secondsPerEpoch.cnn)} s an epoch
          </option>
        </Choice>
        <Choice
          id="train-epochs"
          label="epochs"
          value={String(p.settings.epochs)}
          disabled={busy}
          onChange={(v) => set({ epochs: Number(v) })}
        >
          {Array.from({ length: MAX_TRAIN_EPOCHS }, (_, i) => i + 1).map((e) => (
            <option key={e} value={String(e)}>
              {e}
            </option>
          ))}
        </Choice>
      </div>
      <div className="row">
        <button
          type="button"
          data-testid="train-start"
          onClick={p.onTrain}
          disabled={busy || p.phase === 'preparing' || p.phase === 'idle'}
        >
          Train (about {estimate} s)
        </button>
        <button type="button" data-testid="train-cancel" onClick={p.onCancel} disabled={!busy}>
          Cancel training
        </button>
      </div>
      <div className="progress-row">
        <progress
          data-testid="train-progress"
          aria-label="training progress, by batch"
          max={p.progress?.total ?? 1}
          value={p.progress?.done ?? 0}
        />
      </div>
      <p role="status" data-testid="train-status" data-phase={p.phase}>
        {statusLine(p)}
      </p>
      {p.ready && (
        <p className="hint" data-testid="train-backend">
          Training runs in a worker on TF.js {p.ready.backend}
          {p.ready.fallbackReason
            ? ` (WebAssembly could not start: ${p.ready.fallbackReason}; the cpu backend is much slower)`
            : ''}
          .
        </p>
      )}
      {(p.history.length > 0 || busy) && <TrainCurve points={p.history} epochs={p.settings.epochs} />}
    </div>
  );
}
