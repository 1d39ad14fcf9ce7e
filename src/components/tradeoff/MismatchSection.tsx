import { MISMATCH_SIGMAS, type MismatchCell, type MismatchTable } from '../../smoothing';
import { MismatchMatrix } from '../MismatchMatrix';
import { SectionHeading } from '../SectionHeading';

/**
 * "Trained at one sigma, certified at another": the matrix measured here once all its `jobs` runs are
 * complete (else how many are left), beside the shipped one.
 */
export function MismatchSection({
  live,
  jobs,
  arch,
  count,
  n,
  shipped,
}: {
  live: readonly MismatchCell[];
  jobs: number;
  arch: string;
  count: number;
  n: number;
  shipped: MismatchTable;
}) {
  const sp = shipped.params;
  return (
    <section aria-labelledby="mismatch-title" className="mismatch">
      <SectionHeading id="mismatch-title">Trained at one sigma, certified at another</SectionHeading>
      <p>
        Each cell: certified accuracy at r = 0 / at r = 0.5. A model sees only the noise level it was trained
        with; certify it with more noise and its votes scatter, with less and the radius shrinks with σ.
      </p>
      {live.length === jobs ? (
        <MismatchMatrix
          cells={live}
          sigmas={MISMATCH_SIGMAS}
          testId="mismatch-live"
          caption={`Measured here: ${arch.toUpperCase()} models, first ${count} digits, n ${n}`}
        />
      ) : (
        <p className="hint">
          “Compute the matrix too” measures it here for the {arch.toUpperCase()} models ({jobs - live.length}{' '}
          runs to go).
        </p>
      )}
      <MismatchMatrix
        cells={shipped.cells}
        sigmas={MISMATCH_SIGMAS}
        testId="mismatch-shipped"
        caption={`Shipped: CNN models, first ${sp.digits} digits, n0 ${sp.n0}, n ${sp.n.toLocaleString('en')}, α ${sp.alpha} (npm run mismatch)`}
      />
    </section>
  );
}
