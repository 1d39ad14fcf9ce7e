import type { StateCreator } from 'zustand';
import {
  EMPTY_PROGRESS,
  markVisited,
  parseProgress,
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

function load(): { progress: Progress; notice: string } {
  const s = storage();
  let raw: string | null;
  try {
    raw = s?.getItem(PROGRESS_KEY) ?? null;
  } catch {
    return { progress: EMPTY_PROGRESS, notice: '' };
  }
  const { progress, notice } = parseProgress(raw);
  if (notice && raw !== null) {
    try {
      s?.setItem(PROGRESS_BACKUP_KEY, raw); // keep what could not be read
    } catch {
      /* storage full or refused: the notice still says what happened */
    }
  }
  return { progress, notice: notice ?? '' };
}

function save(p: Progress): void {
  try {
    storage()?.setItem(PROGRESS_KEY, serializeProgress(p));
  } catch {
    /* quota or refused: progress then lasts for this visit only */
  }
}

/** The student's progress through the lesson's sections and checkpoints, kept in localStorage. */
export interface ProgressSlice {
  progress: Progress;
  progressNotice: string;
  visitSection: (id: string) => void;
  revealCheckpoint: (id: string, guess: string, answer: string) => void;
  resetProgress: () => void;
  dismissProgressNotice: () => void;
}

export const createProgressSlice: StateCreator<ProgressSlice, [], [], ProgressSlice> = (set, get) => {
  const initial = load();
  const update = (p: Progress) => {
    save(p);
    set({ progress: p });
  };
  return {
    progress: initial.progress,
    progressNotice: initial.notice,
    visitSection: (id) => {
      const p = get().progress;
      const next = markVisited(p, id);
      if (next !== p) update(next);
    },
    revealCheckpoint: (id, guess, answer) =>
      update(recordCheckpoint(get().progress, id, guess, answer, Date.now())),
    resetProgress: () => update(EMPTY_PROGRESS),
    dismissProgressNotice: () => set({ progressNotice: '' }),
  };
};
