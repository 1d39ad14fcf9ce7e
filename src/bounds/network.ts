/**
 * Small fully-connected ReLU networks as plain arrays: the common input of the bound methods in this
 * folder (IBP, CROWN, Lipschitz). Every check throws a `RangeError` whose message names the offending
 * argument, as in `src/smoothing/validate.ts`.
 */

/**
 * One affine layer z = W h + b. `W` is out x in, row-major (`W[i]` holds output i's weights); `b` has
 * length out.
 */
export interface DenseLayer {
  W: number[][];
  b: number[];
}

/**
 * A ReLU network: layer k computes z_k = W_k h_{k-1} + b_k with h_{-1} = x, and h_k = ReLU(z_k) for every
 * layer but the last, whose outputs z are the logits (no ReLU after it). `layers[0].W` is
 * hidden_1 x inputs, ..., the last `W` is classes x hidden_last.
 */
export interface ReluNet {
  layers: DenseLayer[];
}

/** A closed interval [lo, hi] that every input coordinate must lie in, e.g. [0, 1] for pixels. */
export type Domain = readonly [number, number];

/** Number of inputs of a network that passed `checkNet`. */
export function inputSize(net: ReluNet): number {
  return net.layers[0]!.W[0]!.length;
}

/** Number of outputs (logits) of a network that passed `checkNet`. */
export function outputSize(net: ReluNet): number {
  return net.layers[net.layers.length - 1]!.b.length;
}

function checkFiniteVector(name: string, v: unknown, length: number): void {
  if (!Array.isArray(v)) throw new RangeError(`${name} must be an array of numbers`);
  if (v.length !== length) {
    throw new RangeError(`${name} has length ${v.length} but ${length} was expected`);
  }
  for (let i = 0; i < v.length; i++) {
    const value: unknown = v[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RangeError(`${name}[${i}] must be a finite number, got ${String(value)}`);
    }
  }
}

/**
 * Throws unless `net` has at least one layer, every `W` is a non-empty out x in matrix of finite numbers
 * whose in equals the previous layer's out, and every `b` has length out.
 */
export function checkNet(net: ReluNet, name = 'net'): void {
  if (typeof net !== 'object' || net === null || !Array.isArray(net.layers) || net.layers.length === 0) {
    throw new RangeError(`${name} must have at least one layer`);
  }
  let inDim = -1;
  net.layers.forEach((layer, k) => {
    const W: unknown = layer.W;
    if (!Array.isArray(W) || W.length === 0 || !Array.isArray(W[0]) || W[0].length === 0) {
      throw new RangeError(`${name}.layers[${k}].W must be a non-empty out x in matrix`);
    }
    const cols = (W[0] as unknown[]).length;
    if (k > 0 && cols !== inDim) {
      throw new RangeError(
        `${name}.layers[${k}].W has ${cols} columns but layer ${k - 1} outputs ${inDim} values`,
      );
    }
    W.forEach((row, i) => checkFiniteVector(`${name}.layers[${k}].W[${i}]`, row, cols));
    checkFiniteVector(`${name}.layers[${k}].b`, layer.b, W.length);
    inDim = W.length;
  });
}

/** Throws unless `x` is an array of finite numbers with one entry per network input. */
export function checkInput(net: ReluNet, x: readonly number[], name = 'x'): void {
  if (!Array.isArray(x)) throw new RangeError(`${name} must be an array of numbers`);
  const n = inputSize(net);
  if (x.length !== n) {
    throw new RangeError(`${name} has length ${x.length} but the network expects ${n} inputs`);
  }
  checkFiniteVector(name, x, n);
}

/** Throws unless `eps` is a finite number >= 0. */
export function checkEps(eps: number, name = 'eps'): void {
  if (!(eps >= 0 && Number.isFinite(eps))) {
    throw new RangeError(`${name} must be a finite number >= 0, got ${String(eps)}`);
  }
}

/** Throws unless the network has at least two outputs and `label` is an integer index of one of them. */
export function checkLabel(net: ReluNet, label: number, name = 'label'): void {
  const k = outputSize(net);
  if (k < 2) throw new RangeError(`net must have at least 2 outputs to compare classes, got ${k}`);
  if (!Number.isInteger(label) || label < 0 || label >= k) {
    throw new RangeError(`${name} must be an integer in [0, ${k - 1}], got ${String(label)}`);
  }
}

/** Throws unless `domain` is a finite [lo, hi] with lo <= hi and every x[i] lies inside it. */
export function checkDomain(domain: Domain, x: readonly number[], name = 'domain'): void {
  const [lo, hi] = domain;
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi)) {
    throw new RangeError(
      `${name} must be a finite [lo, hi] with lo <= hi, got [${String(lo)}, ${String(hi)}]`,
    );
  }
  x.forEach((v, i) => {
    if (v < lo || v > hi) throw new RangeError(`x[${i}] = ${v} lies outside ${name} [${lo}, ${hi}]`);
  });
}

/** z = W h + b for one layer, without checks. */
export function affine(layer: DenseLayer, h: readonly number[]): number[] {
  return layer.W.map((row, i) => {
    let s = layer.b[i]!;
    for (let j = 0; j < row.length; j++) s += row[j]! * h[j]!;
    return s;
  });
}

/** The logits, without checks (for callers that checked once and evaluate many times). */
export function forwardUnchecked(net: ReluNet, x: readonly number[]): number[] {
  let h: number[] = [...x];
  net.layers.forEach((layer, k) => {
    const z = affine(layer, h);
    h = k < net.layers.length - 1 ? z.map((v) => (v > 0 ? v : 0)) : z;
  });
  return h;
}

/** The logits of `x` (length = outputs). Throws a RangeError on a malformed network or input. */
export function forward(net: ReluNet, x: readonly number[]): number[] {
  checkNet(net);
  checkInput(net, x);
  return forwardUnchecked(net, x);
}

/** Index of the largest value; ties go to the lowest index. */
export function argmaxOf(v: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i]! > v[best]!) best = i;
  return best;
}

/** The predicted class of `x`: the index of the largest logit (ties to the lowest index). */
export function predictClass(net: ReluNet, x: readonly number[]): number {
  return argmaxOf(forward(net, x));
}

/** z[label] - max over j != label of z[j], from logits; negative when another class scores higher. */
export function marginOf(z: readonly number[], label: number): number {
  let other = -Infinity;
  z.forEach((v, j) => {
    if (j !== label && v > other) other = v;
  });
  return z[label]! - other;
}

/**
 * The logit margin z_label(x) - max_{j != label} z_j(x): > 0 exactly when `x` is classified as `label`
 * with no tie.
 */
export function logitMargin(net: ReluNet, x: readonly number[], label: number): number {
  checkNet(net);
  checkInput(net, x);
  checkLabel(net, label);
  return marginOf(forwardUnchecked(net, x), label);
}
