/**
 * Where the engine runs, for EngineClient: a worker (the shared engine, else a dedicated one), else
 * the page's main thread. It starts the first worker that can be made, moves on when a worker's
 * script cannot load, watches a running worker (watchdog.ts) and replaces one that died with a
 * fresh dedicated worker. What each engine is sent comes from the client (`pending`), which also
 * decides how its open requests carry on (`died`).
 */
import type { FromEngine, ToEngine } from '../protocol';
import { dedicatedEngineWorker, type WorkerLike } from './engineWorkers';
import { engineNotice, WORKER_GIVE_UP_MS, WORKER_SILENCE_MS } from './engineStatus';
import { Watchdog, type DeathCause } from './watchdog';
import { errorMessage } from '../../tasks/errorMessage';

/** An engine on this thread: EngineCore's shape, so this file needs none of its code. */
export type EngineFactory = new (post: (e: FromEngine) => void) => { handle(m: ToEngine): unknown };

/** What the place needs of the client. */
export interface PlaceHooks {
  /** One event from the engine. */
  receive(e: FromEngine): void;
  /** What a newly started engine is sent, in order. */
  pending(): ToEngine[];
  /** How long a worker may be silent now (null: nothing to watch); see Watchdog. */
  deadline(): number | null;
  /**
   * The worker died, hangs or sent an unreadable message (`cause`): the client gets its requests
   * ready for a fresh engine (before `pending`).
   */
  died(cause: DeathCause): void;
  /** No engine can run here: the open request with this id (and any later one) fails with `message`. */
  fail(id: number, message: string): void;
  /** No engine can run here at all. */
  failed(message: string): void;
}

export class EnginePlace {
  /** Where the engine runs: a SharedWorker shared with the page's other frames, a worker of its own, or this thread. */
  mode: 'shared-worker' | 'worker' | 'main-thread' = 'worker';
  private worker: WorkerLike | null = null;
  /** Delivers a message to the engine in use (the worker, or the main-thread engine once loaded). */
  deliver: (m: ToEngine) => void = () => undefined;
  private readonly watchdog = new Watchdog(
    () => (this.worker ? this.hooks.deadline() : null),
    () => this.restart('silent'),
  );

  /**
   * @param candidates the workers to try, in order (one that cannot be made or load gives way to the next)
   * @param mainThread loads the engine for this thread, the last resort
   * @param restartWorker makes the fresh worker that replaces one that died
   */
  constructor(
    private readonly candidates: (() => WorkerLike | null)[],
    private readonly mainThread: () => Promise<EngineFactory>,
    private readonly restartWorker: () => WorkerLike | null = dedicatedEngineWorker,
    private readonly hooks: PlaceHooks,
  ) {
    if (!this.nextWorker()) this.useMainThread();
  }

  /** Leaves the worker for the page's own thread (the worker could not host WebGL, the page can). */
  toMainThread(): void {
    this.worker?.terminate();
    this.worker = null;
    this.useMainThread();
  }

  /** Stops the worker behind the client's back, as a browser under memory pressure does (tests only). */
  killForTest(): void {
    this.worker?.terminate();
  }

  /** Starts the next worker that can be made (what is pending is sent to it); false if none can. */
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
      return true;
    }
    return false;
  }

  /**
   * The worker died or hangs, or one of its messages was lost: it is stopped, and a fresh dedicated
   * one (else this thread) takes over.
   */
  private restart(cause: DeathCause): void {
    const dead = this.worker;
    if (!dead) return;
    dead.onmessage = null;
    dead.onerror = null;
    dead.onmessageerror = null;
    dead.terminate();
    this.worker = null;
    this.hooks.died(cause);
    let fresh: WorkerLike | null;
    try {
      fresh = this.restartWorker();
    } catch {
      fresh = null;
    }
    if (fresh) this.useWorker(fresh);
    else this.useMainThread();
  }

  /** Runs the engine in this worker and sends it what is pending. */
  private useWorker(w: WorkerLike): void {
    this.worker = w;
    this.mode = w.kind ?? 'worker';
    let heard = false;
    let silenceNotice: string | null = null;
    // A slow connection is told to wait; only a much longer silence suggests a reload.
    const say = (ms: number, text: string) =>
      setTimeout(() => {
        if (heard || this.worker !== w) return;
        silenceNotice = text;
        engineNotice.set(text);
      }, ms);
    const timers = [
      say(
        WORKER_SILENCE_MS,
        `The engine is still loading after ${WORKER_SILENCE_MS / 1000} s: its code (TensorFlow.js) is downloading, which takes a while on a slow connection. The lab starts by itself once it has arrived.`,
      ),
      say(
        WORKER_GIVE_UP_MS,
        `The engine has not started after ${WORKER_GIVE_UP_MS / 1000} s: its worker script may be blocked, or the connection lost. Reload the page to try again.`,
      ),
    ];
    const silence = { clear: () => timers.forEach(clearTimeout) };
    this.watchdog.start();
    w.onmessage = (ev) => {
      if (this.worker !== w) return; // a worker left behind
      heard = true;
      this.watchdog.heard();
      silence.clear();
      if (silenceNotice !== null && engineNotice.message === silenceNotice) engineNotice.set(null);
      silenceNotice = null;
      this.hooks.receive(ev.data);
    };
    // The worker's script (or a module it imports) could not be fetched or run: a 404, a blocked
    // request. Try the next worker (the shared engine gives way to a dedicated one, quietly), else
    // run the engine here, and say so; what is open is sent again.
    w.onerror = (ev) => {
      if (heard || this.worker !== w) return; // a later error inside a running engine is its own
      ev.preventDefault();
      silence.clear();
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
    // A message from the engine that cannot be deserialized is lost, and which request it answered
    // cannot be known: had it been a result, that request would never be answered, and failing
    // every open request for one unreadable message would throw away their counts. So it is
    // treated as a death: a fresh engine carries every open request on from the progress the page
    // has seen (the noise is counter-based, so the same samples give the same counts), and each is
    // answered exactly once.
    w.onmessageerror = () => {
      if (this.worker === w) this.restart('unreadable');
    };
    this.deliver = (m) => w.postMessage(m);
    for (const m of this.hooks.pending()) w.postMessage(m);
  }

  /** Runs the engine on this thread (it yields between batches), then sends it what is pending. */
  private useMainThread(): void {
    this.mode = 'main-thread';
    this.watchdog.stop(); // the page's own thread: if it stops, so does the page
    const queue: ToEngine[] = this.hooks.pending();
    let engine: { handle(m: ToEngine): unknown } | null = null;
    this.deliver = (m) => {
      if (engine) void engine.handle(m);
      else queue.push(m);
    };
    this.mainThread().then(
      (Core) => {
        const core = new Core((e) => this.hooks.receive(e));
        engine = core;
        for (const m of queue.splice(0)) void core.handle(m);
      },
      (e: unknown) => {
        const message = `the engine's code could not be loaded (${errorMessage(e)}); reload the page to try again.`;
        // Nothing can answer: what is open, and anything asked later, fails with that message.
        const fail = (m: ToEngine) => {
          if (m.type !== 'cancel') this.hooks.fail(m.id, message);
        };
        this.deliver = fail;
        for (const m of queue.splice(0)) fail(m);
        this.hooks.failed(message);
      },
    );
  }
}
