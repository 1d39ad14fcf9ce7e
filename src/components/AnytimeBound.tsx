import { memo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  ceilFixed,
  certifiedRadius,
  confidenceSequenceLower,
  confidenceSequenceUpper,
  formatPLower,
  formatRadius,
} from '../smoothing';
import { useAppStore } from '../store';
import { useCertificate } from '../store/useCertificate';
import type { NumberParam } from '../store/url/defineUrlSchema';
import { stepOf } from '../store/url/slider';
import { ANYTIME_URL } from '../store/urlSchema';
import { projectable, ProjectorToggle, useProjected } from './Projector';
import { formatCount } from './text';
import { SectionHeading } from './SectionHeading';

const int = formatCount;
const R: NumberParam = ANYTIME_URL.spec('r');
const { min: R_MIN, max: R_MAX } = R;

/** "p_lower 0.993116, R 0.7389", or "no radius" where the bound is not above 1/2 (never R 0). */
function boundText(pLower: number, sigma: number): string {
  return `p_lower ${formatPLower(pLower)}, ${pLower > 0.5 ? `R ${formatRadius(certifiedRadius(sigma, pLower))}` : 'no radius'}`;
}

/**
 * Two promises side by side, computed from the run's snapshot: the fixed-n Clopper-Pearson bound
 * (CERTIFY's; valid only when the sample count is the n planned before the run and no
 * data-dependent rule ended it) and the anytime-valid bound (a confidence sequence, Howard et al.
 * 2021: valid at every sample count, so whenever the run stops), each with its radius. Which of
 * them is the certificate comes from the one claims function (`view.claim`); this panel states no
 * guarantee of its own. Also the "stop when certified at radius r" mode: the engine stops the run at
 * the exact sample where the anytime-valid radius reaches r (or, with "also stop when r cannot be
 * reached", where the anytime-valid upper bound rules r out), and the report reads that run: its
 * decision (`stop-decision`: certified or unreachable) and the claim's sentence for it.
 */
export const AnytimeBound = memo(function AnytimeBound() {
  const { view: v } = useCertificate();
  const s = useAppStore(
    useShallow((st) => ({
      playing: st.playing,
      stopAtRadius: st.stopAtRadius,
      stopRadius: st.stopRadius,
      stopWhenUnreachable: st.stopWhenUnreachable,
      setStopAtRadius: st.setStopAtRadius,
      setStopWhenUnreachable: st.setStopWhenUnreachable,
      setStopRadius: st.setStopRadius,
    })),
  );
  const projected = useProjected('anytime');
  const [radiusText, setRadiusText] = useState(String(s.stopRadius));
  // The box follows the store when r changes elsewhere (a link, a clamp): adjusted during render.
  const [shown, setShown] = useState(s.stopRadius);
  if (shown !== s.stopRadius) {
    setShown(s.stopRadius);
    if (Number(radiusText) !== s.stopRadius) setRadiusText(String(s.stopRadius));
  }
  const { sigma, n, n0, alpha } = v.params;
  const { ready, nA, m, claim } = v;
  // Both bounds from the claim where it has them (computed once per snapshot, in claimFor).
  const fixed = ready ? v.pLower : NaN;
  const anytime = !ready
    ? NaN
    : claim.bound === 'anytime'
      ? claim.pLower
      : confidenceSequenceLower(nA, m, alpha);
  const typed = Number(radiusText);
  const radiusValid = radiusText.trim() !== '' && Number.isFinite(typed) && typed >= R_MIN && typed <= R_MAX;
  const report = v.stop !== null && v.final && !v.stale ? v.stop : null;
  const decision = report === null ? null : v.stopDecision;
  const upper = ready ? confidenceSequenceUpper(nA, m, alpha) : NaN;

  let reading = '';
  if (ready && claim.bound === 'fixed-n') {
    reading =
      claim.kind === 'certified'
        ? `All ${int(n)} planned samples are in, with no data-dependent stop: the fixed-n certificate holds, and the anytime-valid bound is lower by ${formatPLower(fixed - anytime)}, the price of being valid at every n.`
        : `All ${int(n)} planned samples are in: p_lower = ${formatPLower(fixed)} ≤ 1/2, so CERTIFY abstains, and neither bound certifies a radius.`;
  } else if (ready && v.stop !== null) {
    reading = `This run ends on a data-dependent rule (stop mode), so the fixed-n bound promises nothing here, even where all ${int(n)} samples are used: only the anytime-valid bound is a certificate.`;
  } else if (ready) {
    reading = `${int(m)} of ${int(n)} samples so far (n_A = ${int(nA)} for class ${v.candidate}). Reading the fixed-n bound now and stopping when it looks good breaks its promise (it can fail far more often than α); the anytime-valid bound may be read after every batch.`;
  }

  return (
    <section
      aria-labelledby="anytime-title"
      data-testid="anytime"
      {...projectable('anytime', 'anytime', 'the anytime-valid panel', projected)}
    >
      <ProjectorToggle id="anytime" title="the anytime-valid panel" />
      <SectionHeading id="anytime-title">Two promises: at the planned n, or whenever you stop</SectionHeading>
      <dl className="numbers">
        <div>
          <dt>
            Fixed-n bound (Clopper-Pearson), <strong>valid only at the planned n</strong> = {int(n)}
            {ready && claim.bound !== 'fixed-n' && ' (not a certificate now)'}
          </dt>
          <dd data-testid="fixed-n-lower">{ready ? boundText(fixed, sigma) : '—'}</dd>
        </div>
        <div>
          <dt>
            Anytime-valid bound, <strong>valid now, whenever you stop</strong>
          </dt>
          <dd data-testid="anytime-lower" data-p-lower={ready ? anytime : ''}>
            {ready ? `p_lower ${formatPLower(anytime)}` : '—'}
          </dd>
        </div>
        {s.stopAtRadius && s.stopWhenUnreachable && (
          <div>
            <dt>Anytime-valid upper bound (r is out of reach once its radius is below r)</dt>
            <dd data-testid="anytime-upper" data-p-upper={ready ? upper : ''}>
              {ready
                ? `p_upper ${ceilFixed(upper, 6)}, ${upper > 0.5 ? `R at most ${ceilFixed(certifiedRadius(sigma, upper), 4)}` : 'no radius'}`
                : '—'}
            </dd>
          </div>
        )}
        <div>
          <dt>Anytime-valid radius</dt>
          <dd className="big" data-testid="anytime-radius">
            {!ready ? '—' : anytime > 0.5 ? formatRadius(certifiedRadius(sigma, anytime)) : 'no radius'}
          </dd>
        </div>
      </dl>
      {ready && (
        <p className="hint" data-testid="anytime-reading" data-bound={claim.bound ?? ''}>
          {reading}
        </p>
      )}
      <fieldset className="stop-mode">
        <legend>Stop when certified</legend>
        <label className="checkbox-label">
          <input
            type="checkbox"
            data-testid="stop-at-radius"
            checked={s.stopAtRadius}
            onChange={(e) => s.setStopAtRadius(e.target.checked)}
          />{' '}
          Stop the run as soon as the anytime-valid radius reaches r
        </label>
        <label className="checkbox-label">
          <input
            type="checkbox"
            data-testid="stop-unreachable"
            checked={s.stopWhenUnreachable}
            disabled={!s.stopAtRadius}
            onChange={(e) => s.setStopWhenUnreachable(e.target.checked)}
          />{' '}
          Also stop as soon as r cannot be reached (the anytime-valid upper bound rules it out)
        </label>
        <label className="param">
          <span className="param-name">target radius r</span>{' '}
          <input
            type="number"
            data-testid="stop-radius"
            min={R_MIN}
            max={R_MAX}
            step={stepOf(R)}
            value={radiusText}
            aria-invalid={!radiusValid}
            aria-describedby="stop-radius-help"
            onChange={(e) => {
              setRadiusText(e.target.value);
              const r = Number(e.target.value);
              if (e.target.value.trim() !== '' && r >= R_MIN && r <= R_MAX) s.setStopRadius(r);
            }}
          />
        </label>
        <p id="stop-radius-help" className="hint">
          {!radiusValid
            ? `Type a radius between ${R_MIN} and ${R_MAX}; the stop still uses r = ${s.stopRadius}.`
            : s.playing
              ? 'Changing r, or switching the stop on or off, starts a new run from its first sample.'
              : 'Paused: press Play to run with this r.'}
        </p>
        {report !== null && (
          <p
            className={`notice ${decision !== null ? 'notice-info' : 'notice-warn'}`}
            role="status"
            data-testid="stop-report"
            data-kind={decision === 'certified' ? 'reached' : (decision ?? 'ran-out')}
            data-samples={m}
            data-planned-n={n}
          >
            {decision !== null && (
              <strong data-testid="stop-decision" data-decision={decision}>
                {decision === 'certified' ? `Certified at r = ${report}. ` : `r = ${report} out of reach. `}
              </strong>
            )}
            {decision === null
              ? `The planned ${int(n)} samples ran out before the anytime-valid radius reached r = ${report}${s.stopWhenUnreachable ? ' or r was ruled out' : ''}. ${claim.sentence} Raise n or lower r.`
              : `Stopped at estimation sample ${int(m)} (after n0 = ${int(n0)} selection samples): the first sample at which ${decision === 'certified' ? `the anytime-valid radius reached r = ${report}` : `the anytime-valid upper bound ruled r = ${report} out`}. ${claim.sentence} The fixed-n run uses all ${int(n)}: this stop needed ${((100 * m) / n).toFixed(1)}% of them.`}
          </p>
        )}
        {s.stopAtRadius && report === null && (
          <p className="hint" data-testid="stop-waiting">
            {v.status === 'running'
              ? `Sampling until the anytime-valid radius reaches r = ${s.stopRadius}${s.stopWhenUnreachable ? ', r is ruled out,' : ''} or n = ${int(n)} runs out.`
              : 'Press Play to run with the stop.'}
          </p>
        )}
      </fieldset>
    </section>
  );
});
