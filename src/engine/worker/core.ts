/**
 * The engine proper, independent of where it runs (worker.ts, or the page's main thread where no
 * worker can run). It answers each request of the protocol (../protocol.ts) with progress events
 * and one result or error for its id, stops a cancelled request between two batches and sends
 * nothing more for it, and keeps the backend: started, measured, moved on request, and moved off
 * a lost WebGL context. `post` sends events to the page.
 */
import type * as tfl from '@tensorflow/tfjs-layers';
import { loadModelFromBytes } from '../../models/load';
import { fetchModel, findModel } from '../../models/registry';
import type {
  BackendFailure,
  BackendName,
  BackendReport,
  EngineOp,
  FromEngine,
  InitOp,
  OpKind,
  ReceivedRequest,
  ResultOf,
  ToEngine,
} from '../protocol';
import { RECEIVED_KEPT } from '../protocol';
import { BACKEND_ORDER, startBackend } from './backend';
import { setGivenArchitecture } from './batching';
import { WebglContextGuard } from './context';
import { trackDownload } from './downloads';
import { Recovery } from './recovery';
import { sendEventsTo } from './toPage';
import { isAbort, runAttack, runCertify, runCertifySet, type JobScope } from './jobs';
import { measureBackends, startPreferring, withFeatures } from './measure';
import { runTestOp } from './testOps';
import { errorMessage } from '../../tasks/errorMessage';

type JobKind = 'certify' | 'certify-set' | 'attack';

function newEngineId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export class EngineCore {
  /** Requests received and not yet answered; a cancel naming any other id is ignored. */
  private open = new Set<number>();
  /** Open requests the page cancelled: they stop between two batches and send nothing more. */
  private cancelled = new Set<number>();
  private baseUrl = './';
  /** Whether the page asked for the test-only ops (TestOp). */
  private testOps = false;
  private models = new Map<string, Promise<tfl.LayersModel>>();
  /** Models given as bytes (load-model), kept so they can be built again on another backend. */
  private given = new Map<string, { modelJson: string; weights: ArrayBuffer }>();
  private guard = new WebglContextGuard();
  /** One move off a lost WebGL context at a time, shared by the jobs that met it (recovery.ts). */
  private readonly recovery = new Recovery(
    () => this.guard.isLost(),
    () => this.moveOffLostContext(),
  );
  /** The start-up order and the backends the page knows are missing (for a later measurement). */
  private order: readonly BackendName[] = BACKEND_ORDER;
  private unavailable: readonly BackendFailure[] = [];
  /** Settles when no backend change is under way; requests wait on it before touching the backend. */
  private gate: Promise<void> = Promise.resolve();
  /** Requests (certify, certify-set, attack) running now. */
  private active = 0;
  /** This engine's id (engine-info): pages that see the same id share one engine. */
  readonly engineId = newEngineId();
  /** The last RECEIVED_KEPT requests received, oldest first (engine-info). */
  readonly received: ReceivedRequest[] = [];

  constructor(private readonly post: (e: FromEngine) => void) {
    sendEventsTo(post);
  }

  /** Requests received and not yet answered or stopped. */
  get running(): number {
    return this.open.size;
  }

  handle(msg: ToEngine): Promise<void> {
    switch (msg.type) {
      case 'cancel':
        if (this.open.has(msg.id)) this.cancelled.add(msg.id);
        return Promise.resolve();
      case 'test': {
        const { op } = msg;
        return this.answer(msg.id, async () => {
          if (!this.testOps) throw new Error(`the test op "${op.kind}" is off on this page`);
          if (op.kind === 'engine-info')
            return {
              engineId: this.engineId,
              shared: false,
              clients: 1,
              running: this.running - 1,
              received: [...this.received],
            };
          return runTestOp(op, this.guard);
        });
      }
      case 'request':
        return this.request(msg.id, msg.op);
    }
  }

  private request(id: number, op: EngineOp): Promise<void> {
    this.received.push({ kind: op.kind, n: 'n' in op ? op.n : null });
    if (this.received.length > RECEIVED_KEPT) this.received.shift();
    switch (op.kind) {
      case 'init':
        this.testOps = op.testOps;
        // Requests that arrive while the backend starts (a checkpoint's certify-set can come before
        // the page has seen the backend) wait on the gate, so none runs before a backend exists.
        return this.answer(id, () => this.backendStep(() => this.init(op)));
      case 'measure':
        return this.answer(id, () =>
          this.backendStep(async () => {
            await this.untilIdle();
            this.disposeModels();
            const m = await measureBackends(this.order, this.unavailable, op.modelId, this.baseUrl);
            if (m.model) this.models.set(op.modelId, Promise.resolve(m.model));
            return m.report;
          }),
        );
      case 'use-backend':
        // The student (the badge's button) or the URL asked for another backend: move, reload
        // models. After any backend change under way, and once no request runs.
        return this.answer(id, () =>
          this.backendStep(async () => {
            await this.untilIdle();
            this.disposeModels();
            const report = await startPreferring(op.backend, BACKEND_ORDER, []);
            report.how = report.backend === op.backend ? 'forced' : 'fallback';
            return report;
          }),
        );
      case 'certify':
        return this.answer(id, () => this.track(() => runCertify(op, this.scope<'certify'>(id))));
      case 'attack':
        return this.answer(id, () => this.track(() => runAttack(op, this.scope<'attack'>(id))));
      case 'certify-set':
        return this.answer(id, () => this.track(() => runCertifySet(op, this.scope<'certify-set'>(id))));
      case 'load-model':
      case 'unload-model':
        // Recorded at once (before any later request is handled); built on first use.
        this.forget(op.modelId);
        if (op.kind === 'load-model') {
          this.given.set(op.modelId, { modelJson: op.modelJson, weights: op.weights });
          setGivenArchitecture(op.modelId, op.architecture);
        }
        return this.answer(id, () => Promise.resolve(null));
    }
  }

  /**
   * Runs one request and answers its id with the result or the error; a cancelled request (or one
   * that stopped with an AbortError) is answered with nothing.
   */
  private async answer<K extends OpKind>(id: number, run: () => Promise<ResultOf<K>>): Promise<void> {
    this.open.add(id);
    try {
      const data = await run();
      this.emit({ type: 'result', id, data });
    } catch (e) {
      if (!isAbort(e)) this.emit({ type: 'error', id, message: errorMessage(e) });
    } finally {
      this.open.delete(id);
      this.cancelled.delete(id);
    }
  }

  /** Posts an event unless it answers a cancelled request. */
  private emit(e: FromEngine): void {
    if ('id' in e && this.cancelled.has(e.id)) return;
    this.post(e);
  }

  private scope<K extends JobKind>(id: number): JobScope<K> {
    return {
      model: (m) => this.model(m),
      guard: this.guard,
      cancelled: () => this.cancelled.has(id),
      progress: (data) => this.emit({ type: 'progress', id, data }),
      recover: this.recovery.forJob(),
    };
  }

  /** The first backend: the one the page chose (or wasm at once, to be measured later), with fallback. */
  private async init(op: InitOp): Promise<BackendReport> {
    this.baseUrl = op.baseUrl;
    this.order = op.order;
    this.unavailable = op.unavailable;
    const { choice } = op;
    if (choice.how === 'measure') {
      // A first visit starts on wasm (quick to start, never slow), times the rest later.
      return { ...(await startPreferring('wasm', op.order, op.unavailable)), how: 'provisional' };
    }
    const report = await startPreferring(choice.backend, op.order, op.unavailable);
    if (choice.how === 'remembered') {
      report.timings = choice.timings;
      report.family = choice.family;
    }
    report.how = report.backend === choice.backend ? choice.how : 'fallback';
    return report;
  }

  /**
   * A backend change (start, measure, move), after any one under way; requests wait for it. The
   * report says what runs now (with wasm's features); the new context, if WebGL, is watched.
   */
  private backendStep(step: () => Promise<BackendReport>): Promise<BackendReport> {
    const done = this.gate.then(async () => {
      const report = await step();
      this.guard.watch();
      return withFeatures(report);
    });
    this.gate = done.then(
      () => undefined,
      () => undefined,
    );
    return done;
  }

  /** Resolves once no request is running (checked every 20 ms). */
  private async untilIdle(): Promise<void> {
    while (this.active > 0) await new Promise((r) => setTimeout(r, 20));
  }

  /** Runs a request after any backend change under way, counting it as active. */
  private async track<T>(run: () => Promise<T>): Promise<T> {
    await this.gate;
    this.active++;
    try {
      return await run();
    } finally {
      this.active--;
    }
  }

  /** Forgets the loaded models (their weights live on the backend being left) and frees them. */
  private disposeModels(): void {
    for (const p of this.models.values()) p.then((m) => m.dispose()).catch(() => undefined);
    this.models.clear();
  }

  /**
   * When the WebGL context is gone (GPU reset, driver crash, the browser reclaiming memory), the
   * models' weights went with it: move to wasm (else cpu), reload, and say so with a `backend`
   * event (no request asked for it). True if it moved.
   */
  private async moveOffLostContext(): Promise<boolean> {
    this.guard.reset();
    this.models.clear();
    try {
      const started = await startBackend(
        ['wasm', 'cpu'],
        [{ backend: 'webgl', reason: 'the WebGL context was lost' }],
      );
      // WebGL was the backend in use: the notice names it, not the first fallback tried.
      const report: BackendReport = { ...started, preferred: 'webgl', how: 'fallback' };
      this.post({ type: 'backend', state: { status: 'ready', report: await withFeatures(report) } });
      return true;
    } catch (e) {
      this.post({ type: 'backend', state: { status: 'failed', message: errorMessage(e) } });
      return false;
    }
  }

  /** Forgets a model given as bytes and frees its weights (a request using it now keeps its copy). */
  private forget(id: string): void {
    if (findModel(id)) return;
    this.given.delete(id);
    setGivenArchitecture(id, null);
    const p = this.models.get(id);
    this.models.delete(id);
    // Freed once no request is running: a certify-set in flight may still be using it.
    if (p) void this.untilIdle().then(() => p.then((m) => m.dispose()).catch(() => undefined));
  }

  private model(id: string): Promise<tfl.LayersModel> {
    let p = this.models.get(id);
    if (!p) {
      const card = findModel(id);
      const given = this.given.get(id);
      p = card
        ? fetchModel(card, this.baseUrl, trackDownload)
        : given
          ? loadModelFromBytes(given.modelJson, given.weights, `your model ${id}`)
          : Promise.reject(new Error(`unknown model "${id}"`));
      p.catch(() => this.models.delete(id));
      this.models.set(id, p);
    }
    return p;
  }
}
