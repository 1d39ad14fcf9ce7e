/**
 * The statistics behind CERTIFY and PREDICT (Cohen, Rosenfeld & Kolter 2019, "Certified
 * Adversarial Robustness via Randomized Smoothing", ICML). Quantiles and the binomial test come
 * from stdlib (https://stdlib.io), a maintained numerics library that ports Boost's inverse
 * incomplete beta: its accuracy is checked against SciPy/statsmodels in the golden tests.
 *
 * Pure TypeScript: no React, DOM or TF.js, so it runs unchanged in Node, a worker and the CLI.
 */
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import normalCdfStdlib from '@stdlib/stats-base-dists-normal-cdf';
import erfcinv from '@stdlib/math-base-special-erfcinv';
import binomialTest from '@stdlib/stats-binomial-test';
import { checkAlpha, checkCount, checkProbability } from './validate';

/**
 * One-sided (1 - alpha) Clopper-Pearson lower confidence bound on a binomial proportion.
 *
 * Returns the alpha quantile of Beta(k, n - k + 1), and 0 when k = 0. Guarantee: for every true
 * proportion p, P(clopperPearsonLower(K, n, alpha) > p) <= alpha when K ~ Binomial(n, p).
 * Equals statsmodels' `proportion_confint(k, n, alpha=2*alpha, method="beta")[0]`, which Cohen
 * et al.'s reference code uses. When k = n the bound is alpha^(1/n), never 1.
 *
 * @param k successes (votes for the top class), an integer in [0, n]
 * @param n trials (estimation samples), an integer >= 1
 * @param alpha failure probability, in (0, 1)
 * @throws RangeError naming `k`, `n` or `alpha` when it is out of range
 */
export function clopperPearsonLower(k: number, n: number, alpha: number): number {
  checkCount(k, n);
  checkAlpha(alpha);
  if (k === 0) return 0;
  return betaQuantile(alpha, k, n - k + 1);
}

/**
 * One-sided (1 - alpha) Clopper-Pearson upper confidence bound: the (1 - alpha) quantile of
 * Beta(k + 1, n - k), and 1 when k = n. With `clopperPearsonLower(k, n, alpha / 2)` it forms the
 * two-sided (1 - alpha) interval drawn around p_hat in the lab.
 *
 * @throws RangeError naming `k`, `n` or `alpha` when it is out of range
 */
export function clopperPearsonUpper(k: number, n: number, alpha: number): number {
  checkCount(k, n);
  checkAlpha(alpha);
  if (k === n) return 1;
  return betaQuantile(1 - alpha, k + 1, n - k);
}

/**
 * Two-sided exact binomial test of H0: success probability = p, for k successes out of n.
 *
 * The p-value sums the probabilities of every outcome no more likely than the observed one (the
 * convention of R's `binom.test` and SciPy's `binomtest`), clamped to [0, 1]. PREDICT (Cohen et
 * al. 2019, Algorithm 2) applies it to n_A out of n_A + n_B at p = 0.5.
 *
 * @param k successes, an integer in [0, n]
 * @param n trials, an integer >= 1
 * @param p success probability under H0, in [0, 1]; defaults to 0.5
 * @throws RangeError naming `k`, `n` or `p` when it is out of range
 */
export function binomialTestPValue(k: number, n: number, p = 0.5): number {
  checkCount(k, n);
  checkProbability('p', p);
  const { pValue } = binomialTest(k, n, { p, alternative: 'two-sided' });
  return Math.min(1, Math.max(0, pValue));
}

/**
 * Quantile function (inverse CDF) of the standard normal distribution, Phi^-1(p).
 * Returns -Infinity at p = 0 and +Infinity at p = 1; accurate to ~1e-12 down to p = 1e-300.
 *
 * @throws RangeError naming `p` when p is outside [0, 1] or NaN
 */
export function normalPpf(p: number): number {
  checkProbability('p', p);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  // Phi^-1(p) = -sqrt(2) erfcinv(2p). stdlib's normal quantile goes through erfinv(2p - 1), which
  // loses the lower tail (3e-6 off at p = 1e-12, -Infinity at 1e-300); erfcinv keeps it.
  return -Math.SQRT2 * erfcinv(2 * p);
}

/** Standard normal CDF, Phi(x). NaN in, NaN out. */
export function normalCdf(x: number): number {
  return normalCdfStdlib(x, 0, 1);
}
