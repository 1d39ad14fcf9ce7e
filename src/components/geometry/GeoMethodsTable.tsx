import { floorFixed, type Claim } from '../../smoothing';
/** Certified radii of one point, in data units; null where a method does not apply. */
export interface GeoRadii {
  /** CERTIFY's radius for the smoothed classifier, or 'abstain'; null while it runs. */
  smoothing: number | 'abstain' | null;
  /** Exact certified radius of the smoothed linear classifier (= distance to the boundary). */
  exact: number | null;
  ibp: number;
  crown: number;
  lipschitz: number;
}

/** A certified radius as text, rounded down (toward safety); '∞' where unbounded. */
const fmt = (r: number) => floorFixed(r, 4);

/**
 * Smoothing beside the deterministic bounds of src/bounds, with one sentence each on what is certified:
 * smoothing's is the run's claim (claimFor, via certifyResultClaim: the smoothed classifier, with
 * probability 1 - alpha); IBP, CROWN and Lipschitz certify the base network itself, with certainty.
 */
export function GeoMethodsTable({ radii, claim }: { radii: GeoRadii; claim: Claim | null }) {
  const s = radii.smoothing;
  return (
    <table className="geo-methods" data-testid="geo-methods">
      <caption>Certified radius of the selected point, by method</caption>
      <thead>
        <tr>
          <th scope="col">Method</th>
          <th scope="col">Ball</th>
          <th scope="col">Radius</th>
          <th scope="col">What it certifies</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">Randomized smoothing (CERTIFY)</th>
          <td>L2</td>
          <td>{s === null ? '…' : s === 'abstain' ? 'ABSTAIN' : fmt(s)}</td>
          <td data-testid="geo-methods-claim">
            {claim
              ? claim.sentence
              : 'The smoothed classifier (majority vote under Gaussian noise), with a probability stated once CERTIFY has run.'}
          </td>
        </tr>
        {radii.exact !== null && (
          <tr>
            <th scope="row">Exact smoothed certificate (linear only)</th>
            <td>L2</td>
            <td>{fmt(radii.exact)}</td>
            <td>
              For a linear base model the smoothed classifier has the same boundary, so its exact radius is
              the distance to it; CERTIFY can only approach it from below.
            </td>
          </tr>
        )}
        <tr>
          <th scope="row">Interval bound propagation (IBP)</th>
          <td>L∞ (a square)</td>
          <td>{fmt(radii.ibp)}</td>
          <td>
            The base network itself is constant on the square, for certain; boxes get loose through layers.
          </td>
        </tr>
        <tr>
          <th scope="row">CROWN (linear relaxation)</th>
          <td>L2</td>
          <td>{fmt(radii.crown)}</td>
          <td>
            The base network is constant on the disc, for certain; tighter than IBP, still a relaxation.
          </td>
        </tr>
        <tr>
          <th scope="row">Lipschitz margin</th>
          <td>L2</td>
          <td>{fmt(radii.lipschitz)}</td>
          <td>
            The base network is constant on the disc because its logits cannot move faster than the product of
            the layers&apos; spectral norms; usually the most conservative.
          </td>
        </tr>
      </tbody>
    </table>
  );
}
