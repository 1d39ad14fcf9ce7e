import { useShallow } from 'zustand/react/shallow';
import { ParamSlider } from '../../components/ParamSlider';
import { VoteHistogram } from '../../components/VoteHistogram';
import { formatCount } from '../../components/text';
import { SIGMA_MARKS } from '../../models/ids';
import { useAppStore } from '../../store';
import { useCertificate } from '../../store/useCertificate';
import { PlayButton } from './PlayButton';

/**
 * The compact form of the histograms and the certificate (at most 420 px tall at 640 px wide):
 * both vote histograms side by side, the prediction, p_lower and R as the claims function states
 * them, its label, the run status, a sigma slider and Play. Every text that carries the claim is
 * the claim's own (claimFor, through the certificate view); the same test ids as the lab.
 */
export function CompactCertificate() {
  const { view: v } = useCertificate();
  const counts = useAppStore(
    useShallow((s) => ({
      selection: s.selectionCounts,
      estimation: s.estimationCounts,
      selectionDone: s.selectionDone,
      estimationDone: s.estimationDone,
    })),
  );
  const c = v.claim;
  const label = v.stale && v.status !== 'error' ? 'out of date' : v.status;
  return (
    <div className="compact" data-stale={v.stale} data-claim={c.kind} data-bound={c.bound ?? ''}>
      <div
        className="compact-votes"
        data-testid="votes"
        data-counts={JSON.stringify(counts.estimation)}
        data-selection-counts={JSON.stringify(counts.selection)}
      >
        <VoteHistogram
          title="Selection (n0)"
          counts={counts.selection}
          done={counts.selectionDone}
          total={v.params.n0}
          explanation="Chooses the candidate c_A."
        />
        <VoteHistogram
          title="Estimation (n)"
          counts={counts.estimation}
          done={counts.estimationDone}
          total={v.params.n}
          highlight={v.candidate}
          explanation="Its n_A gives p_lower."
        />
      </div>
      <dl className="compact-numbers" aria-label={c.label}>
        <div>
          <dt>prediction</dt>
          <dd data-testid="prediction">
            {c.kind === 'certified' ? c.prediction : c.kind === 'abstain' ? 'abstain' : '—'}
          </dd>
        </div>
        <div>
          <dt>p_lower</dt>
          <dd data-testid="p-lower">{v.ready ? c.text.pLower : '—'}</dd>
        </div>
        <div>
          <dt>radius R</dt>
          <dd data-testid="radius">{v.ready ? c.text.radius : '—'}</dd>
        </div>
        <div>
          <dt>status</dt>
          <dd>
            <span data-testid="run-status" data-samples-done={counts.selectionDone + counts.estimationDone}>
              {label}
            </span>
          </dd>
        </div>
      </dl>
      <p className="hint compact-claim" data-testid="claim-label">
        {c.label}
        {v.ready && !v.stale ? '' : ` · n = ${formatCount(v.params.n)}`}
      </p>
      <div className="compact-controls">
        <ParamSlider paramKey="sigma" marks={SIGMA_MARKS} />
        <PlayButton />
      </div>
    </div>
  );
}
