import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../app/routes';
import { routeFromHash } from '../../app/routes';
import { queryOfHash } from '../../app/hash';
import { MODEL_CARDS, DEFAULT_MODEL_ID } from '../../models/cards';
import { parseLabQuery } from '../../store/urlRegistry';
import { CHECKPOINTS } from '../checkpoints';
import { LECTURE, LECTURE_MINUTES, LECTURE_STARTS, lectureHref, lectureState } from '../lecture';
import { PRESETS } from '../presets';

const ids = MODEL_CARDS.map((c) => c.id);

describe('the lecture path', () => {
  it('takes 50 minutes, every step a few of them, in order', () => {
    expect(LECTURE_MINUTES).toBe(50);
    for (const s of LECTURE) expect(s.minutes).toBeGreaterThan(0);
    expect(LECTURE_STARTS[0]).toBe(0);
    expect(LECTURE_STARTS.at(-1)! + LECTURE.at(-1)!.minutes).toBe(50);
    expect(new Set(LECTURE.map((s) => s.id)).size).toBe(LECTURE.length);
  });

  it('visits every view, and each step asks a question', () => {
    expect(new Set(LECTURE.map((s) => s.view))).toEqual(new Set(ROUTES.map((r) => r.id)));
    for (const s of LECTURE) {
      expect(s.ask.trim().endsWith('?'), s.id).toBe(true);
      expect(s.show.length).toBeGreaterThan(20);
    }
  });

  for (const presenting of [true, false]) {
    it(`each link opens its view and reads back as exactly the state it states (presenting ${presenting})`, () => {
      for (const step of LECTURE) {
        const href = lectureHref(step, presenting);
        expect(routeFromHash(href).id, step.id).toBe(step.view);
        const parsed = parseLabQuery(queryOfHash(href), { ids, fallback: DEFAULT_MODEL_ID });
        const want = lectureState(step.state);
        expect(parsed.notices, step.id).toEqual([]);
        expect(parsed.params, step.id).toEqual(want.params);
        expect(parsed.modelId, step.id).toBe(want.model);
        expect(parsed.geo, step.id).toEqual(want.geo);
        expect(parsed.tradeoff, step.id).toEqual(want.tradeoff);
        expect(parsed.anytime, step.id).toEqual(want.anytime);
        expect(parsed.presenting, step.id).toBe(presenting);
        expect(parsed.drawn, step.id).toBeNull();
      }
    });
  }

  it('names shipped models, checkpoints of its own view, and the presets by their exact state', () => {
    for (const step of LECTURE) {
      expect(ids, step.id).toContain(lectureState(step.state).model);
      if (step.checkpoint) {
        const def = CHECKPOINTS.find((c) => c.id === step.checkpoint);
        expect(def?.section, step.id).toBe(step.view);
      }
    }
    // A step named after a preset opens that preset's state.
    for (const p of PRESETS) {
      const step = LECTURE.find((s) => s.id === p.id);
      if (!step) continue;
      expect(step.state.params).toEqual(p.params);
      expect(step.state.model).toBe(p.model);
    }
  });
});
