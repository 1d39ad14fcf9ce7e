/**
 * The geometry view's TF.js, as the pipelines see it (ToyTf): training, the PGD attack and the
 * smoothed regions, each with an AbortSignal. It runs in a worker of its own (src/toy2d/tfWorker.ts),
 * so shader compiles and GPU waits never block the page; where no worker starts (no Worker, a script
 * that does not load, no backend there), the same work runs on the page's thread in small awaited
 * chunks (src/toy2d/tfPage.ts), and `why` says what failed. A worker that errors or falls silent for
 * TOY_SILENCE_MS fails its open requests with a message; the next request starts a fresh worker.
 */
import type { ReluNet } from '../../../bounds';
import type { BackendFailure } from '../../../engine/protocol';
import { pageHasWebgl } from '../../../engine/client/client';
import { isFromToy, TOY_HEARTBEAT_MS, TOY_SILENCE_MS, type ToToy } from '../../../toy2d/tfProtocol';
import type {
  SmoothedRegionsTfOptions,
  TfTrainProgress,
  TfTrainResult,
  ToyAttackOptions,
  ToyAttackPath,
} from '../../../toy2d/tfToy';
import type { ToyModelKind, TrainData } from '../../../toy2d/train';
import { importOrReload } from '../../lazyReload';
import { errorMessage } from '../../../tasks/errorMessage';

/** Called with each finished level of the smoothed regions; resolves false to stop. */
export type OnLevel = (grid: Float32Array, cells: number, level: number) => Promise<boolean>;

export interface ToyTf {
  /** Where the work runs: a background worker, or the page's own thread. */
  where: 'worker' | 'page';
  /** Why it is not in a worker (only when `where` is 'page'). */
  why?: string;
  /** The TF.js backend ('webgl', 'wasm', 'cpu'). */
  backend: string;
  /** Trains base classifier `kind` (src/toy2d/tfToy trainToyNet); null once `signal` aborts. */
  train(
    data: TrainData,
    kind: ToyModelKind,
    seed: number,
    chunk: number,
    signal: AbortSignal,
    onProgress: (p: TfTrainProgress) => void,
  ): Promise<TfTrainResult | null>;
  /** L2 PGD from x for `label` (attackToy); null once `signal` aborts. */
  attack(
    net: ReluNet,
    x: [number, number],
    label: number,
    opts: ToyAttackOptions,
    signal: AbortSignal,
  ): Promise<ToyAttackPath | null>;
  /** The smoothed regions, coarse to fine (smoothedRegionsTf); false when stopped. */
  regions(
    net: ReluNet,
    sigma: number,
    seed: number,
    opts: SmoothedRegionsTfOptions,
    onLevel: OnLevel,
    signal: AbortSignal,
  ): Promise<boolean>;
}

/** The part of a Worker used here (a fake one in the unit tests). */
export interface ToyWorkerLike {
  postMessage(m: ToToy): void;
  terminate(): void;
  onmessage: ((ev: MessageEvent<unknown>) => void) | null;
  onerror: ((ev: Event) => void) | null;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onProgress?: (p: TfTrainProgress) => void;
  onLevel?: OnLevel;
}

/**
 * A ToyTf served by a worker. Resolves once the worker's backend has started; rejects when the
 * worker cannot start one (or dies first), so the caller can fall back to the page.
 */
export function workerToyTf(
  worker: ToyWorkerLike,
  unavailable: BackendFailure[],
  clock: { now: () => number; every: (f: () => void, ms: number) => () => void } = browserClock,
  onDead: () => void = () => undefined,
): Promise<ToyTf> {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let heard = clock.now();
  let dead: Error | null = null;
  let started = false;
  let stopWatch: (() => void) | null = null;

  const die = (why: string) => {
    if (dead) return;
    dead = new Error(`the geometry view's worker ${why}`);
    stopWatch?.();
    worker.onmessage = null;
    worker.onerror = null;
    worker.terminate();
    for (const p of pending.values()) p.reject(dead);
    pending.clear();
    if (started) onDead(); // one that never started is replaced by the page path, not retried
  };
  const watch = () => {
    if (pending.size > 0 && clock.now() - heard > TOY_SILENCE_MS)
      die(`stopped answering (silent for ${Math.round(TOY_SILENCE_MS / 1000)} s)`);
  };
  stopWatch = clock.every(watch, TOY_HEARTBEAT_MS);

  worker.onerror = (ev) => {
    const message = (ev as ErrorEvent).message;
    die(message ? `failed: ${message}` : 'failed to load or crashed');
  };
  worker.onmessage = (ev) => {
    heard = clock.now();
    const m = ev.data;
    if (!isFromToy(m) || m.type === 'alive') return;
    const p = pending.get(m.id);
    if (!p) return; // cancelled, or a stale reply
    const settle = (f: () => void) => {
      pending.delete(m.id);
      f();
    };
    switch (m.type) {
      case 'progress':
        p.onProgress?.(m.progress);
        return;
      case 'level':
        void p.onLevel?.(m.grid, m.cells, m.level).then((go) => {
          if (!go && pending.has(m.id)) settle(() => cancel(m.id, p, false));
        });
        return;
      case 'started':
        settle(() => p.resolve(m.backend));
        return;
      case 'done':
        settle(() => p.resolve(m.result));
        return;
      case 'error':
        settle(() => p.reject(new Error(m.message)));
        return;
    }
  };

  /** Tells the worker to stop request `id` and settles it now with `value` (late replies are dropped). */
  function cancel(id: number, p: Pending, value: unknown) {
    pending.delete(id);
    if (!dead) worker.postMessage({ type: 'cancel', id });
    p.resolve(value);
  }

  function request<T>(
    m: ToToy extends infer U ? (U extends { id: number } ? Omit<U, 'id'> : never) : never,
    signal: AbortSignal | null,
    cancelledValue: T,
    handlers: Omit<Pending, 'resolve' | 'reject'> = {},
  ): Promise<T> {
    if (dead) return Promise.reject(dead);
    if (signal?.aborted) return Promise.resolve(cancelledValue);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      const p: Pending = { resolve: resolve as (v: unknown) => void, reject, ...handlers };
      pending.set(id, p);
      heard = Math.max(heard, clock.now()); // the silence clock starts with the first open request
      signal?.addEventListener('abort', () => pending.has(id) && cancel(id, p, cancelledValue), {
        once: true,
      });
      worker.postMessage({ ...m, id } as ToToy);
    });
  }

  const tf: Omit<ToyTf, 'backend'> = {
    where: 'worker',
    train: (data, kind, seed, chunk, signal, onProgress) =>
      request<TfTrainResult | null>({ type: 'train', data, kind, seed, chunk }, signal, null, { onProgress }),
    attack: (net, x, label, opts, signal) =>
      request<ToyAttackPath | null>({ type: 'attack', net, x, label, opts }, signal, null),
    regions: (net, sigma, seed, opts, onLevel, signal) =>
      request<boolean | null>({ type: 'regions', net, sigma, seed, opts }, signal, false, { onLevel }).then(
        (r) => r === true,
      ),
  };
  return request<string>({ type: 'start', unavailable }, null, '').then(
    (backend) => {
      started = true;
      return { ...tf, backend };
    },
    (e: unknown) => {
      die('could not start TF.js');
      throw e instanceof Error ? e : new Error(String(e));
    },
  );
}

const browserClock = {
  now: () => performance.now(),
  every: (f: () => void, ms: number) => {
    const t = setInterval(f, ms);
    return () => clearInterval(t);
  },
};

/** The same work on the page's own thread (src/toy2d/tfPage.ts, loaded on first use). */
export async function pageToyTf(why: string): Promise<ToyTf> {
  const tf = await importOrReload(() => import('../../../toy2d/tfPage'), 'the geometry view’s TF.js');
  const backend = await tf.pageBackend();
  return {
    where: 'page',
    why,
    backend,
    train: (data, kind, seed, chunk, signal, onProgress) =>
      tf.trainToyNet(data, kind, seed, { chunk, cancelled: () => signal.aborted, onProgress }),
    attack: async (net, x, label, opts, signal) => {
      const r = await tf.attackToy(net, x, label, opts);
      return signal.aborted ? null : r;
    },
    regions: (net, sigma, seed, opts, onLevel, signal) =>
      tf.smoothedRegionsTf(net, sigma, seed, opts, onLevel, () => signal.aborted),
  };
}

/** An error's message, or the thrown value as text. */

/**
 * A ToyTf from `makeWorker`, or on the page when the worker cannot be made or cannot start TF.js.
 * The page path rejects in turn where TF.js cannot run at all (the pipelines then use plain TypeScript).
 */
export async function startToyTf(
  makeWorker: () => ToyWorkerLike,
  page: (why: string) => Promise<ToyTf>,
  unavailable: () => BackendFailure[],
  onDead: () => void,
): Promise<ToyTf> {
  let worker: ToyWorkerLike;
  try {
    worker = makeWorker();
  } catch (e) {
    return page(`no worker could be made here: ${errorMessage(e)}`);
  }
  try {
    return await workerToyTf(worker, unavailable(), browserClock, onDead);
  } catch (e) {
    return page(errorMessage(e));
  }
}

let current: Promise<ToyTf> | null = null;

/** This page's ToyTf, made on first use; after its worker dies, the next call makes a new one. */
export function loadToyTf(): Promise<ToyTf> {
  current ??= startToyTf(
    () =>
      new Worker(new URL('../../../toy2d/tfWorker.ts', import.meta.url), {
        type: 'module',
        name: 'smoothing-geometry',
      }) as unknown as ToyWorkerLike,
    pageToyTf,
    () =>
      pageHasWebgl() ? [] : [{ backend: 'webgl', reason: 'this browser gives the page no WebGL context' }],
    () => {
      current = null;
    },
  ).catch((e: unknown) => {
    current = null; // TF.js could not run on the page either: let a later call try again
    throw e;
  });
  return current;
}
