/**
 * The messages between the page and the engine (a Web Worker, or the same code on the main thread),
 * and the types both sides share. Plain data only (numbers, arrays, typed arrays); this file imports
 * nothing, so the store and the page can use its types without pulling TF.js into the first load.
 *
 * One envelope (docs/architecture/engine.md, "The engine's protocol"): the page sends a request with an
 * id and an op; the engine answers that id with `progress` events, then exactly one `result` or
 * `error`. `cancel` names an id; the engine stops that request between two batches and sends
 * nothing more for it. Four messages answer no request: `backend` (the engine moved to another
 * backend by itself, e.g. off a lost WebGL context, or could not), `alive` (a worker's heartbeat),
 * `downloading` (a slow download's progress) and `noise-helper` (the noise helper was left).
 */

export type BackendName = 'webgl' | 'wasm' | 'cpu';

export interface BackendFailure {
  backend: BackendName;
  reason: string;
}

/**
 * How the backend in use was chosen: `provisional` (a first visit starts on wasm so the first
 * certificate comes at once, then times the backends), `measured` (timed on this device at
 * start-up), `remembered` (a measurement stored on this device earlier), `forced` (the URL's
 * `backend=` or the badge's button), `fallback` (the one in use stopped working, e.g. a lost WebGL
 * context).
 */
export type BackendChoiceHow = 'provisional' | 'measured' | 'remembered' | 'forced' | 'fallback';

export interface BackendReport {
  /** The backend now in use. */
  backend: BackendName;
  /** The backend that was asked for first. */
  preferred: BackendName;
  /** Backends tried before it, with why each failed (empty when the first choice worked). */
  failures: BackendFailure[];
  /** How it was chosen (absent: the first backend of the order that started). */
  how?: BackendChoiceHow;
  /**
   * Samples per second of one small batch of the selected model on each backend that started
   * (engine path: noise, forward pass, count), when measured now or remembered.
   */
  timings?: Partial<Record<BackendName, number>>;
  /** The model family the timings are for ('cnn' or 'mlp'). */
  family?: string;
  /** Whether the wasm backend runs with SIMD and with threads (when wasm is in use). */
  wasmFeatures?: { simd: boolean; threads: boolean };
}

/** The engine's backend as the page sees it: running (and why this one), or none could start. */
export type BackendState = { status: 'ready'; report: BackendReport } | { status: 'failed'; message: string };

/**
 * How to choose the first backend: the one `backend` names (forced by the URL, or remembered from
 * an earlier measurement on this device, with its timings), falling back along the order; or
 * `measure`: start on wasm at once (provisional), and time the backends when the page asks.
 */
export type InitChoice =
  | { how: 'forced'; backend: BackendName }
  | { how: 'remembered'; backend: BackendName; timings: Partial<Record<BackendName, number>>; family: string }
  | { how: 'measure'; modelId: string };

/** CERTIFY (Cohen et al. 2019, Algorithm 1) on one input. A newer certify request abandons it. */
export interface CertifyOp {
  kind: 'certify';
  modelId: string;
  /** The input, 28 * 28 intensities in [0, 1]. */
  x: Float32Array;
  sigma: number;
  n0: number;
  n: number;
  alpha: number;
  seed: number;
  /**
   * Stop mode: end the estimation at the first sample where the anytime-valid radius reaches this
   * target r (L2, > 0), or at n. Absent: a fixed-n run, certified by Clopper-Pearson at n.
   */
  stopAtRadius?: number;
  /**
   * With stopAtRadius: also end the estimation at the first sample where the anytime-valid UPPER
   * bound on p_A rules r out (sigma * PhiInverse(p_upper) < r, the futility stop).
   */
  stopWhenUnreachable?: boolean;
  /**
   * Carry on from counts an earlier engine reported before it died (the page's watchdog): the
   * selection counts (all n0 of them), and the estimation counts of the first `done` samples.
   * Sample k is the same sample in any engine (counter-based noise, src/smoothing/noise.ts), so
   * the run ends with the counts an undisturbed run would have.
   */
  resume?: ResumeFrom;
}

/** Counts an earlier engine had reached in one certify request (see CertifyOp.resume). */
export interface ResumeFrom {
  /** The n0 selection counts. */
  selectionCounts: number[];
  /** The estimation counts of samples 0..done-1; absent when estimation had not begun. */
  estimation?: { counts: number[]; done: number };
}

/** PGD against the smoothed classifier, then PREDICT on the attacked input. */
export interface AttackOp {
  kind: 'attack';
  modelId: string;
  /** The clean input, 28 * 28 in [0, 1]. */
  x: Float32Array;
  /** The class to attack (the certified one). */
  label: number;
  norm: 'l2' | 'linf';
  eps: number;
  steps: number;
  sigma: number;
  /** PREDICT on the attacked input afterwards. */
  n: number;
  alpha: number;
  seed: number;
}

/**
 * CERTIFY on a set of test digits, one after another, as the certify CLI does (same seeds, same
 * counts): the trade-off view's batch job and the checkpoints' experiments. Several sets may run
 * at once; none abandons the lab's own certify request.
 */
export interface CertifySetOp {
  kind: 'certify-set';
  modelId: string;
  /** The inputs, count * 784 intensities in [0, 1], one digit after another. */
  xs: Float32Array;
  /** One noise seed per input (the CLI uses mixSeed(seed, test index)). */
  seeds: number[];
  sigma: number;
  n0: number;
  n: number;
  alpha: number;
  /** Start at this input (the earlier ones were certified by an engine that died); default 0. */
  from?: number;
}

/** Starts the first backend (see InitChoice); `order` is the fallback order. */
export interface InitOp {
  kind: 'init';
  order: BackendName[];
  /** Backends the page knows cannot work here (e.g. no WebGL context): reported, not tried. */
  unavailable: BackendFailure[];
  /** The app's base URL, where the models are served. */
  baseUrl: string;
  choice: InitChoice;
  /** Whether the engine answers the test-only ops (TestOp); false in a production page. */
  testOps: boolean;
}

/**
 * A model the student trained in this browser (src/training), given as bytes rather than a shipped
 * path: later requests name it by `modelId` ("user:..."). Kept (as bytes) until unload-model, so
 * the engine can build it again on another backend. The page sends it before the first request
 * that names the model (EngineClient does this by itself).
 */
export interface LoadModelOp {
  kind: 'load-model';
  /** "user:" followed by the model's stamp. */
  modelId: string;
  /** 'cnn' or 'mlp': picks the batch sizes. */
  architecture: string;
  /** TF.js layers model.json text (topology and weights manifest). */
  modelJson: string;
  /** The weights' bytes, in the manifest's order (float32). */
  weights: ArrayBuffer;
}

/** Everything a production page may ask of the engine. */
export type EngineOp =
  | InitOp
  /** Move to another backend (models are reloaded there), once no request runs. */
  | { kind: 'use-backend'; backend: BackendName }
  /**
   * Time one small batch of the model on every backend that starts (cpu excepted) and move to the
   * fastest; runs once the engine is idle, and requests wait for it.
   */
  | { kind: 'measure'; modelId: string }
  | CertifyOp
  | AttackOp
  | CertifySetOp
  | LoadModelOp
  /** Forgets a model given by load-model (the student deleted it) and frees its weights. */
  | { kind: 'unload-model'; modelId: string };

/**
 * Diagnostics for the end-to-end tests, kept out of EngineOp: TF.js memory (the leak checks), a
 * deliberately lost WebGL context, and the GPU noise program against the JavaScript reference.
 * The engine answers them only when its init op had `testOps: true`.
 */
export type TestOp =
  | { kind: 'memory' }
  | { kind: 'lose-context' }
  | { kind: 'noise-check'; seed: number }
  /** Which engine answers: its id, and how many pages (frames) share it. */
  | { kind: 'engine-info' }
  /** Makes the engine's worker stop answering: it closes itself, or loops forever (the watchdog's tests). */
  | { kind: 'hang'; how: 'close' | 'loop' };

/** The answer to `engine-info`: one id per engine started, so a test can count the engines of a page. */
export interface EngineInfo {
  engineId: string;
  /** Where it runs: a SharedWorker serving several frames, a dedicated worker, or the page itself. */
  shared: boolean;
  /** The frames (pages) connected to it now: 1 unless shared. */
  clients: number;
  /** Requests it has received and not yet answered or stopped (this one excepted). */
  running: number;
  /**
   * The last RECEIVED_KEPT requests it received, oldest first: the kind, and the planned n of those
   * that have one (certify, certify-set, attack), so a test can check what the page asked for.
   */
  received: ReceivedRequest[];
}

/** One request an engine received, as engine-info lists it. */
export interface ReceivedRequest {
  kind: EngineOp['kind'];
  /** Its planned estimation samples; null for a request without one. */
  n: number | null;
}

/** How many received requests engine-info lists. */
export const RECEIVED_KEPT = 64;

export interface Timing {
  /** Seconds from the request to the result. */
  seconds: number;
  /** Seconds from the request to the first counts. */
  firstUpdateSeconds: number;
  samplesPerSecond: number;
  batchSize: number;
}

/** The counts of one stream so far (its first and last batch, and at most one update per 50 ms). */
export interface CertifyProgress {
  stream: 'selection' | 'estimation';
  counts: number[];
  done: number;
}

/**
 * CERTIFY's answer. A fixed-n run: the Clopper-Pearson certificate at n. A stop-mode run: the
 * anytime-valid certificate at the samples it used (`stop`), with the counts of exactly those.
 */
export interface CertifyAnswer {
  prediction: number;
  radius: number;
  pLower: number;
  selectionCounts: number[];
  estimationCounts: number[];
  timing: Timing;
  /**
   * Stop mode only: the target r, whether the radius reached it, the estimation samples used, and
   * (stopWhenUnreachable) whether the run stopped because r was ruled out.
   */
  stop?: { target: number; reached: boolean; samples: number; unreachable?: boolean };
}

export interface AttackAnswer {
  xAdv: Float32Array;
  delta: Float32Array;
  l2: number;
  linf: number;
  baseLabelAfter: number;
  /** PREDICT (Cohen et al. 2019, Algorithm 2) on the attacked input. */
  prediction: number;
  pValue: number;
  counts: number[];
}

/** One input of a certify-set, certified. */
export interface SetRow {
  /** Position of the input in the request. */
  index: number;
  prediction: number;
  radius: number;
  pLower: number;
  /** Seconds this input took. */
  seconds: number;
}

/** What each op answers: its progress events (never: none) and its one result. */
export interface OpReplies {
  init: { progress: never; result: BackendReport };
  'use-backend': { progress: never; result: BackendReport };
  measure: { progress: never; result: BackendReport };
  certify: { progress: CertifyProgress; result: CertifyAnswer };
  attack: { progress: { step: number; steps: number }; result: AttackAnswer };
  'certify-set': { progress: SetRow; result: { rows: number } };
  'load-model': { progress: never; result: null };
  'unload-model': { progress: never; result: null };
  memory: { progress: never; result: { numTensors: number; numBytes: number } };
  'lose-context': { progress: never; result: null };
  'noise-check': { progress: never; result: { maxDiff: number } };
  'engine-info': { progress: never; result: EngineInfo };
  hang: { progress: never; result: null };
}

export type OpKind = keyof OpReplies;
export type ProgressOf<K extends OpKind> = OpReplies[K]['progress'];
export type ResultOf<K extends OpKind> = OpReplies[K]['result'];

/** Page to engine. */
export type ToEngine =
  | { type: 'request'; id: number; op: EngineOp }
  | { type: 'test'; id: number; op: TestOp }
  | { type: 'cancel'; id: number };

/**
 * Page to a shared engine (a SharedWorker, docs/architecture/engine.md "One engine per page"): the
 * engine's messages, plus `hello` (the Web Lock this frame holds while it lives: once the engine
 * is granted it, the frame is gone) and `bye` (the frame is leaving). Either way the engine cancels
 * the frame's jobs and forgets its ids.
 */
export type ToSharedEngine = ToEngine | { type: 'hello'; lock: string } | { type: 'bye' };

/** Engine to page. */
export type FromEngine =
  | { type: 'progress'; id: number; data: ProgressOf<OpKind> }
  | { type: 'result'; id: number; data: ResultOf<OpKind> }
  | { type: 'error'; id: number; message: string }
  | { type: 'backend'; state: BackendState }
  /**
   * The worker's heartbeat, every HEARTBEAT_MS: its event loop is turning (the page's watchdog).
   * With `slow`, sent just before one long synchronous step (what it is, e.g. compiling WebGL
   * programs): the page then allows a long silence, until it next hears from the engine.
   */
  | { type: 'alive'; slow?: string }
  /**
   * A file the engine needs (a model's file, a .wasm binary) is slow to arrive: its bytes so far
   * and the total (null: unknown); `done` once it has arrived or failed. Sent only for a download
   * still running after a moment, at most a few times a second.
   */
  | { type: 'downloading'; file: string; received: number; total: number | null; done: boolean }
  /**
   * The engine stopped using its noise helper worker (wasm, cpu) for good: its script `file` failed
   * to load or run, or it did not answer within `waitedMs`. The engine makes the noise on its own
   * thread from then on: the same samples, only slower. Sent once per engine.
   */
  | ({ type: 'noise-helper'; file: string } & (
      { problem: 'failed' } | { problem: 'stalled'; waitedMs: number }
    ));

/** How often a worker engine says it is alive. */
export const HEARTBEAT_MS = 500;
