/**
 * The page's handle on the engine (where it runs, a worker or this thread: place.ts). One way to
 * talk to it: `request(op)` gives the request an id and returns its events, its result and a
 * cancel; every event is routed by that id, and one for an id no longer open is dropped, so a stale
 * answer never reaches a newer request's consumer. A worker that dies is replaced and its requests
 * carried on (watchdog.ts). See docs/architecture/engine.md, "The engine's protocol".
 */
import type {
  BackendName,
  BackendReport,
  BackendState,
  EngineOp,
  FromEngine,
  InitChoice,
  InitOp,
  OpKind,
  ProgressOf,
  ResultOf,
  TestOp,
  ToEngine,
} from '../protocol';
import { dedicatedEngineWorker } from './engineWorkers';
import { EnginePlace } from './place';
import { cancelledError, engineNotice, noiseHelperNotice, pageHasWebgl, showDownload } from './engineStatus';
import {
  allowedSilence,
  noProgress,
  noteProgress,
  restartBackend,
  restartNotice,
  restartReport,
  resumeMessage,
  type DeathCause,
  type JobProgress,
} from './watchdog';
import type { EngineClientOptions, EngineRequest } from './clientTypes';

export type { WorkerLike } from './engineWorkers';
export type { EngineFactory } from './place';
export type { EngineClientOptions, EngineRequest } from './clientTypes';
export { cancelledError, engineNotice, isCancelled, pageHasWebgl, WORKER_SILENCE_MS } from './engineStatus';

/** Ops whose newer request cancels the older one still open: one lab certificate, one attack. */
const ONE_AT_A_TIME: ReadonlySet<OpKind> = new Set(['certify', 'attack']);
/** Ops that change the backend: their outcome also goes to onBackend, and they cannot be cancelled. */
const BACKEND_OPS: ReadonlySet<OpKind> = new Set(['init', 'use-backend', 'measure']);
/** The engine's jobs: the work the watchdog watches and a fresh engine carries on. */
const JOBS: ReadonlySet<OpKind> = new Set(['certify', 'certify-set', 'attack']);

interface Open {
  kind: OpKind;
  message: ToEngine;
  listeners: Set<(p: never) => void>;
  /** Progress that came before anyone subscribed. */
  early: unknown[];
  resolve: (r: never) => void;
  reject: (e: Error) => void;
  /** What the page saw of its progress (a fresh engine carries it on from there). */
  progress: JobProgress;
  /** The init of an engine started after a death: its report is shown against this one (restartReport). */
  restartOf?: BackendReport;
}

export class EngineClient {
  private nextId = 0;
  private open = new Map<number, Open>();
  /** Where the engine runs (the test hooks reach its worker through it). */
  readonly place: EnginePlace;
  private readonly onBackend: (state: BackendState) => void;
  private readonly hasWebgl: () => boolean;
  private readonly testOps: boolean;
  private readonly givenModel: NonNullable<EngineClientOptions['givenModel']>;
  /** The load-model message of each model given to the engine in use, to give again to a fallback engine. */
  private given = new Map<string, ToEngine>();
  /** The first init sent, the backend in use, and how often a worker engine has died. */
  private initOp: InitOp | null = null;
  private report: BackendReport | null = null;
  private deaths = 0;
  /** Models that have given counts on the backend in use (their programs are built). */
  private warm = new Set<string>();
  /** The engine announced a long synchronous step and has sent nothing since (watchdog.ts). */
  private slowStep = false;

  constructor(o: EngineClientOptions) {
    this.givenModel = o.givenModel ?? (() => undefined);
    this.onBackend = o.onBackend;
    this.hasWebgl = o.pageHasWebgl ?? pageHasWebgl;
    this.testOps = o.testOps ?? false;
    this.place = new EnginePlace(
      [...(o.workers ?? [o.worker ?? dedicatedEngineWorker])],
      o.mainThread ?? (() => import('../worker/core').then((m) => m.EngineCore)),
      o.restartWorker,
      {
        receive: (e) => this.receive(e),
        pending: () => this.pending(),
        deadline: () => this.deadline(),
        died: (cause) => this.died(cause),
        fail: (id, message) => {
          const entry = this.open.get(id);
          if (!entry) return;
          this.open.delete(id);
          entry.reject(new Error(message));
        },
        failed: (message) => this.onBackend({ status: 'failed', message }),
      },
    );
  }

  /** Where the engine runs: a SharedWorker shared with the page's other frames, a worker of its own, or this thread. */
  get mode(): EnginePlace['mode'] {
    return this.place.mode;
  }

  /** Sends an op to the engine; see EngineRequest. An abort of `signal` cancels it, as `cancel` does. */
  request<K extends EngineOp['kind']>(
    op: Extract<EngineOp, { kind: K }>,
    { signal }: { signal?: AbortSignal } = {},
  ): EngineRequest<K> {
    if ('modelId' in op && op.kind !== 'load-model' && op.kind !== 'unload-model') this.give(op.modelId);
    if (ONE_AT_A_TIME.has(op.kind)) {
      for (const o of this.open.values()) if (o.kind === op.kind) this.cancel(o);
    }
    if (op.kind === 'init') this.initOp ??= op as InitOp; // a fresh engine after a death starts the same way
    const id = ++this.nextId;
    return this.start(id, op.kind, { type: 'request', id, op }, signal);
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
    // The page's WebGL probe costs 80 to 600 ms of its thread on software WebGL (each embedded frame
    // pays it): asked only where WebGL may be started or timed, not for a forced or remembered wasm
    // or cpu (were that to fail, the worker finds out about WebGL by trying it).
    const mayUseWebgl = choice.how === 'measure' || choice.backend === 'webgl';
    const unavailable =
      !mayUseWebgl || this.hasWebgl()
        ? []
        : [{ backend: 'webgl' as const, reason: 'this browser gives the page no WebGL context' }];
    const baseUrl = new URL('./', document.baseURI).href;
    const op: InitOp = { kind: 'init', order, unavailable, baseUrl, choice, testOps: this.testOps };
    return this.request<'init'>(op);
  }

  /** Registers and sends a request (not at all when `signal` has aborted already: it is cancelled). */
  private start<K extends OpKind>(id: number, kind: K, message: ToEngine, signal?: AbortSignal) {
    const { entry, result } = this.register(id, kind, message);
    const cancel = () => {
      if (this.open.get(id) === entry) this.cancel(entry);
    };
    if (signal?.aborted && !BACKEND_OPS.has(kind)) {
      this.open.delete(id);
      entry.reject(cancelledError());
    } else {
      this.place.deliver(message);
      signal?.addEventListener('abort', cancel, { once: true });
      const off = () => signal?.removeEventListener('abort', cancel);
      if (signal) void result.then(off, off);
    }
    const events = (listener: (progress: ProgressOf<K>) => void) => {
      entry.listeners.add(listener as (p: never) => void);
      for (const p of entry.early.splice(0)) listener(p as ProgressOf<K>);
      return () => entry.listeners.delete(listener as (p: never) => void);
    };
    return { result, events, cancel } satisfies EngineRequest<K>;
  }

  /** Records a request as open (not yet sent). */
  private register<K extends OpKind>(id: number, kind: K, message: ToEngine, restartOf?: BackendReport) {
    let entry!: Open;
    const result = new Promise<ResultOf<K>>((resolve, reject) => {
      const [listeners, early, progress] = [new Set<(p: never) => void>(), [], noProgress()];
      entry = { kind, message, listeners, early, resolve: resolve as never, reject, progress, restartOf };
    });
    result.catch(() => undefined); // a consumer that only listens to events leaves it unobserved
    this.open.set(id, entry);
    return { entry, result };
  }

  private cancel(o: Open): void {
    if (BACKEND_OPS.has(o.kind)) return;
    this.open.delete(o.message.id);
    this.place.deliver({ type: 'cancel', id: o.message.id });
    o.reject(cancelledError());
  }

  /** Routes one event from the engine to the request it answers; drops it if that is not open. */
  private receive(e: FromEngine): void {
    // Any message ends an announced long step (the engine's thread turned); `slow` begins one.
    this.slowStep = e.type === 'alive' && e.slow !== undefined;
    if (e.type === 'alive') return; // the heartbeat: heard already
    if (e.type === 'downloading') return showDownload(e);
    if (e.type === 'noise-helper') return engineNotice.set(noiseHelperNotice(e));
    if (e.type === 'backend') {
      this.backendIs(e.state);
      return;
    }
    const o = this.open.get(e.id);
    if (!o) return; // stale: finished, cancelled, or never sent
    if (e.type === 'progress') {
      noteProgress(o.progress, o.kind, e.data);
      const op = o.message.type === 'request' ? o.message.op : null;
      if (op && 'modelId' in op) this.warm.add(op.modelId);
      if (o.listeners.size === 0) o.early.push(e.data);
      for (const l of o.listeners) l(e.data as never);
      return;
    }
    if (e.type === 'result' && o.kind === 'init' && this.workerLacksWebgl(e.data as ResultOf<'init'>)) {
      // The worker could not host WebGL (no OffscreenCanvas WebGL here) but the page can: run the
      // engine on the main thread instead, where the GPU is available; what is open is sent again.
      this.place.toMainThread();
      return;
    }
    this.open.delete(e.id);
    if (e.type === 'result') {
      if (BACKEND_OPS.has(o.kind)) {
        const report = e.data as ResultOf<'init'>;
        this.backendIs({
          status: 'ready',
          report: o.restartOf ? restartReport(o.restartOf, report) : report,
        });
      }
      o.resolve(e.data as never);
    } else {
      if (BACKEND_OPS.has(o.kind)) this.backendIs({ status: 'failed', message: e.message });
      o.reject(new Error(e.message));
    }
  }

  /** The backend changed (or could not start): models must be built again before counts come. */
  private backendIs(state: BackendState): void {
    this.report = state.status === 'ready' ? state.report : null;
    this.warm.clear();
    this.onBackend(state);
  }

  /** How long the worker may be silent now (watchdog.ts). */
  private deadline(): number | null {
    const open = [...this.open.values()];
    const modelOf = (o: Open) =>
      o.message.type === 'request' && 'modelId' in o.message.op ? o.message.op.modelId : '';
    return allowedSilence(
      open.some((o) => BACKEND_OPS.has(o.kind)),
      open.filter((o) => JOBS.has(o.kind)).map((o) => o.progress.started || this.warm.has(modelOf(o))),
      this.slowStep,
    );
  }

  /**
   * The worker died or hangs (watchdog.ts), or one of its messages could not be read (`cause`),
   * and a fresh engine takes over: it is sent an init for the same backend (the next after a
   * second death), the models given by bytes, then each open request, carried on from the
   * progress seen; test ops fail (they asked the engine that died). Says so in one line.
   */
  private died(cause: DeathCause): void {
    this.deaths++;
    this.warm.clear();
    this.slowStep = false;
    const notes: string[] = [];
    for (const o of [...this.open.values()]) {
      if (o.message.type === 'test') {
        this.open.delete(o.message.id);
        o.reject(new Error('the engine that was asked stopped answering'));
        continue;
      }
      const carried = resumeMessage(o.message, o.progress);
      o.message = carried.message;
      o.progress.started = false; // its counts stay: the fresh engine goes on from them, once its model is built
      notes.push(carried.note);
    }
    const before = this.report;
    const backend = before ? restartBackend(before.backend, this.deaths) : null;
    if (this.initOp && before && backend) {
      const id = ++this.nextId;
      const op: InitOp = { ...this.initOp, choice: { how: 'forced', backend } };
      this.register(id, 'init', { type: 'request', id, op }, before); // sent first (pending())
    }
    engineNotice.set(restartNotice(backend ?? before?.backend ?? 'wasm', this.deaths, notes, cause));
  }

  private workerLacksWebgl(report: ResultOf<'init'>): boolean {
    return (
      this.place.mode !== 'main-thread' &&
      report.failures.some((f) => f.backend === 'webgl') &&
      this.hasWebgl()
    );
  }

  /**
   * What a fallback or fresh engine is sent: the models given by bytes, then an open init (the
   * requests wait for its backend), then what else is open, in order.
   */
  private pending(): ToEngine[] {
    const given = [...this.given.values()];
    const open = [...this.open.values()].filter((o) => !given.includes(o.message));
    const inits = open.filter((o) => o.kind === 'init').map((o) => o.message);
    return [...given, ...inits, ...open.filter((o) => o.kind !== 'init').map((o) => o.message)];
  }
}
