/**
 * The GPU path's efficiency in numbers that do not depend on the machine (bench.html?counters=1):
 * per 10,000 samples after warm-up, how many times the engine read data back from the GPU, how many
 * bytes it uploaded, and how many shader programs it compiled. Counted by wrapping the WebGL
 * backend's read, readSync and uploadToGPU and watching its program cache; the engine is unchanged.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { samplerOptions } from '../engine/worker/batching';
import { modelVoteSampler } from '../engine/worker/votes';

interface WebglInternals {
  read: (dataId: object) => Promise<unknown>;
  readSync: (dataId: object) => unknown;
  uploadToGPU: (dataId: object) => void;
  texData: {
    get: (dataId: object) => { values?: ArrayLike<number> & { byteLength?: number }; texture?: unknown };
  };
  binaryCache: Record<string, unknown>;
}

export interface GpuCounters {
  samples: number;
  /** GPU-to-CPU reads per 10,000 samples. */
  readsPer10k: number;
  /** Bytes uploaded to the GPU per 10,000 samples. */
  bytesUploadedPer10k: number;
  /** Shader programs compiled per 10,000 samples (0 once every batch shape has run). */
  programsCompiledPer10k: number;
  /** Batches of the engine in flight at once (submitted before the previous one's read-back). */
  batchesInFlight: number;
}

/** Counts over `samples` estimation samples of the model, after a warm-up run of the same shapes. */
export async function gpuCounters(
  model: tfl.LayersModel,
  modelId: string,
  x: Float32Array,
  samples = 10_000,
): Promise<GpuCounters | null> {
  if (tf.getBackend() !== 'webgl') return null;
  const b = tf.backend() as unknown as WebglInternals;
  let reads = 0;
  let bytes = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const read = b.read.bind(b);
  const readSync = b.readSync.bind(b);
  const upload = b.uploadToGPU.bind(b);
  b.read = (id) => {
    reads++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return read(id).finally(() => inFlight--);
  };
  b.readSync = (id) => {
    reads++;
    return readSync(id);
  };
  b.uploadToGPU = (id) => {
    const d = b.texData.get(id);
    if (d && !d.texture && d.values) bytes += d.values.byteLength ?? d.values.length * 4;
    upload(id);
  };
  try {
    const options = { ...samplerOptions(modelId, x, 0.25, 7), yieldBetweenBatches: true };
    // Warm-up: both batch shapes (small first batch and full batch) compile here.
    await modelVoteSampler(model, options)(options.batchSize * 2, 'selection');
    reads = 0;
    bytes = 0;
    maxInFlight = 0;
    const programs = Object.keys(b.binaryCache).length;
    await modelVoteSampler(model, { ...options, seed: 8 })(samples, 'estimation');
    const per = 10_000 / samples;
    return {
      samples,
      readsPer10k: reads * per,
      bytesUploadedPer10k: bytes * per,
      programsCompiledPer10k: (Object.keys(b.binaryCache).length - programs) * per,
      batchesInFlight: maxInFlight,
    };
  } finally {
    b.read = read;
    b.readSync = readSync;
    b.uploadToGPU = upload;
  }
}
