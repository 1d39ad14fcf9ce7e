/**
 * Norms, projections and step directions for perturbations delta of a flat input (e.g. the 784 pixels
 * of an MNIST digit, intensities in [0, 1]). Pure TypeScript over typed arrays: no TF.js. Sums run in
 * float64; results that are arrays come back as new Float32Arrays, inputs are never modified.
 */

/** A read-only vector of numbers. */
export type Vec = ArrayLike<number>;

/** Euclidean norm sqrt(sum v_j^2), in the units of v; 0 for an empty vector. Overflow-safe by scaling. */
export function l2Norm(v: Vec): number {
  const scale = linfNorm(v);
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let sum = 0;
  for (let j = 0; j < v.length; j++) {
    const t = v[j]! / scale;
    sum += t * t;
  }
  return scale * Math.sqrt(sum);
}

/** Largest absolute value max_j |v_j|, in the units of v; 0 for an empty vector. */
export function linfNorm(v: Vec): number {
  let m = 0;
  for (let j = 0; j < v.length; j++) {
    const a = Math.abs(v[j]!);
    if (a > m || Number.isNaN(a)) m = a;
  }
  return m;
}

/** The norm of v named by `norm`. */
export function normOf(v: Vec, norm: 'l2' | 'linf'): number {
  return norm === 'l2' ? l2Norm(v) : linfNorm(v);
}

/**
 * Euclidean projection onto the L2 ball of radius eps >= 0: delta itself when ||delta||_2 <= eps,
 * else delta scaled by eps / ||delta||_2 (so its norm is eps, up to float32 rounding).
 */
export function projectL2(delta: Vec, eps: number): Float32Array {
  const out = Float32Array.from(delta);
  const n = l2Norm(delta);
  if (n > eps) {
    const s = eps / n;
    for (let j = 0; j < out.length; j++) out[j] = delta[j]! * s;
  }
  return out;
}

/** Euclidean projection onto the L-infinity ball of radius eps >= 0: each value clipped to [-eps, eps]. */
export function projectLinf(delta: Vec, eps: number): Float32Array {
  const out = new Float32Array(delta.length);
  for (let j = 0; j < out.length; j++) out[j] = Math.min(eps, Math.max(-eps, delta[j]!));
  return out;
}

/** Projection onto the ball of radius eps in `norm`. */
export function projectBall(delta: Vec, eps: number, norm: 'l2' | 'linf'): Float32Array {
  return norm === 'l2' ? projectL2(delta, eps) : projectLinf(delta, eps);
}

/**
 * The perturbation that keeps x + delta inside the box [lo, hi]: each delta_j is replaced by
 * clip(x_j + delta_j, lo, hi) - x_j. For x inside the box this only shrinks |delta_j|, so every
 * L_p norm of delta can only decrease: a delta inside a ball stays inside it.
 */
export function clipToBox(x: Vec, delta: Vec, lo = 0, hi = 1): Float32Array {
  if (x.length !== delta.length) {
    throw new RangeError(`x has ${x.length} values but delta has ${delta.length}`);
  }
  const out = new Float32Array(delta.length);
  for (let j = 0; j < out.length; j++) {
    const xj = x[j]!;
    out[j] = Math.min(hi, Math.max(lo, xj + delta[j]!)) - xj;
  }
  return out;
}

/** The unit vector g / ||g||_2 (steepest ascent for an L2 step); all zeros when g = 0. */
export function l2Direction(g: Vec): Float32Array {
  const n = l2Norm(g);
  const out = new Float32Array(g.length);
  if (n > 0) for (let j = 0; j < out.length; j++) out[j] = g[j]! / n;
  return out;
}

/** sign(g), values in {-1, 0, 1} (steepest ascent for an L-infinity step). */
export function linfDirection(g: Vec): Float32Array {
  const out = new Float32Array(g.length);
  for (let j = 0; j < out.length; j++) out[j] = Math.sign(g[j]!);
  return out;
}

/** The steepest-ascent direction of unit size in `norm` for gradient g. */
export function steepestDirection(g: Vec, norm: 'l2' | 'linf'): Float32Array {
  return norm === 'l2' ? l2Direction(g) : linfDirection(g);
}
