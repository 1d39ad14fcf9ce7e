/**
 * CROWN (Zhang et al. 2018, "Efficient Neural Network Robustness Certification with General Activation
 * Functions"): lower-bound a linear function of a layer's pre-activations by propagating its coefficients
 * backwards through the network, replacing every ReLU by linear bounds.
 *
 * For a neuron with pre-activation bounds l <= z <= u:
 * - stable active (l >= 0): ReLU(z) = z; stable inactive (u <= 0): ReLU(z) = 0;
 * - unstable (l < 0 < u): alpha z <= ReLU(z) <= u / (u - l) * (z - l), with the adaptive lower slope
 *   alpha = 1 when u >= -l and 0 otherwise (CROWN-Ada, the choice that minimises the relaxation's area).
 * A positive coefficient takes the lower line, a negative one the upper line, so the propagated function
 * stays a lower bound. At the input, min over the ball of a.x' is a.x - eps ||a||_* with the dual norm:
 * L1 for an L-infinity ball, L2 for an L2 ball.
 *
 * Intermediate pre-activation bounds (the l, u above) come from CROWN itself, layer by layer. The final
 * specification is the margin z_label - z_j, folded into the last layer (rows W_label - W_j), which is
 * tighter than bounding each logit separately.
 *
 * With `ibp: true` (the default) every intermediate bound is intersected with IBP's on the L-infinity box
 * of radius eps (max of the lower bounds, min of the upper bounds; that box contains the L2 ball too), and
 * each final margin bound is the max of CROWN's and IBP's. Both are sound, so the result is too, and for
 * L-infinity it is never looser than IBP (CROWN alone can be, when a lower slope of 1 costs more than
 * IBP's ReLU(l) = 0). Sound up to floating-point rounding, which is not controlled.
 */
import {
  checkDomain,
  checkEps,
  checkInput,
  checkLabel,
  checkNet,
  type DenseLayer,
  type Domain,
  type ReluNet,
} from './network';
import {
  domainCoverRadius,
  ibpLayersUnchecked,
  inputBox,
  marginBoundsFromBox,
  reluBox,
  type Interval,
} from './ibp';
import {
  checkRadiusOptions,
  DEFAULT_MAX_RADIUS,
  DEFAULT_TOL,
  searchRadius,
  type RadiusOptions,
} from './radius';

/** The perturbation set: 'linf' is {x' : |x' - x|_inf <= eps}, 'l2' is {x' : ||x' - x||_2 <= eps}. */
export type Norm = 'linf' | 'l2';

export interface CrownOptions {
  /**
   * Input domain, e.g. [0, 1]. For 'linf' the box is clipped to it exactly; for 'l2' it is used only
   * through the IBP intersection (the L2 ball itself is not clipped, which is sound but looser).
   */
  domain?: Domain;
  /** Intersect with IBP's bounds as described above (default true). */
  ibp?: boolean;
}

/** The input set after checks: centre, radius, norm and, for a clipped 'linf' ball, its box. */
interface InputSet {
  x: readonly number[];
  eps: number;
  norm: Norm;
  box: Interval | null;
}

/** Slopes and intercept of a layer's ReLU relaxation: lowSlope z <= ReLU(z) <= upSlope z + upShift. */
interface Relaxation {
  lowSlope: number[];
  upSlope: number[];
  upShift: number[];
}

function relax(bounds: Interval): Relaxation {
  const lowSlope: number[] = [];
  const upSlope: number[] = [];
  const upShift: number[] = [];
  bounds.lower.forEach((l, i) => {
    const u = bounds.upper[i]!;
    if (l >= 0) {
      lowSlope.push(1);
      upSlope.push(1);
      upShift.push(0);
    } else if (u <= 0) {
      lowSlope.push(0);
      upSlope.push(0);
      upShift.push(0);
    } else {
      const s = u / (u - l);
      lowSlope.push(u >= -l ? 1 : 0);
      upSlope.push(s);
      upShift.push(-s * l);
    }
  });
  return { lowSlope, upSlope, upShift };
}

/**
 * Lower bounds of A h_k + c over the input set, one per row of A, where h_k is the output of hidden layer
 * k (h_{-1} = x) and `relaxations[0..k]` relax the ReLUs of layers 0..k. `A` (rows x size of h_k) and `c`
 * are consumed.
 */
function backward(
  net: ReluNet,
  A: number[][],
  c: number[],
  k: number,
  relaxations: readonly Relaxation[],
  input: InputSet,
): number[] {
  for (let layerIndex = k; layerIndex >= 0; layerIndex--) {
    const { lowSlope, upSlope, upShift } = relaxations[layerIndex]!;
    const layer: DenseLayer = net.layers[layerIndex]!;
    const inDim = layer.W[0]!.length;
    A = A.map((row, s) => {
      // ReLU(z) replaced by its lower line where the coefficient is >= 0, by its upper line otherwise.
      let cs = c[s]!;
      const next = new Array<number>(inDim).fill(0);
      row.forEach((a, i) => {
        const coef = a >= 0 ? a * lowSlope[i]! : a * upSlope[i]!;
        if (a < 0) cs += a * upShift[i]!;
        if (coef === 0) return;
        cs += coef * layer.b[i]!;
        const w = layer.W[i]!;
        for (let j = 0; j < inDim; j++) next[j]! += coef * w[j]!;
      });
      c[s] = cs;
      return next;
    });
  }
  return A.map((a, s) => c[s]! + minOverInput(a, input));
}

/** min over the input set of a.x'. */
function minOverInput(a: readonly number[], { x, eps, norm, box }: InputSet): number {
  if (box) {
    let m = 0;
    a.forEach((ai, i) => {
      m += ai >= 0 ? ai * box.lower[i]! : ai * box.upper[i]!;
    });
    return m;
  }
  let dot = 0;
  let dual = 0;
  a.forEach((ai, i) => {
    dot += ai * x[i]!;
    dual += norm === 'linf' ? Math.abs(ai) : ai * ai;
  });
  return dot - eps * (norm === 'linf' ? dual : Math.sqrt(dual));
}

/**
 * Pre-activation bounds of layers 0..upto-1, each computed by CROWN from the relaxations of the layers
 * below it, then intersected with the IBP boxes when given.
 */
function layerBounds(
  net: ReluNet,
  input: InputSet,
  ibpBoxes: readonly Interval[] | null,
  upto: number,
): { bounds: Interval[]; relaxations: Relaxation[] } {
  const bounds: Interval[] = [];
  const relaxations: Relaxation[] = [];
  for (let m = 0; m < upto; m++) {
    const layer = net.layers[m]!;
    const size = layer.b.length;
    // z_m = W_m h_{m-1} + b_m; rows 0..size-1 bound z_m from below, rows size.. bound -z_m from below.
    const A = [...layer.W.map((r) => [...r]), ...layer.W.map((r) => r.map((w) => -w))];
    const c = [...layer.b, ...layer.b.map((v) => -v)];
    const low = backward(net, A, c, m - 1, relaxations, input);
    const lower = low.slice(0, size);
    const upper = low.slice(size).map((v) => -v);
    if (ibpBoxes) {
      const ibp = ibpBoxes[m]!;
      for (let i = 0; i < size; i++) {
        lower[i] = Math.max(lower[i]!, ibp.lower[i]!);
        upper[i] = Math.min(upper[i]!, ibp.upper[i]!);
      }
    }
    const b = { lower, upper };
    bounds.push(b);
    if (m < net.layers.length - 1) relaxations.push(relax(b));
  }
  return { bounds, relaxations };
}

function makeInput(x: readonly number[], eps: number, norm: Norm, domain?: Domain): InputSet {
  return { x, eps, norm, box: norm === 'linf' && domain ? inputBox(x, eps, domain) : null };
}

function checkCommon(net: ReluNet, x: readonly number[], eps: number, norm: Norm, domain?: Domain): void {
  checkNet(net);
  checkInput(net, x);
  checkEps(eps);
  if (norm !== 'linf' && norm !== 'l2') {
    throw new RangeError(`norm must be 'linf' or 'l2', got ${String(norm)}`);
  }
  if (domain) checkDomain(domain, x);
}

function crownMarginsUnchecked(
  net: ReluNet,
  x: readonly number[],
  eps: number,
  label: number,
  norm: Norm,
  opts: CrownOptions,
): number[] {
  const n = net.layers.length;
  const input = makeInput(x, eps, norm, opts.domain);
  const ibpBoxes = opts.ibp === false ? null : ibpLayersUnchecked(net, x, eps, opts.domain);
  const { relaxations } = layerBounds(net, input, ibpBoxes, n - 1);
  const last = net.layers[n - 1]!;
  const wl = last.W[label]!;
  const others = last.W.map((_, j) => j).filter((j) => j !== label);
  // The specification e_label - e_j folded into the last layer: rows W_label - W_j, offsets b_label - b_j.
  const A = others.map((j) => wl.map((w, i) => w - last.W[j]![i]!));
  const c = others.map((j) => last.b[label]! - last.b[j]!);
  const low = backward(net, A, c, n - 2, relaxations, input);
  const out = new Array<number>(last.b.length).fill(Infinity);
  others.forEach((j, r) => (out[j] = low[r]!));
  if (ibpBoxes) {
    const h = n === 1 ? inputBox(x, eps, opts.domain) : reluBox(ibpBoxes[n - 2]!);
    marginBoundsFromBox(last, h, label).forEach((v, j) => {
      if (j !== label) out[j] = Math.max(out[j]!, v);
    });
  }
  return out;
}

/**
 * CROWN pre-activation bounds of every layer for the `norm` ball of radius `eps` (input units) around `x`:
 * element k bounds z_k (length = layer k's outputs); the last element bounds the logits.
 */
export function crownPreActivationBounds(
  net: ReluNet,
  x: readonly number[],
  eps: number,
  norm: Norm,
  opts: CrownOptions = {},
): Interval[] {
  checkCommon(net, x, eps, norm, opts.domain);
  const ibpBoxes = opts.ibp === false ? null : ibpLayersUnchecked(net, x, eps, opts.domain);
  return layerBounds(net, makeInput(x, eps, norm, opts.domain), ibpBoxes, net.layers.length).bounds;
}

/** CROWN bounds on every logit (length = classes) over the `norm` ball of radius `eps` around `x`. */
export function crownBounds(
  net: ReluNet,
  x: readonly number[],
  eps: number,
  norm: Norm,
  opts: CrownOptions = {},
): Interval {
  return crownPreActivationBounds(net, x, eps, norm, opts)[net.layers.length - 1]!;
}

/**
 * Lower bounds on the margins z_label(x') - z_j(x') over the `norm` ball of radius `eps` (input units)
 * around `x` (length = classes; entry `label` is +Infinity), with the specification folded into the last
 * layer.
 */
export function crownMarginLowerBounds(
  net: ReluNet,
  x: readonly number[],
  eps: number,
  label: number,
  norm: Norm,
  opts: CrownOptions = {},
): number[] {
  checkCommon(net, x, eps, norm, opts.domain);
  checkLabel(net, label);
  return crownMarginsUnchecked(net, x, eps, label, norm, opts);
}

/**
 * True when CROWN proves that every x' in the ball is classified as `label` (every margin lower bound is
 * > 0). False means "not proven", not "not robust".
 */
export function crownCertifies(
  net: ReluNet,
  x: readonly number[],
  eps: number,
  label: number,
  norm: Norm,
  opts: CrownOptions = {},
): boolean {
  return Math.min(...crownMarginLowerBounds(net, x, eps, label, norm, opts)) > 0;
}

/**
 * The largest `norm` radius CROWN certifies for `label` at `x`, by doubling then bisection to within
 * `tol` (default 1e-4). The returned eps is one at which CROWN certified (the lower end of the final
 * bracket), so the network is provably constant on that ball (and on every smaller one); it is 0 when `x`
 * is not classified as `label`. CROWN's certificate need not be monotone in eps, so the result is a
 * certified radius, within `tol` of a point where the certificate fails, not necessarily the largest.
 * With the IBP intersection and an L-infinity ball it is never below IBP's radius minus `tol`.
 */
export function crownCertifiedRadius(
  net: ReluNet,
  x: readonly number[],
  label: number,
  norm: Norm,
  opts: CrownOptions & RadiusOptions = {},
): number {
  const { domain, tol = DEFAULT_TOL, maxRadius = DEFAULT_MAX_RADIUS } = opts;
  checkCommon(net, x, 0, norm, domain);
  checkLabel(net, label);
  checkRadiusOptions(opts);
  const cap = domain ? Math.min(maxRadius, domainCoverRadius(x, domain, norm)) : maxRadius;
  return searchRadius(
    (eps) => Math.min(...crownMarginsUnchecked(net, x, eps, label, norm, opts)) > 0,
    tol,
    cap,
  );
}
