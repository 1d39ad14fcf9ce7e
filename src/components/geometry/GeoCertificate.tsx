import {
  ABSTAIN,
  certifyVersusDistance,
  floorFixed,
  formatRadius,
  type CertifyResult,
} from '../../smoothing';
import { DEFAULT_RAY_OPTIONS } from '../../toy2d/raySearch';
import type { RayState } from './types';

const RAYS = DEFAULT_RAY_OPTIONS;

/**
 * CERTIFY's numbers at the selected point `x` (`result` null while it samples), the exact certificate
 * of a linear model (`exact`), and the ray search's nearest change of the smoothed prediction.
 */
export function GeoCertificate({
  x,
  result,
  exact,
  rays,
  error,
  n0,
  n,
  alpha,
}: {
  x: [number, number];
  result: CertifyResult | null;
  /** Distance d to the linear boundary and the exact p_A = Phi(d / sigma); null for other models. */
  exact: { distance: number; pA: number } | null;
  rays: RayState | null;
  /** Why CERTIFY or the ray search failed here, if one did. */
  error: string | null;
  n0: number;
  n: number;
  alpha: number;
}) {
  const abstained = result?.prediction === ABSTAIN;
  const radius = result && !abstained ? result.radius : null;
  return (
    <>
      {error !== null && (
        <p className="notice notice-error" role="alert">
          This point could not be certified here: {error}
        </p>
      )}
      <dl className="numbers">
        <dt>Point x</dt>
        <dd data-testid="geo-point">
          ({x[0].toFixed(2)}, {x[1].toFixed(2)})
        </dd>
        <dt>Selection votes (n0 = {n0}), class 0 : class 1</dt>
        <dd data-testid="geo-votes-selection">{result ? result.selectionCounts.join(' : ') : 'sampling…'}</dd>
        <dt>Estimation votes (n = {n}), class 0 : class 1</dt>
        <dd data-testid="geo-votes">{result ? result.estimationCounts.join(' : ') : 'sampling…'}</dd>
        <dt>p_lower</dt>
        <dd data-testid="geo-plower">{result ? floorFixed(result.pLower, 4) : '…'}</dd>
        <dt>Certified radius R</dt>
        <dd className="big" data-testid="geo-radius">
          {!result ? '…' : abstained ? 'ABSTAIN' : formatRadius(result.radius)}
        </dd>
        {result && !abstained && (
          <>
            <dt>Smoothed prediction</dt>
            <dd data-testid="geo-prediction">class {result.prediction}</dd>
          </>
        )}
        {exact && (
          <>
            <dt>Distance d to the boundary</dt>
            <dd data-testid="geo-distance">{exact.distance.toFixed(4)}</dd>
            <dt>Exact p_A = Φ(d / σ)</dt>
            <dd data-testid="geo-pa">{exact.pA.toFixed(4)}</dd>
          </>
        )}
        <dt>Nearest change of the smoothed prediction (ray search)</dt>
        <dd data-testid="geo-ray-distance" data-done={rays?.done ? 'true' : 'false'}>
          {!rays?.done
            ? `searching… ${rays?.hits.length ?? 0} of ${RAYS.directions} rays`
            : Number.isFinite(rays.distance)
              ? rays.distance.toFixed(4)
              : `none within ${RAYS.maxDistance}`}
        </dd>
      </dl>
      {exact && (
        <p className="hint">
          For a linear model the smoothed classifier has the same boundary and its exact certified radius is
          d. CERTIFY only sees n samples, so R ≤ d {certifyVersusDistance(alpha).failure}.
        </p>
      )}
      {rays?.done && (
        <p className="hint" data-testid="geo-ray-note">
          The ray search walked {RAYS.directions} rays out from x (to distance {RAYS.maxDistance}) and
          bisected where the smoothed prediction changed, estimated from the same{' '}
          {rays.samples.toLocaleString('en')} noise draws at every point ({(rays.ms / 1000).toFixed(1)} s). It
          is an estimate, not a certificate: a change between two rays can be missed, and the estimate is off
          by about σ/√
          {rays.samples.toLocaleString('en')} near the boundary. Where CERTIFY is right (
          {certifyVersusDistance(alpha).success}), R stays below the true distance
          {radius !== null && Number.isFinite(rays.distance)
            ? `: here R = ${floorFixed(radius, 3)}, the search found ${rays.distance.toFixed(3)}.`
            : '.'}
        </p>
      )}
    </>
  );
}
