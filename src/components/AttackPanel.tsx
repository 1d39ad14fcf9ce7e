import { useMemo, useState, memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { getEngine } from '../engine/client/useEngine';
import type { AttackOp, ProgressOf, ResultOf } from '../engine/protocol';
import { ABSTAIN, formatRadius } from '../smoothing';
import { useAppStore } from '../store';
import { useCertificate } from '../store/useCertificate';
import { TaskRunner } from '../tasks/runner';
import { DigitCanvas } from './DigitCanvas';
import { SectionHeading } from './SectionHeading';
import './attack.css';

export interface Outcome {
  norm: 'l2' | 'linf';
  eps: number;
  radius: number;
  certified: number;
  xAdv: Float32Array;
  delta: Float32Array;
  l2: number;
  linf: number;
  prediction: number;
}

/**
 * What an attack's outcome means, in words: whether PREDICT's answer changed, and why that is or
 * is not covered by the certificate (inside or outside the L2 ball of radius R).
 */
export function attackVerdict(
  r: Pick<Outcome, 'norm' | 'radius' | 'certified' | 'l2' | 'linf' | 'prediction'>,
): { changed: boolean; text: string } {
  const inside = r.l2 < r.radius;
  const changed = r.prediction !== ABSTAIN && r.prediction !== r.certified;
  const times = r.radius > 0 ? r.l2 / r.radius : Infinity;
  const what =
    r.prediction === ABSTAIN
      ? inside
        ? 'PREDICT abstained on the attacked input: PREDICT abstains whenever its vote test is not significant at level α, and an abstention is not another class, so the certificate still holds'
        : `PREDICT abstained on the attacked input: ${Number.isFinite(times) ? `at ${times.toFixed(1)} times R` : 'with no radius'}, outside the certified ball, its votes no longer show a clear winner`
      : changed
        ? `the smoothed classifier now says ${r.prediction}: the prediction changed`
        : `the smoothed classifier still says ${r.prediction}`;
  const why = inside
    ? `The perturbation's L2 size ${r.l2.toFixed(4)} is below R = ${formatRadius(r.radius)}, inside the certified ball: the certificate promises no other class (it can be wrong only with probability α).`
    : `The perturbation's L2 size ${r.l2.toFixed(4)} is at least R = ${formatRadius(r.radius)}: outside the certified ball the certificate promises nothing${r.norm === 'linf' ? ', even though every pixel moved by at most ' + r.linf.toFixed(3) + ' (one norm only)' : ''}.`;
  return { changed, text: `${what[0]!.toUpperCase()}${what.slice(1)}. ${why}` };
}

/**
 * "Try to break it": PGD against the smoothed classifier (Salman et al. 2019) inside an L2 or
 * L-infinity ball of the student's size, then PREDICT on the attacked input, shown next to R.
 */
/** @param x the input under study (28 * 28 in [0, 1]), or null while the digits load. */
export const AttackPanel = memo(function AttackPanel({
  x,
  title = '3. Try to break it',
}: {
  x: Float32Array | null;
  /** The panel's heading (the lab numbers its steps; other views do not). */
  title?: string;
}) {
  const s = useAppStore(
    useShallow((st) => ({
      modelId: st.modelId,
      sigma: st.params.sigma,
      n: st.params.n,
      alpha: st.params.alpha,
      seed: st.params.seed,
    })),
  );
  const [norm, setNorm] = useState<'l2' | 'linf'>('l2');
  const [eps, setEps] = useState(0.5);
  const [progress, setProgress] = useState<string>('');
  const [result, setResult] = useState<Outcome | null>(null);
  const [runner] = useState(() => new TaskRunner());
  // The lab's claim (the one claims function), once its run has ended and while it is current.
  const { view: v } = useCertificate();
  const claim = v.claim;
  const usable = claim.kind === 'certified' && claim.final && !v.stale;
  const certified = usable ? claim.prediction : ABSTAIN;
  const radius = usable ? claim.radius! : 0;
  const waiting = !x
    ? 'Loading the digit…'
    : v.stale
      ? 'The lab’s certificate is for other settings than the controls show: run the lab with these first.'
      : claim.kind === 'abstain'
        ? 'The lab abstains on this digit: there is no certified class to attack.'
        : v.status === 'running' || v.status === 'idle'
          ? 'Waiting for the lab’s certificate: the run is still sampling.'
          : v.status === 'error'
            ? 'The lab’s run failed, so there is no certificate to attack.'
            : !usable
              ? 'The lab’s run was paused before it finished: press Play to certify this digit first.'
              : '';
  const maxOf = (m: 'l2' | 'linf') => (m === 'l2' ? 4 : 0.3);
  const max = maxOf(norm);
  // Steps of 0.01 in both norms, so that every value a button sets (e.g. 0.9 R) is one the slider
  // can show: the label and the thumb always agree.
  const step = 0.01;
  const chooseNorm = (m: 'l2' | 'linf') => {
    setNorm(m);
    setEps((e) => Math.min(e, maxOf(m)));
  };

  const run = () => {
    if (!x || certified === ABSTAIN) return;
    setResult(null);
    setProgress('attacking…');
    const snapshot = { norm, eps, radius, certified };
    const op: AttackOp = {
      kind: 'attack',
      modelId: s.modelId,
      x,
      label: certified,
      norm,
      eps,
      steps: 20,
      sigma: s.sigma,
      n: Math.min(s.n, 10_000),
      alpha: s.alpha,
      seed: s.seed,
    };
    // A newer attack cancels this one: nothing of it arrives after that.
    runner.start<ResultOf<'attack'>, ProgressOf<'attack'>>(
      (signal, report) => {
        const attack = getEngine().request(op, { signal });
        attack.events(report);
        return attack.result;
      },
      {
        progress: (p) => setProgress(`attacking… step ${p.step} of ${p.steps}`),
        done: (e) => {
          setProgress('');
          setResult({
            ...snapshot,
            xAdv: e.xAdv,
            delta: e.delta,
            l2: e.l2,
            linf: e.linf,
            prediction: e.prediction,
          });
        },
        failed: (message) => setProgress(`The attack failed: ${message}`),
      },
    );
  };

  const magnified = useMemo(() => {
    if (!result) return null;
    const scale = result.linf > 0 ? 0.5 / result.linf : 0;
    return Float32Array.from(result.delta, (d) => 0.5 + scale * d);
  }, [result]);

  return (
    <section className="attack" aria-labelledby="attack-title">
      <SectionHeading id="attack-title">{title}</SectionHeading>
      <p className="hint">
        A PGD attack on the smoothed classifier itself (SmoothAdv, Salman et al. 2019), 20 steps, then PREDICT
        on the attacked digit.
      </p>
      <div className="row">
        <fieldset className="norm-choice">
          <legend>Norm of the attack</legend>
          <label>
            <input
              type="radio"
              name="attack-norm"
              checked={norm === 'l2'}
              onChange={() => chooseNorm('l2')}
            />{' '}
            L2
          </label>
          <label>
            <input
              type="radio"
              name="attack-norm"
              checked={norm === 'linf'}
              onChange={() => chooseNorm('linf')}
            />{' '}
            L∞ (per pixel)
          </label>
        </fieldset>
      </div>
      <div className="param">
        <label htmlFor="attack-eps">
          <span className="param-name">attack budget ε ({norm === 'l2' ? 'L2' : 'L∞'})</span>
          <output htmlFor="attack-eps" className="param-value">
            {eps.toFixed(2)}
          </output>
        </label>
        <input
          id="attack-eps"
          data-testid="attack-eps"
          type="range"
          min={0}
          max={max}
          step={step}
          value={Math.min(eps, max)}
          onChange={(e) => setEps(Number(e.target.value))}
        />
      </div>
      <div className="row">
        <button
          type="button"
          disabled={norm !== 'l2' || radius <= 0}
          onClick={() => setEps(Math.floor(0.9 * radius * 100) / 100)}
        >
          ε = 0.9 R
        </button>
        <button type="button" data-testid="attack-run" onClick={run} disabled={certified === ABSTAIN || !x}>
          Attack
        </button>
      </div>
      {waiting && (
        <p className="hint" data-testid="attack-waiting">
          {waiting} (The attack aims at the certified class.)
        </p>
      )}
      <p role="status" className="hint">
        {progress}
      </p>
      {result && magnified && (
        <div data-testid="attack-result" data-changed={String(attackVerdict(result).changed)}>
          <div className="row">
            <figure className="attack-figure">
              <DigitCanvas pixels={result.xAdv} size={84} label="the attacked digit" />
              <figcaption>The attacked digit (what PREDICT saw)</figcaption>
            </figure>
            <figure className="attack-figure">
              <DigitCanvas pixels={magnified} size={84} label="the perturbation, magnified (grey is zero)" />
              <figcaption>The perturbation, magnified (grey is zero)</figcaption>
            </figure>
          </div>
          <dl className="numbers">
            <div>
              <dt>L2 size of the perturbation</dt>
              <dd data-testid="attack-l2">{result.l2.toFixed(4)}</dd>
            </div>
            <div>
              <dt>L∞ size (largest pixel change)</dt>
              <dd data-testid="attack-linf">{result.linf.toFixed(4)}</dd>
            </div>
            <div>
              <dt>Certified radius R</dt>
              <dd>{formatRadius(result.radius)}</dd>
            </div>
            <div>
              <dt>PREDICT on the attacked digit</dt>
              <dd data-testid="attack-predict">
                {result.prediction === ABSTAIN ? 'abstain' : result.prediction}
              </dd>
            </div>
          </dl>
          <p>{attackVerdict(result).text}</p>
        </div>
      )}
    </section>
  );
});
