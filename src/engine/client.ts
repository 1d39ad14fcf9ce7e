/**
 * The page's handle on the engine. Runs it in a module Web Worker; where a worker cannot be
 * created, runs the same EngineCore on the main thread (it yields between batches, so the page
 * stays responsive). Messages with an id older than the newest request are dropped here, so a
 * stale result can never overwrite a newer one.
 */
import type { BackendName } from './backend';
import type {
  AttackRequest,
  CertifyRequest,
  CertifySetRequest,
  EngineEvent,
  EngineRequest,
} from './protocol';

export type EngineListener = (e: EngineEvent) => void;

/** How long the page waits for the worker's first answer before it says so on screen. */
export const WORKER_SILENCE_MS = 10_000;

/**
 * Why the engine is not running as planned in its worker, for the page to show (null when all is
 * well): its script failed to load (404, blocked), so the engine runs on the main thread; or it has
 * not answered in WORKER_SILENCE_MS. Read with useSyncExternalStore (subscribe, get).
 */
export const engineNotice = {
  message: null as string | null,
  listeners: new Set<() => void>(),
  get: (): string | null => engineNotice.message,
  subscribe(onChange: () => void): () => void {
    engineNotice.listeners.add(onChange);
    return () => engineNotice.listeners.delete(onChange);
  },
  set(message: string | null): void {
    engineNotice.message = message;
    for (const l of engineNotice.listeners) l();
  },
};

export type InitChoice = Extract<EngineRequest, { type: 'init' }>['choice'];

/** Whether this page can create a WebGL context at all (a worker will not do better). */
export function pageHasWebgl(): boolean {
  try {
    const c = document.createElement('canvas');
    return !!(c.getContext('webgl2') ?? c.getContext('webgl'));
  } catch {
    return false;
  }
}

export class EngineClient {
  private send: (m: EngineRequest) => void;
  private worker: Worker | null = null;
  private initMessage: EngineRequest | null = null;
  private latestId = 0;
  private memoryId = 0;
  private memoryWaiters = new Map<number, (n: { numTensors: number; numBytes: number }) => void>();
  private noiseWaiters = new Map<number, (maxDiff: number) => void>();
  mode: 'worker' | 'main-thread' = 'worker';

  constructor(private readonly listener: EngineListener) {
    const forceMain = (globalThis as { __smoothingLabForceMainThread?: boolean })
      .__smoothingLabForceMainThread;
    try {
      if (!forceMain) {
        this.worker = new Worker(new URL('./worker.ts', import.meta.url), {
          type: 'module',
          name: 'smoothing-engine',
        });
      }
    } catch {
      this.worker = null;
    }
    if (this.worker) {
      const w = this.worker;
      let heard = false;
      const silence = setTimeout(() => {
        if (!heard && this.worker === w)
          engineNotice.set(
            `The engine has not started after ${WORKER_SILENCE_MS / 1000} s: its worker script may be blocked or very slow to load. Reload the page to try again.`,
          );
      }, WORKER_SILENCE_MS);
      w.onmessage = (ev: MessageEvent<EngineEvent>) => {
        heard = true;
        sent.length = 0;
        clearTimeout(silence);
        if (engineNotice.message !== null) engineNotice.set(null);
        this.receive(ev.data);
      };
      // The worker's script (or a module it imports) could not be fetched or run: a 404, a
      // blocked request. Run the engine here instead, and say so; requests sent so far are resent.
      w.onerror = (ev: Event) => {
        if (heard || this.worker !== w) return; // a later error inside a running engine is its own
        ev.preventDefault();
        clearTimeout(silence);
        w.terminate();
        this.worker = null;
        const detail = ev instanceof ErrorEvent && ev.message ? ` (${ev.message})` : '';
        engineNotice.set(
          `The engine's worker script could not be loaded${detail}, so the engine runs on the page's main thread instead. Everything works; the page may respond more slowly during a run.`,
        );
        this.send = this.mainThread();
        for (const m of sent.splice(0)) this.send(m);
      };
      // Until the worker answers, keep what was sent, so a fallback can replay it.
      const sent: EngineRequest[] = [];
      this.send = (m) => {
        if (!heard) sent.push(m);
        w.postMessage(m);
      };
    } else {
      this.send = this.mainThread();
    }
  }

  /** Runs the engine on this thread (it yields between batches, so the page stays responsive). */
  private mainThread(): (m: EngineRequest) => void {
    this.mode = 'main-thread';
    // Loaded only here, so a page whose worker works never downloads TF.js for its own thread.
    const pending: EngineRequest[] = [];
    let core: { handle: (m: EngineRequest) => Promise<void> } | null = null;
    void import('./core').then(
      ({ EngineCore }) => {
        const c = new EngineCore((e) => this.receive(e));
        core = c;
        for (const m of pending.splice(0)) void c.handle(m);
      },
      (e: unknown) =>
        this.listener({
          type: 'failed',
          message: `the engine's code could not be loaded (${e instanceof Error ? e.message : String(e)}); reload the page to try again.`,
        }),
    );
    return (m) => {
      if (core) void core.handle(m);
      else pending.push(m);
    };
  }

  /**
   * Starts the engine's backend: the one `choice` names (forced or remembered), falling back along
   * `order`, or the fastest of `order` by a measurement on the selected model.
   */
  init(choice: InitChoice, order: BackendName[] = ['webgl', 'wasm', 'cpu']): void {
    const unavailable = pageHasWebgl()
      ? []
      : [{ backend: 'webgl' as const, reason: 'this browser gives the page no WebGL context' }];
    this.initMessage = {
      type: 'init',
      order,
      unavailable,
      baseUrl: new URL('./', document.baseURI).href,
      choice,
    };
    this.send(this.initMessage);
  }

  /** Times the backends on this model and moves to the fastest (after the running request). */
  measure(modelId: string): void {
    this.send({ type: 'measure', modelId });
  }

  /** Moves the engine to another backend (models are reloaded there); a `ready` event follows. */
  useBackend(backend: BackendName): void {
    this.send({ type: 'use-backend', backend });
  }

  /** Starts a certification; any earlier one is abandoned. Returns its id. */
  certify(r: Omit<CertifyRequest, 'type' | 'id'>): number {
    const id = ++this.latestId;
    this.send({ type: 'certify', id, ...r });
    return id;
  }

  cancel(): void {
    this.send({ type: 'cancel', id: this.latestId });
    this.latestId++;
  }

  /** Whether `id` is the newest certify request (events of any other are stale). */
  isCurrent(id: number): boolean {
    return id === this.latestId;
  }

  private attackId = 0;
  /** Whether the engine has reported its first backend (later reports are fallbacks). */
  private ready = false;
  private attackListener: ((e: EngineEvent) => void) | null = null;

  /** Attacks the input and runs PREDICT on the result; only the newest attack's events arrive. */
  attack(r: Omit<AttackRequest, 'type' | 'id'>, listener: (e: EngineEvent) => void): void {
    this.attackId += 1;
    this.attackListener = listener;
    this.send({ type: 'attack', id: this.attackId, ...r });
  }

  private setId = 0;
  private setListeners = new Map<number, (e: EngineEvent) => void>();

  /**
   * Certifies a set of inputs one after another (the trade-off view, the checkpoints). Several
   * sets may run at once, each with its own listener; independent of `certify`, so the lab's own
   * request is not abandoned. Returns the set's id, for cancelSet.
   */
  certifySet(r: Omit<CertifySetRequest, 'type' | 'id'>, listener: (e: EngineEvent) => void): number {
    const id = ++this.setId;
    this.setListeners.set(id, listener);
    this.send({ type: 'certify-set', id, ...r });
    return id;
  }

  /** Stops a set between two batches; its remaining events are dropped. */
  cancelSet(id: number): void {
    if (!this.setListeners.delete(id)) return;
    this.send({ type: 'cancel-set', id });
  }

  /** Test hook: makes the engine lose its WebGL context. */
  loseContext(): void {
    this.send({ type: 'lose-context' });
  }

  /** TF.js memory in the engine (for tests and the leak check). */
  memory(): Promise<{ numTensors: number; numBytes: number }> {
    const id = --this.memoryId; // negative ids never collide with certify requests
    return new Promise((resolve) => {
      this.memoryWaiters.set(id, resolve);
      this.send({ type: 'memory', id });
    });
  }

  /** Test hook: largest |GPU noise - JavaScript reference| over 8 x 784 values; -1 without WebGL 2. */
  noiseCheck(seed: number): Promise<number> {
    const id = --this.memoryId;
    return new Promise((resolve) => {
      this.noiseWaiters.set(id, resolve);
      this.send({ type: 'noise-check', id, seed });
    });
  }

  private receive(e: EngineEvent): void {
    if (e.type === 'attack-progress' || e.type === 'attack-result' || e.type === 'attack-error') {
      if (e.id === this.attackId) this.attackListener?.(e);
      return;
    }
    if (e.type === 'set-row' || e.type === 'set-done' || e.type === 'set-error') {
      this.setListeners.get(e.id)?.(e);
      if (e.type !== 'set-row') this.setListeners.delete(e.id);
      return;
    }
    if (e.type === 'noise-check') {
      this.noiseWaiters.get(e.id)?.(e.maxDiff);
      this.noiseWaiters.delete(e.id);
      return;
    }
    if (e.type === 'memory') {
      this.memoryWaiters.get(e.id)?.(e);
      this.memoryWaiters.delete(e.id);
      return;
    }
    if ('id' in e && e.id !== this.latestId) return; // stale
    const firstReady = e.type === 'ready' && !this.ready;
    if (e.type === 'ready') this.ready = true;
    const workerLacksWebgl =
      e.type === 'ready' && e.report.failures.some((f) => f.backend === 'webgl') && pageHasWebgl();
    if (firstReady && this.worker && workerLacksWebgl && this.initMessage) {
      // The worker could not host WebGL (no OffscreenCanvas WebGL here) but the page can:
      // run the engine on the main thread instead, where the GPU is available.
      this.worker.terminate();
      this.worker = null;
      this.send = this.mainThread();
      this.ready = false;
      this.send(this.initMessage);
      return;
    }
    this.listener(e);
  }
}
