import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../store/urlSchema';
import type { RunKey } from '../../store/runKey';
import {
  askExample,
  askLab,
  certifyOn,
  inputFor,
  type LabCertifySettings,
  type LessonLab,
} from '../labReads';

const KEY: RunKey = {
  params: { ...DEFAULT_PARAMS, sigma: 0.25, n: 1000 },
  modelId: 'cnn-0.25',
  drawn: null,
  stop: null,
};
const PIXELS = new Float32Array(784).fill(0.5);
const ANSWER = { prediction: 7, radius: 0.61, pLower: 0.99, seconds: 0 };

/** A lab whose settings are KEY, with (or without) a finished answer, recording what it is asked. */
function fakeLab(finished: boolean) {
  const calls = { inputs: 0, certify: [] as LabCertifySettings[] };
  const lab: LessonLab = {
    key: () => KEY,
    answerFor: (key) => (finished && key === KEY ? ANSWER : null),
    inputOf: (key) => {
      calls.inputs += 1;
      return Promise.resolve(key.drawn ?? PIXELS);
    },
    certify: (input, settings) => {
      expect(input).toBe(PIXELS);
      calls.certify.push(settings);
      return Promise.resolve({ prediction: 3, radius: settings.sigma, pLower: 0.9, seconds: 1 });
    },
  };
  return { lab, calls };
}

describe('the lesson reads the lab only through the LessonLab it is given', () => {
  it('askLab snapshots the lab’s key and its input at the time of asking', async () => {
    const { lab, calls } = fakeLab(false);
    const asked = await askLab(lab, ['sigma']);
    expect(asked).toEqual({ key: KEY, input: PIXELS, fromLab: true, uses: ['sigma'] });
    expect(calls.inputs).toBe(1);
  });

  it('an example loads its input only when it is run', async () => {
    const { lab, calls } = fakeLab(false);
    const asked = askExample(KEY);
    expect(asked).toEqual({ key: KEY, fromLab: false });
    expect(calls.inputs).toBe(0);
    expect(await inputFor(lab, asked)).toBe(PIXELS);
    expect(calls.inputs).toBe(1);
  });

  it('certifyOn reuses the lab’s finished answer for the very same run', async () => {
    const { lab, calls } = fakeLab(true);
    expect(await certifyOn(lab, await askLab(lab))).toBe(ANSWER);
    expect(calls.certify).toEqual([]);
  });

  it('certifyOn runs CERTIFY with sigma and n replaced, the rest as asked', async () => {
    const { lab, calls } = fakeLab(true);
    const r = await certifyOn(lab, await askLab(lab), 0.5, 2000);
    expect(r.radius).toBe(0.5);
    const { n0, alpha, seed } = KEY.params;
    expect(calls.certify).toEqual([{ modelId: 'cnn-0.25', sigma: 0.5, n0, n: 2000, alpha, seed }]);
  });

  it('certifyOn runs CERTIFY when the lab has no finished answer', async () => {
    const { lab, calls } = fakeLab(false);
    await certifyOn(lab, await askLab(lab));
    expect(calls.certify).toHaveLength(1);
    expect(calls.certify[0]!.sigma).toBe(0.25);
  });
});
