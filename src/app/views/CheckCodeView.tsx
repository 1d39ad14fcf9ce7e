import { CoverageExperiment } from '../../components/CoverageExperiment';
import { certifyCoverage } from '../../smoothing';
import { PeekingExperiment } from '../../components/PeekingExperiment';
import { SectionCheckpoints } from '../../components/SectionCheckpoints';
import { SectionHeading } from '../../components/SectionHeading';
import '../../components/experiment.css';

/**
 * "Check the lesson's code" (the fifth view, docs/ARCHITECTURE.md): the lesson's snippet beside CERTIFY, and a
 * coverage experiment on a simulated classifier with a known p_A.
 */
export function CheckCodeView() {
  return (
    <div className="check">
      <div className="code-panels">
        <section className="code-panel" aria-labelledby="snippet-title">
          <SectionHeading id="snippet-title">The lesson's snippet, in outline</SectionHeading>
          <ol className="pseudo">
            <li>Draw n noisy copies and let the model vote.</li>
            <li>
              Take the class with most votes, and its count k, <strong>from those same n votes</strong>.
              <span className="flaw">
                {' '}
                Flaw 1: the winner is chosen by the data that then measures it, so its count is flattered.
              </span>
            </li>
            <li>
              p_lower = binom.ppf(α, n, k/n) / n.
              <span className="flaw">
                {' '}
                Flaw 2: this is the α-quantile of a binomial whose success rate is set to the estimate k/n. It
                treats the estimate as the truth, so it is not a confidence bound; when all n votes agree, k/n
                = 1 and p_lower = 1.
              </span>
            </li>
            <li>If p_lower &gt; ½, radius = σ·Φ⁻¹(p_lower): infinite when p_lower = 1.</li>
          </ol>
        </section>
        <section className="code-panel" aria-labelledby="certify-title">
          <SectionHeading id="certify-title">CERTIFY (Cohen et al. 2019, Algorithm 1)</SectionHeading>
          <ol className="pseudo">
            <li>Draw n0 noisy copies; their winner c_A is only a candidate.</li>
            <li>Draw n fresh copies and count n_A, the votes for c_A among them.</li>
            <li>
              p_lower = the one-sided (1 − α) Clopper-Pearson bound on n_A/n, a Beta quantile: B⁻¹(α; n_A, n −
              n_A + 1). Whatever the true p_A, it overshoots in {certifyCoverage(null).runs}.
            </li>
            <li>
              If p_lower &gt; ½, return c_A with R = σ·Φ⁻¹(p_lower); otherwise abstain. With all votes for
              c_A, p_lower = α^(1/n) &lt; 1.
            </li>
          </ol>
        </section>
      </div>
      <CoverageExperiment />
      <PeekingExperiment />
      <SectionCheckpoints section="check" />
    </div>
  );
}
