/// <reference lib="webworker" />
/**
 * The engine's helper worker: makes the next batch's noisy rows (fillNoisyRows) while the engine
 * runs the current batch's forward pass on another core. Answers each request with its id and the
 * rows, transferred (not copied).
 */
import { fillNoisyRows, type NoisyRowsRequest } from './noisyRows';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (ev: MessageEvent<NoisyRowsRequest & { id: number }>) => {
  const r = ev.data;
  const out = fillNoisyRows(new Float32Array(r.rows * r.x.length), r);
  scope.postMessage({ id: r.id, rows: out }, [out.buffer]);
};
