/**
 * The share of the backend's practical peak that the models' forward passes reach
 * (bench.html?peak=1): square float32 tf.matMul at a few sizes gives the peak, in GFLOP/s
 * (2·n³ per product); each model's forward pass on a batch of the engine's size gives its own
 * GFLOP/s from the FLOPs its layers hold per image (models/flops.ts); and each layer alone, applied
 * to the previous one's output, says where the time goes.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { batchFor } from '../engine/worker/batching';
import { forwardFlops, layerFlops, layerShapes } from '../models/flops';
import { fetchModel, findModel } from '../models/registry';

export interface MatmulRow {
  /** m = n = k. */
  size: number;
  reps: number;
  msPerProduct: number;
  gflops: number;
}

export interface LayerRow {
  name: string;
  className: string;
  msPerBatch: number;
  /** Share of the sum of the layers' times. */
  share: number;
  /** null for a layer without multiply-adds (pooling, flatten). */
  gflops: number | null;
}

export interface ModelPeakRow {
  model: string;
  batch: number;
  flopsPerImage: number;
  reps: number;
  msPerBatch: number;
  gflops: number;
  /** gflops / the best matmul's GFLOP/s. */
  fractionOfPeak: number;
  layers: LayerRow[];
}

export interface PeakReport {
  matmul: MatmulRow[];
  /** The best matmul's GFLOP/s: the practical peak on this page. */
  peakGflops: number;
  models: ModelPeakRow[];
}

/**
 * Seconds per call of `f`: two warm-up calls, then as many as fill about `budgetS` (3 to 400),
 * fenced once at the end by reading the last result back (the backend runs calls in order; on
 * wasm each call has finished when it returns anyway).
 */
function secondsPerCall(f: () => tf.Tensor, budgetS: number): { seconds: number; reps: number } {
  const run = (reps: number) => {
    const t0 = performance.now();
    let last: tf.Tensor | null = null;
    for (let r = 0; r < reps; r++) {
      last?.dispose();
      last = f();
    }
    last!.dataSync();
    last!.dispose();
    return (performance.now() - t0) / 1000;
  };
  run(2);
  const one = run(1);
  const reps = Math.max(3, Math.min(400, Math.ceil(budgetS / Math.max(one, 1e-5))));
  return { seconds: run(reps) / reps, reps };
}

function matmulRow(size: number, budgetS: number): MatmulRow {
  const a = tf.randomNormal([size, size]);
  const b = tf.randomNormal([size, size]);
  const { seconds, reps } = secondsPerCall(() => tf.matMul(a, b), budgetS);
  a.dispose();
  b.dispose();
  return { size, reps, msPerProduct: seconds * 1000, gflops: (2 * size ** 3) / seconds / 1e9 };
}

/** Each layer alone on the previous layer's output, `reps` rounds, ms per batch. */
function layerTimes(model: tfl.LayersModel, input: tf.Tensor, reps: number): number[] {
  const ms = model.layers.map(() => 0);
  const fence = tf.getBackend() !== 'wasm';
  for (let r = 0; r < reps + 1; r++) {
    let h = input;
    model.layers.forEach((layer, i) => {
      const t0 = performance.now();
      const next = layer.apply(h) as tf.Tensor;
      if (fence) next.dataSync();
      if (r > 0) ms[i]! += performance.now() - t0; // round 0 warms up
      if (h !== input) h.dispose();
      h = next;
    });
    if (h !== input) h.dispose();
  }
  return ms.map((t) => t / reps);
}

async function modelRow(id: string, x: Float32Array, budgetS: number): Promise<ModelPeakRow> {
  const card = findModel(id)!;
  const model = await fetchModel(card, './');
  const batch = batchFor(card.architecture, tf.getBackend());
  const shapes = layerShapes(model);
  const perLayer = layerFlops(shapes);
  const flopsPerImage = forwardFlops(shapes);
  // x plus noise at sigma = 0.25, as the engine's batches are
  const input = tf.tidy(() =>
    tf.add(tf.tensor4d(x, [1, 28, 28, 1]), tf.randomNormal([batch, 28, 28, 1], 0, 0.25)),
  );
  const { seconds, reps } = secondsPerCall(() => model.predict(input) as tf.Tensor, budgetS);
  const ms = layerTimes(model, input, Math.max(3, Math.min(reps, 50)));
  const total = ms.reduce((a, b) => a + b, 0);
  const layers = model.layers.map((l, i) => ({
    name: l.name,
    className: l.getClassName(),
    msPerBatch: ms[i]!,
    share: ms[i]! / total,
    gflops: perLayer[i] ? (perLayer[i]! * batch) / (ms[i]! / 1000) / 1e9 : null,
  }));
  input.dispose();
  model.dispose();
  return {
    model: id,
    batch,
    flopsPerImage,
    reps,
    msPerBatch: seconds * 1000,
    gflops: (flopsPerImage * batch) / seconds / 1e9,
    fractionOfPeak: 0,
    layers,
  };
}

/** The matmul peak and the models' share of it, on the active backend; `quick` shortens each timing. */
export async function measurePeak(x: Float32Array, quick: boolean): Promise<PeakReport> {
  const budgetS = quick ? 0.3 : 1.5;
  const matmul = [256, 512, 1024].map((size) => matmulRow(size, budgetS));
  const peakGflops = Math.max(...matmul.map((m) => m.gflops));
  const models: ModelPeakRow[] = [];
  for (const id of ['cnn-0.25', 'mlp-0.25']) {
    const row = await modelRow(id, x, budgetS);
    models.push({ ...row, fractionOfPeak: row.gflops / peakGflops });
  }
  return { matmul, peakGflops, models };
}
