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
 * The shared scan of both rules: the position (1-based) of the first sample of the batch after
 * which `crossed(k, m)` holds, k the hits and m the samples so far (before the batch included), or
 * null when it holds after none (after none of kind `crossAt`, where it holds before the batch
 * already). Only the samples of kind `crossAt` (hits, or misses: the samples that are not hits)
 * can make it hold, so it is evaluated at those samples only, and first once at the batch's best
 * order (all of them first): null at once when even that does not cross.
 *
 * Exact when `crossed` is monotone as both callers' bounds are (their Cost notes say why): it never
 * turns true at a sample of the other kind, so the first crossing is at a `crossAt` sample; and if
 * it holds after any sample of the batch, it holds after all the `crossAt` samples coming first.
 */
function firstCrossing(
  hits: ArrayLike<number | boolean>,
  kBefore: number,
  mBefore: number,
  crossAt: 'hits' | 'misses',
  crossed: (k: number, m: number) => boolean,
): number | null {
  const len = hits.length;
  const atHits = crossAt === 'hits';
  let movers = 0;
  for (let i = 0; i < len; i++) if (Boolean(hits[i]) === atHits) movers++;
  if (movers === 0 || !crossed(atHits ? kBefore + movers : kBefore, mBefore + movers)) return null;
  let k = kBefore;
  for (let i = 0; i < len; i++) {
    const hit = Boolean(hits[i]);
    if (hit) k++;
    if (hit === atHits && crossed(k, mBefore + i + 1)) return i + 1;
  }
  return null;
}

/**
 * The number of this batch's samples a stop-mode run keeps: the position (1-based) of the first
 * sample after which the anytime-valid radius of the candidate reaches r, or null when it reaches r
 * nowhere in the batch. Meant for a batch before which r is not yet reached (stop mode ends a run
 * at its first crossing); where it already is, the answer is the first hit after which it still is.
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
 * lowers the bound, so the first crossing is always at a hit). The scan is `firstCrossing`'s, at hits.
 */
export function firstReachInBatch(
  hits: ArrayLike<number | boolean>,
  kBefore: number,
  mBefore: number,
  alpha: number,
  sigma: number,
  r: number,
): number | null {
  return firstCrossing(hits, kBefore, mBefore, 'hits', (k, m) => reachedRadius(k, m, alpha, sigma, r));
}

/**
 * The futility mirror of `firstReachInBatch`: the position (1-based) of the first sample of the
 * batch after which r is out of reach (`unreachableRadius`: the anytime-valid upper bound on p_A
 * gives a radius below r), or null when that happens nowhere in the batch. Arguments as there; and
 * as there, where r is out of reach before the batch already, the answer is the first non-hit after
 * which it still is.
 *
 * Cost: one bound evaluation per batch when the batch cannot cross. The upper bound only falls at a
 * non-hit and never falls at a hit, so no sample of the batch does better than its non-hits all
 * coming first, and the first crossing is always at a non-hit: one evaluation per non-hit after that.
 * The scan is `firstCrossing`'s, at misses.
 */
export function firstUnreachableInBatch(
  hits: ArrayLike<number | boolean>,
  kBefore: number,
  mBefore: number,
  alpha: number,
  sigma: number,
  r: number,
): number | null {
  return firstCrossing(hits, kBefore, mBefore, 'misses', (k, m) => unreachableRadius(k, m, alpha, sigma, r));
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
