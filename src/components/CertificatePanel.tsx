import { memo } from 'react';
import { ceilFixed, ceilPercent, DIGITS, floorFixed, floorPercent, normalPpf } from '../smoothing';
import { useAppStore } from '../store';
import { describeRunValues } from '../store/certificateView';
import { useCertificate } from '../store/useCertificate';
import { Formula, slot } from './Formula';
import { projectable, ProjectorToggle, useProjected } from './Projector';
import { formatCount } from './text';
import { SectionHeading } from './SectionHeading';
import './certificate.css';

const f4 = (x: number) => x.toFixed(4);

/**
 * The certificate: the candidate class, p_hat with its Clopper-Pearson interval, p_lower, the
 * radius or ABSTAIN with the reason, the ceiling R_max, and the formulas with the numbers.
 * Every number comes from one snapshot, the run's own parameters and counts (deriveCertificate):
 * values from partial counts are marked provisional, and when the sliders moved while no run was
 * going the whole panel is greyed and says which settings its numbers belong to, with a button
 * that runs the new ones.
 */
export const CertificatePanel = memo(function CertificatePanel() {
  const { view: v } = useCertificate();
  const setPlaying = useAppStore((s) => s.setPlaying);
  const projected = useProjected('certificate');
  const { sigma, n, alpha } = v.params;
  const { ready, nA, m, pHat, claim } = v;
  const anytime = claim.bound === 'anytime';
  const staleFor = [
    describeRunValues(v.params, [...new Set(['sigma', ...v.changed])]),
    v.changed.includes('model') ? `model ${v.modelId}` : '',
    v.changed.includes('input') ? 'the previous input' : '',
    v.changed.includes('stop') ? (v.stop === null ? 'a fixed-n run' : `stop mode at r = ${v.stop}`) : '',
  ]
    .filter(Boolean)
    .join(', ');

  return (
    <section
      aria-labelledby="cert-title"
      data-step="certify"
      data-stale={v.stale}
      data-claim={claim.kind}
      data-bound={claim.bound ?? ''}
      {...projectable(
        v.stale ? 'certificate stale' : 'certificate',
        'certificate',
        'the certificate',
        projected,
      )}
    >
      <ProjectorToggle id="certificate" title="the certificate" />
      <SectionHeading id="cert-title">
        Certificate{' '}
        {!v.stale && v.status === 'running' && (
          <span className="provisional">
            (still sampling{ready && claim.bound === 'anytime' ? ': anytime-valid' : ''})
          </span>
        )}
        {!v.stale && v.status === 'paused' && ready && (
          <span className="provisional">
            (paused after {formatCount(m)} of {formatCount(n)} samples: anytime-valid)
          </span>
        )}
        {!v.stale && v.status === 'stopped' && (
          <span className="provisional">
            (stop mode ended the run at {formatCount(m)} of {formatCount(n)} samples: anytime-valid)
          </span>
        )}
        {v.stale && <span className="provisional">(out of date)</span>}
      </SectionHeading>
      {v.stale && (
        <div className="notice notice-warn stale-notice" data-testid="stale-notice" role="status">
          <p>
            {v.status === 'error' ? 'Stopped' : 'Paused'}: these numbers are for {staleFor}, not for the
            settings the controls show now.
          </p>
          <button type="button" data-testid="run-current" onClick={() => setPlaying(true)}>
            Run with the current settings
          </button>
        </div>
      )}
      <dl className="numbers">
        <div>
          <dt>Prediction of the smoothed classifier</dt>
          <dd className="big" data-testid="prediction">
            {claim.kind === 'certified' ? claim.prediction : claim.kind === 'abstain' ? 'abstain' : '—'}
          </dd>
        </div>
        <div>
          <dt>
            p̂ = n<sub>A</sub>/n
          </dt>
          <dd>{ready ? `${formatCount(nA)} / ${formatCount(m)} = ${f4(pHat)}` : '—'}</dd>
        </div>
        <div>
          <dt>
            p<sub>lower</sub> (one-sided, 1 − α
            {ready ? (anytime ? ', anytime-valid' : ', Clopper-Pearson') : ''})
          </dt>
          <dd data-testid="p-lower">{ready ? claim.text.pLower : '—'}</dd>
        </div>
        <div>
          <dt>Certified L2 radius R</dt>
          <dd className={claim.kind === 'certified' ? 'big' : 'big abstain'} data-testid="radius">
            {ready ? claim.text.radius : '—'}
          </dd>
        </div>
      </dl>
      {/* Before the first votes the bar and the sentence keep their place, so the panel's height
          (and the lesson text below an embedded one) does not jump when they arrive. */}
      {ready ? (
        <IntervalBar pHat={pHat} lower={v.pLower} upper={v.pUpper} certificate={!anytime} />
      ) : (
        <figure className="interval interval-empty" aria-hidden="true">
          <svg viewBox="0 0 400 44" />
          <IntervalScale />
          <figcaption className="hint">p̂ and its interval appear with the first votes.</figcaption>
        </figure>
      )}
      {/* The claim and the line on the Clopper-Pearson value are always two paragraphs of the
          same kind, whatever the state, so the panel keeps its height while a run streams. */}
      <p
        className={claim.kind === 'abstain' ? 'hint claim-line claim-abstain' : 'hint claim-line'}
        data-testid={
          !ready
            ? 'claim-waiting'
            : claim.kind === 'abstain'
              ? 'abstain-reason'
              : claim.kind === 'none'
                ? 'no-certificate'
                : 'claim-sentence'
        }
      >
        {ready ? claim.sentence : 'The certificate appears with the first votes.'}
      </p>
      <p className="hint" data-testid={claim.reference ? 'cp-reference' : 'cp-note'}>
        {claim.reference
          ? claim.reference.text
          : ready
            ? `All ${formatCount(n)} planned samples are in, with no data-dependent stop: the Clopper-Pearson bound is the certificate.`
            : `Until all ${formatCount(n)} planned samples are in, the certificate is the anytime-valid bound.`}
      </p>
      <p className="ceiling">
        Ceiling: R<sub>max</sub> = <span data-testid="r-max">{ceilFixed(v.rMax, DIGITS.radius)}</span>. With n
        = {formatCount(n)} samples no radius above this can be certified, however confident the model: even if
        every vote agrees, the Clopper-Pearson p<sub>lower</sub> is only α<sup>1/n</sup> ={' '}
        {ceilFixed(Math.pow(alpha, 1 / n), DIGITS.pLower)}.
      </p>
      <div className="formulas" tabIndex={0} role="group" aria-label="The formulas with the current numbers">
        {/* Typeset once per shape (the bound, alpha and n, a radius or not); a counts update or a
            new sigma only rewrites the slots' numbers ("?" until the first votes). The numbers are
            the claim's own text, rounded the same safe way as the panel above. */}
        {anytime ? (
          <Formula
            display
            tex={`\\begin{aligned} p_{\\text{lower}} &= \\text{anytime-valid bound}\\left(n_A,\\, m,\\, \\alpha\\right) \\\\ &= \\text{CS}\\!\\left(${slot(0)},\\, ${slot(1)},\\, ${fmtTex(alpha)}\\right) \\\\ &= ${slot(2)} \\end{aligned}`}
            values={[String(nA), String(m), claim.text.pLower]}
          />
        ) : (
          <Formula
            display
            tex={`\\begin{aligned} p_{\\text{lower}} &= B^{-1}\\!\\left(\\alpha;\\, n_A,\\, n - n_A + 1\\right) \\\\ &= B^{-1}\\!\\left(${fmtTex(alpha)};\\, ${slot(0)},\\, ${slot(1)}\\right) \\\\ &= ${slot(2)} \\end{aligned}`}
            values={ready ? [String(nA), String(m - nA + 1), claim.text.pLower] : ['?', '?', '?']}
          />
        )}
        {ready && claim.kind !== 'certified' ? (
          <Formula
            display
            tex={`\\begin{aligned} p_{\\text{lower}} &= ${slot(0)} \\\\ &\\le \\tfrac{1}{2} \\\\ &\\Rightarrow\\; \\text{${claim.kind === 'abstain' ? 'ABSTAIN: no radius' : 'no certificate yet: no radius'}} \\end{aligned}`}
            values={[claim.text.pLower]}
          />
        ) : (
          <Formula
            display
            tex={`\\begin{aligned} R &= \\sigma\\,\\Phi^{-1}(p_{\\text{lower}}) \\\\ &= ${slot(0)} \\cdot \\Phi^{-1}(${slot(1)}) \\\\ &= ${slot(0)} \\cdot ${slot(2)} = ${slot(3)} \\end{aligned}`}
            values={
              ready && claim.radius !== null
                ? [
                    sigma.toFixed(2),
                    claim.text.pLower,
                    floorFixed(normalPpf(claim.pLower), DIGITS.radius),
                    claim.text.radius,
                  ]
                : [sigma.toFixed(2), '?', '?', '?']
            }
          />
        )}
        <Formula
          display
          tex={`\\begin{aligned} R_{\\max} &= \\sigma\\,\\Phi^{-1}\\!\\left(\\alpha^{1/n}\\right) \\\\ &= ${slot(0)} \\cdot \\Phi^{-1}\\!\\left(${alpha >= 0.001 ? fmtTex(alpha) : `\\left(${fmtTex(alpha)}\\right)`}^{1/${n}}\\right) = ${slot(1)} \\end{aligned}`}
          values={[sigma.toFixed(2), ceilFixed(v.rMax, DIGITS.radius)]}
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

/**
 * The interval bar's scale, in HTML under the bar: at the page's text size (never scaled down with
 * the picture, never cut at its edge), 0 and 1 under the bar's ends, 1/2 under the dashed line.
 */
function IntervalScale() {
  return (
    <div className="interval-scale" aria-hidden="true">
      <span style={{ left: '2.5%' }}>0</span>
      <span className="interval-half" style={{ left: '50%' }}>
        1/2
      </span>
      <span style={{ left: '97.5%' }}>1</span>
    </div>
  );
}

/** p_hat on [0, 1] with its Clopper-Pearson interval and the 1/2 line. */
function IntervalBar({
  pHat,
  lower,
  upper,
  certificate,
}: {
  pHat: number;
  lower: number;
  upper: number;
  /** The lower end is the certificate's p_lower (a complete fixed-n run), or only a reference. */
  certificate: boolean;
}) {
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  // The lower end rounded down and the upper end up, as every bound on screen.
  const lo = floorPercent(lower, 2);
  const hi = ceilPercent(upper, 2);
  return (
    <figure className="interval">
      <svg
        viewBox="0 0 400 44"
        role="img"
        aria-label={`p hat ${pHat.toFixed(4)}, interval from ${floorFixed(lower, 4)} to ${ceilFixed(upper, 4)}`}
      >
        <line x1="10" x2="390" y1="22" y2="22" stroke="#9aa7b5" strokeWidth="2" />
        <line x1="200" x2="200" y1="4" y2="40" stroke="#b3261e" strokeDasharray="4 3" />
        <rect
          x={10 + 380 * lower}
          y="14"
          width={Math.max(2, 380 * (upper - lower))}
          height="16"
          fill="#1f5fbf"
          fillOpacity="0.35"
        />
        <circle cx={10 + 380 * pHat} cy="22" r="5" fill="#1f5fbf" />
      </svg>
      <IntervalScale />
      <figcaption className="hint">
        p̂ = {pct(pHat)} with its Clopper-Pearson interval [{lo}, {hi}] (each end at level 1 − α).{' '}
        {certificate
          ? 'The certificate uses only the lower end.'
          : 'Valid only at an n fixed in advance: not the certificate now.'}
      </figcaption>
    </figure>
  );
}
