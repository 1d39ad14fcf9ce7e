import { describe, expect, it } from 'vitest';
import {
  EMPTY_PROGRESS,
  markVisited,
  parseProgress,
  recordCheckpoint,
  sectionSummary,
  serializeProgress,
} from '../progress';

describe('lesson progress', () => {
  it('round-trips through its stored form', () => {
    let p = markVisited(EMPTY_PROGRESS, 'lab');
    p = markVisited(p, 'lab');
    p = recordCheckpoint(p, 'lab-double-sigma', 'grows', 'grows', 1700000000000);
    expect(p.visited).toEqual(['lab']);
    expect(parseProgress(serializeProgress(p))).toEqual({ progress: p });
    expect(EMPTY_PROGRESS.visited).toEqual([]); // not mutated
  });

  it('starts afresh with a notice on unreadable or foreign values', () => {
    expect(parseProgress(null)).toEqual({ progress: EMPTY_PROGRESS });
    for (const raw of ['{oops', '[]', '42', '{"version":2}', 'null']) {
      const r = parseProgress(raw);
      expect(r.progress).toEqual(EMPTY_PROGRESS);
      expect(r.notice, raw).toMatch(/starting afresh/);
    }
  });

  it('keeps the readable entries and drops malformed ones', () => {
    const raw = JSON.stringify({
      version: 1,
      visited: ['why', 3, 'why', 'lab'],
      checkpoints: {
        a: { guess: 'x', answer: 'y', at: 5 },
        b: { guess: 'x' },
        c: 'nope',
        d: { guess: 'x', answer: 'x', at: Number.NaN },
      },
    });
    const r = parseProgress(raw);
    expect(r.progress.visited).toEqual(['why', 'lab']);
    expect(Object.keys(r.progress.checkpoints)).toEqual(['a']);
    expect(r.notice).toMatch(/3 saved checkpoint/);
  });

  it('summarizes each section', () => {
    let p = markVisited(EMPTY_PROGRESS, 'lab');
    p = recordCheckpoint(p, 'a', 'x', 'x', 1);
    p = recordCheckpoint(p, 'b', 'x', 'y', 2);
    expect(sectionSummary(p, { lab: ['a', 'b', 'c'], why: ['d'] })).toEqual({
      lab: { visited: true, revealed: 2, total: 3, right: 1 },
      why: { visited: false, revealed: 0, total: 1, right: 0 },
    });
  });
});
