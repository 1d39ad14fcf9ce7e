/**
 * The certified radius of a bound method: the largest eps at which its certificate still holds, found
 * by doubling then bisection over eps.
 */

export interface RadiusOptions {
  /**
   * Absolute bisection tolerance in input units (default 1e-4). The search stops when the bracket
   * [certified, not certified] is narrower than this.
   */
  tol?: number;
  /** Largest radius searched, finite and > 0 (default 100); returned when the certificate holds there. */
  maxRadius?: number;
}

export const DEFAULT_TOL = 1e-4;
export const DEFAULT_MAX_RADIUS = 100;

/** Throws unless the radius-search options are valid. */
export function checkRadiusOptions(opts: RadiusOptions): void {
  const { tol = DEFAULT_TOL, maxRadius = DEFAULT_MAX_RADIUS } = opts;
  if (!(tol > 0 && Number.isFinite(tol))) {
    throw new RangeError(`tol must be a finite number > 0, got ${String(tol)}`);
  }
  if (!(maxRadius > 0 && Number.isFinite(maxRadius))) {
    throw new RangeError(`maxRadius must be a finite number > 0, got ${String(maxRadius)}`);
  }
}

/**
 * Largest eps in [0, cap] at which `certifies(eps)` holds, up to `tol`: 0 when it fails at eps = 0, else
 * the lower end of the final bracket, at which `certifies` was evaluated and held. The result is
 * therefore itself certified; it is within `tol` of the true threshold when `certifies` is monotone
 * (true for IBP, whose boxes are nested). `cap` = min(maxRadius, the caller's own limit).
 */
export function searchRadius(certifies: (eps: number) => boolean, tol: number, cap: number): number {
  if (!certifies(0)) return 0;
  let lo = 0;
  let hi = Math.min(1, cap);
  while (certifies(hi)) {
    lo = hi;
    if (hi >= cap) return cap;
    hi = Math.min(2 * hi, cap);
  }
  while (hi - lo > tol) {
    const mid = 0.5 * (lo + hi);
    if (certifies(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}
