/**
 * Where the engine gets noisy rows on backends that make noise in JavaScript (wasm, cpu): a helper
 * Web Worker when one can be started (the noise for batch k + 1 is made on another core while batch
 * k runs), else this thread. Both give the same rows, bit for bit (fillNoisyRows).
 */
import { fillNoisyRows, type NoisyRowsRequest } from './noisyRows';

/** Resolves to rows * dim noisy values (see fillNoisyRows). */
export type NoiseSource = (r: NoisyRowsRequest) => Promise<Float32Array>;

/** Makes the rows on this thread, at once. */
export const inThreadNoise: NoiseSource = (r) =>
  Promise.resolve(fillNoisyRows(new Float32Array(r.rows * r.x.length), r));

let helper: NoiseSource | null = null;

/**
 * The helper worker's source, started on first use; this thread's where workers are unavailable
 * (Node, an old browser) or the helper fails (its pending requests are then made here).
 */
export function helperNoise(): NoiseSource {
  if (helper) return helper;
  let worker: Worker | null;
  try {
    worker =
      typeof Worker === 'undefined'
        ? null
        : new Worker(new URL('./noiseWorker.ts', import.meta.url), {
            type: 'module',
            name: 'smoothing-noise',
          });
  } catch {
    worker = null;
  }
  if (!worker) return (helper = inThreadNoise);
  const w = worker;
  let nextId = 0;
  const waiting = new Map<number, { r: NoisyRowsRequest; resolve: (rows: Float32Array) => void }>();
  let broken = false;
  const fail = () => {
    broken = true;
    w.terminate();
    for (const { r, resolve } of waiting.values()) void inThreadNoise(r).then(resolve);
    waiting.clear();
  };
  w.onmessage = (ev: MessageEvent<{ id: number; rows: Float32Array }>) => {
    const p = waiting.get(ev.data.id);
    waiting.delete(ev.data.id);
    p?.resolve(ev.data.rows);
  };
  w.onerror = fail;
  w.onmessageerror = fail;
  helper = (r) => {
    if (broken) return inThreadNoise(r);
    return new Promise((resolve) => {
      const id = ++nextId;
      waiting.set(id, { r, resolve });
      w.postMessage({ id, ...r });
    });
  };
  return helper;
}
