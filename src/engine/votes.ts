/**
 * Vote counting on the TF.js backend: noisy copies x + sigma * z of one input, classified by the
 * base model in batches; only the count vector is read back. Works on any backend; the WebGL
 * path may swap in a GPU noise kernel computing the same z (see src/smoothing/noise.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { fillGaussian, STREAM_IDS, type Stream, type VoteSampler } from '../smoothing';
import { gpuNoiseAvailable, gpuNoisyBatch } from './gpuNoise';

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
  /** Make the noise on the GPU where the backend is WebGL 2 (default true); same values either way. */
  gpuNoise?: boolean;
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
): Promise<number[]> {
  const dim = o.x.length;
  const classes = o.numClasses ?? 10;
  const rows = Math.max(count, o.padTo ?? 0);
  const gpu = o.gpuNoise !== false && gpuNoiseAvailable();
  const z = gpu
    ? null
    : fillGaussian(new Float32Array(rows * dim), o.seed, STREAM_IDS[stream], first, count, dim);
  const counts = tf.tidy(() => {
    const x = tf.tensor2d(o.x, [1, dim]);
    const noisy = z
      ? tf.add(x, tf.mul(tf.tensor2d(z, [rows, dim]), o.sigma))
      : gpuNoisyBatch(x, o.sigma, o.seed, STREAM_IDS[stream], first, count, rows);
    const probs = model.predict(tf.reshape(noisy, [rows, ...o.inputShape])) as tf.Tensor2D;
    const votes = rows === count ? tf.argMax(probs, 1) : tf.slice(tf.argMax(probs, 1), [0], [count]);
    return tf.sum(tf.oneHot(votes, classes), 0);
  });
  try {
    return Array.from(await counts.data(), (v) => Math.round(v));
  } finally {
    counts.dispose();
  }
}

/**
 * A VoteSampler over a TF.js model: each call draws the next `num` samples of its stream (the
 * streams' prefixes are fixed by the seed), in batches of at most `batchSize`.
 */
export function modelVoteSampler(model: tfl.LayersModel, o: VoteSamplerOptions): VoteSampler {
  const batch = Math.min(o.batchSize ?? 1000, MAX_BATCH);
  const next: Record<Stream, number> = { selection: 0, estimation: 0 };
  return async (num, stream) => {
    const total = new Array<number>(o.numClasses ?? 10).fill(0);
    const small = o.firstBatch && o.firstBatch < batch ? o.firstBatch : 0;
    // The small first batch has its own fixed (padded) shape, so it too compiles only once.
    const firstOptions = small && o.padTo ? { ...o, padTo: small } : o;
    for (let done = 0; done < num;) {
      if (o.cancelled?.()) throw new DOMException('cancelled', 'AbortError');
      // The small shape serves the first batch and any remainder that fits in it (a short run
      // then never pays for a full padded batch).
      const useSmall = small > 0 && (done === 0 || num - done <= small);
      const size = Math.min(useSmall ? small : batch, num - done);
      const c = await countBatch(model, useSmall ? firstOptions : o, stream, next[stream], size);
      c.forEach((v, k) => (total[k]! += v));
      next[stream] += size;
      done += size;
      o.onBatch?.(stream, total, done);
      if (o.yieldBetweenBatches) await new Promise((r) => setTimeout(r, 0));
    }
    return total;
  };
}
