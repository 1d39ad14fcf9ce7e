import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROGRESS_BACKUP_KEY, PROGRESS_KEY } from '../../lesson/progress';
import { createProgressSlice, type ProgressSlice } from '../progressSlice';

/** A Map-backed Storage whose setItem throws (quota, refused) when `failWrites` says so. */
function fakeStorage(initial: Record<string, string>, failWrites: (key: string) => boolean) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    storage: {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => {
        if (failWrites(k)) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        data.set(k, v);
      },
      removeItem: (k: string) => data.delete(k),
    },
  };
}

/** Builds the slice as zustand would, with a plain object as the state. */
function slice(): { state: () => ProgressSlice } {
  let state = {} as ProgressSlice;
  const set = (p: Partial<ProgressSlice>) => {
    state = { ...state, ...p };
  };
  state = createProgressSlice(set as never, () => state, undefined as never);
  return { state: () => state };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('progress slice and a failing storage', () => {
  it('says the unreadable value was kept aside only when the copy succeeded', () => {
    const { data, storage } = fakeStorage({ [PROGRESS_KEY]: '{not json' }, () => false);
    vi.stubGlobal('localStorage', storage);
    const s = slice();
    expect(s.state().progressNotice).toMatch(/not JSON.*was kept aside in this browser\.$/);
    expect(data.get(PROGRESS_BACKUP_KEY)).toBe('{not json');
  });

  it('reports a failed backup write as failed, and does not overwrite the unreadable value', () => {
    const { data, storage } = fakeStorage({ [PROGRESS_KEY]: '{not json' }, () => true);
    vi.stubGlobal('localStorage', storage);
    const s = slice();
    expect(s.state().progressNotice).not.toMatch(/was kept aside/);
    expect(s.state().progressNotice).toMatch(/could not be kept aside \(.*QuotaExceededError\)/);
    s.state().visitSection('lab');
    expect(s.state().progress.visited).toEqual(['lab']);
    expect(data.get(PROGRESS_KEY)).toBe('{not json');
  });

  it('says so when saving fails (storage full), once', () => {
    const { storage } = fakeStorage({}, (k) => k === PROGRESS_KEY);
    vi.stubGlobal('localStorage', storage);
    const s = slice();
    expect(s.state().progressNotice).toBe('');
    s.state().visitSection('lab');
    expect(s.state().progressNotice).toMatch(/could not be saved .*QuotaExceededError.*this visit only/);
    expect(s.state().progress.visited).toEqual(['lab']);
  });

  it('says so when storage refuses to be read', () => {
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    const s = slice();
    expect(s.state().progressNotice).toMatch(/cannot be read or saved .*SecurityError/);
  });
});

describe('progress under its own storage key (an embedded checkpoint)', () => {
  it('reads and writes only the new key after setProgressKey, leaving the lesson’s alone', () => {
    const lesson = JSON.stringify({ version: 1, visited: ['lab'], checkpoints: {} });
    const { data, storage } = fakeStorage({ [PROGRESS_KEY]: lesson }, () => false);
    vi.stubGlobal('localStorage', storage);
    const s = slice();
    expect(s.state().progress.visited).toEqual(['lab']);
    s.state().setProgressKey('smoothing-lab:embed:checkpoint:x');
    expect(s.state().progressKey).toBe('smoothing-lab:embed:checkpoint:x');
    expect(s.state().progress.visited).toEqual([]);
    s.state().revealCheckpoint('x', 'a', 'b');
    expect(data.get(PROGRESS_KEY)).toBe(lesson);
    const own = JSON.parse(data.get('smoothing-lab:embed:checkpoint:x')!) as { checkpoints: object };
    expect(Object.keys(own.checkpoints)).toEqual(['x']);
  });
});
