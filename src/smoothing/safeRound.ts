/**
 * Rounding toward safety, for every certified number the lab writes as text. A certificate claims
 * "p_A is at least p_lower" and "the prediction is constant within R": shown rounded to the nearest
 * digit, 0.73898 becomes 0.7390, a larger radius than the data allow. So lower bounds and radii are
 * rounded down, and quantities whose size is the risk (p-values, failure rates, upper bounds) up.
 *
 * The decimal that `toFixed` picks is compared with the double itself; a decimal within
 * `FP_NOISE` (relative) of the value counts as equal, because a difference that small is the
 * floating-point error of the computation that produced the value (0.003 * 100 is
 * 0.30000000000000004), not information about p_A. Pure: no React, no DOM.
 */

/** Relative differences at or below this are floating-point noise, not a reason to move a digit. */
export const FP_NOISE = 1e-12;

/** Text for values that are not finite numbers. */
function special(x: number): string | null {
  if (Number.isNaN(x)) return '—';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '−∞';
  return null;
}

function step(text: string, digits: number, dir: 1 | -1): string {
  const scale = 10 ** digits;
  const units = Math.round(Number(text) * scale) + dir;
  return (units / scale).toFixed(digits);
}

/**
 * `x` with `digits` decimals, rounded down (toward -Infinity): the largest decimal of that many
 * digits that is not above x. For lower bounds and certified radii.
 * floorFixed(0.73898, 4) = "0.7389"; floorFixed(0.5, 4) = "0.5000".
 */
export function floorFixed(x: number, digits: number): string {
  const s = special(x);
  if (s !== null) return s;
  const text = x.toFixed(digits);
  const v = Number(text);
  return v > x && v - x > FP_NOISE * Math.abs(x) ? step(text, digits, -1) : text;
}

/**
 * `x` with `digits` decimals, rounded up (toward +Infinity): the smallest decimal of that many
 * digits that is not below x. For p-values, failure rates and upper bounds.
 * ceilFixed(0.00101, 3) = "0.002"; ceilFixed(0.3, 1) = "0.3".
 */
export function ceilFixed(x: number, digits: number): string {
  const s = special(x);
  if (s !== null) return s;
  const text = x.toFixed(digits);
  const v = Number(text);
  return v < x && x - v > FP_NOISE * Math.abs(x) ? step(text, digits, 1) : text;
}

/** A fraction in [0, 1] as a percentage rounded up ("0.2%"): failure rates, miss rates. */
export function ceilPercent(fraction: number, digits = 1): string {
  return `${ceilFixed(100 * fraction, digits)}%`;
}

/** A fraction in [0, 1] as a percentage rounded down ("97.5%"): coverage, certified accuracy. */
export function floorPercent(fraction: number, digits = 1): string {
  return `${floorFixed(100 * fraction, digits)}%`;
}

/** The digits every certified quantity is shown with, so a formula line and its number agree. */
export const DIGITS = { pLower: 6, radius: 4, pValue: 4 } as const;

/** p_lower as the lab shows it: 6 decimals, rounded down. */
export const formatPLower = (p: number): string => floorFixed(p, DIGITS.pLower);
/** A certified L2 radius as the lab shows it: 4 decimals, rounded down. */
export const formatRadius = (r: number): string => floorFixed(r, DIGITS.radius);
/** A p-value as the lab shows it: 4 decimals, rounded up. */
export const formatPValue = (p: number): string => ceilFixed(p, DIGITS.pValue);
