/**
 * Where the engine gets noisy rows on backends that make noise in JavaScript (wasm, cpu): a helper
 * Web Worker when one can be started (the noise for batch k + 1 is made on another core while batch
 * k runs), else this thread. Both give the same rows, bit for bit (fillNoisyRows), so leaving the
 * helper mid-run changes no vote.
 *
 * A helper that fails (its script 404s, a message cannot be read) or does not answer in time (its
 * script never arrives, or it hangs) is left for good: its pending requests and every later one are
 * made on this thread, and the page is told once (a `noise-helper` event), naming the script.
 */
import { fillNoisyRows, type NoisyRowsRequest } from './noisyRows';
import { toPage } from './toPage';

/** Resolves to rows * dim noisy values (see fillNoisyRows). */
export type NoiseSource = (r: NoisyRowsRequest) => Promise<Float32Array>;

/** Makes the rows on this thread, at once. */
export const inThreadNoise: NoiseSource = (r) =>
  Promise.resolve(fillNoisyRows(new Float32Array(r.rows * r.x.length), r));

/**
 * How long the helper may take to give its first rows (its script is fetched and started first),
 * in ms. The script is a few kB, so even a slow connection brings it well within this.
 */
export const HELPER_FIRST_ANSWER_MS = 8_000;
/**
 * After the first answer, a batch's rows may take HELPER_SLOWDOWN times the slowest answer seen
 * so far, and never less than HELPER_FLOOR_MS (a batch takes milliseconds: this is for a helper
 * that hangs, not one that is slow).
 */
export const HELPER_SLOWDOWN = 20;
export const HELPER_FLOOR_MS = 5_000;

/** The part of a Worker the helper source uses (a fake one in the unit tests). */
export interface HelperLike {
  postMessage(m: NoisyRowsRequest & { id: number }): void;
  terminate(): void;
  onmessage: ((ev: MessageEvent<{ id: number; rows: Float32Array }>) => void) | null;
  onerror: ((ev: Event) => void) | null;
  onmessageerror: ((ev: MessageEvent) => void) | null;
}

/** Why the helper was left: it failed, or it did not answer within `waitedMs`. */
export type HelperLoss = { problem: 'failed' } | { problem: 'stalled'; waitedMs: number };

/**
 * A noise source served by the helper `w`; `onLost` is called once, when the source leaves the
 * helper for this thread (see the file's comment). Rows requested before then are made by the
 * helper or, once it is left, here: the same rows either way.
 */
export function workerNoise(w: HelperLike, onLost: (loss: HelperLoss) => void): NoiseSource {
  let nextId = 0;
  type Waiting = { r: NoisyRowsRequest; resolve: (rows: Float32Array) => void; posted: number };
  const waiting = new Map<number, Waiting>();
  let answered = false;
  let slowestMs = 0;
  let broken = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const leave = (loss: HelperLoss) => {
    if (broken) return;
    broken = true;
    clearTimeout(timer);
    w.onmessage = w.onerror = w.onmessageerror = null;
    w.terminate();
    for (const { r, resolve } of waiting.values()) void inThreadNoise(r).then(resolve);
    waiting.clear();
    onLost(loss);
  };
  const limitMs = () =>
    answered ? Math.max(HELPER_FLOOR_MS, HELPER_SLOWDOWN * slowestMs) : HELPER_FIRST_ANSWER_MS;
  // One timer, for the oldest request waiting (the helper answers in order).
  const arm = () => {
    clearTimeout(timer);
    const oldest = waiting.values().next().value;
    if (!oldest) return;
    const limit = limitMs();
    const left = Math.max(0, oldest.posted + limit - performance.now());
    timer = setTimeout(() => leave({ problem: 'stalled', waitedMs: limit }), left);
  };
  w.onmessage = (ev) => {
    const p = waiting.get(ev.data.id);
    if (!p) return;
    waiting.delete(ev.data.id);
    // The first answer's time includes fetching and starting the script: it sets no batch limit.
    if (answered) slowestMs = Math.max(slowestMs, performance.now() - p.posted);
    answered = true;
    // The helper answers in order: the next request's clock starts once this one is answered.
    for (const q of waiting.values()) q.posted = Math.max(q.posted, performance.now());
    arm();
    p.resolve(ev.data.rows);
  };
  w.onerror = () => leave({ problem: 'failed' });
  w.onmessageerror = () => leave({ problem: 'failed' });
  return (r) => {
    if (broken) return inThreadNoise(r);
    return new Promise((resolve) => {
      const id = ++nextId;
      waiting.set(id, { r, resolve, posted: performance.now() });
      if (waiting.size === 1) arm();
      w.postMessage({ id, ...r });
    });
  };
}

let helper: NoiseSource | null = null;

/**
 * The helper worker's source, started on first use; this thread's where workers are unavailable
 * (Node, an old browser) or the helper is left (see workerNoise).
 */
export function helperNoise(): NoiseSource {
  if (helper) return helper;
  let started: { worker: HelperLike; url: string } | null;
  try {
    started = startHelper();
  } catch {
    started = null;
  }
  if (!started) return (helper = inThreadNoise);
  const file = started.url.split('/').pop() ?? started.url;
  helper = workerNoise(started.worker, (loss) => {
    helper = inThreadNoise;
    toPage({ type: 'noise-helper', file, ...loss });
  });
  return helper;
}

/** Starts the helper worker, with the URL of its script (as built); null where there are no workers. */
function startHelper(): { worker: HelperLike; url: string } | null {
  if (typeof globalThis.Worker === 'undefined') return null;
  let url = '';
  // The bundler finds the helper's script by the form `new Worker(new URL(…, import.meta.url))`
  // below and rewrites that URL to the built file (noiseWorker-<hash>.js); this local Worker only
  // records the URL it was given, so the notice names the file the browser actually asked for.
  const Worker = class extends globalThis.Worker {
    constructor(u: string | URL, o?: WorkerOptions) {
      super(u, o);
      url = String(u);
    }
  };
  const worker = new Worker(new URL('./noiseWorker.ts', import.meta.url), {
    type: 'module',
    name: 'smoothing-noise',
  }) as unknown as HelperLike;
  return { worker, url };
}
