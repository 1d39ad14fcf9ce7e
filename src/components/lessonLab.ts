/**
 * The lab as the lesson's questions see it (`LessonLab`, src/lesson/labReads.ts): the store's
 * settings and finished answer, the test digits, and CERTIFY through the engine client. The lesson
 * floor imports none of these; the checkpoint component hands this object to its questions.
 */
import { labInput } from '../data/digits';
import { loadDigits } from '../data/useDigits';
import { certifyInputs } from '../engine/client/certifyInputs';
import type { LessonLab } from '../lesson/labReads';
import { useAppStore } from '../store';
import { currentRunKey, sameRunKey } from '../store/labSlice';

export const lessonLab: LessonLab = {
  key: () => currentRunKey(useAppStore.getState()),
  answerFor(key) {
    const s = useAppStore.getState();
    if (s.status !== 'done' || !s.run || !s.outcome || s.run.stop !== null || key.stop !== null) return null;
    if (!sameRunKey(s.run, key)) return null;
    const { prediction, radius, pLower, timing } = s.outcome;
    return { prediction, radius, pLower, seconds: timing.seconds };
  },
  inputOf: async (key) => key.drawn ?? labInput(await loadDigits(), key.params.digit, null),
  async certify(input, settings, signal) {
    const [r] = await certifyInputs([input], settings, signal);
    return r!;
  },
};
