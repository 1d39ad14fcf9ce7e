/**
 * Argument checks shared by the smoothing core. Every check throws a `RangeError` whose message
 * names the offending argument, so a bad slider value or CLI flag is easy to trace.
 */

/** Throws unless `value` is an integer >= `min`. */
export function checkInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${String(value)}`);
  }
}

/** Throws unless 0 < alpha < 1. */
export function checkAlpha(alpha: number, name = 'alpha'): void {
  if (!(alpha > 0 && alpha < 1)) {
    throw new RangeError(`${name} must lie strictly between 0 and 1, got ${String(alpha)}`);
  }
}

/** Throws unless 0 <= p <= 1. */
export function checkProbability(name: string, p: number): void {
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`${name} must lie in [0, 1], got ${String(p)}`);
  }
}

/** Throws unless sigma is a finite number > 0. */
export function checkSigma(sigma: number): void {
  if (!(sigma > 0 && Number.isFinite(sigma))) {
    throw new RangeError(`sigma must be a finite number > 0, got ${String(sigma)}`);
  }
}

/** Throws unless k is an integer in [0, n] and n an integer >= 1. */
export function checkCount(k: number, n: number): void {
  checkInteger('n', n, 1);
  if (!Number.isInteger(k) || k < 0 || k > n) {
    throw new RangeError(`k must be an integer in [0, n] = [0, ${n}], got ${String(k)}`);
  }
}
