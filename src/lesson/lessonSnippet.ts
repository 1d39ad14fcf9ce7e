/**
 * A TypeScript port of the lesson's `predict_and_certify`, kept ONLY as a documented
 * counter-example. It has two flaws that the real CERTIFY avoids:
 *  1. one set of samples both picks the top class and bounds its probability (no separate n0);
 *  2. its "Clopper-Pearson" bound is binom.ppf(alpha, n, k/n) / n, a plug-in binomial quantile
 *     that is not a confidence bound at all: it under-covers, and when all n votes agree it
 *     returns p_lower = 1 and an infinite radius.
 * The lab shows it beside CERTIFY in the "Check the lesson's code" view; nothing else may use it.
 */
import binomialQuantile from '@stdlib/stats-base-dists-binomial-quantile';
import { argmax, normalPpf, type VoteSampler } from '../smoothing';

export async function lessonSnippetCertify(
  sampler: VoteSampler,
  n: number,
  alpha: number,
  sigma: number,
): Promise<{ prediction: number; pLower: number; radius: number; counts: number[] }> {
  const counts = await sampler(n, 'estimation');
  const top = argmax(counts);
  const k = counts[top]!;
  const pLower = binomialQuantile(alpha, n, k / n) / n;
  const radius = pLower > 0.5 ? sigma * normalPpf(pLower) : 0;
  return { prediction: top, pLower, radius, counts };
}
