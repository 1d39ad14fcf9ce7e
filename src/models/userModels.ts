/**
 * Models a student trained in this browser ("user models"): their ids ("user:" + a stamp), their
 * cards, the stored record (card, model.json text, weight bytes), the check of a record read back
 * from storage, and the sentences for storage that is refused or full. Pure: no TF.js, no
 * IndexedDB (./userStore.ts keeps the records).
 */
import type { Architecture } from './architectures';

/** Every user model id starts with this; shipped ids never do. */
export const USER_MODEL_PREFIX = 'user:';
const ID_PATTERN = /^user:[a-z0-9-]{1,40}$/;

export type UserTrainMethod = 'gaussian' | 'consistency';

/** One epoch of the training, as the card keeps it. */
export interface UserEpoch {
  epoch: number;
  loss: number;
  /** Accuracy under N(0, sigma_train^2) on the validation digits, as a fraction. */
  valAccuracy: number;
  seconds: number;
}

/** What a student's model is and how it was trained. */
export interface UserModelCard {
  id: string;
  architecture: Architecture;
  /** sigma_train (pixels in [0, 1]). */
  sigmaTrain: number;
  method: UserTrainMethod;
  /** Epochs run. */
  epochs: number;
  /** The epoch whose weights were kept (best validation accuracy), 1-based. */
  bestEpoch: number;
  /** The kept epoch's accuracy under its training noise on the validation digits, as a fraction. */
  valAccuracy: number;
  trainCount: number;
  validationCount: number;
  parameterCount: number;
  /** Seconds the training took, and the TF.js backend it ran on. */
  seconds: number;
  backend: string;
  /** When it was trained (ISO 8601). */
  createdAt: string;
  history: UserEpoch[];
}

/** A user model as stored: its card, the layers model.json text and the weights' bytes. */
export interface StoredUserModel {
  card: UserModelCard;
  modelJson: string;
  weights: ArrayBuffer;
}

export function isUserModelId(id: string): boolean {
  return id.startsWith(USER_MODEL_PREFIX);
}

/** A fresh id: "user:" + the time in base 36 + 4 random base-36 digits, e.g. "user:mlc1x2k9-4f7a". */
export function newUserModelId(now = Date.now(), random = Math.random): string {
  const r = Math.floor(random() * 36 ** 4)
    .toString(36)
    .padStart(4, '0');
  return `${USER_MODEL_PREFIX}${now.toString(36)}-${r}`;
}

const METHOD_NAMES: Record<UserTrainMethod, string> = {
  gaussian: 'Gaussian augmentation',
  consistency: 'consistency regularisation',
};

export function methodName(m: UserTrainMethod): string {
  return METHOD_NAMES[m];
}

/** "Your MLP, sigma_train 0.50, Gaussian augmentation, 3 epochs: 91.2% validation accuracy under its noise" */
export function describeUserModel(c: UserModelCard): string {
  const noise = c.sigmaTrain > 0 ? 'under its training noise' : 'clean';
  return `Your ${c.architecture.toUpperCase()}, sigma_train ${c.sigmaTrain.toFixed(2)}, ${methodName(c.method)}, ${c.epochs} epoch${c.epochs === 1 ? '' : 's'}: ${(100 * c.valAccuracy).toFixed(1)}% validation accuracy ${noise}`;
}

/** A short label for charts and lists: "your MLP (σ_train 0.50, Gaussian, 3 ep.)". */
export function shortUserModelLabel(c: UserModelCard): string {
  const m = c.method === 'gaussian' ? 'Gaussian' : 'consistency';
  return `your ${c.architecture.toUpperCase()} (σ_train ${c.sigmaTrain.toFixed(2)}, ${m}, ${c.epochs} ep.)`;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const count = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** What is wrong with a card read back from storage, or null when it is sound. */
export function cardProblem(c: unknown): string | null {
  if (!isObj(c)) return 'the card is not an object';
  if (typeof c.id !== 'string' || !ID_PATTERN.test(c.id)) return 'the card has no valid id';
  if (c.architecture !== 'mlp' && c.architecture !== 'cnn') return 'the card has an unknown architecture';
  if (c.method !== 'gaussian' && c.method !== 'consistency') return 'the card has an unknown method';
  if (!num(c.sigmaTrain) || c.sigmaTrain < 0 || c.sigmaTrain > 2) return 'the card has no sigma_train';
  if (!count(c.epochs) || !count(c.bestEpoch)) return 'the card has no epoch counts';
  if (!num(c.valAccuracy) || c.valAccuracy < 0 || c.valAccuracy > 1) return 'the card has no accuracy';
  if (!count(c.trainCount) || !count(c.validationCount) || !count(c.parameterCount))
    return 'the card has no digit or parameter counts';
  if (!num(c.seconds) || typeof c.backend !== 'string') return 'the card has no timing';
  if (typeof c.createdAt !== 'string' || Number.isNaN(Date.parse(c.createdAt))) return 'the card has no date';
  if (!Array.isArray(c.history)) return 'the card has no history';
  for (const e of c.history as unknown[]) {
    if (!isObj(e) || !count(e.epoch) || !num(e.loss) || !num(e.valAccuracy) || !num(e.seconds))
      return 'the card has a damaged epoch';
  }
  return null;
}

/**
 * Reads a record back from storage: the model, or why it cannot be used (another version's
 * record, a damaged entry). The weights are checked for presence here; their size against the
 * manifest is checked when the engine builds the model (src/models/load.ts).
 */
export function parseStoredModel(
  v: unknown,
): { ok: true; model: StoredUserModel } | { ok: false; problem: string } {
  if (!isObj(v)) return { ok: false, problem: 'the record is not an object' };
  const p = cardProblem(v.card);
  if (p) return { ok: false, problem: p };
  if (typeof v.modelJson !== 'string' || v.modelJson.length === 0)
    return { ok: false, problem: 'the record has no model.json' };
  if (!(v.weights instanceof ArrayBuffer) || v.weights.byteLength === 0 || v.weights.byteLength % 4 !== 0)
    return { ok: false, problem: 'the record has no float32 weights' };
  return {
    ok: true,
    model: { card: v.card as unknown as UserModelCard, modelJson: v.modelJson, weights: v.weights },
  };
}

/** The plain object stored for a model (IndexedDB clones it; the id is its key). */
export function toStoredRecord(m: StoredUserModel): {
  id: string;
  card: UserModelCard;
  modelJson: string;
  weights: ArrayBuffer;
} {
  return { id: m.card.id, card: m.card, modelJson: m.modelJson, weights: m.weights };
}

/** What went wrong with the browser's storage, as a kind the page can word. */
export type StorageProblem = 'unavailable' | 'refused' | 'full' | 'failed';

/** Maps an error of IndexedDB (or its absence) to a kind of problem. */
export function storageProblemOf(e: unknown): StorageProblem {
  const name = (e as { name?: unknown } | null)?.name;
  if (name === 'QuotaExceededError') return 'full';
  if (name === 'SecurityError' || name === 'InvalidStateError' || name === 'NotAllowedError')
    return 'refused';
  if (name === 'UnavailableError') return 'unavailable';
  return 'failed';
}

function detail(e: unknown): string {
  const err = e as { name?: unknown; message?: unknown } | null;
  const name = typeof err?.name === 'string' ? err.name : '';
  const message = typeof err?.message === 'string' ? err.message : '';
  return [name, message].filter(Boolean).join(': ') || String(e);
}

/**
 * The sentence a student reads when storage fails: what happened, what it means for the model
 * (usable on this page until it is closed, where it could not be saved), and what to do.
 * @param action what was attempted: reading the saved models, saving one, deleting one
 */
export function storageMessage(e: unknown, action: 'read' | 'save' | 'delete'): string {
  const kind = storageProblemOf(e);
  const why =
    kind === 'full'
      ? "the browser's storage for this page is full"
      : kind === 'refused'
        ? 'this browser refuses to store data for this page (a private window, or storage blocked in its settings)'
        : kind === 'unavailable'
          ? 'this browser offers this page no IndexedDB storage'
          : `the browser's storage failed (${detail(e)})`;
  switch (action) {
    case 'save':
      return `Your model could not be saved: ${why}. It stays usable on this page until you close or reload it.${kind === 'full' ? ' Deleting an older model of yours frees room.' : ''}`;
    case 'read':
      return `Models you trained earlier cannot be read: ${why}. New ones last until this page is closed.`;
    case 'delete':
      return `The model could not be deleted from the browser's storage: ${why}. It is removed from this page.`;
  }
}

/** An error that says IndexedDB is missing, for storageMessage. */
export function unavailableError(): Error {
  const e = new Error('indexedDB is not defined');
  e.name = 'UnavailableError';
  return e;
}
