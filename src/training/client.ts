/**
 * The page's handle on the training worker (./worker.ts). No TF.js here: the worker is created
 * from its URL, so its bundle (TF.js, the trainer, the training digits) is downloaded only when a
 * student opens the training panel. Every message from the worker is checked (parseFromTrainer)
 * before it reaches the page. One training at a time; `cancel()` settles the training at once on
 * the page (an AbortError) and the worker stops before its next batch.
 */
import {
  parseFromTrainer,
  settingsProblem,
  type EpochReport,
  type FromTrainer,
  type ToTrainer,
  type TrainedModel,
  type TrainSettings,
} from './protocol';

/** The part of a Worker the client uses (a fake one in the unit tests). */
export interface TrainerWorkerLike {
  postMessage(m: ToTrainer): void;
  terminate(): void;
  onmessage: ((ev: MessageEvent<unknown>) => void) | null;
  onerror: ((ev: Event) => void) | null;
}

/** What the worker reported once it was ready to train. */
export interface TrainerReady {
  backend: string;
  fallbackReason?: string;
  trainCount: number;
  validationCount: number;
}

export interface TrainProgress {
  /** 1-based epoch, step within it, steps per epoch, and the batch's loss. */
  epoch: number;
  step: number;
  steps: number;
  loss: number;
}

export interface RunningTraining {
  /** The trained model; rejects with the worker's message, or with an AbortError once cancelled. */
  result: Promise<TrainedModel>;
  cancel: () => void;
}

/** How long a cancelled training may take to acknowledge before its worker is replaced (ms). */
export const CANCEL_GRACE_MS = 3000;

function abortError(): Error {
  const e = new Error('training cancelled');
  e.name = 'AbortError';
  return e;
}

function defaultWorker(): TrainerWorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), {
    type: 'module',
    name: 'smoothing-trainer',
  }) as unknown as TrainerWorkerLike;
}

interface Current {
  id: number;
  onStep: (p: TrainProgress) => void;
  onEpoch: (e: EpochReport) => void;
  resolve: (m: TrainedModel) => void;
  reject: (e: Error) => void;
}

export class TrainingClient {
  private worker: TrainerWorkerLike | null = null;
  private ready: Promise<TrainerReady> | null = null;
  private settleReady: { resolve: (r: TrainerReady) => void; reject: (e: Error) => void } | null = null;
  private current: Current | null = null;
  /** A cancelled training the worker has not yet acknowledged: the next one waits for it. */
  private draining: Promise<void> = Promise.resolve();
  private endDrain: (() => void) | null = null;
  /** The id of the last cancelled training: its late answer ends the drain and goes nowhere else. */
  private cancelledId = -1;
  private nextId = 0;

  constructor(
    private readonly makeWorker: () => TrainerWorkerLike = defaultWorker,
    private readonly baseUrl: () => string = () => new URL('./', document.baseURI).href,
  ) {}

  /** Starts the worker (its backend, the training digits) once; resolves when it can train. */
  prepare(): Promise<TrainerReady> {
    if (this.ready) return this.ready;
    this.ready = new Promise<TrainerReady>((resolve, reject) => {
      this.settleReady = { resolve, reject };
    });
    this.ready.catch(() => undefined);
    let w: TrainerWorkerLike;
    try {
      w = this.makeWorker();
    } catch (e) {
      this.failReady(`the training worker could not start (${(e as Error).message})`);
      return this.ready;
    }
    this.worker = w;
    w.onmessage = (ev) => {
      if (this.worker === w) this.receive(ev.data);
    };
    w.onerror = (ev) => {
      if (this.worker !== w) return;
      ev.preventDefault?.();
      const detail = (ev as Partial<ErrorEvent>).message;
      const message = `the training worker stopped${detail ? ` (${detail})` : ''}`;
      this.replaceWorker();
      this.failReady(message);
      this.current?.reject(new Error(message));
      this.current = null;
    };
    w.postMessage({ type: 'prepare', baseUrl: this.baseUrl() });
    return this.ready;
  }

  /** Trains a model with `settings`; progress goes to the callbacks as it comes. */
  train(
    settings: TrainSettings,
    on: { onStep?: (p: TrainProgress) => void; onEpoch?: (e: EpochReport) => void } = {},
  ): RunningTraining {
    const problem = settingsProblem(settings);
    if (problem) return { result: Promise.reject(new Error(problem)), cancel: () => undefined };
    if (this.current) this.cancelCurrent();
    const id = ++this.nextId;
    let entry!: Current;
    const result = new Promise<TrainedModel>((resolve, reject) => {
      entry = {
        id,
        onStep: on.onStep ?? (() => undefined),
        onEpoch: on.onEpoch ?? (() => undefined),
        resolve,
        reject,
      };
    });
    result.catch(() => undefined);
    this.current = entry;
    // After any cancelled training has stopped (or its worker was replaced), on a prepared worker.
    void this.draining
      .then(() => this.prepare())
      .then(
        () => {
          if (this.current === entry) this.worker?.postMessage({ type: 'train', id, settings });
        },
        (e: Error) => {
          if (this.current !== entry) return;
          this.current = null;
          entry.reject(e);
        },
      );
    return {
      result,
      cancel: () => {
        if (this.current === entry) this.cancelCurrent();
      },
    };
  }

  /** Stops the worker for good (the page left the panel's view for good: nothing else uses it). */
  dispose(): void {
    this.cancelCurrent();
    this.worker?.terminate();
    this.worker = null;
    this.ready = null;
  }

  private cancelCurrent(): void {
    const c = this.current;
    if (!c) return;
    this.current = null;
    c.reject(abortError());
    const w = this.worker;
    if (!w) return;
    w.postMessage({ type: 'cancel', id: c.id });
    this.draining = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        // Stuck in one long step: a fresh worker is quicker than waiting.
        if (this.worker === w) this.replaceWorker();
        resolve();
      }, CANCEL_GRACE_MS);
      this.endDrain = () => {
        clearTimeout(timer);
        this.endDrain = null;
        resolve();
      };
    });
    this.cancelledId = c.id;
  }

  private replaceWorker(): void {
    this.worker?.terminate();
    this.worker = null;
    this.ready = null;
    this.endDrain?.();
  }

  private failReady(message: string): void {
    this.settleReady?.reject(new Error(message));
    this.settleReady = null;
    this.ready = null;
    this.worker?.terminate();
    this.worker = null;
  }

  private receive(raw: unknown): void {
    const parsed = parseFromTrainer(raw);
    if (!parsed.ok) {
      const c = this.current;
      this.current = null;
      c?.reject(new Error(`the training worker sent a malformed message: ${parsed.problem}`));
      return;
    }
    const m: FromTrainer = parsed.message;
    switch (m.type) {
      case 'ready':
        this.settleReady?.resolve({
          backend: m.backend,
          ...(m.fallbackReason !== undefined && { fallbackReason: m.fallbackReason }),
          trainCount: m.trainCount,
          validationCount: m.validationCount,
        });
        this.settleReady = null;
        return;
      case 'prepare-error':
        this.failReady(m.message);
        return;
      default:
        break;
    }
    if (m.id === this.cancelledId && (m.type === 'cancelled' || m.type === 'done' || m.type === 'error')) {
      this.endDrain?.();
      return;
    }
    const c = this.current;
    if (!c || c.id !== m.id) return; // stale: a cancelled or older training
    switch (m.type) {
      case 'step':
        c.onStep({ epoch: m.epoch, step: m.step, steps: m.steps, loss: m.loss });
        return;
      case 'epoch':
        c.onEpoch(m.report);
        return;
      case 'done':
        this.current = null;
        c.resolve(m.model);
        return;
      case 'error':
        this.current = null;
        c.reject(new Error(m.message));
        return;
      case 'cancelled':
        this.current = null;
        c.reject(abortError());
        return;
    }
  }
}
