/**
 * CERTIFY and PREDICT from Cohen, Rosenfeld & Kolter (2019), "Certified Adversarial Robustness via
 * Randomized Smoothing", Algorithms 1 and 2, over an abstract vote sampler. The sampler hides the
 * model and the noise (TF.js in the browser, a simulation in tests), so this file stays pure.
 *
 * The smoothed classifier is g(x) = argmax_c P(f(x + eps) = c), eps ~ N(0, sigma^2 I). If the top
 * class has probability p_A >= p_lower > 1/2, g is constant on the L2 ball of radius
 * sigma * Phi^-1(p_lower) around x (Theorem 1, with the runner-up bounded by 1 - p_lower).
 */
import { clopperPearsonLower, binomialTestPValue, normalPpf } from './stats';
import { checkAlpha, checkInteger, checkProbability, checkSigma } from './validate';

/** The class index returned when the procedure declines to decide. */
export const ABSTAIN = -1;

/** Which noise stream a batch comes from. Selection and estimation must be independent. */
export type Stream = 'selection' | 'estimation';

/**
 * Draws `num` fresh noisy copies of the input from `stream`, classifies each with the base model,
 * and resolves to the vote count of each class (length = number of classes, sum = num).
 */
export type VoteSampler = (num: number, stream: Stream) => Promise<number[]>;

export interface CertifyOptions {
  /** Selection samples used only to pick the candidate class, integer >= 1. */
  n0: number;
  /** Estimation samples used only to bound its probability, integer >= 1. */
  n: number;
  /** Failure probability of the certificate, in (0, 1). */
  alpha: number;
  /** Noise standard deviation, in input units (pixels in [0, 1] for MNIST), > 0. */
  sigma: number;
}

export interface CertifyResult {
  /** The certified class, or ABSTAIN. */
  prediction: number;
  /** Certified L2 radius in input units; 0 on ABSTAIN. */
  radius: number;
  /** One-sided (1 - alpha) Clopper-Pearson lower bound on p_A from the estimation votes. */
  pLower: number;
  /** Votes per class from the n0 selection samples. */
  selectionCounts: number[];
  /** Votes per class from the n estimation samples. */
  estimationCounts: number[];
}

export interface PredictOptions {
  /** Samples, integer >= 1. */
  n: number;
  /** Bound on the probability of returning a class other than g(x), in (0, 1). */
  alpha: number;
}

export interface PredictResult {
  /** The smoothed prediction, or ABSTAIN. */
  prediction: number;
  /** Two-sided binomial test p-value of n_A out of n_A + n_B at 1/2. */
  pValue: number;
  /** Votes per class. */
  counts: number[];
}

/** Index of the largest count; ties go to the lowest index (numpy's argmax convention). */
export function argmax(counts: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < counts.length; i++) if (counts[i]! > counts[best]!) best = i;
  return best;
}

/** Indices of the largest and second-largest counts (ties to the lower index). */
export function topTwo(counts: readonly number[]): [number, number] {
  const a = argmax(counts);
  let b = -1;
  for (let i = 0; i < counts.length; i++) {
    if (i !== a && (b < 0 || counts[i]! > counts[b]!)) b = i;
  }
  return [a, b];
}

/**
 * Certified L2 radius sigma * Phi^-1(p_lower) (Cohen et al. 2019, Theorem 1), or 0 when
 * p_lower <= 1/2, where nothing is certified. Infinity when p_lower = 1, which a Clopper-Pearson
 * bound never returns.
 *
 * @throws RangeError naming `sigma` (<= 0) or `pLower` (outside [0, 1])
 */
export function certifiedRadius(sigma: number, pLower: number): number {
  checkSigma(sigma);
  checkProbability('pLower', pLower);
  return pLower > 0.5 ? sigma * normalPpf(pLower) : 0;
}

/**
 * The largest radius CERTIFY can return with n estimation samples at level alpha: the radius
 * when every vote agrees, sigma * Phi^-1(alpha^(1/n)) (0 when alpha^(1/n) <= 1/2). A bigger
 * radius needs more samples, whatever the model.
 *
 * @throws RangeError naming `sigma`, `n` or `alpha` when it is out of range
 */
export function maxCertifiableRadius(sigma: number, n: number, alpha: number): number {
  checkSigma(sigma);
  checkInteger('n', n, 1);
  checkAlpha(alpha);
  return certifiedRadius(sigma, Math.pow(alpha, 1 / n));
}

async function drawVotes(sampler: VoteSampler, num: number, stream: Stream): Promise<number[]> {
  const counts = await sampler(num, stream);
  let total = 0;
  for (const c of counts) {
    if (!Number.isInteger(c) || c < 0) {
      throw new Error(`sampler returned a vote count that is not a non-negative integer: ${c}`);
    }
    total += c;
  }
  if (counts.length === 0 || total !== num) {
    throw new Error(`sampler returned ${total} ${stream} votes where ${num} were asked for`);
  }
  return counts;
}

/**
 * CERTIFY (Cohen et al. 2019, Algorithm 1). Picks the candidate class c_A from n0 selection
 * samples, then counts its votes n_A among n fresh estimation samples, so the class choice cannot
 * bias the bound. p_lower is the one-sided (1 - alpha) Clopper-Pearson bound on n_A / n; if
 * p_lower <= 1/2 it returns ABSTAIN with radius 0, else c_A with R = sigma * Phi^-1(p_lower).
 *
 * Guarantee: with probability at least 1 - alpha over the noise, a non-abstaining answer is right:
 * the smoothed classifier g returns c_A everywhere on the L2 ball of radius R around x. It says
 * nothing about the base model, nor about other norms.
 *
 * @throws RangeError naming `n0`, `n`, `alpha` or `sigma` when it is out of range
 */
export async function certify(sampler: VoteSampler, o: CertifyOptions): Promise<CertifyResult> {
  checkInteger('n0', o.n0, 1);
  checkInteger('n', o.n, 1);
  checkAlpha(o.alpha);
  checkSigma(o.sigma);
  const selectionCounts = await drawVotes(sampler, o.n0, 'selection');
  const candidate = argmax(selectionCounts);
  const estimationCounts = await drawVotes(sampler, o.n, 'estimation');
  const nA = estimationCounts[candidate] ?? 0;
  const pLower = clopperPearsonLower(nA, o.n, o.alpha);
  if (pLower <= 0.5) {
    return { prediction: ABSTAIN, radius: 0, pLower, selectionCounts, estimationCounts };
  }
  return {
    prediction: candidate,
    radius: certifiedRadius(o.sigma, pLower),
    pLower,
    selectionCounts,
    estimationCounts,
  };
}

/**
 * PREDICT (Cohen et al. 2019, Algorithm 2). Draws n samples, takes the top two classes with counts
 * n_A >= n_B and runs a two-sided binomial test of n_A out of n_A + n_B at 1/2. Returns ABSTAIN
 * when the p-value exceeds alpha (a tie always abstains), else the top class.
 *
 * Guarantee: the probability of returning a class other than g(x) is at most alpha.
 *
 * @throws RangeError naming `n` or `alpha` when it is out of range
 */
export async function predict(sampler: VoteSampler, o: PredictOptions): Promise<PredictResult> {
  checkInteger('n', o.n, 1);
  checkAlpha(o.alpha);
  const counts = await drawVotes(sampler, o.n, 'estimation');
  const [a, b] = topTwo(counts);
  const nA = counts[a]!;
  const nB = b >= 0 ? counts[b]! : 0;
  const pValue = binomialTestPValue(nA, nA + nB, 0.5);
  return { prediction: pValue > o.alpha ? ABSTAIN : a, pValue, counts };
}
