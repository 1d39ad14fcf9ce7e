/**
 * The small experiments behind the predict-then-reveal checkpoints: each turns what the lab
 * measured into one of the options the student chose from. Pure TypeScript.
 */
import {
  certifiedRadius,
  claimFor,
  clopperPearsonLower,
  gaussianAt,
  maxCertifiableRadius,
  normalCdf,
  sampleKey,
  type Claim,
} from '../smoothing';

/** Stream of the simulated linear classifier (see the stream list in src/smoothing/noise.ts). */
export const CHECKPOINT_STREAM = 22;

export type DoublingOutcome = 'shrinks' | 'same' | 'grows-less' | 'doubles' | 'abstains';

/**
 * The vote count n_A behind a Clopper-Pearson p_lower of n votes: CERTIFY computed p_lower =
 * clopperPearsonLower(n_A, n, alpha), which rises strictly with n_A, so a binary search recovers n_A
 * (the count whose bound is closest to p_lower; the same function gives the same double).
 */
export function votesForPLower(pLower: number, n: number, alpha: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (clopperPearsonLower(mid, n, alpha) < pLower) lo = mid + 1;
    else hi = mid;
  }
  // lo: the smallest count whose bound is not below p_lower; the one below may be nearer.
  if (lo > 0 && pLower - clopperPearsonLower(lo - 1, n, alpha) < clopperPearsonLower(lo, n, alpha) - pLower)
    return lo - 1;
  return lo;
}

/**
 * The claim (src/smoothing/claims.ts) for a finished fixed-n CERTIFY run: all n planned estimation
 * samples used, no early stop, so the Clopper-Pearson certificate. `prediction` is the certified
 * class or ABSTAIN (-1); `candidate` the class CERTIFY selected, where known: a run that abstained
 * and does not say which class it selected is given candidate 0, and its claim's sentence (the only
 * text that names the candidate) must then not be shown.
 */
export function fixedNRunClaim(
  r: { prediction: number; pLower: number; candidate?: number },
  o: { sigma: number; n: number; alpha: number },
): Claim {
  return claimFor({
    mode: 'fixed-n',
    status: 'done',
    samples: o.n,
    plannedN: o.n,
    candidate: r.prediction >= 0 ? r.prediction : Math.max(0, r.candidate ?? 0),
    nA: votesForPLower(r.pLower, o.n, o.alpha),
    alpha: o.alpha,
    sigma: o.sigma,
  });
}

/**
 * What doubling sigma did to the radius. `r1` at sigma, `r2` at 2 sigma; a radius of 0 means
 * ABSTAIN. Within 5% counts as the same; at least 1.95 times as doubling.
 */
export function doublingOutcome(r1: number, r2: number): DoublingOutcome {
  if (!(r1 > 0)) return 'abstains';
  const ratio = r2 / r1;
  if (ratio >= 1.95) return 'doubles';
  if (ratio > 1.05) return 'grows-less';
  if (ratio >= 0.95) return 'same';
  return 'shrinks';
}

/** L2 length of a perturbation that moves each of `dim` pixels by `eps`: eps * sqrt(dim). */
export function uniformShiftL2(eps: number, dim: number): number {
  return eps * Math.sqrt(dim);
}

/** L2 distance between two images of the same size. */
export function l2Distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`l2Distance: lengths differ (${a.length} vs ${b.length})`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(s);
}

/**
 * A size x size image rotated by `degrees` about its centre, bilinear interpolation, zero outside
 * (the MNIST background).
 */
export function rotateImage(x: ArrayLike<number>, size: number, degrees: number): Float32Array {
  const out = new Float32Array(size * size);
  const t = (degrees * Math.PI) / 180;
  const c = Math.cos(t);
  const s = Math.sin(t);
  const mid = (size - 1) / 2;
  const at = (r: number, q: number) => (r >= 0 && r < size && q >= 0 && q < size ? x[r * size + q]! : 0);
  for (let r = 0; r < size; r++) {
    for (let q = 0; q < size; q++) {
      // The source pixel that lands on (r, q): rotate back by -t.
      const sx = c * (q - mid) + s * (r - mid) + mid;
      const sy = -s * (q - mid) + c * (r - mid) + mid;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      out[r * size + q] =
        (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x0 + 1)) +
        fy * ((1 - fx) * at(y0 + 1, x0) + fx * at(y0 + 1, x0 + 1));
    }
  }
  return out;
}

export type CostBucket = 'under-1s' | '1-10s' | '10-60s' | 'over-60s';

export function costBucket(seconds: number): CostBucket {
  if (seconds < 1) return 'under-1s';
  if (seconds < 10) return '1-10s';
  if (seconds < 60) return '10-60s';
  return 'over-60s';
}

/**
 * Smoothing a linear classifier (Cohen et al. 2019, section 3.3): at distance d from the boundary,
 * p_A = Phi(d / sigma) exactly and the exact certified radius is d. Simulates n noisy votes (the
 * noise along the normal is what decides a vote), bounds p_A with Clopper-Pearson and returns the
 * Monte Carlo radius beside the exact one.
 */
export function linearGap(
  d: number,
  sigma: number,
  n: number,
  alpha: number,
  seed: number,
): { exact: number; pA: number; nA: number; pLower: number; radius: number } {
  let nA = 0;
  for (let i = 0; i < n; i++) if (gaussianAt(sampleKey(seed, CHECKPOINT_STREAM, i), 0) * sigma > -d) nA++;
  const pLower = clopperPearsonLower(nA, n, alpha);
  return { exact: d, pA: normalCdf(d / sigma), nA, pLower, radius: certifiedRadius(sigma, pLower) };
}

export type GapOutcome = 'smaller' | 'equal' | 'larger';

/** How the Monte Carlo radius compares with the exact one (within 1% counts as equal). */
export function gapOutcome(radius: number, exact: number): GapOutcome {
  if (Math.abs(radius - exact) <= 0.01 * exact) return 'equal';
  return radius < exact ? 'smaller' : 'larger';
}

/**
 * Whether a perturbation of L2 length `distance` lies inside the certificate: a certified class
 * (`prediction` >= 0) with radius `radius` covers the closed ball of that radius; ABSTAIN (a
 * negative prediction) certifies nothing, so nothing is covered.
 */
export function coverVerdict(
  prediction: number,
  radius: number,
  distance: number,
): 'covered' | 'not-covered' {
  return prediction >= 0 && distance <= radius ? 'covered' : 'not-covered';
}

/**
 * The fewest estimation samples a checkpoint certifies with: enough to tell which class wins and
 * whether any radius is certified, whatever the lab's n.
 */
export const CHECKPOINT_MIN_N = 2000;

/**
 * The fewest estimation samples n whose largest possible radius R_max = sigma * PhiInverse(alpha^(1/n))
 * (every vote agreeing) reaches `distance`; Infinity where no n up to 10^9 does.
 */
export function samplesToReach(distance: number, sigma: number, alpha: number): number {
  if (!(distance > 0)) return 1;
  const p = normalCdf(distance / sigma);
  const estimate = Math.ceil(Math.log(alpha) / Math.log(p));
  if (!(p < 1) || !(estimate <= 1e9)) return Infinity;
  // The closed form in doubles, corrected against the function the engine's radius comes from.
  let n = Math.max(1, estimate);
  while (n > 1 && maxCertifiableRadius(sigma, n - 1, alpha) >= distance) n--;
  while (maxCertifiableRadius(sigma, n, alpha) < distance) n++;
  return n;
}

/**
 * The n a question on whether the lab's certificate covers a change of L2 length `distance` runs
 * CERTIFY with, sized to the question rather than to the lab's n: the fewest samples whose ceiling
 * R_max reaches the change (so the certificate can come out either way), at least CHECKPOINT_MIN_N,
 * never more than the lab's n. Where even the lab's n cannot reach the change, no certificate at
 * the lab's n covers it, and CHECKPOINT_MIN_N samples (or the lab's n, if fewer) say the same.
 */
export function coverQuestionN(labN: number, sigma: number, alpha: number, distance: number): number {
  const reach = samplesToReach(distance, sigma, alpha);
  return Math.min(labN, reach <= labN ? Math.max(CHECKPOINT_MIN_N, reach) : CHECKPOINT_MIN_N);
}

/**
 * The best options of a comparison: every entry whose count equals the largest (a tie makes each
 * tied option right). Counts, not rounded percentages, are compared.
 */
export function bestOf<T>(entries: readonly { key: T; count: number }[]): T[] {
  const top = Math.max(...entries.map((e) => e.count));
  return entries.filter((e) => e.count === top).map((e) => e.key);
}

export type AlphaOutcome = 'none' | 'few' | 'many';

/**
 * Which options of "in how many of `runs` runs does p_lower land above the true p_A" match
 * `failures`: "none" when there were none, "few" (about a share alpha or fewer, up to twice
 * alpha), "many" (more than twice alpha). Zero failures is also "a share alpha or fewer", so it
 * makes both "none" and "few" right.
 */
export function alphaOutcome(failures: number, runs: number, alpha: number): AlphaOutcome[] {
  if (failures === 0) return ['none', 'few'];
  return failures <= 2 * alpha * runs ? ['few'] : ['many'];
}
