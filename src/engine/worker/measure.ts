/**
 * Choosing the backend by measurement: no backend is fastest everywhere (a software WebGL is many
 * times slower than wasm for the CNN, a real GPU the reverse), so the engine times the selected
 * model on each backend that starts and keeps the fastest.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { fetchModel, findModel } from '../../models/registry';
import type { BackendFailure, BackendName, BackendReport } from '../protocol';
import { startBackend, wasmFeatures } from './backend';
import { MEASURE_BATCH, samplerOptions } from './batching';
import { countBatch } from './votes';
import { errorMessage } from '../../tasks/errorMessage';

/** Starts `first`, else the others of `order` in turn (the usual fallback). */
export function startPreferring(
  first: BackendName,
  order: readonly BackendName[],
  unavailable: readonly BackendFailure[],
): Promise<BackendReport> {
  return startBackend([first, ...order.filter((b) => b !== first)], unavailable);
}

/** Adds what the wasm backend runs with (SIMD, threads) when it is the one in use. */
export async function withFeatures(report: BackendReport): Promise<BackendReport> {
  return report.backend === 'wasm' ? { ...report, wasmFeatures: await wasmFeatures() } : report;
}

/**
 * Times one small batch of the model on every backend of `order` that starts (cpu is never
 * faster than wasm, so it is only a fallback), with the engine's own path (noise, forward pass,
 * count and read-back), after one warm-up batch of the same shape (shader compilation, memory),
 * and keeps the fastest. The winner's model stays loaded (returned with the report); the others'
 * weights are freed.
 */
export async function measureBackends(
  order: readonly BackendName[],
  unavailable: readonly BackendFailure[],
  modelId: string,
  baseUrl: string,
): Promise<{ report: BackendReport; model?: tfl.LayersModel }> {
  const card = findModel(modelId);
  const candidates = order.filter((b) => b !== 'cpu');
  if (!card || candidates.length < 2) return { report: await startBackend(order, unavailable) };
  const failures: BackendFailure[] = [...unavailable];
  const skip = new Set(unavailable.map((f) => f.backend));
  const timings: Partial<Record<BackendName, number>> = {};
  const loaded = new Map<BackendName, tfl.LayersModel>();
  const size = MEASURE_BATCH[card.architecture] ?? 32;
  const x = new Float32Array(28 * 28).fill(0.5);
  for (const name of candidates) {
    if (skip.has(name)) continue;
    try {
      await startBackend([name]);
      const model = await fetchModel(card, baseUrl);
      loaded.set(name, model);
      const o = { ...samplerOptions(modelId, x, 0.25, 0), padTo: size };
      await countBatch(model, o, 'selection', 0, size); // warm-up: compile, allocate
      let best = Infinity; // the faster of two timed batches: less sensitive to a busy moment
      for (let k = 1; k <= 2; k++) {
        const t0 = performance.now();
        await countBatch(model, o, 'selection', k * size, size);
        best = Math.min(best, performance.now() - t0);
      }
      timings[name] = size / (Math.max(best, 0.01) / 1000);
    } catch (e) {
      failures.push({ backend: name, reason: errorMessage(e) });
    }
  }
  const ranked = (Object.entries(timings) as [BackendName, number][]).sort((a, b) => b[1] - a[1]);
  const best = ranked[0]?.[0];
  for (const [name, m] of loaded) {
    if (name !== best) {
      await tf.setBackend(name);
      m.dispose();
    }
  }
  if (!best) {
    // Nothing could run the model: the usual fallback (cpu included) reports why.
    return { report: await startBackend(order, failures) };
  }
  await tf.setBackend(best);
  return {
    report: {
      backend: best,
      preferred: order[0] ?? best,
      // Backends that could not start or run the model; the rivals that ran are in `timings`.
      failures,
      how: 'measured',
      timings,
      family: card.architecture,
    },
    model: loaded.get(best)!,
  };
}
