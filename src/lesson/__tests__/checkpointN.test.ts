import { def, NO_ABORT } from './checkpointKit';
import { describe, expect, it } from 'vitest';
import {
  CHECKPOINT_MIN_N,
  coverQuestionN,
  l2Distance,
  rotateImage,
  samplesToReach,
  uniformShiftL2,
} from '../checkpointMath';
import type { LabCertifySettings, LessonLab } from '../labReads';
import { DEFAULT_PARAMS } from '../../store/urlSchema';
import type { RunKey } from '../../store/runKey';
import { maxCertifiableRadius } from '../../smoothing';

/**
 * No hidden work (issue #23): the "Why certify" and "When to use it" checkpoints certify with the n
 * their question needs, not with the lab's n.
 */

/** A digit-like input: a bright bar, so a rotation moves it. */
const INPUT = new Float32Array(784).map((_, i) => (i % 28 >= 12 && i % 28 < 16 ? 1 : 0));
const SHIFT = uniformShiftL2(0.03, 784);
const ROTATION = l2Distance(INPUT, rotateImage(INPUT, 28, 10));

/** A lab at these settings, without (or with) a finished answer, recording each CERTIFY request. */
function fakeLab(params: Partial<RunKey['params']>, finished = false) {
  const key: RunKey = {
    params: { ...DEFAULT_PARAMS, ...params },
    modelId: 'cnn-0.25',
    drawn: null,
    stop: null,
  };
  const requests: LabCertifySettings[] = [];
  const lab: LessonLab = {
    key: () => key,
    answerFor: (k) =>
      finished && k === key ? { prediction: 0, radius: 0.9, pLower: 0.99, seconds: 1 } : null,
    inputOf: () => Promise.resolve(INPUT),
    certify: (_x, settings) => {
      requests.push(settings);
      return Promise.resolve({ prediction: 0, radius: 0.5, pLower: 0.97, seconds: 1 });
    },
  };
  return { lab, requests, key };
}

describe('a checkpoint’s experiment is sized to its question, not to the lab’s n', () => {
  it('samplesToReach: the fewest n whose ceiling R_max reaches the distance', () => {
    const n = samplesToReach(SHIFT, 0.25, 0.001);
    expect(maxCertifiableRadius(0.25, n, 0.001)).toBeGreaterThanOrEqual(SHIFT);
    expect(maxCertifiableRadius(0.25, n - 1, 0.001)).toBeLessThan(SHIFT);
    // sigma = 0.12: far more than the lab's largest n (R_max at n = 100,000 is 0.46).
    expect(samplesToReach(SHIFT, 0.12, 0.001)).toBeGreaterThan(100_000);
    expect(samplesToReach(0, 0.25, 0.001)).toBe(1);
  });

  for (const [id, distance] of [
    ['why-linf-shift', SHIFT],
    ['when-rotation', ROTATION],
  ] as const) {
    it(`${id}: at the lab’s n = 100,000 (and 50,000, 20,000) its CERTIFY uses the capped n; n0, alpha, seed as the lab’s`, async () => {
      for (const labN of [100_000, 50_000, 20_000]) {
        const { lab, requests, key } = fakeLab({ n: labN, sigma: 0.25, n0: 100, alpha: 0.001, seed: 9 });
        const asked = await def(id).ask!('default', NO_ABORT, lab);
        const n = coverQuestionN(labN, 0.25, 0.001, distance);
        expect(requests).toEqual([{ modelId: 'cnn-0.25', sigma: 0.25, n0: 100, n, alpha: 0.001, seed: 9 }]);
        expect(n).toBeLessThanOrEqual(Math.max(CHECKPOINT_MIN_N, samplesToReach(SHIFT, 0.25, 0.001)));
        expect(n).toBeLessThan(20_000);
        expect(asked.data.n).toBe(n);
        // The question is still about the lab's state (nothing "moved on" when only n was capped).
        expect(asked.setting!.key).toBe(key);
      }
    });
  }

  it('why-linf-shift: the cap reaches the shift (either answer possible); when it cannot, the floor', () => {
    // sigma = 0.25: about 17,700 samples give R_max >= 0.84, fewer cannot cover the shift at all.
    expect(coverQuestionN(100_000, 0.25, 0.001, SHIFT)).toBe(samplesToReach(SHIFT, 0.25, 0.001));
    expect(coverQuestionN(100_000, 0.25, 0.001, SHIFT)).toBeGreaterThan(15_000);
    // sigma = 1: a few dozen samples could reach it; the floor decides the class.
    expect(coverQuestionN(100_000, 1, 0.001, SHIFT)).toBe(CHECKPOINT_MIN_N);
    // sigma = 0.12: not even 100,000 samples could cover it, so the floor says the same.
    expect(coverQuestionN(100_000, 0.12, 0.001, SHIFT)).toBe(CHECKPOINT_MIN_N);
    // A lab n below the cap is used as it is.
    expect(coverQuestionN(1000, 0.25, 0.001, SHIFT)).toBe(1000);
  });

  it('the lab’s n when it is small enough, and no request at all when the lab has finished that run', async () => {
    const small = fakeLab({ n: 1000 });
    await def('why-linf-shift').ask!('default', NO_ABORT, small.lab);
    expect(small.requests.map((r) => r.n)).toEqual([1000]);
    const finished = fakeLab({ n: 100_000 }, true);
    const asked = await def('when-rotation').ask!('default', NO_ABORT, finished.lab);
    expect(finished.requests).toEqual([]);
    expect(asked.data.n).toBe(100_000);
  });
});
