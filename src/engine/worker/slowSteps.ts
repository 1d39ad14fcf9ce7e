/**
 * Tells the page's watchdog (client/watchdog.ts) that the engine's thread is about to be busy for
 * a while in one synchronous step, so that a long silence then is not taken for a death. The one
 * such step inside a running job: WebGL compiles a model's programs the first time it runs a batch
 * of a new shape, and on a software GPU under load that holds the thread for 5 to 15 s. The page
 * allows the long silence only until it next hears from the engine.
 */
import * as tf from '@tensorflow/tfjs-core';
import { toPage } from './toPage';

/** Announces one long synchronous step, named for the page (e.g. "compiling …"). */
export function slowStepAhead(what: string): void {
  toPage({ type: 'alive', slow: what });
}

/**
 * The vote sampler's `onNewShape` for the active backend: on WebGL a new batch shape compiles, so
 * it is announced; on wasm and cpu nothing compiles, and a silence keeps its short limit.
 */
export function newShapeAnnouncer(): ((rows: number) => void) | undefined {
  if (tf.getBackend() !== 'webgl') return undefined;
  return (rows) => slowStepAhead(`compiling the model's WebGL programs for batches of ${rows}`);
}
