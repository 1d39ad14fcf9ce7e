import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { tinyModel } from '../../__tests__/tinyModel';
import { beforeAll, describe, expect, it } from 'vitest';
import { argmax, confidenceSequenceUpper, certifiedRadius } from '../../../smoothing';
import { certifyWithStop } from '../jobs';
import { modelVoteSampler, type VoteSamplerOptions } from '../votes';

const x = Float32Array.from({ length: 784 }, (_, j) => ((j * 53) % 256) / 255);
const base = (): VoteSamplerOptions => ({
  x,
  inputShape: [28, 28, 1],
  sigma: 0.5,
  seed: 21,
  batchSize: 96,
  firstBatch: 16,
});

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

describe('certifyWithStop with stopWhenUnreachable (the futility stop)', () => {
  it('stops as soon as r is out of reach, and only with the option', async () => {
    const m = tinyModel(11);
    // r = 3 at sigma 0.5 needs p_A >= Phi(6): the split votes of this model rule it out early.
    const o = { n0: 50, n: 2000, alpha: 0.01, sigma: 0.5, stopAtRadius: 3 };
    const run = (also: boolean) =>
      certifyWithStop((keep) => modelVoteSampler(m, { ...base(), keepEstimation: keep }), {
        ...o,
        stopWhenUnreachable: also,
      });
    const futile = await run(true);
    expect(futile.stop).toMatchObject({ reached: false, unreachable: true });
    expect(futile.stop.samples).toBeLessThan(o.n);
    const sum = futile.estimationCounts.reduce((a, b) => a + b, 0);
    expect(sum).toBe(futile.stop.samples);
    // At the stopping sample the upper bound's radius is below r, one sample before it is not.
    const c = argmax(futile.selectionCounts);
    const k = futile.estimationCounts[c]!;
    expect(certifiedRadius(0.5, confidenceSequenceUpper(k, sum, 0.01))).toBeLessThan(3);
    expect(certifiedRadius(0.5, confidenceSequenceUpper(k, sum - 1, 0.01))).toBeGreaterThanOrEqual(3);
    const plain = await run(false);
    expect(plain.stop).toEqual({ target: 3, reached: false, samples: o.n });
    m.dispose();
  });
});
