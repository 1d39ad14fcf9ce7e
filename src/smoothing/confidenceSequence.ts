/**
 * An anytime-valid (time-uniform) lower confidence bound on a Bernoulli mean: a confidence
 * sequence. Unlike the Clopper-Pearson bound, which promises coverage only at the one sample count
 * fixed before the run, this bound may be read after every vote and the run stopped whenever the
 * reader likes; the promise still holds.
 *
 * Construction: the one-sided beta-binomial mixture martingale of Howard, Ramdas, McAuliffe &
 * Sekhon, "Time-uniform, nonparametric, nonasymptotic confidence sequences", Ann. Statist. 49(2),
 * 2021 (their beta-binomial conjugate mixture in its one-sided form, a prior truncated to one side of the
 * tested value; after Robbins 1970), with Ville's maximal inequality. Voráček,
 * "Treatment of statistical estimation problems in randomized smoothing for adversarial
 * robustness", arXiv:2406.17830 (2024), uses confidence sequences of this kind to stop randomized
 * smoothing's sampling early.
 *
 * For a candidate value p0, mix the likelihood ratio of Bernoulli(q) against Bernoulli(p0) over a
 * uniform prior on q truncated to (p0, 1]:
 *
 *   M_n(p0) = E_q[ (q / p0)^k ((1 - q) / (1 - p0))^(n - k) | q > p0 ]
 *           = B(1 + k, 1 + n - k) * Ibar_{p0}(1 + k, 1 + n - k) / ((1 - p0) p0^k (1 - p0)^(n - k)),
 *
 * where B is the beta function and Ibar the regularized upper incomplete beta function. If the
 * votes are Bernoulli(p0), M_n(p0) is a non-negative martingale with M_0 = 1, so by Ville's
 * inequality P(M_n(p0) >= 1/alpha for some n) <= alpha. The bound is the smallest p0 that the
 * martingale has not rejected: { p0 : M_n(p0) < 1/alpha } starts at it.
 *
 * Pure TypeScript, no React, DOM or TF.js. Special functions come from stdlib (log-beta and the
 * regularized incomplete beta, which ports Boost's), not hand-rolled copies.
 */
import betaln from '@stdlib/math-base-special-betaln';
import betainc from '@stdlib/math-base-special-betainc';
import { certifiedRadius } from './certify';
import { clopperPearsonLower } from './stats';
import { checkAlpha, checkCount } from './validate';

/**
 * log M_n(p0): the log of the one-sided beta-binomial mixture martingale (uniform prior truncated
 * to (p0, 1]) for k successes in n votes, tested against the value p0 in (0, 1).
 *
 * For fixed k and n it decreases in p0 (checked on a grid in the tests), and for fixed n and p0 it
 * increases in k (every likelihood ratio (q/p0)^k ((1-q)/(1-p0))^(n-k) with q > p0 does), which is
 * what makes the bound below monotone in k. -Infinity where the upper tail underflows (p0 far above
 * k/n, where nothing is rejected anyway).
 */
export function logMixtureMartingale(k: number, n: number, p0: number): number {
  const tail = betainc(p0, 1 + k, 1 + n - k, true, true);
  if (!(tail > 0)) return -Infinity;
  return (
    betaln(1 + k, 1 + n - k) + Math.log(tail) - Math.log1p(-p0) - k * Math.log(p0) - (n - k) * Math.log1p(-p0)
  );
}

/** Bisection steps on [0, 1]: 2^-60 is below double precision near 1, so the bound is exact to a ulp. */
const BISECTION_STEPS = 60;

/**
 * The mixture bound alone, before the Clopper-Pearson cap (see `confidenceSequenceLower`).
 * Plain bisection on [0, 1] for the crossing of log M_n(p0) with log(1/alpha): the predicate is
 * monotone in p0, and the fixed dyadic grid keeps the result monotone in k.
 */
export function mixtureLower(k: number, n: number, alpha: number): number {
  checkCount(k, n);
  checkAlpha(alpha);
  if (k === 0) return 0;
  const threshold = -Math.log(alpha);
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < BISECTION_STEPS; i++) {
    const mid = (lo + hi) / 2;
    if (logMixtureMartingale(k, n, mid) >= threshold) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Time-uniform (1 - alpha) lower confidence bound on the success probability p of a stream of
 * independent Bernoulli(p) votes, after k successes in the first n.
 *
 * Guarantee: P(confidenceSequenceLower(K_n, n, alpha) > p for some n >= 1) <= alpha, where K_n
 * counts the successes among the first n votes. So it stays valid when the stream is watched after
 * every vote and stopped at a data-dependent time, e.g. as soon as it certifies.
 *
 * It is the one-sided beta-binomial mixture bound (Howard et al. 2021; see the module comment),
 * capped at `clopperPearsonLower(k, n, alpha)`. The cap costs nothing: the minimum of a
 * time-uniform bound and any other number is still below p whenever the time-uniform bound is, so
 * the guarantee above is unchanged, and the result is never above the fixed-n bound (the mixture
 * alone is below it in practice; the cap makes it a certainty, also under rounding). Monotone
 * (non-decreasing) in k for fixed n and alpha, since both parts are. Returns 0 when k = 0 (nothing
 * can be certified).
 *
 * @param k successes (votes for the top class), an integer in [0, n]
 * @param n votes so far, an integer >= 1
 * @param alpha failure probability over the whole stream, in (0, 1)
 * @returns the bound, in [0, 1)
 * @throws RangeError naming `k`, `n` or `alpha` when it is out of range
 */
export function confidenceSequenceLower(k: number, n: number, alpha: number): number {
  const mixture = mixtureLower(k, n, alpha);
  return Math.min(mixture, clopperPearsonLower(k, n, alpha));
}

/**
 * Time-uniform (1 - alpha) upper confidence bound on p after k successes in the first n votes: the
 * mirror of `confidenceSequenceLower`, the same construction applied to the n - k failures,
 * 1 - confidenceSequenceLower(n - k, n, alpha).
 *
 * Guarantee: P(confidenceSequenceUpper(K_n, n, alpha) < p for some n >= 1) <= alpha (on its own;
 * together with the lower sequence, both hold at once with probability >= 1 - 2 alpha). Never below
 * `clopperPearsonUpper(k, n, alpha)`. Non-decreasing in k at fixed n, non-decreasing along a hit
 * (k and n both + 1) and non-increasing along a non-hit (n + 1 alone). Returns 1 when k = n.
 *
 * @param k successes, an integer in [0, n]; n >= 1; alpha in (0, 1)
 * @returns the bound, in (0, 1]
 * @throws RangeError naming `k`, `n` or `alpha` when it is out of range
 */
export function confidenceSequenceUpper(k: number, n: number, alpha: number): number {
  checkCount(k, n);
  return 1 - confidenceSequenceLower(n - k, n, alpha);
}

/** Both lower bounds for one snapshot of the estimation counts, with the radius each certifies. */
export interface TwoBounds {
  /** Fixed-n Clopper-Pearson p_lower: its promise holds only when m is the n planned before the run. */
  fixedLower: number;
  fixedRadius: number;
  /** Anytime-valid p_lower (confidenceSequenceLower): its promise holds at every m at once. */
  anytimeLower: number;
  anytimeRadius: number;
}

/**
 * The fixed-n and the anytime-valid bound for nA votes for the candidate class out of m estimation
 * samples, and the L2 radius each gives at noise level sigma (0 when the bound is <= 1/2, as in
 * CERTIFY). m >= 1; alpha in (0, 1); sigma > 0.
 */
export function twoBounds(nA: number, m: number, alpha: number, sigma: number): TwoBounds {
  const fixedLower = clopperPearsonLower(nA, m, alpha);
  const anytimeLower = confidenceSequenceLower(nA, m, alpha);
  return {
    fixedLower,
    fixedRadius: certifiedRadius(sigma, fixedLower),
    anytimeLower,
    anytimeRadius: certifiedRadius(sigma, anytimeLower),
  };
}

/**
 * Whether a run in "stop when certified at radius r" mode may stop now: the anytime-valid radius
 * has reached r. Only the anytime-valid bound may be used this way; the stop is then as valid as a
 * run of fixed length (Ville's inequality covers every stopping time). r > 0.
 */
export function reachedRadius(nA: number, m: number, alpha: number, sigma: number, r: number): boolean {
  if (m < 1) return false;
  return certifiedRadius(sigma, confidenceSequenceLower(nA, m, alpha)) >= r;
}

/**
 * Whether a stop-mode run may stop for futility now: even the anytime-valid UPPER bound on p_A
 * gives a radius below r (sigma * PhiInverse(p_upper) < r; a p_upper <= 1/2 counts as radius 0).
 * Then, except with probability alpha over the whole stream, p_A < Phi(r / sigma): the classifier's
 * own radius sigma * PhiInverse(p_A) at this input is below r, and no amount of sampling would
 * certify r. Never true together with `reachedRadius` at the same counts (lower <= upper). r > 0.
 */
export function unreachableRadius(nA: number, m: number, alpha: number, sigma: number, r: number): boolean {
  if (m < 1) return false;
  return certifiedRadius(sigma, confidenceSequenceUpper(nA, m, alpha)) < r;
}
