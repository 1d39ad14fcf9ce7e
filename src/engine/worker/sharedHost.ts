/**
 * One engine for several pages: the frames of one lab origin embedded in one lesson page connect
 * to the same SharedWorker (worker.ts), and this host lets them share its one EngineCore.
 *
 * - Ids: each frame numbers its requests from 1, so the host gives every request a fresh engine
 *   id and remembers (frame, the frame's id); the engine's events go back to that frame only, under
 *   the frame's own id. A frame's cancel names its own id and reaches only its own request.
 * - A frame that leaves (its `bye`, its Web Lock released, or its port closed) has its jobs
 *   cancelled and its ids forgotten; anything the engine still sends for them is dropped.
 * - The backend is one for all: the first `init` starts it, a later one is answered with the
 *   backend in use (or, if it forces another backend, moves it); the first `measure` times the
 *   backends, a later one gets that outcome. Every change of backend is told to the other frames
 *   with a `backend` event, as a change the engine made by itself would be.
 * - Models given as bytes (load-model) are kept while any frame still holds them.
 *
 * Pure logic over two small interfaces (a port, the engine), tested in Node (sharedHost.test.ts).
 */
import type {
  BackendReport,
  EngineOp,
  FromEngine,
  OpKind,
  ReceivedRequest,
  ToEngine,
  ToSharedEngine,
} from '../protocol';

/** The part of a MessagePort the host uses. */
export interface PortLike {
  postMessage(m: FromEngine): void;
  close(): void;
}

/** The part of EngineCore the host uses. */
export interface CoreLike {
  handle(m: ToEngine): unknown;
  readonly engineId: string;
  /** Requests received and not yet answered or stopped. */
  readonly running: number;
  /** The last requests received, oldest first (engine-info). */
  readonly received: readonly ReceivedRequest[];
}

/** One connected frame. */
export interface Frame {
  readonly port: PortLike;
  /** Its open requests: the frame's id to the engine's. */
  readonly open: Map<number, number>;
  /** The models it gave by bytes and has not withdrawn. */
  readonly given: Set<string>;
  gone: boolean;
}

interface Route {
  /** The frame that asked (null: asked by the host itself; its answer is dropped). */
  frame: Frame | null;
  localId: number;
  kind: OpKind;
}

const BACKEND_OPS: ReadonlySet<OpKind> = new Set(['init', 'use-backend', 'measure']);

export class SharedEngineHost {
  private readonly core: CoreLike;
  private readonly frames = new Set<Frame>();
  private readonly routes = new Map<number, Route>();
  private nextId = 0;
  /** The backend in use as last reported (null before the first init answers). */
  private report: BackendReport | null = null;
  private failed: string | null = null;
  private initSent = false;
  private measureSent = false;
  /** Backend changes under way, and the frames' backend ops waiting for their outcome. */
  private backendInFlight = 0;
  private waiting: { frame: Frame; localId: number }[] = [];

  /**
   * @param makeCore builds the engine with the host's router as its `post`
   * @param whenGone resolves once the frame holding the named Web Lock is gone
   */
  constructor(
    makeCore: (post: (e: FromEngine) => void) => CoreLike,
    private readonly whenGone: (lock: string) => Promise<void> = () => new Promise(() => undefined),
  ) {
    this.core = makeCore((e) => this.fromEngine(e));
  }

  /** The frames connected now. */
  get clients(): number {
    return this.frames.size;
  }

  /** The heartbeat, to every frame: each page's watchdog hears that the shared engine still turns. */
  alive(): void {
    for (const f of this.frames) f.port.postMessage({ type: 'alive' });
  }

  /** A frame connected (SharedWorkerGlobalScope's connect event). */
  connect(port: PortLike): Frame {
    const frame: Frame = { port, open: new Map(), given: new Set(), gone: false };
    this.frames.add(frame);
    return frame;
  }

  /** One message from a frame. */
  receive(frame: Frame, m: ToSharedEngine): void {
    if (frame.gone) return;
    switch (m.type) {
      case 'hello':
        void this.whenGone(m.lock).then(() => this.disconnect(frame));
        return;
      case 'bye':
        this.disconnect(frame);
        return;
      case 'cancel': {
        const id = frame.open.get(m.id);
        if (id === undefined) return; // finished, or never sent: nothing to stop
        frame.open.delete(m.id);
        this.routes.delete(id);
        this.core.handle({ type: 'cancel', id });
        return;
      }
      case 'test':
        if (m.op.kind === 'engine-info') {
          frame.port.postMessage({
            type: 'result',
            id: m.id,
            data: {
              engineId: this.core.engineId,
              shared: true,
              clients: this.frames.size,
              running: this.core.running,
              received: [...this.core.received],
            },
          });
          return;
        }
        this.forward(frame, m.id, m.op.kind, (id) => ({ ...m, id }));
        return;
      case 'request':
        this.request(frame, m.id, m.op);
        return;
    }
  }

  /** The frame left: its jobs stop, its ids are forgotten, its models are freed unless shared. */
  disconnect(frame: Frame): void {
    if (frame.gone) return;
    frame.gone = true;
    this.frames.delete(frame);
    for (const id of frame.open.values()) {
      const route = this.routes.get(id);
      if (!route) continue;
      if (BACKEND_OPS.has(route.kind)) {
        route.frame = null; // a backend change cannot be taken back; its outcome still counts
      } else {
        this.routes.delete(id);
        this.core.handle({ type: 'cancel', id });
      }
    }
    frame.open.clear();
    this.waiting = this.waiting.filter((w) => w.frame !== frame);
    for (const modelId of frame.given) this.release(modelId);
    frame.given.clear();
    try {
      frame.port.close();
    } catch {
      // already closed
    }
  }

  private request(frame: Frame, localId: number, op: EngineOp): void {
    const to = (id: number): ToEngine => ({ type: 'request', id, op });
    switch (op.kind) {
      case 'init':
        if (!this.initSent) {
          this.initSent = true;
          return this.forward(frame, localId, 'init', to);
        }
        if (op.choice.how === 'forced' && this.report && this.report.backend !== op.choice.backend) {
          const move: EngineOp = { kind: 'use-backend', backend: op.choice.backend };
          return this.forward(frame, localId, 'init', (id) => ({ type: 'request', id, op: move }));
        }
        return this.answerWithBackend(frame, localId);
      case 'measure':
        if (!this.measureSent) {
          this.measureSent = true;
          return this.forward(frame, localId, 'measure', to);
        }
        return this.answerWithBackend(frame, localId);
      case 'load-model':
        frame.given.add(op.modelId);
        return this.forward(frame, localId, op.kind, to);
      case 'unload-model':
        frame.given.delete(op.modelId);
        if (this.heldByAnother(op.modelId)) {
          frame.port.postMessage({ type: 'result', id: localId, data: null });
          return;
        }
        return this.forward(frame, localId, op.kind, to);
      default:
        return this.forward(frame, localId, op.kind, to);
    }
  }

  /** Sends a frame's message to the engine under a fresh id, routed back to the frame. */
  private forward(frame: Frame, localId: number, kind: OpKind, message: (id: number) => ToEngine): void {
    const id = ++this.nextId;
    this.routes.set(id, { frame, localId, kind });
    frame.open.set(localId, id);
    if (BACKEND_OPS.has(kind)) this.backendInFlight++;
    this.core.handle(message(id));
  }

  /** Answers a frame's backend op with the backend in use, or once the change under way ends. */
  private answerWithBackend(frame: Frame, localId: number): void {
    if (this.backendInFlight > 0 || (!this.report && !this.failed)) {
      this.waiting.push({ frame, localId });
      return;
    }
    this.tellBackend(frame, localId);
  }

  private tellBackend(frame: Frame, localId: number): void {
    if (this.report) frame.port.postMessage({ type: 'result', id: localId, data: this.report });
    else frame.port.postMessage({ type: 'error', id: localId, message: this.failed ?? 'no backend' });
  }

  /** Routes one event of the engine to the frame that asked, under the frame's id. */
  private fromEngine(e: FromEngine): void {
    if (e.type === 'alive') {
      // The core's own heartbeat is alive() above; it announces only a long step, which every
      // frame's watchdog must hear (they all wait on the same thread).
      if (e.slow) for (const f of this.frames) f.port.postMessage(e);
      return;
    }
    if (e.type === 'downloading' || e.type === 'noise-helper') {
      for (const f of this.frames) f.port.postMessage(e); // every frame waits for the same files
      return;
    }
    if (e.type === 'backend') {
      this.noteBackend(e.state.status === 'ready' ? e.state.report : null, e.state);
      for (const f of this.frames) f.port.postMessage(e);
      return;
    }
    const route = this.routes.get(e.id);
    if (!route) return; // cancelled, or its frame left
    const final = e.type !== 'progress';
    if (final) {
      this.routes.delete(e.id);
      if (route.frame?.open.get(route.localId) === e.id) route.frame.open.delete(route.localId);
    }
    const backendOutcome = final && BACKEND_OPS.has(route.kind);
    if (backendOutcome) this.backendInFlight--;
    if (route.frame && !route.frame.gone) route.frame.port.postMessage({ ...e, id: route.localId });
    if (backendOutcome) {
      const state =
        e.type === 'result'
          ? { status: 'ready' as const, report: e.data as BackendReport }
          : { status: 'failed' as const, message: e.type === 'error' ? e.message : 'failed' };
      this.noteBackend(state.status === 'ready' ? state.report : null, state);
      // The other frames learn of the change as of one the engine made by itself.
      for (const f of this.frames) if (f !== route.frame) f.port.postMessage({ type: 'backend', state });
    }
  }

  private noteBackend(
    report: BackendReport | null,
    state: { status: 'ready' } | { status: 'failed'; message: string },
  ): void {
    this.report = report ?? this.report;
    this.failed = state.status === 'failed' ? state.message : null;
    if (state.status === 'failed') this.report = null;
    if (this.backendInFlight > 0) return;
    for (const w of this.waiting.splice(0)) this.tellBackend(w.frame, w.localId);
  }

  private heldByAnother(modelId: string): boolean {
    for (const f of this.frames) if (f.given.has(modelId)) return true;
    return false;
  }

  /** A model given by bytes that no frame holds any more is freed. */
  private release(modelId: string): void {
    if (this.heldByAnother(modelId)) return;
    const id = ++this.nextId;
    this.routes.set(id, { frame: null, localId: 0, kind: 'unload-model' });
    this.core.handle({ type: 'request', id, op: { kind: 'unload-model', modelId } });
  }
}
