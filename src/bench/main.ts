/**
 * Engine throughput against a naive port of the lesson's loop, in one page, on one backend, with
 * the same model and input. The naive port makes noise with tf.randomNormal per batch of 100,
 * reads every batch's argmax back to JavaScript and counts there (as the lesson's snippet does);
 * the engine uses the lab's counter-based noise, a fixed batch per model, and counts on the device,
 * reading back only ten numbers per batch. Results go to #out and window.__bench.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { decodeDigits, digitAsFloats } from '../data/digits';
import type { BackendName } from '../engine/protocol';
import { startBackend, wasmFeatures } from '../engine/worker/backend';
import { samplerOptions } from '../engine/worker/batching';
import { inThreadNoise } from '../engine/worker/noiseSource';
import { modelVoteSampler } from '../engine/worker/votes';
import { fetchModel, findModel } from '../models/registry';

interface Row {
  model: string;
  samples: number;
  engineSamplesPerSecond: number;
  naiveSamplesPerSecond: number;
  ratio: number;
  /**
   * The engine with its noise made on its own thread, batch by batch, instead of by the helper
   * worker one batch ahead (null where the noise is made on the GPU): whether the helper pays.
   */
  engineInThreadNoiseSamplesPerSecond: number | null;
  /** The engine's full batch on this backend. */
  batchSize: number;
}

async function naive(model: tfl.LayersModel, x: Float32Array, sigma: number, num: number): Promise<number[]> {
  const counts = new Array<number>(10).fill(0);
  const base = tf.tensor4d(x, [1, 28, 28, 1]);
  for (let i = 0; i < num; i += 100) {
    const size = Math.min(100, num - i);
    const pred = tf.tidy(() => {
      const noisy = tf.add(base, tf.randomNormal([size, 28, 28, 1], 0, sigma));
      return tf.argMax(model.predict(noisy) as tf.Tensor, 1);
    });
    const p = pred.dataSync();
    pred.dispose();
    for (const c of p) counts[c]!++;
  }
  base.dispose();
  return counts;
}

async function time(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return (performance.now() - t0) / 1000;
}

async function main() {
  const out = document.getElementById('out')!;
  const params = new URLSearchParams(location.search);
  const forced = params.get('backend') as BackendName | null;
  if (forced === 'wasm' && params.get('threads') === '0') {
    // wasm with SIMD alone on an isolated page, to compare with threads in the same run: TF.js picks
    // its threaded build from this flag, which must be set before the backend starts.
    await import('@tensorflow/tfjs-backend-wasm');
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  }
  const threadCap = Number(params.get('wasmThreads') ?? 0);
  // At most this many XNNPACK threads (set before the backend starts), e.g. to match PyTorch's.
  if (forced === 'wasm' && threadCap > 0)
    (await import('@tensorflow/tfjs-backend-wasm')).setThreadsCount(threadCap);
  const report = await startBackend(forced ? [forced] : undefined);
  const features = report.backend === 'wasm' ? await wasmFeatures() : undefined;
  const wasmThreads =
    report.backend === 'wasm' ? (await import('@tensorflow/tfjs-backend-wasm')).getThreadsCount() : undefined;
  const digits = decodeDigits(new Uint8Array(await (await fetch('./data/mnist-test.bin')).arrayBuffer()));
  const x = digitAsFloats(digits, 0);
  const rows: Row[] = [];
  if (params.get('counters')) {
    const { gpuCounters } = await import('./counters');
    const counters: Record<string, unknown> = {};
    for (const id of ['cnn-0.25', 'mlp-0.25']) {
      const model = await fetchModel(findModel(id)!, './');
      counters[id] = await gpuCounters(model, id, x, Number(params.get('samples') ?? 10_000));
      model.dispose();
    }
    (window as unknown as { __bench: unknown }).__bench = { counters, backend: report.backend };
    out.textContent = JSON.stringify(counters, null, 2);
    return;
  }
  if (params.get('peak')) {
    const { measurePeak } = await import('./peak');
    const peak = await measurePeak(x, params.get('quick') === '1');
    const result = { peak, backend: report.backend, wasmFeatures: features, wasmThreads };
    out.textContent = JSON.stringify(result, null, 2);
    (window as unknown as { __bench: unknown }).__bench = result;
    return;
  }
  if (params.get('profile')) {
    const { profileBatch } = await import('./profile');
    const prof: Record<string, unknown> = {};
    for (const [id, sizes] of [
      ['cnn-0.25', [16, 100, 250, 500]],
      ['mlp-0.25', [32, 250, 1000, 2000]],
    ] as const) {
      const model = await fetchModel(findModel(id)!, './');
      for (const size of sizes) prof[`${id} x${size}`] = await profileBatch(model, x, size);
      model.dispose();
    }
    out.textContent = JSON.stringify(prof, null, 2);
    (window as unknown as { __bench: unknown }).__bench = { profile: prof, backend: report.backend };
    return;
  }
  for (const [id, samples] of [
    ['cnn-0.25', Number(params.get('cnn') ?? 2000)],
    ['mlp-0.25', Number(params.get('mlp') ?? 10000)],
  ] as const) {
    if (samples === 0) continue; // this model not asked for
    const card = findModel(id)!;
    const model = await fetchModel(card, './');
    // The engine's own options on this backend (batch shapes, the noise helper worker off WebGL).
    const warm = samplerOptions(id, x, 0.25, 1);
    // Warm up both paths (shader compilation, texture allocation, the helper worker's start).
    await modelVoteSampler(model, warm)(warm.batchSize * 2, 'estimation');
    await naive(model, x, 0.25, 100);
    // As the app runs it: yielding to the event loop between batches (new requests, cancels).
    const engine = await time(() =>
      modelVoteSampler(model, { ...samplerOptions(id, x, 0.25, 2), yieldBetweenBatches: true })(
        samples,
        'estimation',
      ),
    );
    const slow = await time(() => naive(model, x, 0.25, samples));
    const opts = samplerOptions(id, x, 0.25, 3);
    const inThread = opts.noise
      ? await time(() =>
          modelVoteSampler(model, { ...opts, noise: inThreadNoise, yieldBetweenBatches: true })(
            samples,
            'estimation',
          ),
        )
      : null;
    rows.push({
      model: id,
      samples,
      batchSize: opts.batchSize,
      engineSamplesPerSecond: samples / engine,
      naiveSamplesPerSecond: samples / slow,
      ratio: slow / engine,
      engineInThreadNoiseSamplesPerSecond: inThread ? samples / inThread : null,
    });
    model.dispose();
  }
  const result = {
    backend: report.backend,
    wasmFeatures: features,
    wasmThreads,
    crossOriginIsolated: self.crossOriginIsolated,
    userAgent: navigator.userAgent,
    rows,
    numTensors: tf.memory().numTensors,
  };
  out.textContent = JSON.stringify(result, null, 2);
  (window as unknown as { __bench: unknown }).__bench = result;
}

main().catch((e: unknown) => {
  document.getElementById('out')!.textContent = `failed: ${(e as Error).message}`;
  (window as unknown as { __bench: unknown }).__bench = { error: (e as Error).message };
});
