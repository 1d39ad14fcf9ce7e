import { memo } from 'react';
import {
  argmax,
  certifiedRadius,
  clopperPearsonLower,
  clopperPearsonUpper,
  maxCertifiableRadius,
  normalPpf,
} from '../smoothing';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store';
import { Formula } from './Formula';

const f4 = (x: number) => x.toFixed(4);

/**
 * The certificate: the candidate class, p_hat with its Clopper-Pearson interval, p_lower, the
 * radius or ABSTAIN with the reason, the ceiling R_max, and the formulas with today's numbers.
 * Values computed from partial counts during a run are marked provisional.
 */
export const CertificatePanel = memo(function CertificatePanel() {
  const {
    sigma,
    n,
    alpha,
    status,
    selectionCounts,
    estimationCounts,
    selectionDone,
    estimationDone,
    outcome,
  } = useAppStore(
    useShallow((s) => ({
      sigma: s.params.sigma,
      n: s.params.n,
      alpha: s.params.alpha,
      status: s.status,
      selectionCounts: s.selectionCounts,
      estimationCounts: s.estimationCounts,
      selectionDone: s.selectionDone,
      estimationDone: s.estimationDone,
      outcome: s.outcome,
    })),
  );
  const done = status === 'done' && outcome !== null;
  const candidate = selectionDone > 0 ? argmax(selectionCounts) : -1;
  // The counts' own total: right after a parameter change the store still holds the previous run.
  const m = estimationDone;
  const nA = candidate >= 0 ? (estimationCounts[candidate] ?? 0) : 0;
  const ready = candidate >= 0 && m > 0;
  const pLower = done ? outcome.pLower : ready ? clopperPearsonLower(nA, m, alpha) : NaN;
  const pUpper = ready ? clopperPearsonUpper(nA, m, alpha) : NaN;
  const pHat = ready ? nA / m : NaN;
  const radius = done ? outcome.radius : ready ? certifiedRadius(sigma, pLower) : NaN;
  const abstain = ready && pLower <= 0.5;
  const rMax = maxCertifiableRadius(sigma, n, alpha);
  const provisional = !done;

  return (
    <section className="certificate" aria-labelledby="cert-title" data-step="certify">
      <h3 id="cert-title">
        Certificate{' '}
        {provisional && status === 'running' && (
          <span className="provisional">(provisional, still sampling)</span>
        )}
      </h3>
      <dl className="numbers">
        <div>
          <dt>Prediction of the smoothed classifier</dt>
          <dd className="big" data-testid="prediction">
            {!ready ? '—' : abstain ? 'abstain' : candidate}
          </dd>
        </div>
        <div>
          <dt>
            p̂ = n<sub>A</sub>/n
          </dt>
          <dd>{ready ? `${nA.toLocaleString('en')} / ${m.toLocaleString('en')} = ${f4(pHat)}` : '—'}</dd>
        </div>
        <div>
          <dt>
            p<sub>lower</sub> (one-sided, 1 − α)
          </dt>
          <dd data-testid="p-lower">{ready ? pLower.toFixed(6) : '—'}</dd>
        </div>
        <div>
          <dt>Certified L2 radius R</dt>
          <dd className="big" data-testid="radius">
            {ready ? f4(radius) : '—'}
          </dd>
        </div>
      </dl>
      {ready && <IntervalBar pHat={pHat} lower={pLower} upper={pUpper} />}
      {ready && abstain && (
        <p className="notice notice-warn" data-testid="abstain-reason">
          ABSTAIN: p<sub>lower</sub> = {pLower.toFixed(3)} ≤ 0.5, so the top class ({candidate}) has no clear
          majority under this noise. The lab refuses to certify rather than guess.
        </p>
      )}
      {ready && !abstain && (
        <p className="hint">
          With probability at least 1 − α = {(1 - alpha).toPrecision(6).replace(/0+$/, '')}, the smoothed
          classifier returns {candidate} for every input within L2 distance {f4(radius)} of this one.
        </p>
      )}
      <p className="ceiling">
        Ceiling: R<sub>max</sub> = <span data-testid="r-max">{f4(rMax)}</span>. With n ={' '}
        {n.toLocaleString('en')} samples no radius above this can be certified, however confident the model:
        even if every vote agrees, p<sub>lower</sub> is only α<sup>1/n</sup> ={' '}
        {Math.pow(alpha, 1 / n).toFixed(6)}.
      </p>
      <div className="formulas" tabIndex={0} role="group" aria-label="The formulas with the current numbers">
        <Formula
          display
          tex={`p_{\\text{lower}} = B^{-1}\\!\\left(\\alpha;\\, n_A,\\, n - n_A + 1\\right) = B^{-1}\\!\\left(${fmtTex(alpha)};\\, ${ready ? nA : 'n_A'},\\, ${ready ? m - nA + 1 : 'n - n_A + 1'}\\right) = ${ready ? pLower.toFixed(6) : '?'}`}
        />
        <Formula
          display
          tex={`R = \\sigma\\,\\Phi^{-1}(p_{\\text{lower}}) = ${sigma.toFixed(2)} \\cdot \\Phi^{-1}(${ready ? pLower.toFixed(6) : '?'}) = ${
            !ready
              ? '?'
              : abstain
                ? '0 \\;(\\text{abstain, since } p_{\\text{lower}} \\le 0.5)'
                : `${sigma.toFixed(2)} \\cdot ${normalPpf(pLower).toFixed(4)} = ${f4(radius)}`
          }`}
        />
        <Formula
          display
          tex={`R_{\\max} = \\sigma\\,\\Phi^{-1}\\!\\left(\\alpha^{1/n}\\right) = ${sigma.toFixed(2)} \\cdot \\Phi^{-1}\\!\\left(${fmtTex(alpha)}^{1/${n}}\\right) = ${f4(rMax)}`}
        />
      </div>
    </section>
  );
});

function fmtTex(a: number): string {
  if (a >= 0.001) return String(a);
  const [m, e] = a.toExponential(0).split('e');
  return `${m === '1' ? '' : `${m} \\times `}10^{${Number(e)}}`;
}

/** p_hat on [0, 1] with its Clopper-Pearson interval and the 1/2 line. */
function IntervalBar({ pHat, lower, upper }: { pHat: number; lower: number; upper: number }) {
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  return (
    <figure className="interval">
      <svg
        viewBox="0 0 400 44"
        role="img"
        aria-label={`p hat ${pHat.toFixed(4)}, interval from ${lower.toFixed(4)} to ${upper.toFixed(4)}`}
      >
        <line x1="10" x2="390" y1="22" y2="22" stroke="#9aa7b5" strokeWidth="2" />
        <line x1="200" x2="200" y1="6" y2="38" stroke="#b3261e" strokeDasharray="4 3" />
        <text x="200" y="44" fontSize="10" textAnchor="middle" fill="#b3261e">
          1/2
        </text>
        <rect
          x={10 + 380 * lower}
          y="14"
          width={Math.max(2, 380 * (upper - lower))}
          height="16"
          fill="#1f5fbf"
          fillOpacity="0.35"
        />
        <circle cx={10 + 380 * pHat} cy="22" r="5" fill="#1f5fbf" />
        <text x="10" y="10" fontSize="10">
          0
        </text>
        <text x="390" y="10" fontSize="10" textAnchor="end">
          1
        </text>
      </svg>
      <figcaption className="hint">
        p̂ = {pct(pHat)} with its Clopper-Pearson interval [{pct(lower)}, {pct(upper)}] (each end at level 1 −
        α). The certificate uses only the lower end.
      </figcaption>
    </figure>
  );
}
