import { memo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStopAtRadius } from '../engine/client/useStopAtRadius';
import { argmax, twoBounds } from '../smoothing';
import { useAppStore } from '../store';
import { formatCount } from './text';

const f4 = (x: number) => x.toFixed(4);
const int = formatCount;

/**
 * Two promises side by side, computed from one snapshot of the counts: the fixed-n Clopper-Pearson
 * bound (CERTIFY's; valid only when the sample count is the n planned before the run) and the
 * anytime-valid bound (a confidence sequence, Howard et al. 2021: valid at every sample count, so
 * whenever the student stops), each with its radius. Also the "stop when certified at radius r"
 * mode and its report: the samples it needed against the fixed-n run.
 */
export const AnytimeBound = memo(function AnytimeBound() {
  useStopAtRadius();
  const s = useAppStore(
    useShallow((st) => ({
      // The run's own parameters (its snapshot), not the sliders': they may have moved since.
      sigma: (st.run ?? st).params.sigma,
      n: (st.run ?? st).params.n,
      alpha: (st.run ?? st).params.alpha,
      status: st.status,
      selectionCounts: st.selectionCounts,
      estimationCounts: st.estimationCounts,
      selectionDone: st.selectionDone,
      estimationDone: st.estimationDone,
      stopAtRadius: st.stopAtRadius,
      stopRadius: st.stopRadius,
      stopReport: st.stopReport,
      setStopAtRadius: st.setStopAtRadius,
      setStopRadius: st.setStopRadius,
    })),
  );
  const [radiusText, setRadiusText] = useState(String(s.stopRadius));
  const candidate = s.selectionDone > 0 ? argmax(s.selectionCounts) : -1;
  const m = s.estimationDone;
  const nA = candidate >= 0 ? (s.estimationCounts[candidate] ?? 0) : 0;
  const ready = candidate >= 0 && m > 0;
  const b = ready ? twoBounds(nA, m, s.alpha, s.sigma) : null;
  const atPlannedN = ready && m === s.n;
  const radiusValid =
    Number.isFinite(Number(radiusText)) && Number(radiusText) > 0 && Number(radiusText) <= 5;
  const r = s.stopReport;

  return (
    <section className="anytime" aria-labelledby="anytime-title" data-testid="anytime">
      <h3 id="anytime-title">Two promises: at the planned n, or whenever you stop</h3>
      <dl className="numbers">
        <div>
          <dt>
            Fixed-n bound (Clopper-Pearson), <strong>valid only at the planned n</strong> = {int(s.n)}
          </dt>
          <dd data-testid="fixed-n-lower">
            {b ? `p_lower ${f4(b.fixedLower)}, R ${f4(b.fixedRadius)}` : '—'}
          </dd>
        </div>
        <div>
          <dt>
            Anytime-valid bound, <strong>valid now, whenever you stop</strong>
          </dt>
          <dd data-testid="anytime-lower" data-p-lower={b ? b.anytimeLower : ''}>
            {b ? `p_lower ${f4(b.anytimeLower)}` : '—'}
          </dd>
        </div>
        <div>
          <dt>Anytime-valid radius</dt>
          <dd className="big" data-testid="anytime-radius">
            {b ? f4(b.anytimeRadius) : '—'}
          </dd>
        </div>
      </dl>
      {ready && (
        <p className="hint" data-testid="anytime-reading">
          {atPlannedN
            ? `All ${int(s.n)} planned samples are in: both promises hold, and the anytime-valid bound is lower by ${f4(b!.fixedLower - b!.anytimeLower)}, the price of being valid at every n.`
            : `${int(m)} of ${int(s.n)} samples so far (n_A = ${int(nA)} for class ${candidate}). Reading the fixed-n bound now and stopping when it looks good breaks its promise (it can fail far more often than α); the anytime-valid bound may be read after every batch.`}
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
        <label className="param">
          <span className="param-name">target radius r</span>{' '}
          <input
            type="number"
            data-testid="stop-radius"
            min={0.01}
            max={5}
            step={0.05}
            value={radiusText}
            aria-invalid={!radiusValid}
            aria-describedby="stop-radius-help"
            onChange={(e) => {
              setRadiusText(e.target.value);
              const v = Number(e.target.value);
              if (e.target.value.trim() !== '' && v > 0 && v <= 5) s.setStopRadius(v);
            }}
          />
        </label>
        <p id="stop-radius-help" className="hint">
          {radiusValid
            ? 'Changing r starts the run again from its first sample.'
            : `Type a radius between 0.01 and 5; the stop still uses r = ${s.stopRadius}.`}
        </p>
        {s.stopAtRadius && r && (
          <p
            className={`notice ${r.kind === 'reached' ? 'notice-info' : 'notice-warn'}`}
            role="status"
            data-testid="stop-report"
            data-kind={r.kind}
            data-samples={r.samples}
            data-planned-n={r.plannedN}
          >
            {r.kind === 'reached'
              ? `Stopped after ${int(r.samples)} estimation samples (plus n0 = ${int(r.n0)} for the selection): class ${r.candidate} is certified at radius ${f4(r.anytimeRadius)} ≥ r = ${r.target} (anytime-valid p_lower ${f4(r.anytimeLower)}, α = ${r.alpha}, σ = ${r.sigma}). The fixed-n run uses all ${int(r.plannedN)}: this stop needed ${((100 * r.samples) / r.plannedN).toFixed(1)}% of them.`
              : `The planned ${int(r.plannedN)} samples ran out before the anytime-valid radius reached r = ${r.target}: it ended at ${f4(r.anytimeRadius)} (p_lower ${f4(r.anytimeLower)}). Raise n or lower r.`}
          </p>
        )}
        {s.stopAtRadius && !r && (
          <p className="hint" data-testid="stop-waiting">
            {s.status === 'running'
              ? `Sampling until the anytime-valid radius reaches r = ${s.stopRadius} or n = ${int(s.n)} runs out.`
              : 'Press Play to run with the stop.'}
          </p>
        )}
      </fieldset>
    </section>
  );
});
