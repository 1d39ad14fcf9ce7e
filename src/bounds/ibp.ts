/**
 * Interval Bound Propagation (Gowal et al. 2018, "On the Effectiveness of Interval Bound Propagation for
 * Training Verifiably Robust Models"): push the L-infinity box around x through the network one layer at
 * a time. An affine layer maps a box to the box of its extreme values (each weight picks the end of the
 * input interval that minimises or maximises its term); ReLU is monotone, so it maps [l, u] to
 * [ReLU(l), ReLU(u)]. Every box contains the exact set of values, so the bounds are sound (up to
 * floating-point rounding, which is not controlled) but can be loose: the box forgets correlations.
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
  checkRadiusOptions,
  DEFAULT_MAX_RADIUS,
  DEFAULT_TOL,
  searchRadius,
  type RadiusOptions,
} from './radius';

/** Elementwise bounds: lower[i] <= v[i] <= upper[i] for every reachable value v. */
export interface Interval {
  lower: number[];
  upper: number[];
}

export interface IbpOptions {
  /**
   * Input domain, e.g. [0, 1] for pixels: the box is clipped to it (perturbed inputs outside it are not
   * considered), which tightens the bounds. `x` must lie inside it.
   */
  domain?: Domain;
}

/** The box {x' : |x' - x|_inf <= eps}, clipped to `domain` when given. No checks. */
export function inputBox(x: readonly number[], eps: number, domain?: Domain): Interval {
  const lower = x.map((v) => v - eps);
  const upper = x.map((v) => v + eps);
  if (domain) {
    const [lo, hi] = domain;
    for (let i = 0; i < x.length; i++) {
      lower[i] = Math.max(lower[i]!, lo);
      upper[i] = Math.min(upper[i]!, hi);
    }
  }
  return { lower, upper };
}

/** Tightest box containing {W h + b : h in box}: each term w h is extreme at one end of h's interval. */
export function affineBox(layer: DenseLayer, box: Interval): Interval {
  const lower: number[] = [];
  const upper: number[] = [];
  layer.W.forEach((row, i) => {
    let lo = layer.b[i]!;
    let hi = lo;
    for (let j = 0; j < row.length; j++) {
      const w = row[j]!;
      if (w >= 0) {
        lo += w * box.lower[j]!;
        hi += w * box.upper[j]!;
      } else {
        lo += w * box.upper[j]!;
        hi += w * box.lower[j]!;
      }
    }
    lower.push(lo);
    upper.push(hi);
  });
  return { lower, upper };
}

/** ReLU applied to both ends of every interval (exact for a box, since ReLU is monotone). */
export function reluBox(box: Interval): Interval {
  return { lower: box.lower.map((v) => Math.max(v, 0)), upper: box.upper.map((v) => Math.max(v, 0)) };
}

/** IBP pre-activation boxes of every layer, the last being the logits. No checks. */
export function ibpLayersUnchecked(
  net: ReluNet,
  x: readonly number[],
  eps: number,
  domain?: Domain,
): Interval[] {
  const out: Interval[] = [];
  let h = inputBox(x, eps, domain);
  net.layers.forEach((layer, k) => {
    const z = affineBox(layer, h);
    out.push(z);
    if (k < net.layers.length - 1) h = reluBox(z);
  });
  return out;
}

/**
 * Lower bounds of the margins z_label - z_j over a box of last-layer inputs `h`, with the specification
 * folded into the last layer: (W_label - W_j) h + (b_label - b_j) is bounded as one affine function,
 * which is at least as tight as lower(z_label) - upper(z_j). Entry `label` is +Infinity. No checks.
 */
export function marginBoundsFromBox(last: DenseLayer, h: Interval, label: number): number[] {
  const wl = last.W[label]!;
  const bl = last.b[label]!;
  return last.W.map((row, j) => {
    if (j === label) return Infinity;
    const diff: DenseLayer = { W: [wl.map((w, i) => w - row[i]!)], b: [bl - last.b[j]!] };
    return affineBox(diff, h).lower[0]!;
  });
}

function ibpMarginsUnchecked(
  net: ReluNet,
  x: readonly number[],
  eps: number,
  label: number,
  domain?: Domain,
): number[] {
  const n = net.layers.length;
  const h = n === 1 ? inputBox(x, eps, domain) : reluBox(ibpLayersUnchecked(net, x, eps, domain)[n - 2]!);
  return marginBoundsFromBox(net.layers[n - 1]!, h, label);
}

function checkCommon(net: ReluNet, x: readonly number[], eps: number, domain?: Domain): void {
  checkNet(net);
  checkInput(net, x);
  checkEps(eps);
  if (domain) checkDomain(domain, x);
}

/**
 * IBP pre-activation bounds of every layer for the L-infinity box of radius `eps` (input units) around
 * `x`: element k bounds z_k (length = layer k's outputs); the last element bounds the logits.
 */
export function ibpPreActivationBounds(
  net: ReluNet,
  x: readonly number[],
  eps: number,
  opts: IbpOptions = {},
): Interval[] {
  checkCommon(net, x, eps, opts.domain);
  return ibpLayersUnchecked(net, x, eps, opts.domain);
}

/**
 * Bounds on every logit (length = classes) over all x' with |x' - x|_inf <= eps (and x' in the domain
 * when given): lower[j] <= z_j(x') <= upper[j].
 */
export function ibpBounds(net: ReluNet, x: readonly number[], eps: number, opts: IbpOptions = {}): Interval {
  checkCommon(net, x, eps, opts.domain);
  return ibpLayersUnchecked(net, x, eps, opts.domain)[net.layers.length - 1]!;
}

/**
 * Lower bounds on the margins z_label(x') - z_j(x') over the same box (length = classes, entry `label` is
 * +Infinity), with the specification folded into the last layer (see `marginBoundsFromBox`).
 */
export function ibpMarginLowerBounds(
  net: ReluNet,
  x: readonly number[],
  eps: number,
  label: number,
  opts: IbpOptions = {},
): number[] {
  checkCommon(net, x, eps, opts.domain);
  checkLabel(net, label);
  return ibpMarginsUnchecked(net, x, eps, label, opts.domain);
}

/**
 * True when IBP proves that every x' in the box is classified as `label`: every margin lower bound is
 * > 0. False means "not proven", not "not robust".
 */
export function ibpCertifies(
  net: ReluNet,
  x: readonly number[],
  eps: number,
  label: number,
  opts: IbpOptions = {},
): boolean {
  return Math.min(...ibpMarginLowerBounds(net, x, eps, label, opts)) > 0;
}

/**
 * The largest L-infinity radius IBP certifies for `label` at `x`, by doubling then bisection to within
 * `tol` (default 1e-4). The returned eps is one at which IBP certified (the lower end of the final
 * bracket), so the network is provably constant on that box; it is 0 when `x` is not classified as
 * `label`. IBP boxes grow with eps, so the certificate is monotone and the result lies within `tol`
 * below IBP's exact threshold. With a domain, the search stops where the box covers the whole domain.
 */
export function ibpCertifiedRadius(
  net: ReluNet,
  x: readonly number[],
  label: number,
  opts: IbpOptions & RadiusOptions = {},
): number {
  const { domain, tol = DEFAULT_TOL, maxRadius = DEFAULT_MAX_RADIUS } = opts;
  checkCommon(net, x, 0, domain);
  checkLabel(net, label);
  checkRadiusOptions(opts);
  const cap = domain ? Math.min(maxRadius, domainCoverRadius(x, domain, 'linf')) : maxRadius;
  return searchRadius((eps) => Math.min(...ibpMarginsUnchecked(net, x, eps, label, domain)) > 0, tol, cap);
}

/**
 * The radius beyond which the ball around x contains the whole domain box, so a larger radius adds no
 * inputs: max_i of the distance to the far end for L-infinity, the distance to the farthest corner for L2.
 */
export function domainCoverRadius(x: readonly number[], domain: Domain, norm: 'linf' | 'l2'): number {
  const far = x.map((v) => Math.max(v - domain[0], domain[1] - v));
  return norm === 'linf' ? Math.max(...far) : Math.hypot(...far);
}
