/**
 * The peeking trap, measured. A simulated class whose votes are independent Bernoulli(p_A), with
 * p_A known and at most a target t, so that every claim "p_A > t" is false. Each run streams n votes
 * and, on the same votes, three ways to certify:
 *
 * - Clopper-Pearson, peeking: the fixed-n bound read after every batch, stopping the first time it
 *   exceeds t. Its promise holds only at one planned n, so this claims far more often than alpha.
 * - Anytime-valid, peeking: the same rule with `confidenceSequenceLower` (Howard et al. 2021), whose
 *   promise holds at every n at once, so it claims in at most a share alpha of runs.
 * - Fixed-n CERTIFY (Cohen et al. 2019): one Clopper-Pearson bound after all n votes.
 *
 * Pure and seeded (stdlib's Mersenne Twister): the same options give the same numbers.
 */
import mt19937 from '@stdlib/random-base-mt19937';
import { clopperPearsonLower, clopperPearsonUpper, confidenceSequenceLower } from '../smoothing';
import { checkAlpha, checkInteger, checkProbability } from '../smoothing/validate';

export interface PeekingOptions {
  /** The class's true vote probability, <= target. */
  pA: number;
  /** The claim is "p_A > target" (target 1/2: the class is certified at all). */
  target: number;
  /** Votes per run (the planned n of the fixed-n run). */
  n: number;
  /** The bound is read after every `batch` votes; n is a multiple of it. */
  batch: number;
  alpha: number;
  runs: number;
  seed: number;
}

/** One method's tally: how many runs made the (false) claim, and the vote count at each claim. */
export interface MethodTally {
  claims: number;
  /** Votes seen when each claim was made, in run order. */
  claimedAt: number[];
}

export interface PeekingResult {
  runs: number;
  cpPeeking: MethodTally;
  anytimePeeking: MethodTally;
  fixedN: MethodTally;
}

/**
 * For each check j (after (j + 1) * batch votes), the smallest vote count k at which the bound
 * exceeds the target (m + 1 when none does): a binary search over k, valid because both bounds are
 * monotone in k. A run claims at check j when its count reaches the threshold.
 */
export function claimThresholds(
  bound: (k: number, n: number, alpha: number) => number,
  o: Pick<PeekingOptions, 'target' | 'n' | 'batch' | 'alpha'>,
): Int32Array {
  const checks = o.n / o.batch;
  const out = new Int32Array(checks);
  for (let j = 0; j < checks; j++) {
    const m = (j + 1) * o.batch;
    let lo = 0;
    let hi = m + 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bound(mid, m, o.alpha) > o.target) hi = mid;
      else lo = mid + 1;
    }
    out[j] = lo;
  }
  return out;
}

function check(o: PeekingOptions): void {
  checkProbability('pA', o.pA);
  checkProbability('target', o.target);
  if (o.pA > o.target) throw new RangeError(`pA must be at most the target (${o.target}), got ${o.pA}`);
  checkInteger('batch', o.batch, 1);
  checkInteger('n', o.n, o.batch);
  if (o.n % o.batch !== 0) throw new RangeError(`n must be a multiple of batch (${o.batch}), got ${o.n}`);
  checkInteger('runs', o.runs, 1);
  checkAlpha(o.alpha);
}

/**
 * Runs the experiment. Every 50 runs it awaits `onProgress` with the partial result (a page can
 * repaint there; return false to stop: the partial result is returned, its `runs` says how many).
 */
export async function peekingExperiment(
  o: PeekingOptions,
  onProgress?: (partial: PeekingResult) => boolean | Promise<boolean>,
): Promise<PeekingResult> {
  check(o);
  const cp = claimThresholds(clopperPearsonLower, o);
  const cs = claimThresholds(confidenceSequenceLower, o);
  const fixed = cp[cp.length - 1]!;
  const next = mt19937.factory({ seed: o.seed >>> 0 || 1 });
  const r: PeekingResult = {
    runs: 0,
    cpPeeking: { claims: 0, claimedAt: [] },
    anytimePeeking: { claims: 0, claimedAt: [] },
    fixedN: { claims: 0, claimedAt: [] },
  };
  const snapshot = (): PeekingResult => ({
    runs: r.runs,
    cpPeeking: { claims: r.cpPeeking.claims, claimedAt: [...r.cpPeeking.claimedAt] },
    anytimePeeking: { claims: r.anytimePeeking.claims, claimedAt: [...r.anytimePeeking.claimedAt] },
    fixedN: { claims: r.fixedN.claims, claimedAt: [...r.fixedN.claimedAt] },
  });
  // A vote for the class when a uniform uint32 falls below p_A * 2^32.
  const cut = o.pA * 4_294_967_296;
  for (let run = 0; run < o.runs; run++) {
    let k = 0;
    let cpDone = false;
    let csDone = false;
    for (let j = 0; j < cp.length; j++) {
      for (let v = 0; v < o.batch; v++) if (next() < cut) k++;
      const m = (j + 1) * o.batch;
      if (!cpDone && k >= cp[j]!) {
        cpDone = true;
        r.cpPeeking.claims++;
        r.cpPeeking.claimedAt.push(m);
      }
      if (!csDone && k >= cs[j]!) {
        csDone = true;
        r.anytimePeeking.claims++;
        r.anytimePeeking.claimedAt.push(m);
      }
    }
    if (k >= fixed) {
      r.fixedN.claims++;
      r.fixedN.claimedAt.push(o.n);
    }
    r.runs++;
    if (onProgress && run % 50 === 49 && run < o.runs - 1 && !(await onProgress(snapshot()))) break;
  }
  return r;
}

/** Two-sided 95% Clopper-Pearson interval on a share k / runs (the Monte Carlo error of a rate). */
export function rateInterval(k: number, runs: number): [number, number] {
  return [clopperPearsonLower(k, runs, 0.025), clopperPearsonUpper(k, runs, 0.025)];
}

/** The median of a list of numbers (NaN when empty). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

/**
 * One line reading a false-claim rate against alpha, from its 95% interval: above alpha when the
 * whole interval is, within the promise when the interval reaches down to alpha or below.
 */
export function readRate(k: number, runs: number, alpha: number): 'above' | 'within' {
  return rateInterval(k, runs)[0] > alpha ? 'above' : 'within';
}
