/**
 * "Stop when certified at radius r", sample by sample: the exact estimation sample at which the
 * anytime-valid radius first reaches r. A stop checked only at the end of each batch would stop
 * late, and at a sample that depends on the batch sizes (which adapt to the machine's speed); this
 * finds the first sample itself, so one link stops at the same sample on every load and backend.
 *
 * Stopping on the anytime-valid bound keeps its guarantee: it holds at every sample count at once
 * (Howard et al. 2021, via Ville's inequality), so at any stopping time. Pure: no React, DOM or TF.js.
 */
import { reachedRadius, unreachableRadius } from './confidenceSequence';

/**
 * The number of this batch's samples a stop-mode run keeps: the position (1-based) of the first
 * sample after which the anytime-valid radius of the candidate reaches r, or null when it reaches r
 * nowhere in the batch.
 *
 * @param hits per sample of the batch, in order: 1 (or true) when it voted for the candidate
 * @param kBefore votes for the candidate among the samples before the batch
 * @param mBefore samples before the batch (>= 0)
 * @param alpha failure probability, in (0, 1); sigma > 0; r > 0 (the target radius)
 *
 * Cost: one bound evaluation per batch when the batch cannot reach r. The anytime bound is
 * non-decreasing in k at fixed m, non-increasing in m at fixed k, and non-decreasing along a hit
 * (k and m both + 1), so no sample of the batch can do better than the batch's hits all coming
 * first. Otherwise one evaluation per hit until the crossing (a sample that is not a hit only
 * lowers the bound, so the first crossing is always at a hit).
 */
export function firstReachInBatch(
  hits: ArrayLike<number | boolean>,
  kBefore: number,
  mBefore: number,
  alpha: number,
  sigma: number,
  r: number,
): number | null {
  const len = hits.length;
  if (len === 0) return null;
  let total = 0;
  for (let i = 0; i < len; i++) if (hits[i]) total++;
  if (total === 0 || !reachedRadius(kBefore + total, mBefore + total, alpha, sigma, r)) return null;
  let k = kBefore;
  for (let i = 0; i < len; i++) {
    if (!hits[i]) continue;
    k++;
    if (reachedRadius(k, mBefore + i + 1, alpha, sigma, r)) return i + 1;
  }
  return null;
}

/**
 * The futility mirror of `firstReachInBatch`: the position (1-based) of the first sample of the
 * batch after which r is out of reach (`unreachableRadius`: the anytime-valid upper bound on p_A
 * gives a radius below r), or null when that happens nowhere in the batch. Arguments as there.
 *
 * Cost: one bound evaluation per batch when the batch cannot cross. The upper bound only falls at a
 * non-hit and never falls at a hit, so no sample of the batch does better than its non-hits all
 * coming first, and the first crossing is always at a non-hit: one evaluation per non-hit after that.
 */
export function firstUnreachableInBatch(
  hits: ArrayLike<number | boolean>,
  kBefore: number,
  mBefore: number,
  alpha: number,
  sigma: number,
  r: number,
): number | null {
  const len = hits.length;
  let misses = 0;
  for (let i = 0; i < len; i++) if (!hits[i]) misses++;
  if (misses === 0 || !unreachableRadius(kBefore, mBefore + misses, alpha, sigma, r)) return null;
  let k = kBefore;
  for (let i = 0; i < len; i++) {
    if (hits[i]) {
      k++;
      continue;
    }
    if (unreachableRadius(k, mBefore + i + 1, alpha, sigma, r)) return i + 1;
  }
  return null;
}

/** Where a stop-mode batch ends, and why: r certified, or r out of reach (futility). */
export interface BatchStop {
  /** Samples of the batch kept (1-based position of the stopping sample). */
  kept: number;
  decision: 'certified' | 'unreachable';
}

/**
 * Stop mode's rule for one batch: the first sample at which r is certified (`firstReachInBatch`)
 * or, with `alsoWhenUnreachable`, r is out of reach (`firstUnreachableInBatch`), whichever comes
 * first; null when neither happens in the batch. The two never happen at the same sample (the
 * lower bound is never above the upper one). Each decision holds at level alpha on its own.
 */
export function firstStopInBatch(
  hits: ArrayLike<number | boolean>,
  kBefore: number,
  mBefore: number,
  o: { alpha: number; sigma: number; r: number; alsoWhenUnreachable: boolean },
): BatchStop | null {
  const reach = firstReachInBatch(hits, kBefore, mBefore, o.alpha, o.sigma, o.r);
  const futile = o.alsoWhenUnreachable
    ? firstUnreachableInBatch(hits, kBefore, mBefore, o.alpha, o.sigma, o.r)
    : null;
  if (futile !== null && (reach === null || futile < reach)) return { kept: futile, decision: 'unreachable' };
  return reach === null ? null : { kept: reach, decision: 'certified' };
}
