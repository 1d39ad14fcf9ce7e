/**
 * The engine's workers, as the client sees them (WorkerLike): a dedicated Worker per page (the
 * full app, and any page where the shared one cannot run), or a port on the SharedWorker that the
 * frames of one lab origin in one lesson page share (docs/architecture/engine.md, "One engine per page").
 * Both run the same script, src/engine/worker/worker.ts, so the build has one engine bundle.
 */
import type { FromEngine, ToEngine, ToSharedEngine } from '../protocol';

/** The part of a Worker the client uses (a fake one in the unit tests). */
export interface WorkerLike {
  postMessage(m: ToEngine): void;
  terminate(): void;
  onmessage: ((ev: MessageEvent<FromEngine>) => void) | null;
  onerror: ((ev: Event) => void) | null;
  /** A message from the engine that could not be read (deserialized) on this side. */
  onmessageerror: ((ev: MessageEvent) => void) | null;
  /** What runs the engine: a port on a SharedWorker, or a dedicated worker (the default). */
  readonly kind?: 'shared-worker' | 'worker';
}

/** The SharedWorker's name: frames share an engine only when their name and script match. */
export const SHARED_ENGINE_NAME = 'smoothing-engine-shared';

export function dedicatedEngineWorker(): WorkerLike {
  return new Worker(new URL('../worker/worker.ts', import.meta.url), {
    type: 'module',
    name: 'smoothing-engine',
  }) as unknown as WorkerLike;
}

/** What sharedEngineWorker needs of the browser (faked in the unit tests). */
export interface SharedWorkerEnv {
  /** Makes (or joins) the SharedWorker; throws where there is none. */
  connect: () => { port: MessagePort; onerror: ((ev: ErrorEvent) => void) | null };
  /** Holds the named Web Lock until the page goes; resolves once held. Absent: no Web Locks. */
  holdLock?: (name: string) => Promise<void>;
  /** Calls back when the page is being left for good (pagehide, not into the back/forward cache). */
  onLeave: (f: () => void) => void;
}

function browserEnv(): SharedWorkerEnv {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  return {
    connect: () =>
      new SharedWorker(new URL('../worker/worker.ts', import.meta.url), {
        type: 'module',
        name: SHARED_ENGINE_NAME,
      }),
    holdLock: locks
      ? (name) =>
          new Promise<void>((held) => {
            void locks.request(name, () => {
              held();
              return new Promise<never>(() => undefined); // released when the page goes
            });
          })
      : undefined,
    // A page kept in the back/forward cache may come back with its port: only a page left for good
    // says bye (one that is evicted later releases its Web Lock, which tells the engine as well).
    onLeave: (f) => window.addEventListener('pagehide', (e) => !e.persisted && f()),
  };
}

function frameLockName(): string {
  const c = globalThis.crypto as { randomUUID?: () => string } | undefined;
  return `smoothing-engine-frame-${c?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`}`;
}

/**
 * A port on the shared engine, as a WorkerLike. The page tells the engine when it goes, three
 * ways, so its jobs never outlive it: `bye` on pagehide, a Web Lock it holds while it lives (the
 * engine asks for it, and is granted it when the page is gone, even after a crash), and the
 * port's own close where the browser has one. Throws where SharedWorker is missing or refused.
 */
export function sharedEngineWorker(env: SharedWorkerEnv = browserEnv()): WorkerLike {
  const worker = env.connect();
  const port = worker.port;
  let closed = false;
  const send = (m: ToSharedEngine) => {
    if (!closed) port.postMessage(m);
  };
  const leave = () => {
    send({ type: 'bye' });
    closed = true;
    port.close();
  };
  env.onLeave(leave);
  if (env.holdLock) {
    const lock = frameLockName();
    void env.holdLock(lock).then(() => send({ type: 'hello', lock }));
  }
  const like: WorkerLike = {
    kind: 'shared-worker',
    postMessage: send,
    terminate: leave,
    onmessage: null,
    onerror: null,
    onmessageerror: null,
  };
  port.onmessage = (ev: MessageEvent<FromEngine>) => like.onmessage?.(ev);
  port.onmessageerror = (ev) => like.onmessageerror?.(ev);
  // The script could not be fetched or started: the client moves on to a dedicated worker.
  worker.onerror = (ev) => like.onerror?.(ev);
  port.start();
  return like;
}
