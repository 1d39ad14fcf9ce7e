/**
 * "Stop when certified at radius r", sample by sample: the exact estimation sample at which the
 * anytime-valid radius first reaches r. A stop checked only at the end of each batch would stop
 * late, and at a sample that depends on the batch sizes (which adapt to the machine's speed); this
 * finds the first sample itself, so one link stops at the same sample on every load and backend.
 *
 * Stopping on the anytime-valid bound keeps its guarantee: it holds at every sample count at once
 * (Howard et al. 2021, via Ville's inequality), so at any stopping time. Pure: no React, DOM or TF.js.
 */
import { reachedRadius } from './confidenceSequence';

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
