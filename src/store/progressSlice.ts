import type { StateCreator } from 'zustand';
import {
  EMPTY_PROGRESS,
  markVisited,
  backupNotice,
  parseProgress,
  saveFailedNotice,
  storageRefusedNotice,
  PROGRESS_BACKUP_KEY,
  PROGRESS_KEY,
  recordCheckpoint,
  serializeProgress,
  type Progress,
} from '../lesson/progress';

/** localStorage, or null where there is none or it refuses access (private modes, sandboxed frames). */
function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The error's name (QuotaExceededError, SecurityError, ...) for a notice; "an error" when it has none. */
function errorName(e: unknown): string {
  return e instanceof Error && e.name ? e.name : 'an error';
}

/**
 * Reads the stored progress. `writable` is false when saving would destroy something: the stored
 * value is unreadable and could not be copied aside, or storage refuses access.
 */
function load(key: string): { progress: Progress; notice: string; writable: boolean } {
  const s = storage();
  let raw: string | null;
  try {
    raw = s?.getItem(key) ?? null;
  } catch (e) {
    return { progress: EMPTY_PROGRESS, notice: storageRefusedNotice(errorName(e)), writable: false };
  }
  const { progress, notice } = parseProgress(raw);
  if (!notice || raw === null) return { progress, notice: notice ?? '', writable: true };
  try {
    s?.setItem(backupKeyOf(key), raw); // keep what could not be read
  } catch (e) {
    // Storage full or refused: say so, and leave the unreadable value where it is (not overwritten).
    return { progress, notice: backupNotice(notice, errorName(e)), writable: false };
  }
  return { progress, notice: backupNotice(notice, null), writable: true };
}

/** Where an unreadable value stored under `key` is moved (the lesson's own key keeps its old name). */
const backupKeyOf = (key: string) => (key === PROGRESS_KEY ? PROGRESS_BACKUP_KEY : `${key}:unreadable`);

/** Saves progress; returns the name of the error when storage refused (quota, access). */
function save(key: string, p: Progress): string | null {
  try {
    storage()?.setItem(key, serializeProgress(p));
    return null;
  } catch (e) {
    return errorName(e);
  }
}

/** The student's progress through the lesson's sections and checkpoints, kept in localStorage. */
export interface ProgressSlice {
  progress: Progress;
  progressNotice: string;
  /** The storage key the progress is kept under (the lesson's, or an embedded checkpoint's own). */
  progressKey: string;
  visitSection: (id: string) => void;
  revealCheckpoint: (id: string, guess: string, answer: string) => void;
  resetProgress: () => void;
  dismissProgressNotice: () => void;
  /**
   * Keeps progress under another storage key from now on, and reads what is stored there (an
   * embedded checkpoint keeps its own, apart from the lesson's). No-op when the key is already used.
   */
  setProgressKey: (key: string) => void;
}

export const createProgressSlice: StateCreator<ProgressSlice, [], [], ProgressSlice> = (set, get) => {
  let key = PROGRESS_KEY;
  const initial = load(key);
  let writable = initial.writable;
  const update = (p: Progress) => {
    const failed = writable ? save(key, p) : null;
    if (failed !== null) {
      // Quota or refused: progress then lasts for this visit only, and the student is told once.
      writable = false;
      set({ progress: p, progressNotice: saveFailedNotice(failed) });
    } else set({ progress: p });
  };
  return {
    progress: initial.progress,
    progressNotice: initial.notice,
    progressKey: key,
    visitSection: (id) => {
      const p = get().progress;
      const next = markVisited(p, id);
      if (next !== p) update(next);
    },
    revealCheckpoint: (id, guess, answer) =>
      update(recordCheckpoint(get().progress, id, guess, answer, Date.now())),
    resetProgress: () => update(EMPTY_PROGRESS),
    dismissProgressNotice: () => set({ progressNotice: '' }),
    setProgressKey: (next) => {
      if (next === key) return;
      key = next;
      const loaded = load(key);
      writable = loaded.writable;
      set({ progress: loaded.progress, progressNotice: loaded.notice, progressKey: key });
    },
  };
};
