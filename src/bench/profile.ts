/**
 * Where one batch's time goes (bench.html?profile=1): the noise, the model's forward pass and the
 * count with its read-back, each timed alone on the active backend, per sample.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { fillGaussian } from '../smoothing';
import { gpuNoiseAvailable, gpuNoisyBatch } from '../engine/worker/gpuNoise';
import { countBatch, modelVoteSampler } from '../engine/worker/votes';
import { fillNoisyRows } from '../engine/worker/noisyRows';
import { helperNoise } from '../engine/worker/noiseSource';

async function perSample(rows: number, reps: number, f: () => tf.Tensor): Promise<number> {
  // one warm-up call, then reps timed calls; each ends with a one-number read-back (a GPU sync)
  const once = async () => {
    const t = tf.tidy(() => tf.sum(f()));
    await t.data();
    t.dispose();
  };
  await once();
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) await once();
  return (performance.now() - t0) / reps / rows;
}

export async function profileBatch(model: tfl.LayersModel, x: Float32Array, rows: number, reps = 8) {
  const dim = x.length;
  const xt = tf.tensor2d(x, [1, dim]);
  const noisy = tf.add(xt, tf.randomNormal([rows, dim], 0, 0.25)) as tf.Tensor2D;
  const out: Record<string, number> = {};
  out.nothing = await perSample(rows, reps, () => tf.mul(xt, 1));
  if (gpuNoiseAvailable())
    out.gpuNoise = await perSample(rows, reps, () => gpuNoisyBatch(xt, 0.25, 1, 1, 0, rows, rows));
  out.jsNoiseUpload = await perSample(rows, reps, () =>
    tf.tensor2d(fillGaussian(new Float32Array(rows * dim), 1, 1, 0, rows, dim), [rows, dim]),
  );
  // The engine's JS noise off the GPU: x + sigma * z in one pass (no tensor ops), and its upload.
  out.jsNoisyRows = await perSample(rows, reps, () =>
    tf.tensor2d(
      fillNoisyRows(new Float32Array(rows * dim), {
        x,
        sigma: 0.25,
        seed: 1,
        stream: 1,
        first: 0,
        count: rows,
        rows,
      }),
      [rows, dim],
    ),
  );
  out.tfRandomNormal = await perSample(rows, reps, () => tf.randomNormal([rows, dim], 0, 0.25));
  out.forward = await perSample(
    rows,
    reps,
    () => model.predict(tf.reshape(noisy, [rows, 28, 28, 1])) as tf.Tensor,
  );
  // The engine's whole batch (its own read-back included), with GPU noise and with JS noise.
  const wholeBatch = async (gpuNoise: boolean) => {
    const o = { x, inputShape: [28, 28, 1], sigma: 0.25, seed: 1, padTo: rows, gpuNoise };
    await countBatch(model, o, 'estimation', 0, rows);
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) await countBatch(model, o, 'estimation', r * rows, rows);
    return (performance.now() - t0) / reps / rows;
  };
  out.countBatch = await wholeBatch(true);
  out.countBatchJsNoise = await wholeBatch(false);
  // Several batches through the sampler with the helper worker making the next batch's rows.
  if (!gpuNoiseAvailable()) {
    const o = {
      x,
      inputShape: [28, 28, 1],
      sigma: 0.25,
      seed: 3,
      batchSize: rows,
      padTo: rows,
      noise: helperNoise(),
    };
    await modelVoteSampler(model, o)(rows * 2, 'selection');
    const t0 = performance.now();
    await modelVoteSampler(model, o)(rows * reps, 'estimation');
    out.pipelined = (performance.now() - t0) / reps / rows;
  }
  xt.dispose();
  noisy.dispose();
  // microseconds per sample
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Math.round(v * 1e4) / 10]));
}
