import { memo } from 'react';
import { floorFixed } from '../smoothing';
import { useCertificate } from '../store/useCertificate';

/**
 * A compact result bar for phones (shown by CSS below 720 px, pinned to the bottom of the
 * screen): a small histogram of the estimation votes, and the claim of the certificate panel (the
 * same snapshot and the same claims function: class, p_lower and the radius, or no radius; fewer
 * digits, still rounded down), so a
 * student dragging sigma or n sees the effect without scrolling.
 */
export const ResultBar = memo(function ResultBar() {
  const { src, view: v } = useCertificate();
  const counts = src.estimationCounts;
  const top = Math.max(1, v.params.n);
  const W = 110;
  const H = 44;
  const bw = W / counts.length;
  return (
    <div className="result-bar" data-testid="result-bar" aria-label="Result summary" role="region">
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden="true">
        <line x1="0" x2={W} y1={H - 0.5} y2={H - 0.5} stroke="#6b7785" />
        {counts.map((c, k) => {
          const h = (H - 2) * Math.min(1, c / top);
          return (
            <rect
              key={k}
              x={k * bw + 1}
              y={H - 1 - h}
              width={bw - 2}
              height={h}
              fill={k === v.candidate ? '#1f5fbf' : '#7d8996'}
            />
          );
        })}
      </svg>
      <dl>
        <div>
          <dt>{v.stale ? 'out of date' : v.status === 'running' ? 'running' : 'class'}</dt>
          <dd>
            {v.claim.kind === 'certified' ? v.claim.prediction : v.claim.kind === 'abstain' ? 'abstain' : '—'}
          </dd>
        </div>
        <div>
          <dt>p_lower{v.claim.bound === 'anytime' ? ' (anytime)' : ''}</dt>
          <dd>{v.ready ? floorFixed(v.claim.pLower, 4) : '—'}</dd>
        </div>
        <div>
          <dt>R (σ = {v.params.sigma.toFixed(2)})</dt>
          <dd data-testid="result-bar-radius">
            {!v.ready
              ? '—'
              : v.claim.radius === null
                ? v.claim.kind === 'abstain'
                  ? 'no radius'
                  : 'none yet'
                : floorFixed(v.claim.radius, 3)}
          </dd>
        </div>
      </dl>
    </div>
  );
});
