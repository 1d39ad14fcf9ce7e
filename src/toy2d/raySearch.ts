/**
 * How far is the nearest point where the smoothed classifier changes its mind? For a linear base model
 * the answer is the distance d to its boundary (Cohen et al. 2019); for a ReLU network no formula gives
 * it, so this module searches for it along rays. The smoothed classifier g(p) = argmax_c P(f(p + sigma z)
 * = c) is estimated by Monte Carlo with common random numbers: the same m draws z_1 .. z_m (stream
 * RAY_STREAM = 15 of src/smoothing/noise.ts) at every point p, so the estimate is one fixed, piecewise
 * constant function of p and a bisection on it is well defined. Pure TypeScript.
 *
 * What the number means: an estimate, not a certificate. It is an upper bound on the distance to the
 * nearest change of the Monte Carlo classifier (it found a change there; one nearer may hide between two
 * rays or in a region thinner than a march step), and the Monte Carlo classifier differs from g near its
 * boundary by about sigma / sqrt(m). A correct certificate R of CERTIFY (probability >= 1 - alpha) is
 * at most the true distance, so R <= the ray-search distance up to these errors.
 */
import type { ReluNet } from '../bounds';
import { gaussianAt, sampleKey } from '../smoothing';

/** Stream id of the ray search's noise draws (10-14 are the other 2D uses, see noise.ts). */
export const RAY_STREAM = 15;

/** A point's class under a net, fast: weights flattened once, no allocation per call. */
export type PointClassifier = (x0: number, x1: number) => number;

/** Compiles a 2-input ReluNet into a PointClassifier (argmax of the logits, the first on ties). */
export function compileNet(net: ReluNet): PointClassifier {
  const layers = net.layers.map((l) => ({
    nIn: l.W[0]!.length,
    nOut: l.b.length,
    W: Float64Array.from(l.W.flat()),
    b: Float64Array.from(l.b),
  }));
  if (layers[0]?.nIn !== 2) throw new RangeError('compileNet needs a net with 2 inputs');
  const width = Math.max(2, ...layers.map((l) => l.nOut));
  let a = new Float64Array(width);
  let h = new Float64Array(width);
  const last = layers.length - 1;
  return (x0, x1) => {
    a[0] = x0;
    a[1] = x1;
    for (let l = 0; l <= last; l++) {
      const { nIn, nOut, W, b } = layers[l]!;
      for (let o = 0; o < nOut; o++) {
        let s = b[o]!;
        const row = o * nIn;
        for (let i = 0; i < nIn; i++) s += W[row + i]! * a[i]!;
        h[o] = l < last && s < 0 ? 0 : s;
      }
      [a, h] = [h, a];
    }
    const nOut = layers[last]!.nOut;
    let best = 0;
    for (let o = 1; o < nOut; o++) if (a[o]! > a[best]!) best = o;
    return best;
  };
}

/** The Monte Carlo smoothed classifier: the class with the most votes among f(p + sigma z_i), i < m. */
export interface SmoothedEstimate {
  /** Majority class at p (the smallest class index on ties). */
  classAt(p0: number, p1: number): number;
  /** Vote count of each class at p. */
  votesAt(p0: number, p1: number): number[];
  /** Draws per point. */
  readonly samples: number;
}

/**
 * The Monte Carlo smoothed classifier of `net` at noise `sigma`, with `samples` common draws z_i from
 * stream RAY_STREAM under `seed`: sample i is z_i = (gaussianAt(key_i, 0), gaussianAt(key_i, 1)).
 */
export function smoothedEstimate(
  net: ReluNet,
  sigma: number,
  seed: number,
  samples: number,
): SmoothedEstimate {
  if (!(sigma > 0 && Number.isFinite(sigma))) throw new RangeError(`sigma must be > 0, got ${sigma}`);
  if (!Number.isInteger(samples) || samples < 1)
    throw new RangeError(`samples must be an integer >= 1, got ${samples}`);
  const f = compileNet(net);
  const classes = net.layers[net.layers.length - 1]!.b.length;
  const dz = new Float64Array(2 * samples);
  for (let i = 0; i < samples; i++) {
    const key = sampleKey(seed, RAY_STREAM, i);
    dz[2 * i] = sigma * gaussianAt(key, 0);
    dz[2 * i + 1] = sigma * gaussianAt(key, 1);
  }
  const votesAt = (p0: number, p1: number) => {
    const counts = new Array<number>(classes).fill(0);
    for (let i = 0; i < samples; i++) counts[f(p0 + dz[2 * i]!, p1 + dz[2 * i + 1]!)]!++;
    return counts;
  };
  return {
    samples,
    votesAt,
    classAt(p0, p1) {
      const c = votesAt(p0, p1);
      let best = 0;
      for (let k = 1; k < c.length; k++) if (c[k]! > c[best]!) best = k;
      return best;
    },
  };
}

export interface RaySearchOptions {
  /** Rays, evenly spaced in angle from 0 (the +x direction), counter-clockwise; integer >= 1. */
  directions: number;
  /** Monte Carlo draws per point; integer >= 1. */
  samples: number;
  /** Farthest distance searched along each ray, data units, > 0. */
  maxDistance: number;
  /** Equal march steps along each ray before bisecting; a change inside one step can be missed. */
  steps: number;
  /** Bisection stops when the bracket is shorter than this, data units, > 0. */
  tolerance: number;
}

export const DEFAULT_RAY_OPTIONS: RaySearchOptions = {
  directions: 48,
  samples: 1000,
  maxDistance: 3,
  steps: 30,
  tolerance: 1e-3,
};

export interface RayHit {
  /** Angle of the ray, radians. */
  angle: number;
  /** Distance to the first change found on this ray, or Infinity when none within maxDistance. */
  distance: number;
  /** The first changed point found (the far end of the final bracket), or null. */
  point: [number, number] | null;
}

export interface RaySearchResult {
  /** The Monte Carlo smoothed class at x (votes from the same draws as every other point). */
  prediction: number;
  /** Its votes at x. */
  votes: number[];
  /** Smallest distance over the rays (Infinity if no ray found a change). */
  distance: number;
  /** Where that change was found, or null. */
  point: [number, number] | null;
  rays: RayHit[];
  /** Points at which the smoothed classifier was estimated (each costs `samples` forward passes). */
  evaluations: number;
}

function checkOptions(o: RaySearchOptions): void {
  const int = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be an integer >= 1, got ${v}`);
  };
  int('directions', o.directions);
  int('samples', o.samples);
  int('steps', o.steps);
  if (!(o.maxDistance > 0 && Number.isFinite(o.maxDistance)))
    throw new RangeError(`maxDistance must be a finite number > 0, got ${o.maxDistance}`);
  if (!(o.tolerance > 0)) throw new RangeError(`tolerance must be > 0, got ${o.tolerance}`);
}

/**
 * Searches each ray x + t (cos a, sin a), 0 < t <= maxDistance, for the first t where the Monte Carlo
 * smoothed class differs from its class at x: march in `steps` equal steps to the first changed point,
 * then bisect the last step down to `tolerance`. `onRay` (optional) is awaited after every ray, with
 * the rays done; resolving false stops the search (the result then covers those rays only).
 *
 * Cost: at most directions * (steps + log2(maxDistance / (steps * tolerance)) + 1) points, each
 * `samples` forward passes of the net.
 */
export async function raySearch(
  net: ReluNet,
  x: readonly [number, number],
  sigma: number,
  seed: number,
  opts: Partial<RaySearchOptions> = {},
  onRay?: (done: number, hit: RayHit) => Promise<boolean> | boolean,
): Promise<RaySearchResult> {
  const o = { ...DEFAULT_RAY_OPTIONS, ...opts };
  checkOptions(o);
  const g = smoothedEstimate(net, sigma, seed, o.samples);
  const votes = g.votesAt(x[0], x[1]);
  let prediction = 0;
  for (let k = 1; k < votes.length; k++) if (votes[k]! > votes[prediction]!) prediction = k;
  let evaluations = 1;
  const rays: RayHit[] = [];
  const h = o.maxDistance / o.steps;
  for (let r = 0; r < o.directions; r++) {
    const angle = (2 * Math.PI * r) / o.directions;
    const [u0, u1] = [Math.cos(angle), Math.sin(angle)];
    const changed = (t: number) => {
      evaluations++;
      return g.classAt(x[0] + t * u0, x[1] + t * u1) !== prediction;
    };
    let hit: RayHit = { angle, distance: Infinity, point: null };
    for (let s = 1; s <= o.steps; s++) {
      if (!changed(s * h)) continue;
      let [lo, hi] = [(s - 1) * h, s * h]; // class unchanged at lo, changed at hi
      while (hi - lo > o.tolerance) {
        const mid = (lo + hi) / 2;
        if (changed(mid)) hi = mid;
        else lo = mid;
      }
      hit = { angle, distance: hi, point: [x[0] + hi * u0, x[1] + hi * u1] };
      break;
    }
    rays.push(hit);
    if (onRay && !(await onRay(r + 1, hit))) break;
  }
  let best: RayHit | null = null;
  for (const ray of rays) if (ray.point && (!best || ray.distance < best.distance)) best = ray;
  return {
    prediction,
    votes,
    distance: best?.distance ?? Infinity,
    point: best?.point ?? null,
    rays,
    evaluations,
  };
}
