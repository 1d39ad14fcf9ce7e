/** The engine client's public shapes: a request in flight, and the client's options. */
import type { BackendState, LoadModelOp, OpKind, ProgressOf, ResultOf } from '../protocol';
import type { WorkerLike } from './engineWorkers';
import type { EngineFactory } from './place';

/** A request in flight. */
export interface EngineRequest<K extends OpKind> {
  /** Subscribes to its progress events (earlier ones are replayed first); returns the unsubscribe. */
  events: (listener: (progress: ProgressOf<K>) => void) => () => void;
  /** Its result; rejects with the engine's message, or with an AbortError once cancelled. */
  result: Promise<ResultOf<K>>;
  /**
   * Stops it (the engine stops between two batches) and drops anything still to come for it.
   * A backend change (init, use-backend, measure) cannot be taken back: its cancel does nothing.
   */
  cancel: () => void;
}

export interface EngineClientOptions {
  /** The backend started, moved (on request, or by itself off a lost context), or none could. */
  onBackend: (state: BackendState) => void;
  /** Makes the engine's worker; null (or a throw) where none can run. */
  worker?: () => WorkerLike | null;
  /**
   * The workers to try, in order (instead of `worker`): one that cannot be made, or whose script
   * fails before it answers, gives way to the next (the shared engine to a dedicated worker); after
   * the last, the main thread.
   */
  workers?: (() => WorkerLike | null)[];
  /**
   * Loads the engine for the main thread, the fallback. By default the worker's own EngineCore,
   * imported on demand (the one import of worker code by the page side: a page whose worker
   * works never downloads TF.js for its own thread).
   */
  mainThread?: () => Promise<EngineFactory>;
  /** Whether this page can create a WebGL context (a worker will not do better). */
  pageHasWebgl?: () => boolean;
  /** Whether the engine answers the test-only ops (testHooks.ts). */
  testOps?: boolean;
  /** Makes the fresh worker that replaces one that died (watchdog.ts); by default a dedicated one. */
  restartWorker?: () => WorkerLike | null;
  /**
   * The bytes of a model the student trained in this browser, by id ("user:..."), or undefined for
   * any other id. The client gives them to the engine (load-model) before the first request that
   * names the model.
   */
  givenModel?: (modelId: string) => Omit<LoadModelOp, 'kind' | 'modelId'> | undefined;
}
