import { useState } from 'react';
import { describeUserModel, methodName, type UserModelCard } from '../../models/userModels';
import './train.css';

/** One certification of a student's model over the first test digits, summarised. */
export interface UserRunSummary {
  /** The sigma it was certified at. */
  sigma: number;
  /** Digits certified so far, of `count`. */
  done: number;
  count: number;
  /** Certified accuracy (fraction) at a few radii. */
  at: { r: number; accuracy: number }[];
}

export interface UserModelView {
  card: UserModelCard;
  /** False when the browser refused to save it: it lasts for this visit only. */
  saved: boolean;
  runs: UserRunSummary[];
}

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

function shortDate(iso: string): string {
  const d = new Date(iso);
  return `${d.toISOString().slice(0, 10)} ${d.toTimeString().slice(0, 5)}`;
}

function ModelCardView({
  m,
  certifySigmas,
  count,
  canCertify,
  onCertify,
  onOpenInLab,
  onDelete,
}: {
  m: UserModelView;
  certifySigmas: readonly number[];
  count: number;
  canCertify: boolean;
  onCertify: (id: string, sigma: number) => void;
  onOpenInLab: (id: string) => void;
  onDelete: (id: string) => void;
}) {
  const c = m.card;
  const [sigma, setSigma] = useState(() =>
    certifySigmas.includes(c.sigmaTrain) ? c.sigmaTrain : (certifySigmas[certifySigmas.length - 2] ?? 0.5),
  );
  const name = `your ${c.architecture.toUpperCase()} trained at σ_train ${c.sigmaTrain.toFixed(2)} (${shortDate(c.createdAt)})`;
  const selectId = `user-certify-sigma-${c.id.replace(/[^a-z0-9]/g, '-')}`;
  return (
    <li className="user-model" data-testid="user-model" data-model-id={c.id}>
      <p className="user-model-title">
        <strong>{describeUserModel(c)}</strong>
      </p>
      <p className="hint">
        {methodName(c.method)}; {c.trainCount.toLocaleString('en-US')} training digits;{' '}
        {c.parameterCount.toLocaleString('en-US')} weights; trained in {Math.round(c.seconds)} s on{' '}
        {c.backend}; {shortDate(c.createdAt)}.{' '}
        {m.saved ? 'Saved in this browser.' : 'Not saved: it lasts until this page is closed.'}
      </p>
      <div className="row">
        <div className="param">
          <label htmlFor={selectId}>
            <span className="param-name">certify at σ</span>
          </label>
          <select
            id={selectId}
            data-testid="user-certify-sigma"
            value={String(sigma)}
            onChange={(e) => setSigma(Number(e.target.value))}
          >
            {certifySigmas.map((s) => (
              <option key={s} value={String(s)}>
                {s.toFixed(2)}
                {s === c.sigmaTrain ? ' (its σ_train)' : ''}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          data-testid="user-certify"
          disabled={!canCertify}
          aria-label={`Certify ${name} at sigma ${sigma.toFixed(2)} on ${count} test digits`}
          onClick={() => onCertify(c.id, sigma)}
        >
          Certify on {count} test digits
        </button>
        <button
          type="button"
          data-testid="user-open-lab"
          aria-label={`Open ${name} in the smoothing lab`}
          onClick={() => onOpenInLab(c.id)}
        >
          Open in the lab
        </button>
        <button
          type="button"
          data-testid="user-delete"
          aria-label={`Delete ${name}`}
          onClick={() => onDelete(c.id)}
        >
          Delete
        </button>
      </div>
      {m.runs.length > 0 && (
        <ul className="user-runs" data-testid="user-runs">
          {m.runs.map((r) => (
            <li key={r.sigma} data-sigma={r.sigma} data-done={r.done} data-count={r.count}>
              Certified at σ = {r.sigma.toFixed(2)}
              {r.sigma !== c.sigmaTrain ? ' (not its σ_train)' : ''}, {r.done} of {r.count} digits:{' '}
              {r.at.map((a) => `${pct(a.accuracy)} at r = ${a.r}`).join(', ')}.
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The student's own models: a card each, with certify, open-in-lab and delete. */
export function UserModelList(p: {
  models: readonly UserModelView[];
  certifySigmas: readonly number[];
  count: number;
  canCertify: boolean;
  onCertify: (id: string, sigma: number) => void;
  onOpenInLab: (id: string) => void;
  onDelete: (id: string) => void;
}) {
  if (p.models.length === 0) return null;
  return (
    <section aria-labelledby="user-models-title" className="user-models">
      <h4 id="user-models-title">Your models</h4>
      <ul>
        {p.models.map((m) => (
          <ModelCardView
            key={m.card.id}
            m={m}
            certifySigmas={p.certifySigmas}
            count={p.count}
            canCertify={p.canCertify}
            onCertify={p.onCertify}
            onOpenInLab={p.onOpenInLab}
            onDelete={p.onDelete}
          />
        ))}
      </ul>
    </section>
  );
}
