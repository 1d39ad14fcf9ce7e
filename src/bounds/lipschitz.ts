/**
 * Global Lipschitz bounds and the L2 certified radius of Tsuzuku, Sato & Sugiyama (2018), "Lipschitz-Margin
 * Training: Scalable Certification of Perturbation Invariance for Deep Neural Networks".
 *
 * ReLU is 1-Lipschitz, so the logit map x -> z(x) is L-Lipschitz in L2 with L = product of the layers'
 * spectral norms ||W_k||_2 (largest singular values). Each spectral norm is bracketed from both sides:
 * - from below by power iteration on W^T W: ||W v|| / ||v|| <= ||W||_2 for every v, and the iterates
 *   converge to the top singular value at the rate (sigma_2 / sigma_1)^2 per step, which is slow when the
 *   top singular values are close (as in random matrices);
 * - from above by Gram iteration (Delattre et al. 2023, "Efficient Bound of Lipschitz Constant for
 *   Convolutional Layers by Gram Iteration"): with G_0 = W and G_{t+1} = G_t^T G_t,
 *   ||W||_2^(2^t) = ||G_t||_2 <= ||G_t||_F, a guaranteed bound that tightens quickly with t. G_t is
 *   (W^T W)^(2^(t-1)), so a Rayleigh quotient of G_t is power iteration with 2^(t-1) steps done at
 *   once; it sharpens the lower bound in the same loop.
 * The loop stops when the bounds agree to `rtol` (the convergence check). The upper end is the one used,
 * so L is an upper bound (up to floating-point rounding, which is not controlled).
 */
import { checkInput, checkLabel, checkNet, forwardUnchecked, marginOf, type ReluNet } from './network';

export interface SpectralNormOptions {
  /** Relative gap between the lower and upper bound at which to stop (default 1e-9). */
  rtol?: number;
  /** Most power-iteration steps on W^T W (default 200); Gram iteration takes at most 40 steps. */
  maxIter?: number;
}

/** Two-sided bounds on the largest singular value: lower <= ||W||_2 <= upper. */
export interface SpectralNormBounds {
  lower: number;
  upper: number;
}

const MAX_GRAM_STEPS = 40;

function norm2(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}

/**
 * Power iteration on W^T W for a row-major r x c matrix `A`: the best ||A v|| / ||v|| seen, a lower bound
 * on ||A||_2. Stops when an iterate improves on the best by less than `rtol` (relative), or after
 * `maxIter` steps.
 */
function powerLower(A: Float64Array, r: number, c: number, rtol: number, maxIter: number): number {
  // Start from the longest row a (||A a|| >= ||a||^2, so never in the null space), nudged by a fixed
  // irrational sequence so that it is not exactly orthogonal to the top singular vector.
  let bestRow = 0;
  let bestNorm = -1;
  for (let i = 0; i < r; i++) {
    const n = norm2(A.subarray(i * c, (i + 1) * c));
    if (n > bestNorm) [bestRow, bestNorm] = [i, n];
  }
  let v: Float64Array = new Float64Array(c);
  for (let j = 0; j < c; j++) {
    v[j] = A[bestRow * c + j]! + ((1e-3 * bestNorm) / Math.sqrt(c)) * (((j + 1) * 0.6180339887498949) % 1);
  }
  let best = 0;
  const Av = new Float64Array(r);
  for (let it = 0; it < maxIter; it++) {
    const nv = norm2(v);
    if (nv === 0) break;
    for (let i = 0; i < r; i++) {
      let s = 0;
      for (let j = 0; j < c; j++) s += A[i * c + j]! * v[j]!;
      Av[i] = s / nv;
    }
    const sigma = norm2(Av);
    const converged = sigma - best <= rtol * sigma;
    best = Math.max(best, sigma);
    if (converged && it > 0) break;
    const next = new Float64Array(c);
    for (let i = 0; i < r; i++) {
      const a = Av[i]!;
      if (a !== 0) for (let j = 0; j < c; j++) next[j]! += a * A[i * c + j]!;
    }
    v = next;
  }
  return best;
}

/** G^T G (c x c, symmetric) for a row-major r x c matrix G. */
function gram(G: Float64Array, r: number, c: number): Float64Array {
  const out = new Float64Array(c * c);
  for (let k = 0; k < r; k++) {
    const row = k * c;
    for (let i = 0; i < c; i++) {
      const gi = G[row + i]!;
      if (gi === 0) continue;
      const o = i * c;
      for (let j = i; j < c; j++) out[o + j]! += gi * G[row + j]!;
    }
  }
  for (let i = 0; i < c; i++) for (let j = 0; j < i; j++) out[i * c + j] = out[j * c + i]!;
  return out;
}

/**
 * Lower bound on the top eigenvalue of a symmetric PSD c x c matrix M: the Rayleigh quotient of M e_i,
 * with i the largest diagonal entry.
 */
function rayleighLower(M: Float64Array, c: number): number {
  let i = 0;
  for (let k = 1; k < c; k++) if (M[k * c + k]! > M[i * c + i]!) i = k;
  const v = M.subarray(i * c, (i + 1) * c); // row i = column i
  let vMv = 0;
  for (let a = 0; a < c; a++) {
    let s = 0;
    for (let b = 0; b < c; b++) s += M[a * c + b]! * v[b]!;
    vMv += v[a]! * s;
  }
  const vv = norm2(v) ** 2;
  return vv > 0 ? vMv / vv : 0;
}

/**
 * Lower and upper bounds on the spectral norm ||W||_2 of an out x in matrix (power and Gram iteration,
 * see the file comment). They agree to `rtol` on return unless the step limits were reached; both are
 * valid bounds regardless.
 */
export function spectralNormBounds(
  W: readonly (readonly number[])[],
  opts: SpectralNormOptions = {},
): SpectralNormBounds {
  const { rtol = 1e-9, maxIter = 200 } = opts;
  if (!(rtol > 0 && Number.isFinite(rtol)))
    throw new RangeError(`rtol must be a finite number > 0, got ${rtol}`);
  if (!(Number.isInteger(maxIter) && maxIter >= 1)) {
    throw new RangeError(`maxIter must be an integer >= 1, got ${maxIter}`);
  }
  if (!Array.isArray(W) || W.length === 0 || W[0]!.length === 0) {
    throw new RangeError('W must be a non-empty matrix');
  }
  const rows = W.length;
  const cols = W[0]!.length;
  W.forEach((row, i) => {
    if (row.length !== cols) throw new RangeError(`W[${i}] has length ${row.length} but W[0] has ${cols}`);
    if (!row.every(Number.isFinite)) throw new RangeError(`W[${i}] must hold finite numbers`);
  });
  // Work on the orientation whose Gram matrix is smaller: W^T W is cols x cols, W W^T is rows x rows,
  // and both have eigenvalues sigma_i^2.
  const flip = cols > rows;
  const r = flip ? cols : rows;
  const c = flip ? rows : cols;
  let G: Float64Array = new Float64Array(r * c);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) G[flip ? j * c + i : i * c + j] = W[i]![j]!;
  }
  let lower = powerLower(G, r, c, rtol, maxIter);
  let upper = norm2(G);
  let rowsG = r;
  // The true G_t equals the stored G times exp(logScale); G is rescaled to Frobenius norm 1 each step.
  let logScale = 0;
  for (let t = 1; t <= MAX_GRAM_STEPS && upper > lower * (1 + rtol); t++) {
    const f = norm2(G);
    if (f === 0) return { lower: 0, upper: 0 };
    for (let k = 0; k < G.length; k++) G[k]! /= f;
    logScale = 2 * (logScale + Math.log(f));
    G = gram(G, rowsG, c);
    rowsG = c;
    const root = (v: number): number => Math.exp((Math.log(v) + logScale) / 2 ** t);
    upper = Math.min(upper, root(norm2(G)));
    const rho = rayleighLower(G, c);
    if (rho > 0) lower = Math.max(lower, root(rho));
  }
  return { lower: Math.min(lower, upper), upper };
}

/** The spectral norm ||W||_2 (largest singular value) of an out x in matrix: the upper end of its bounds. */
export function spectralNorm(W: readonly (readonly number[])[], opts: SpectralNormOptions = {}): number {
  return spectralNormBounds(W, opts).upper;
}

/** Upper bounds on ||W_k||_2 for every layer, in order (length = number of layers). */
export function layerSpectralNorms(net: ReluNet, opts: SpectralNormOptions = {}): number[] {
  checkNet(net);
  return net.layers.map((layer) => spectralNorm(layer.W, opts));
}

/**
 * An upper bound L on the L2 Lipschitz constant of x -> logits: ||z(x) - z(x')||_2 <= L ||x - x'||_2 for
 * all x, x'. L = product of the layers' spectral norms (ReLU is 1-Lipschitz); often far from tight.
 */
export function lipschitzUpperBound(net: ReluNet, opts: SpectralNormOptions = {}): number {
  return layerSpectralNorms(net, opts).reduce((p, s) => p * s, 1);
}

export interface LipschitzRadiusOptions {
  /**
   * Bound each margin z_label - z_j by its own constant ||W_last[label] - W_last[j]||_2 * (product of the
   * hidden layers' norms) instead of sqrt(2) * L. Never smaller than the default radius (default false).
   */
  pairwise?: boolean;
  /** Precomputed `layerSpectralNorms(net)`, to skip recomputing them for every input. */
  layerNorms?: readonly number[];
}

/**
 * Certified L2 radius (input units) of Tsuzuku et al. (2018): margin / (sqrt(2) * L), where margin =
 * z_label(x) - max_{j != label} z_j(x) and L = `lipschitzUpperBound(net)`; 0 when `x` is not classified
 * as `label` (margin <= 0); +Infinity when L = 0 (a constant network).
 *
 * Why sqrt(2): the margin against class j is (e_label - e_j) . z(x). Moving x by delta moves z by a
 * vector of length at most L ||delta||, and the dot product with e_label - e_j, a vector of length
 * sqrt(2), changes by at most sqrt(2) L ||delta|| (Cauchy-Schwarz; the worst case puts half of the
 * squared change on each of the two logits, one up and one down). So no margin can reach 0 while
 * ||delta|| < margin / (sqrt(2) L). With `pairwise`, the same argument is applied to each margin as one
 * function, (W_label - W_j) h + const, with h the last hidden layer.
 */
export function lipschitzCertifiedRadius(
  net: ReluNet,
  x: readonly number[],
  label: number,
  opts: LipschitzRadiusOptions = {},
): number {
  checkNet(net);
  checkInput(net, x);
  checkLabel(net, label);
  const n = net.layers.length;
  const norms = opts.layerNorms ?? net.layers.map((layer) => spectralNorm(layer.W));
  if (norms.length !== n || !norms.every((s) => s >= 0 && Number.isFinite(s))) {
    throw new RangeError(`layerNorms must hold ${n} finite numbers >= 0, one per layer`);
  }
  const z = forwardUnchecked(net, x);
  const margin = marginOf(z, label);
  if (!(margin > 0)) return 0;
  if (!opts.pairwise) {
    const L = norms.reduce((p, s) => p * s, 1);
    return L === 0 ? Infinity : margin / (Math.SQRT2 * L);
  }
  const hidden = norms.slice(0, n - 1).reduce((p, s) => p * s, 1);
  const last = net.layers[n - 1]!;
  const wl = last.W[label]!;
  let radius = Infinity;
  last.W.forEach((row, j) => {
    if (j === label) return;
    const lj = norm2(wl.map((w, i) => w - row[i]!)) * hidden;
    if (lj > 0) radius = Math.min(radius, (z[label]! - z[j]!) / lj);
  });
  return radius;
}
