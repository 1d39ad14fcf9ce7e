/**
 * TF.js on the page's own thread for the geometry view: the backend, training the 2D base classifiers
 * (./tfToy) and the PGD attacks of src/attacks on them. The view imports this module dynamically, so
 * TF.js stays out of the first load; the MNIST work keeps running in the engine's Web Worker. The 2D
 * networks are tiny, and every loop here awaits the GPU between small batches of work, so the page keeps
 * painting and taking input while they run.
 */
import * as tf from '@tensorflow/tfjs-core';
import { startBackend } from '../engine/worker/backend';
import { pageHasWebgl } from '../engine/client/client';

export { attackToy, smoothedRegionsTf, trainToyNet } from './tfToy';

let backend: Promise<string> | null = null;

/**
 * The TF.js backend of this thread: the one already active (the engine may run here when the page has
 * no worker), else the first of WebGL, wasm, cpu that starts and computes 1 + 2 correctly.
 */
export function pageBackend(): Promise<string> {
  backend ??= (async () => {
    const active = tf.engine().backendName as string | null;
    if (active) return active;
    const unavailable = pageHasWebgl()
      ? []
      : [{ backend: 'webgl' as const, reason: 'this browser gives the page no WebGL context' }];
    return (await startBackend(undefined, unavailable)).backend;
  })();
  return backend;
}
