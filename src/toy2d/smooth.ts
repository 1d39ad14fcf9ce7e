/**
 * Randomized smoothing of a 2D base classifier (a `ReluNet`): the vote sampler CERTIFY runs on, the
 * noise cloud the view draws, the smoothed decision regions by Monte Carlo, and the exact smoothed
 * certificate of a linear classifier. Noise follows the lab's common random numbers (docs/architecture/engine.md, "Noise"): sample
 * i of a stream is x + sigma * (gaussianAt(key, 0), gaussianAt(key, 1)) with key = sampleKey(seed,
 * stream, i). Pure TypeScript.
 */
import type { ReluNet } from '../bounds';
import { gaussianAt, normalCdf, sampleKey, type VoteSampler } from '../smoothing';
import { logits } from './train';
import { yieldToPage } from '../tasks/yieldToPage';

/** Stream ids of the 2D noise, disjoint from every other use of the generator (see noise.ts). */
export const TOY_STREAM_IDS = { selection: 11, estimation: 12, regions: 14 } as const;

/** Index of the largest logit (the first on ties). */
export function classOf(net: ReluNet, x: readonly number[]): number {
  const z = logits(net, x);
  let best = 0;
  for (let o = 1; o < z.length; o++) if (z[o]! > z[best]!) best = o;
  return best;
}

/** The noisy point of sample i of `stream`: x + sigma * z, z ~ N(0, I_2). */
export function noisyPoint(
  x: readonly [number, number],
  sigma: number,
  seed: number,
  stream: number,
  i: number,
): [number, number] {
  const key = sampleKey(seed, stream, i);
  return [x[0] + sigma * gaussianAt(key, 0), x[1] + sigma * gaussianAt(key, 1)];
}

/**
 * The longest a sampler computes before it yields to the event loop, in ms: well under the 50 ms of
 * a long task on a quiet machine, so a page stays responsive however large n is (a fixed count of
 * samples per chunk took 1.4 s on this shared 2-core machine). Checked every CHECK_EVERY samples.
 */
const SLICE_MS = 25;
const CHECK_EVERY = 256;

/**
 * A VoteSampler for CERTIFY / PREDICT over `net` at `x`: each call continues its stream where the last
 * call stopped (selection from stream 11, estimation from stream 12), so the two stay independent and
 * the first estimation samples are the ones `noisyPoint(x, sigma, seed, 12, i)` gives. It yields to
 * the event loop at least every SLICE_MS, and once `signal` aborts it throws an AbortError at the
 * next yield (the counts do not depend on where it yields).
 */
export function toySampler(
  net: ReluNet,
  x: readonly [number, number],
  sigma: number,
  seed: number,
  signal?: AbortSignal,
): VoteSampler {
  const next = { selection: 0, estimation: 0 };
  const classes = net.layers[net.layers.length - 1]!.b.length;
  return async (num, stream) => {
    const id = TOY_STREAM_IDS[stream];
    const counts = new Array<number>(classes).fill(0);
    const first = next[stream];
    next[stream] += num;
    let sliceStart = performance.now();
    for (let i = 0; i < num; i++) {
      counts[classOf(net, noisyPoint(x, sigma, seed, id, first + i))]!++;
      if ((i + 1) % CHECK_EVERY === 0 && performance.now() - sliceStart >= SLICE_MS) {
        await yieldToPage();
        signal?.throwIfAborted();
        sliceStart = performance.now();
      }
    }
    return counts;
  };
}

/**
 * For a one-layer (linear) net with two logits, the margin z_1 - z_0 = w.x + b as { w, b }. Throws for
 * any other net.
 */
export function linearMargin(net: ReluNet): { w: [number, number]; b: number } {
  const layer = net.layers[0];
  if (net.layers.length !== 1 || !layer || layer.W.length !== 2)
    throw new RangeError('linearMargin needs a one-layer net with two outputs');
  const [r0, r1] = [layer.W[0]!, layer.W[1]!];
  return { w: [r1[0]! - r0[0]!, r1[1]! - r0[1]!], b: layer.b[1]! - layer.b[0]! };
}

/**
 * The exact smoothed certificate of a linear binary classifier (Cohen et al. 2019, Example in Sec. 3):
 * d = |w.x + b| / ||w||_2 is the L2 distance from x to the decision boundary; the smoothed classifier
 * predicts the same class as the base one with p_A = Phi(d / sigma), and its exact certified radius
 * sigma * PhiInverse(p_A) equals d. CERTIFY's radius is <= d except with probability alpha.
 */
export function linearCertificate(
  net: ReluNet,
  x: readonly [number, number],
  sigma: number,
): { distance: number; pA: number; prediction: number } {
  const { w, b } = linearMargin(net);
  const m = w[0] * x[0] + w[1] * x[1] + b;
  const norm = Math.hypot(w[0], w[1]);
  const distance = norm === 0 ? Infinity : Math.abs(m) / norm;
  return { distance, pA: normalCdf(distance / sigma), prediction: m > 0 ? 1 : 0 };
}

/**
 * Monte Carlo estimate of the smoothed classifier's probability of class 1 at the centre of each cell of
 * a `cells` x `cells` grid over [lo, hi]^2 (row 0 at the top, y = hi; NaN in rows not yet computed), `samples` noisy copies per cell
 * from stream 14 (the same z for every cell: common random numbers). Calls `onRow` after each row with
 * the rows done; stops early, returning null, when it resolves false.
 */
export async function smoothedRegions(
  net: ReluNet,
  sigma: number,
  seed: number,
  opts: { cells: number; samples: number; lo: number; hi: number },
  onRow: (grid: Float32Array, rowsDone: number) => Promise<boolean>,
): Promise<Float32Array | null> {
  const { cells, samples, lo, hi } = opts;
  const z: [number, number][] = [];
  for (let i = 0; i < samples; i++) {
    const key = sampleKey(seed, TOY_STREAM_IDS.regions, i);
    z.push([gaussianAt(key, 0), gaussianAt(key, 1)]);
  }
  const grid = new Float32Array(cells * cells).fill(NaN); // NaN: not computed yet
  const step = (hi - lo) / cells;
  for (let r = 0; r < cells; r++) {
    const y = hi - (r + 0.5) * step;
    for (let c = 0; c < cells; c++) {
      const x = lo + (c + 0.5) * step;
      let ones = 0;
      for (const [z0, z1] of z) ones += classOf(net, [x + sigma * z0, y + sigma * z1]);
      grid[r * cells + c] = ones / samples;
    }
    if (!(await onRow(grid, r + 1))) return null;
  }
  return grid;
}
