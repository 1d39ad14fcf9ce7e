/**
 * A student's progress through the lesson, kept in localStorage: the sections visited and, for
 * each predict-then-reveal checkpoint, the guess and what the lab measured. Pure functions: the
 * stored text is validated field by field, so a corrupt or foreign value never crashes the app.
 */

export const PROGRESS_KEY = 'smoothing-lab:progress';
/** Where an unreadable stored value is moved, so nothing is silently lost. */
export const PROGRESS_BACKUP_KEY = 'smoothing-lab:progress:unreadable';

export interface CheckpointRecord {
  /** The option the student committed to. */
  guess: string;
  /** The option the lab's run came out as. */
  answer: string;
  /** When it was revealed (ms since the epoch). */
  at: number;
}

export interface Progress {
  version: 1;
  visited: string[];
  checkpoints: Record<string, CheckpointRecord>;
}

export const EMPTY_PROGRESS: Progress = { version: 1, visited: [], checkpoints: {} };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads stored progress. Missing: empty, no notice. Unreadable or of the wrong shape: empty, with
 * a notice; entries that are individually malformed are dropped and the rest kept.
 */
export function parseProgress(raw: string | null): { progress: Progress; notice?: string } {
  if (raw === null || raw === '') return { progress: EMPTY_PROGRESS };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return {
      progress: EMPTY_PROGRESS,
      notice: 'Your saved progress could not be read (it is not JSON); starting afresh.',
    };
  }
  if (!isRecord(data) || data.version !== 1) {
    return {
      progress: EMPTY_PROGRESS,
      notice: 'Your saved progress is in an unknown format; starting afresh.',
    };
  }
  const visited = Array.isArray(data.visited)
    ? [...new Set(data.visited.filter((v): v is string => typeof v === 'string'))]
    : [];
  const checkpoints: Record<string, CheckpointRecord> = {};
  let dropped = 0;
  if (isRecord(data.checkpoints)) {
    for (const [id, rec] of Object.entries(data.checkpoints)) {
      if (
        isRecord(rec) &&
        typeof rec.guess === 'string' &&
        typeof rec.answer === 'string' &&
        typeof rec.at === 'number' &&
        Number.isFinite(rec.at)
      ) {
        checkpoints[id] = { guess: rec.guess, answer: rec.answer, at: rec.at };
      } else dropped++;
    }
  }
  return {
    progress: { version: 1, visited, checkpoints },
    ...(dropped > 0
      ? { notice: `${dropped} saved checkpoint answer(s) were unreadable and were dropped.` }
      : {}),
  };
}

/**
 * The whole notice after unreadable progress was found: the reason, and whether the unreadable value
 * was copied aside (`backupError` null) or could not be (the error's name), in which case it is left
 * in place and this visit's progress is not saved over it.
 */
export function backupNotice(notice: string, backupError: string | null): string {
  return backupError === null
    ? `${notice} The unreadable value was kept aside in this browser.`
    : `${notice} The unreadable value could not be kept aside (the browser's storage refused: ${backupError}), so it was left where it was, and this visit's progress will not be saved over it.`;
}

/** When the browser refuses to read its storage at all (private modes, blocked storage). */
export function storageRefusedNotice(error: string): string {
  return `Your progress cannot be read or saved in this browser (storage refused: ${error}); it lasts for this visit only.`;
}

/** When a save fails (storage full or refused). */
export function saveFailedNotice(error: string): string {
  return `Your progress could not be saved (the browser's storage refused: ${error}, perhaps because it is full); it lasts for this visit only.`;
}

export function serializeProgress(p: Progress): string {
  return JSON.stringify(p);
}

export function markVisited(p: Progress, section: string): Progress {
  return p.visited.includes(section) ? p : { ...p, visited: [...p.visited, section] };
}

export function recordCheckpoint(
  p: Progress,
  id: string,
  guess: string,
  answer: string,
  at: number,
): Progress {
  return { ...p, checkpoints: { ...p.checkpoints, [id]: { guess, answer, at } } };
}

/** For each section: visited, checkpoints revealed, and how many guesses matched the lab. */
export function sectionSummary(
  p: Progress,
  checkpointsBySection: Readonly<Record<string, readonly string[]>>,
): Record<string, { visited: boolean; revealed: number; total: number; right: number }> {
  return Object.fromEntries(
    Object.entries(checkpointsBySection).map(([section, ids]) => {
      const recs = ids.map((id) => p.checkpoints[id]).filter((r): r is CheckpointRecord => !!r);
      return [
        section,
        {
          visited: p.visited.includes(section),
          revealed: recs.length,
          total: ids.length,
          right: recs.filter((r) => r.guess === r.answer).length,
        },
      ];
    }),
  );
}
