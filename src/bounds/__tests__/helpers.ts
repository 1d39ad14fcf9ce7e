/**
 * Test helpers: a seeded PRNG, random networks, perturbation samplers and a PGD attack (Madry et al.
 * 2018) with an analytic gradient of the margin through the ReLU network.
 */
import { type ReluNet } from '../index';
import { forwardUnchecked, marginOf } from '../network';

/** 2 inputs -> 2 hidden ReLU (x0 + x1, x0 - x1) -> 2 logits (identity): the hand-worked example. */
export const TWO_NEURON_NET: ReluNet = {
  layers: [
    {
      W: [
        [1, 1],
        [1, -1],
      ],
      b: [0, 0],
    },
    {
      W: [
        [1, 0],
        [0, 1],
      ],
      b: [0, 0],
    },
  ],
};
/** mulberry32: a tiny seeded PRNG with uniform output in [0, 1). */
export function makeRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box-Muller). */
export function gaussian(rng: () => number): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/**
 * A random network with the given layer sizes (sizes[0] inputs, sizes[last] classes): He-scaled normal
 * weights N(0, 2 / fan_in) and small normal biases N(0, 0.1^2). Deterministic in `seed`.
 */
export function randomNet(sizes: readonly number[], seed: number): ReluNet {
  const rng = makeRng(seed);
  const layers = [];
  for (let k = 1; k < sizes.length; k++) {
    const fanIn = sizes[k - 1]!;
    const scale = Math.sqrt(2 / fanIn);
    const W = Array.from({ length: sizes[k]! }, () =>
      Array.from({ length: fanIn }, () => scale * gaussian(rng)),
    );
    const b = Array.from({ length: sizes[k]! }, () => 0.1 * gaussian(rng));
    layers.push({ W, b });
  }
  return { layers };
}

/** A point with independent N(0, 1) coordinates. */
export function randomPoint(dim: number, rng: () => number): number[] {
  return Array.from({ length: dim }, () => gaussian(rng));
}

/** Uniform in the box |x' - x|_inf <= eps. */
export function sampleBox(x: readonly number[], eps: number, rng: () => number): number[] {
  return x.map((v) => v + eps * (2 * rng() - 1));
}

/** A uniformly chosen corner of the box |x' - x|_inf <= eps. */
export function sampleCorner(x: readonly number[], eps: number, rng: () => number): number[] {
  return x.map((v) => v + (rng() < 0.5 ? -eps : eps));
}

/** Uniform on the sphere ||x' - x||_2 = eps. */
export function sampleSphere(x: readonly number[], eps: number, rng: () => number): number[] {
  const d = x.map(() => gaussian(rng));
  const n = Math.hypot(...d);
  return x.map((v, i) => v + (eps * d[i]!) / n);
}

/** Uniform in the ball ||x' - x||_2 <= eps. */
export function sampleBall(x: readonly number[], eps: number, rng: () => number): number[] {
  const r = eps * rng() ** (1 / x.length);
  return sampleSphere(x, r, rng);
}

/** Gradient of z_label(x) - z_j(x) with respect to x (ReLU derivative taken as 1 where z > 0). */
export function marginGradient(net: ReluNet, x: readonly number[], label: number, j: number): number[] {
  const masks: boolean[][] = [];
  let h: number[] = [...x];
  const n = net.layers.length;
  net.layers.forEach((layer, k) => {
    const z = layer.W.map((row, i) => row.reduce((s, w, c) => s + w * h[c]!, layer.b[i]!));
    if (k < n - 1) {
      masks.push(z.map((v) => v > 0));
      h = z.map((v) => Math.max(v, 0));
    }
  });
  let g = net.layers[n - 1]!.b.map((_, i) => (i === label ? 1 : 0) - (i === j ? 1 : 0));
  for (let k = n - 1; k >= 0; k--) {
    const W = net.layers[k]!.W;
    const gIn = new Array<number>(W[0]!.length).fill(0);
    W.forEach((row, i) => row.forEach((w, c) => (gIn[c]! += w * g[i]!)));
    g = k > 0 ? gIn.map((v, c) => (masks[k - 1]![c]! ? v : 0)) : gIn;
  }
  return g;
}

export interface AttackResult {
  /** The perturbed input with the smallest margin found. */
  x: number[];
  /** Its margin z_label - max_{j != label} z_j; < 0 means the prediction changed. */
  margin: number;
}

/**
 * Projected gradient descent on the margin of the currently closest class, inside the `norm` ball of
 * radius eps around x: signed steps for 'linf', normalised gradient steps for 'l2'. Restarts after the
 * first start at random points of the ball; stops as soon as the prediction changes.
 */
export function pgd(
  net: ReluNet,
  x: readonly number[],
  label: number,
  eps: number,
  norm: 'linf' | 'l2',
  rng: () => number,
  steps = 40,
  restarts = 3,
): AttackResult {
  const project = (p: number[]): number[] => {
    if (norm === 'linf') return p.map((v, i) => Math.min(Math.max(v, x[i]! - eps), x[i]! + eps));
    const d = p.map((v, i) => v - x[i]!);
    const n = Math.hypot(...d);
    return n <= eps ? p : x.map((v, i) => v + (d[i]! * eps) / n);
  };
  const alpha = (2.5 * eps) / steps;
  let best: AttackResult = { x: [...x], margin: marginOf(forwardUnchecked(net, x), label) };
  for (let r = 0; r <= restarts; r++) {
    let p = r === 0 ? [...x] : norm === 'linf' ? sampleBox(x, eps, rng) : sampleBall(x, eps, rng);
    for (let t = 0; t < steps; t++) {
      const z = forwardUnchecked(net, p);
      const m = marginOf(z, label);
      if (m < best.margin) best = { x: p, margin: m };
      if (m < 0) return best;
      let j = -1;
      z.forEach((v, i) => {
        if (i !== label && (j < 0 || v > z[j]!)) j = i;
      });
      const g = marginGradient(net, p, label, j);
      if (norm === 'linf') {
        p = project(p.map((v, i) => v - alpha * Math.sign(g[i]!)));
      } else {
        const gn = Math.hypot(...g);
        if (gn === 0) break;
        p = project(p.map((v, i) => v - (alpha * g[i]!) / gn));
      }
    }
    const m = marginOf(forwardUnchecked(net, p), label);
    if (m < best.margin) best = { x: p, margin: m };
    if (m < 0) return best;
  }
  return best;
}
