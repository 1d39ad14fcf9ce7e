/**
 * The messages between the page and the training worker (src/training/worker.ts), and the checks
 * both sides run on what they receive. Plain data only; this file imports nothing, so the page side
 * (src/training/client.ts) and the store can use its types without pulling TF.js into the page.
 *
 * One training at a time. The page sends `prepare` once (the worker starts its TF.js backend and
 * downloads the training digits), then `train` with an id; the worker answers `ready` to prepare,
 * and for a train request any number of `step` and `epoch` events, then exactly one `done`,
 * `error` or `cancelled` for that id. `cancel` names an id: the worker stops before its next batch
 * and answers `cancelled`.
 */

export type TrainArch = 'mlp' | 'cnn';
export type TrainMethodName = 'gaussian' | 'consistency';

/** The sigma_train values the panel offers (pixels in [0, 1]). */
export const TRAIN_SIGMAS: readonly number[] = [0, 0.25, 0.5, 1];
/** The most epochs a student may ask for (a browser tab, not a training farm). */
export const MAX_TRAIN_EPOCHS = 10;

/** What the student chose. */
export interface TrainSettings {
  arch: TrainArch;
  /** sigma_train, one of TRAIN_SIGMAS. */
  sigma: number;
  method: TrainMethodName;
  /** Whole epochs, 1 to MAX_TRAIN_EPOCHS. */
  epochs: number;
}

/** One finished epoch. */
export interface EpochReport {
  /** 1-based. */
  epoch: number;
  /** Mean training loss over the epoch's batches (cross-entropy, plus the consistency terms). */
  loss: number;
  /** Accuracy under N(0, sigma_train^2) on the held-out validation digits, as a fraction. */
  valAccuracy: number;
  /** Seconds the epoch took (training and validation). */
  seconds: number;
}

/** The trained model, serialised: a TF.js layers model.json (text) and its weights (float32 bytes). */
export interface TrainedModel {
  /** model.json text: { modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights }] }. */
  modelJson: string;
  /** The weights file's bytes, in the manifest's order. */
  weights: ArrayBuffer;
  parameterCount: number;
  history: EpochReport[];
  /** The epoch whose weights were kept (the best validation accuracy), 1-based. */
  bestEpoch: number;
  bestValAccuracy: number;
  /** Seconds from the first batch to the end, validation included. */
  seconds: number;
  trainCount: number;
  validationCount: number;
  /** The TF.js backend that trained it. */
  backend: string;
}

/** Page to worker. */
export type ToTrainer =
  | { type: 'prepare'; baseUrl: string }
  | { type: 'train'; id: number; settings: TrainSettings }
  | { type: 'cancel'; id: number };

/** Worker to page. */
export type FromTrainer =
  | {
      type: 'ready';
      /** The backend training runs on ('wasm', else 'cpu'). */
      backend: string;
      /** Why wasm could not start, when the backend is cpu. */
      fallbackReason?: string;
      /** Digits the model learns from, and the ones held out to validate it (from the 8,000). */
      trainCount: number;
      validationCount: number;
    }
  | { type: 'prepare-error'; message: string }
  | { type: 'step'; id: number; epoch: number; step: number; steps: number; loss: number }
  | { type: 'epoch'; id: number; report: EpochReport }
  | { type: 'done'; id: number; model: TrainedModel }
  | { type: 'error'; id: number; message: string }
  | { type: 'cancelled'; id: number };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** What is wrong with a student's settings, or null when they are valid. */
export function settingsProblem(s: unknown): string | null {
  if (!isObject(s)) return 'the settings are not an object';
  if (s.arch !== 'mlp' && s.arch !== 'cnn') return `unknown architecture ${JSON.stringify(s.arch)}`;
  if (s.method !== 'gaussian' && s.method !== 'consistency')
    return `unknown method ${JSON.stringify(s.method)}`;
  if (!isFiniteNumber(s.sigma) || !TRAIN_SIGMAS.includes(s.sigma))
    return `sigma_train ${JSON.stringify(s.sigma)} is not one of ${TRAIN_SIGMAS.join(', ')}`;
  if (!Number.isInteger(s.epochs) || (s.epochs as number) < 1 || (s.epochs as number) > MAX_TRAIN_EPOCHS)
    return `epochs ${JSON.stringify(s.epochs)} is not a whole number from 1 to ${MAX_TRAIN_EPOCHS}`;
  return null;
}

/**
 * Reads a message the worker received: the message, or why it is not one (the worker answers a
 * malformed train request with an error for its id when it has one, and ignores the rest).
 */
export function parseToTrainer(
  m: unknown,
): { ok: true; message: ToTrainer } | { ok: false; problem: string } {
  if (!isObject(m)) return { ok: false, problem: 'the message is not an object' };
  switch (m.type) {
    case 'prepare':
      return typeof m.baseUrl === 'string'
        ? { ok: true, message: { type: 'prepare', baseUrl: m.baseUrl } }
        : { ok: false, problem: 'prepare has no baseUrl' };
    case 'cancel':
      return isId(m.id)
        ? { ok: true, message: { type: 'cancel', id: m.id } }
        : { ok: false, problem: 'cancel has no id' };
    case 'train': {
      if (!isId(m.id)) return { ok: false, problem: 'train has no id' };
      const problem = settingsProblem(m.settings);
      if (problem) return { ok: false, problem };
      const s = m.settings as unknown as TrainSettings;
      return {
        ok: true,
        message: {
          type: 'train',
          id: m.id,
          settings: { arch: s.arch, sigma: s.sigma, method: s.method, epochs: s.epochs },
        },
      };
    }
    default:
      return { ok: false, problem: `unknown message type ${JSON.stringify(m.type)}` };
  }
}

function epochProblem(r: unknown): string | null {
  if (!isObject(r)) return 'an epoch report is not an object';
  if (!isId(r.epoch) || (r.epoch as number) < 1) return 'an epoch report has no epoch number';
  if (!isFiniteNumber(r.loss)) return 'an epoch report has no finite loss';
  if (!isFiniteNumber(r.valAccuracy) || r.valAccuracy < 0 || r.valAccuracy > 1)
    return 'an epoch report has no accuracy in [0, 1]';
  if (!isFiniteNumber(r.seconds) || r.seconds < 0) return 'an epoch report has no duration';
  return null;
}

/**
 * Checks a message from the worker before the page acts on it: the message, or why not (the page
 * then reports a broken worker instead of drawing NaN or storing a model without weights).
 */
export function parseFromTrainer(
  m: unknown,
): { ok: true; message: FromTrainer } | { ok: false; problem: string } {
  const bad = (problem: string) => ({ ok: false as const, problem });
  if (!isObject(m)) return bad('the message is not an object');
  const ok = { ok: true as const, message: m as unknown as FromTrainer };
  switch (m.type) {
    case 'ready':
      if (typeof m.backend !== 'string') return bad('ready has no backend');
      if (!isId(m.trainCount) || !isId(m.validationCount)) return bad('ready has no digit counts');
      return ok;
    case 'prepare-error':
      return typeof m.message === 'string' ? ok : bad('prepare-error has no message');
    case 'step':
      if (!isId(m.id) || !isId(m.epoch) || !isId(m.step) || !isId(m.steps))
        return bad('step has no position');
      return isFiniteNumber(m.loss) ? ok : bad('step has no finite loss');
    case 'epoch': {
      if (!isId(m.id)) return bad('epoch has no id');
      const p = epochProblem(m.report);
      return p ? bad(p) : ok;
    }
    case 'done': {
      if (!isId(m.id)) return bad('done has no id');
      const t = m.model;
      if (!isObject(t)) return bad('done has no model');
      if (typeof t.modelJson !== 'string') return bad('the model has no model.json');
      if (!(t.weights instanceof ArrayBuffer) || t.weights.byteLength === 0)
        return bad('the model has no weights');
      if (!Array.isArray(t.history)) return bad('the model has no history');
      for (const r of t.history) {
        const p = epochProblem(r);
        if (p) return bad(p);
      }
      if (!isFiniteNumber(t.bestValAccuracy) || !isId(t.bestEpoch)) return bad('the model has no best epoch');
      if (!isId(t.trainCount) || !isId(t.validationCount) || !isId(t.parameterCount))
        return bad('the model has no counts');
      if (!isFiniteNumber(t.seconds) || typeof t.backend !== 'string') return bad('the model has no timing');
      return ok;
    }
    case 'error':
      return isId(m.id) && typeof m.message === 'string' ? ok : bad('error has no id or message');
    case 'cancelled':
      return isId(m.id) ? ok : bad('cancelled has no id');
    default:
      return bad(`unknown message type ${JSON.stringify(m.type)}`);
  }
}
