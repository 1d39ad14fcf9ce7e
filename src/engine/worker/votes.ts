/**
 * Vote counting on the TF.js backend: noisy copies x + sigma * z of one input, classified by the
 * base model in batches; only the count vector is read back. Works on any backend; the WebGL
 * path may swap in a GPU noise kernel computing the same z (see src/smoothing/noise.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { fillGaussian, STREAM_IDS, type Stream, type VoteSampler } from '../../smoothing';
import { gpuNoiseAvailable, gpuNoisyBatch } from './gpuNoise';
import type { NoiseSource } from './noiseSource';

export interface VoteSamplerOptions {
  /** The input, shape inputShape (e.g. 28*28 values in [0, 1]). */
  x: Float32Array;
  /** Model input shape without the batch dimension, e.g. [28, 28, 1]. */
  inputShape: number[];
  /** Noise standard deviation in input units, > 0. */
  sigma: number;
  /** Noise seed (uint32). */
  seed: number;
  /** Samples per batch, at most 2,048 so float16 sums stay exact. */
  batchSize?: number;
  numClasses?: number;
  /** Called after every batch with the counts so far (streaming displays). */
  onBatch?: (stream: Stream, counts: number[], done: number) => void;
  /** Checked between batches; when it returns true the sampler throws an AbortError. */
  cancelled?: () => boolean;
  /**
   * Pad every batch to this many rows (zeros, not counted), so the model always sees one input
   * shape and the backend can reuse its textures.
   */
  padTo?: number;
  /** Let the event loop run between batches (messages, rendering). */
  yieldBetweenBatches?: boolean;
  /**
   * A small batch size (padded to it when padTo is set) for the first batch of each call, so the
   * first counts arrive quickly, and for a remainder that fits in it, so a short run never pays
   * for a full padded batch; other batches use batchSize. Two fixed shapes, each compiled once.
   */
  firstBatch?: number;
  /**
   * Stop mode: called after each estimation batch with the class each of its samples voted for (in
   * order) and the samples counted before it; returns how many of the batch's samples to keep, or
   * null to keep them all and go on. A number ends the call there: the counts (and `onBatch`) cover
   * exactly the kept samples, and the stream's next call starts after them.
   */
  keepEstimation?: (votes: Int32Array, doneBefore: number) => number | null;
  /**
   * Counts an earlier engine reached (the page's watchdog restarted it): each named stream's first
   * call starts at sample `done` with these counts, which its result and `onBatch` include.
   */
  resume?: Partial<Record<Stream, { counts: number[]; done: number }>>;
  /** Make the noise on the GPU where the backend is WebGL 2 (default true); same values either way. */
  gpuNoise?: boolean;
  /**
   * Where noisy rows come from when the noise is made in JavaScript (no GPU noise): e.g. a helper
   * worker. The sampler then asks for batch k + 1's rows before it runs batch k, so both overlap.
   * Without it, each batch's noise is made on this thread when the batch runs.
   */
  noise?: NoiseSource;
  /**
   * Called just before the model first runs a batch of `rows` rows (padded) in this form (counts,
   * or each sample's vote): on WebGL that run compiles its programs, holding the thread for seconds.
   * Once per model object and shape: a model rebuilt on another backend starts afresh.
   */
  onNewShape?: (rows: number) => void;
}

/** The batch forms each model has run: "counts:250", "votes:8" (see VoteSamplerOptions.onNewShape). */
const shapesRun = new WeakMap<tfl.LayersModel, Set<string>>();

function noteShape(model: tfl.LayersModel, o: VoteSamplerOptions, form: string, size: number): void {
  if (!o.onNewShape) return;
  const rows = Math.max(size, o.padTo ?? 0);
  const key = `${form}:${rows}`;
  const seen = shapesRun.get(model) ?? new Set<string>();
  shapesRun.set(model, seen);
  if (seen.has(key)) return;
  seen.add(key);
  o.onNewShape(rows);
}

export const MAX_BATCH = 2048;

/**
 * Counts the base model's votes on one batch of noisy copies (samples first .. first+count-1).
 * Returns per-class counts as integers. All intermediate tensors are disposed.
 */
export async function countBatch(
  model: tfl.LayersModel,
  o: VoteSamplerOptions,
  stream: Stream,
  first: number,
  count: number,
  /** The batch's noisy rows, already made (see VoteSamplerOptions.noise), rows * dim values. */
  noisyRows?: Float32Array,
): Promise<number[]> {
  const classes = o.numClasses ?? 10;
  const counts = tf.tidy(() =>
    tf.sum(tf.oneHot(batchArgmax(model, o, stream, first, count, noisyRows), classes), 0),
  );
  try {
    return Array.from(await counts.data(), (v) => Math.round(v));
  } finally {
    counts.dispose();
  }
}

/**
 * The class each sample of one batch votes for (samples first .. first+count-1), in order: what
 * stop mode reads to find the exact sample at which it may stop. Int32Array of length count; all
 * intermediate tensors are disposed.
 */
export async function batchVotes(
  model: tfl.LayersModel,
  o: VoteSamplerOptions,
  stream: Stream,
  first: number,
  count: number,
  noisyRows?: Float32Array,
): Promise<Int32Array> {
  const votes = tf.tidy(() => batchArgmax(model, o, stream, first, count, noisyRows));
  try {
    return (await votes.data()) as Int32Array;
  } finally {
    votes.dispose();
  }
}

/** The argmax of the model on one batch of noisy copies, a 1D int32 tensor of `count` (call inside tf.tidy). */
function batchArgmax(
  model: tfl.LayersModel,
  o: VoteSamplerOptions,
  stream: Stream,
  first: number,
  count: number,
  noisyRows?: Float32Array,
): tf.Tensor1D {
  const dim = o.x.length;
  const rows = Math.max(count, o.padTo ?? 0);
  const gpu = !noisyRows && usesGpuNoise(o);
  const z =
    gpu || noisyRows
      ? null
      : fillGaussian(new Float32Array(rows * dim), o.seed, STREAM_IDS[stream], first, count, dim);
  const x = tf.tensor2d(o.x, [1, dim]);
  const noisy = noisyRows
    ? tf.tensor2d(noisyRows, [rows, dim])
    : z
      ? tf.add(x, tf.mul(tf.tensor2d(z, [rows, dim]), o.sigma))
      : gpuNoisyBatch(x, o.sigma, o.seed, STREAM_IDS[stream], first, count, rows);
  const probs = model.predict(tf.reshape(noisy, [rows, ...o.inputShape])) as tf.Tensor2D;
  const votes = tf.argMax(probs, 1) as tf.Tensor1D;
  return rows === count ? votes : tf.slice(votes, [0], [count]);
}

/**
 * Lets queued messages and rendering run, then resumes: a message to itself through a
 * MessageChannel (a task, like setTimeout(0), but never clamped to 4 ms, which browsers do to
 * nested timers: at 1 to 8 ms of work per batch on wasm that clamp cost a third of the time).
 * setTimeout where MessageChannel is missing.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

/** Whether countBatch makes this sampler's noise on the GPU (WebGL 2, not switched off). */
function usesGpuNoise(o: VoteSamplerOptions): boolean {
  return o.gpuNoise !== false && gpuNoiseAvailable();
}

/**
 * A VoteSampler over a TF.js model: each call draws the next `num` samples of its stream (the
 * streams' prefixes are fixed by the seed), in batches of at most `batchSize`. With a noise source
 * (and no GPU noise) the next batch's rows are asked for before the current batch runs.
 */
export function modelVoteSampler(model: tfl.LayersModel, o: VoteSamplerOptions): VoteSampler {
  const batch = Math.min(o.batchSize ?? 1000, MAX_BATCH);
  const next: Record<Stream, number> = { selection: 0, estimation: 0 };
  const resume = new Map(Object.entries(o.resume ?? {}));
  return async (num, stream) => {
    // A resumed stream's first call starts after the samples already counted, with their counts.
    const prior = resume.get(stream);
    resume.delete(stream);
    if (prior) next[stream] = prior.done;
    const total = prior ? [...prior.counts] : new Array<number>(o.numClasses ?? 10).fill(0);
    const already = prior ? Math.min(prior.done, num) : 0;
    const small = o.firstBatch && o.firstBatch < batch ? o.firstBatch : 0;
    // The small first batch has its own fixed (padded) shape, so it too compiles only once.
    const firstOptions = small && o.padTo ? { ...o, padTo: small } : o;
    // The batches of this call: the small shape serves the first batch and any remainder that fits
    // in it (a short run then never pays for a full padded batch).
    const plan: { first: number; size: number; options: VoteSamplerOptions }[] = [];
    for (let done = already, first = next[stream]; done < num;) {
      const useSmall = small > 0 && (done === 0 || num - done <= small);
      const size = Math.min(useSmall ? small : batch, num - done);
      plan.push({ first, size, options: useSmall ? firstOptions : o });
      done += size;
      first += size;
    }
    const source = o.noise && !usesGpuNoise(o) ? o.noise : null;
    const rowsFor = (k: number): Promise<Float32Array> | undefined => {
      const b = plan[k];
      if (!source || !b) return undefined;
      return source({
        x: o.x,
        sigma: o.sigma,
        seed: o.seed,
        stream: STREAM_IDS[stream],
        first: b.first,
        count: b.size,
        rows: Math.max(b.size, b.options.padTo ?? 0),
      });
    };
    let pending = rowsFor(0);
    let done = already;
    // On WebGL the next batch is submitted before this one's counts are read back, so the GPU
    // always has work queued while the read waits (its read still completes when its own batch is
    // done). On wasm and cpu a batch computes when submitted, so one at a time (no delayed counts).
    const depth = usesGpuNoise(o) ? 2 : 1;
    // Stop mode reads each estimation sample's vote; otherwise only the count vector comes back.
    const keep = stream === 'estimation' ? o.keepEstimation : undefined;
    const inFlight: { b: (typeof plan)[number]; counts: Promise<number[] | Int32Array> }[] = [];
    let stopped = false;
    const finishOldest = async () => {
      const { b, counts } = inFlight.shift()!;
      const c = await counts;
      let used = b.size;
      if (keep) {
        const votes = c as Int32Array;
        const kept = keep(votes, done);
        if (kept !== null) {
          used = Math.max(0, Math.min(kept, b.size));
          stopped = true; // the rest of the call is never counted
        }
        for (let i = 0; i < used; i++) total[votes[i]!]! += 1;
      } else {
        (c as number[]).forEach((v, i) => (total[i]! += v));
      }
      next[stream] = b.first + used;
      done += used;
      o.onBatch?.(stream, total, done);
      if (o.yieldBetweenBatches && !stopped) await yieldToEventLoop();
    };
    try {
      for (let k = 0; k < plan.length && !stopped; k++) {
        if (o.cancelled?.()) throw new DOMException('cancelled', 'AbortError');
        const b = plan[k]!;
        const rows = pending ? await pending : undefined;
        pending = rowsFor(k + 1); // made beside this batch's forward pass
        noteShape(model, b.options, keep ? 'votes' : 'counts', b.size);
        const counts = keep
          ? batchVotes(model, b.options, stream, b.first, b.size, rows)
          : countBatch(model, b.options, stream, b.first, b.size, rows);
        inFlight.push({ b, counts });
        if (inFlight.length >= depth) await finishOldest();
      }
      while (inFlight.length > 0 && !stopped) await finishOldest();
    } finally {
      // A cancelled call leaves at most one batch unread: let it finish quietly (it disposes itself).
      for (const f of inFlight) f.counts.catch(() => undefined);
    }
    return total;
  };
}
