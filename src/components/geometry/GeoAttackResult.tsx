import { ABSTAIN, floorFixed } from '../../smoothing';
import type { AttackOutcome } from './types';
import { SectionHeading } from '../SectionHeading';

const classText = (c: number) => (c === ABSTAIN ? 'ABSTAIN' : `class ${c}`);

/**
 * The attack's outcome at the selected point: the perturbation's size, both classifiers before and
 * after, and what the certificate (radius `radius`, or null when there is none) promised about it.
 */
export function GeoAttackResult({
  attack,
  failed,
  steps,
  eps,
  n,
  alpha,
  radius,
}: {
  attack: AttackOutcome | null;
  /** Why the attack could not run, if it could not. */
  failed: string | null;
  steps: number;
  eps: number;
  n: number;
  alpha: number;
  radius: number | null;
}) {
  return (
    <div data-testid="geo-attack-result" data-changed={attack ? String(attack.after !== attack.before) : ''}>
      <SectionHeading>Attack</SectionHeading>
      {failed ? (
        <p className="hint">The attack could not run here: {failed}</p>
      ) : !attack ? (
        <p className="hint">Running PGD ({steps} steps)…</p>
      ) : (
        <>
          <dl className="numbers">
            <dt>Perturbation ‖δ‖₂ (budget ε = {eps.toFixed(2)})</dt>
            <dd data-testid="geo-attack-l2">{attack.l2.toFixed(4)}</dd>
            <dt>Base network</dt>
            <dd>
              class {attack.baseBefore} → class {attack.baseAfter}
            </dd>
            <dt>Smoothed prediction (PREDICT, n = {n})</dt>
            <dd data-testid="geo-attack-prediction">
              {classText(attack.before)} → {classText(attack.after)}
            </dd>
          </dl>
          <p className="hint" data-testid="geo-attack-verdict">
            {attack.after === attack.before
              ? 'The smoothed prediction did not change.'
              : attack.after === ABSTAIN
                ? 'PREDICT abstains at the attacked point: the votes are too close to call.'
                : 'The smoothed prediction changed.'}{' '}
            {radius === null
              ? 'No certificate here (CERTIFY abstained or is still sampling), so nothing was promised.'
              : eps < radius
                ? `ε < R = ${floorFixed(radius, 3)}: the certificate promises that no point of this ball gets another class, unless it is among the α = ${alpha} of certificates that fail. PREDICT may still abstain near the edge of the ball.`
                : `ε ≥ R = ${floorFixed(radius, 3)}: the ball reaches beyond the certificate, so a change is allowed.`}
          </p>
        </>
      )}
    </div>
  );
}
