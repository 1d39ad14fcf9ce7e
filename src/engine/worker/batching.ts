/**
 * Batch sizes and vote-sampler options for the engine's MNIST models: what shape each batch has on
 * each backend, where its noise comes from, and how often the page hears about progress.
 */
import * as tf from '@tensorflow/tfjs-core';
import { findModel } from '../../models/registry';
import { gpuNoiseAvailable } from './gpuNoise';
import { helperNoise } from './noiseSource';
import { newShapeAnnouncer } from './slowSteps';
import type { VoteSamplerOptions } from './votes';

/**
 * Samples per batch on WebGL, fixed per architecture so the backend reuses its textures; a GPU is
 * fastest with large batches.
 */
export const BATCH: Record<string, number> = { cnn: 250, mlp: 1000 };
/**
 * Samples per batch on wasm and cpu: smaller, so a batch's activations stay in the CPU's cache
 * (measured with `npm run bench -- --profile`: the MLP's forward pass took 18 µs a sample at 32 rows, 29 µs at 250
 * rows and 75 µs at 1,000 on wasm).
 */
export const CPU_BATCH: Record<string, number> = { cnn: 128, mlp: 128 };
/**
 * The first batch of each stream is small (its own fixed shape), so the histograms start filling
 * at once: on SwiftShader (a CPU rasterizer, the slowest WebGL the lab meets) 8 CNN or 32 MLP
 * samples take 10 to 40 ms; later batches are full size.
 */
export const FIRST_BATCH: Record<string, number> = { cnn: 8, mlp: 32 };

/** The batch size for an architecture on a backend (see BATCH and CPU_BATCH). */
export function batchFor(arch: string, backend: string): number {
  return (backend === 'webgl' ? BATCH[arch] : CPU_BATCH[arch]) ?? 500;
}

/** The architecture of each model given as bytes (load-model), by id: shipped ids are in their cards. */
const givenArchitectures = new Map<string, string>();

/** Records (or, with null, forgets) the architecture of a model given by load-model. */
export function setGivenArchitecture(modelId: string, architecture: string | null): void {
  if (architecture === null) givenArchitectures.delete(modelId);
  else givenArchitectures.set(modelId, architecture);
}

/**
 * Vote-sampler options for one MNIST input: the model's two fixed batch shapes, padded: the full
 * batch, and the small one for the first batch of each call and for short remainders. Where the
 * noise is made in JavaScript (wasm, cpu) it comes from the helper worker, one batch ahead.
 */
export function samplerOptions(
  modelId: string,
  x: Float32Array,
  sigma: number,
  seed: number,
): VoteSamplerOptions & { batchSize: number } {
  const arch = findModel(modelId)?.architecture ?? givenArchitectures.get(modelId) ?? '';
  const backend = tf.getBackend();
  const batchSize = batchFor(arch, backend);
  const firstBatch = FIRST_BATCH[arch] ?? 32;
  const noise = gpuNoiseAvailable() ? undefined : helperNoise();
  const onNewShape = newShapeAnnouncer(); // WebGL compiles each new shape: the watchdog is told
  return {
    x,
    inputShape: [28, 28, 1],
    sigma,
    seed,
    batchSize,
    padTo: batchSize,
    firstBatch,
    noise,
    onNewShape,
  };
}

/** The shortest time between two progress updates of one certify request, in ms. */
export const PROGRESS_INTERVAL_MS = 50;

/** Samples in the start-up measurement's batch, per architecture (one warm-up, two timed). */
export const MEASURE_BATCH: Record<string, number> = { cnn: 32, mlp: 128 };
