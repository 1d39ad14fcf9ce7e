/**
 * The page's handle on the engine. Runs it in a module Web Worker; where a worker cannot be
 * created or its script cannot load, runs the same EngineCore on the main thread (it yields between
 * batches, so the page stays responsive). One way to talk to it: `request(op)` gives the request an
 * id and returns its events, its result and a cancel; every event the engine sends is routed by
 * that id, and one for an id no longer open (finished, cancelled, unknown) is dropped here, so a
 * stale answer can never reach a newer request's consumer. See docs/ARCHITECTURE.md, "The
 * engine's protocol".
 */
import type {
  BackendName,
  BackendState,
  EngineOp,
  FromEngine,
  InitChoice,
  InitOp,
  LoadModelOp,
  OpKind,
  ProgressOf,
  ResultOf,
  TestOp,
  ToEngine,
} from '../protocol';
import { dedicatedEngineWorker, type WorkerLike } from './engineWorkers';
import { cancelledError, engineNotice, pageHasWebgl, WORKER_SILENCE_MS } from './engineStatus';

export type { WorkerLike } from './engineWorkers';
export { cancelledError, engineNotice, isCancelled, pageHasWebgl, WORKER_SILENCE_MS } from './engineStatus';

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

/** An engine on this thread: EngineCore's shape, so this file needs none of its code. */
export type EngineFactory = new (post: (e: FromEngine) => void) => { handle(m: ToEngine): unknown };

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
  /**
   * The bytes of a model the student trained in this browser, by id ("user:..."), or undefined for
   * any other id. The client gives them to the engine (load-model) before the first request that
   * names the model.
   */
  givenModel?: (modelId: string) => Omit<LoadModelOp, 'kind' | 'modelId'> | undefined;
}

/** Ops whose newer request cancels the older one still open: one lab certificate, one attack. */
const ONE_AT_A_TIME: ReadonlySet<OpKind> = new Set(['certify', 'attack']);
/** Ops that change the backend: their outcome also goes to onBackend, and they cannot be cancelled. */
const BACKEND_OPS: ReadonlySet<OpKind> = new Set(['init', 'use-backend', 'measure']);

interface Open {
  kind: OpKind;
  message: ToEngine;
  listeners: Set<(p: never) => void>;
  /** Progress that came before anyone subscribed. */
  early: unknown[];
  resolve: (r: never) => void;
  reject: (e: Error) => void;
}

export class EngineClient {
  /** Where the engine runs: a SharedWorker shared with the page's other frames, a worker of its own, or this thread. */
  mode: 'shared-worker' | 'worker' | 'main-thread' = 'worker';
  /** The workers still to try, in order, should the one in use fail to start. */
  private candidates: (() => WorkerLike | null)[];
  private nextId = 0;
  private open = new Map<number, Open>();
  private worker: WorkerLike | null = null;
  /** Delivers a message to the engine in use (the worker, or the main-thread engine once loaded). */
  private deliver: (m: ToEngine) => void = () => undefined;
  private readonly onBackend: (state: BackendState) => void;
  private readonly mainThreadEngine: () => Promise<EngineFactory>;
  private readonly hasWebgl: () => boolean;
  private readonly testOps: boolean;
  private readonly givenModel: NonNullable<EngineClientOptions['givenModel']>;
  /** The load-model message of each model given to the engine in use, to give again to a fallback engine. */
  private given = new Map<string, ToEngine>();

  constructor(o: EngineClientOptions) {
    this.givenModel = o.givenModel ?? (() => undefined);
    this.onBackend = o.onBackend;
    this.mainThreadEngine = o.mainThread ?? (() => import('../worker/core').then((m) => m.EngineCore));
    this.hasWebgl = o.pageHasWebgl ?? pageHasWebgl;
    this.testOps = o.testOps ?? false;
    this.candidates = [...(o.workers ?? [o.worker ?? dedicatedEngineWorker])];
    if (!this.nextWorker()) this.useMainThread();
  }

  /** Starts the next worker that can be made (what is open is sent to it); false if none can. */
  private nextWorker(): boolean {
    for (let make = this.candidates.shift(); make; make = this.candidates.shift()) {
      let worker: WorkerLike | null;
      try {
        worker = make();
      } catch {
        worker = null; // e.g. no SharedWorker here, or the page may not make one
      }
      if (!worker) continue;
      this.useWorker(worker);
      for (const m of this.pending()) worker.postMessage(m);
      return true;
    }
    return false;
  }

  /** Sends an op to the engine; see EngineRequest. */
  request<K extends EngineOp['kind']>(op: Extract<EngineOp, { kind: K }>): EngineRequest<K> {
    if ('modelId' in op && op.kind !== 'load-model' && op.kind !== 'unload-model') this.give(op.modelId);
    if (ONE_AT_A_TIME.has(op.kind)) {
      for (const o of this.open.values()) if (o.kind === op.kind) this.cancel(o);
    }
    const id = ++this.nextId;
    return this.start(id, op.kind, { type: 'request', id, op });
  }

  /** Gives the engine a model trained in this browser, once, before the first request that names it. */
  private give(modelId: string): void {
    if (this.given.has(modelId)) return;
    const bytes = this.givenModel(modelId);
    if (!bytes) return;
    const id = ++this.nextId;
    const message: ToEngine = { type: 'request', id, op: { kind: 'load-model', modelId, ...bytes } };
    this.given.set(modelId, message);
    this.start(id, 'load-model', message);
  }

  /** Tells the engine to forget a model given by bytes (the student deleted it). */
  forgetModel(modelId: string): void {
    if (!this.given.delete(modelId)) return;
    this.request({ kind: 'unload-model', modelId });
  }

  /** Sends a test-only op; the engine answers it only when the client was made with testOps. */
  test<K extends TestOp['kind']>(op: Extract<TestOp, { kind: K }>): EngineRequest<K> {
    const id = ++this.nextId;
    return this.start(id, op.kind, { type: 'test', id, op });
  }

  /**
   * Starts the engine's backend: the one `choice` names (forced or remembered), falling back along
   * `order`, or wasm at once, to be measured later. The outcome goes to onBackend.
   */
  init(choice: InitChoice, order: BackendName[] = ['webgl', 'wasm', 'cpu']): EngineRequest<'init'> {
    const unavailable = this.hasWebgl()
      ? []
      : [{ backend: 'webgl' as const, reason: 'this browser gives the page no WebGL context' }];
    const baseUrl = new URL('./', document.baseURI).href;
    const op: InitOp = { kind: 'init', order, unavailable, baseUrl, choice, testOps: this.testOps };
    return this.request<'init'>(op);
  }

  private start<K extends OpKind>(id: number, kind: K, message: ToEngine): EngineRequest<K> {
    let entry!: Open;
    const result = new Promise<ResultOf<K>>((resolve, reject) => {
      entry = { kind, message, listeners: new Set(), early: [], resolve: resolve as never, reject };
    });
    result.catch(() => undefined); // a consumer that only listens to events leaves it unobserved
    this.open.set(id, entry);
    this.deliver(message);
    return {
      result,
      events: (listener) => {
        entry.listeners.add(listener as (p: never) => void);
        for (const p of entry.early.splice(0)) listener(p as ProgressOf<K>);
        return () => entry.listeners.delete(listener as (p: never) => void);
      },
      cancel: () => {
        if (this.open.get(id) === entry) this.cancel(entry);
      },
    };
  }

  private cancel(o: Open): void {
    if (BACKEND_OPS.has(o.kind)) return;
    this.open.delete(o.message.id);
    this.deliver({ type: 'cancel', id: o.message.id });
    o.reject(cancelledError());
  }

  /** Routes one event from the engine to the request it answers; drops it if that is not open. */
  private receive(e: FromEngine): void {
    if (e.type === 'backend') {
      this.onBackend(e.state);
      return;
    }
    const o = this.open.get(e.id);
    if (!o) return; // stale: finished, cancelled, or never sent
    if (e.type === 'progress') {
      if (o.listeners.size === 0) o.early.push(e.data);
      for (const l of o.listeners) l(e.data as never);
      return;
    }
    if (e.type === 'result' && o.kind === 'init' && this.workerLacksWebgl(e.data as ResultOf<'init'>)) {
      // The worker could not host WebGL (no OffscreenCanvas WebGL here) but the page can: run the
      // engine on the main thread instead, where the GPU is available; what is open is sent again.
      this.worker?.terminate();
      this.worker = null;
      this.useMainThread();
      return;
    }
    this.open.delete(e.id);
    if (e.type === 'result') {
      if (BACKEND_OPS.has(o.kind)) this.onBackend({ status: 'ready', report: e.data as ResultOf<'init'> });
      o.resolve(e.data as never);
    } else {
      if (BACKEND_OPS.has(o.kind)) this.onBackend({ status: 'failed', message: e.message });
      o.reject(new Error(e.message));
    }
  }

  private workerLacksWebgl(report: ResultOf<'init'>): boolean {
    return (
      this.mode !== 'main-thread' && report.failures.some((f) => f.backend === 'webgl') && this.hasWebgl()
    );
  }

  /** What a fallback engine is sent: the models given by bytes first, then what is open, in order. */
  private pending(): ToEngine[] {
    const given = [...this.given.values()];
    return [...given, ...[...this.open.values()].map((o) => o.message).filter((m) => !given.includes(m))];
  }

  private useWorker(w: WorkerLike): void {
    this.worker = w;
    this.mode = w.kind ?? 'worker';
    let heard = false;
    const silence = setTimeout(() => {
      if (!heard && this.worker === w)
        engineNotice.set(
          `The engine has not started after ${WORKER_SILENCE_MS / 1000} s: its worker script may be blocked or very slow to load. Reload the page to try again.`,
        );
    }, WORKER_SILENCE_MS);
    w.onmessage = (ev) => {
      if (this.worker !== w) return; // a worker left behind
      heard = true;
      clearTimeout(silence);
      if (engineNotice.message !== null) engineNotice.set(null);
      this.receive(ev.data);
    };
    // The worker's script (or a module it imports) could not be fetched or run: a 404, a blocked
    // request. Try the next worker (the shared engine gives way to a dedicated one, quietly), else
    // run the engine here, and say so; what is open is sent again.
    w.onerror = (ev) => {
      if (heard || this.worker !== w) return; // a later error inside a running engine is its own
      ev.preventDefault();
      clearTimeout(silence);
      w.terminate();
      this.worker = null;
      if (this.nextWorker()) return;
      const message = (ev as Partial<ErrorEvent>).message;
      const detail = message ? ` (${message})` : '';
      engineNotice.set(
        `The engine's worker script could not be loaded${detail}, so the engine runs on the page's main thread instead. Everything works; the page may respond more slowly during a run.`,
      );
      this.useMainThread();
    };
    this.deliver = (m) => w.postMessage(m);
  }

  /** Runs the engine on this thread (it yields between batches), then sends it what is open. */
  private useMainThread(): void {
    this.mode = 'main-thread';
    // The models given by bytes first, then what is open.
    const queue: ToEngine[] = this.pending();
    let engine: { handle(m: ToEngine): unknown } | null = null;
    this.deliver = (m) => {
      if (engine) void engine.handle(m);
      else queue.push(m);
    };
    this.mainThreadEngine().then(
      (Core) => {
        const core = new Core((e) => this.receive(e));
        engine = core;
        for (const m of queue.splice(0)) void core.handle(m);
      },
      (e: unknown) => {
        const message = `the engine's code could not be loaded (${e instanceof Error ? e.message : String(e)}); reload the page to try again.`;
        // Nothing can answer: what is open, and anything asked later, fails with that message.
        const fail = (m: ToEngine) => {
          const o = this.open.get(m.id);
          if (!o || m.type === 'cancel') return;
          this.open.delete(m.id);
          o.reject(new Error(message));
        };
        this.deliver = fail;
        for (const m of queue.splice(0)) fail(m);
        this.onBackend({ status: 'failed', message });
      },
    );
  }
}
