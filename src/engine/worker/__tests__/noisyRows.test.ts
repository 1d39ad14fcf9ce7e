import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { tinyModel as seededModel } from '../../__tests__/tinyModel';
import { describe, expect, it } from 'vitest';
import { fillGaussian } from '../../../smoothing';
import { countBatch, modelVoteSampler } from '../votes';
import { fillNoisyRows } from '../noisyRows';
import { inThreadNoise, type NoiseSource } from '../noiseSource';

const dim = 784;
const x = Float32Array.from({ length: dim }, (_, j) => ((j * 37) % 256) / 255);

/** The rows the TF.js kernels make from the reference noise: x + sigma * z, padding rows x. */
async function kernelRows(sigma: number, first: number, count: number, rows: number) {
  const z = fillGaussian(new Float32Array(rows * dim), 9, 2, first, count, dim);
  const t = tf.tidy(() => tf.add(tf.tensor2d(x, [1, dim]), tf.mul(tf.tensor2d(z, [rows, dim]), sigma)));
  const v = (await t.data()) as Float32Array;
  t.dispose();
  return v;
}

describe('fillNoisyRows', () => {
  for (const backend of ['cpu', 'wasm']) {
    it(`equals tf.add(x, tf.mul(z, sigma)) bit for bit on the ${backend} backend, padding rows included`, async () => {
      expect(await tf.setBackend(backend)).toBe(true);
      for (const sigma of [0.25, 0.12, 1, 0.3333]) {
        const ours = fillNoisyRows(new Float32Array(40 * dim), {
          x,
          sigma,
          seed: 9,
          stream: 2,
          first: 1000,
          count: 33,
          rows: 40,
        });
        const ref = await kernelRows(sigma, 1000, 33, 40);
        const diff = ours.findIndex((v, i) => !Object.is(v, ref[i]));
        expect(diff).toBe(-1);
      }
    });
  }

  it('gives the sampler the same counts as noise made inside countBatch, batch by batch and in any batching', async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
    const model = seededModel(3, 0.05);
    const o = { x, inputShape: [28, 28, 1], sigma: 0.5, seed: 4 };
    const plain = await modelVoteSampler(model, { ...o, batchSize: 64, padTo: 64 })(300, 'estimation');
    const calls: number[] = [];
    const spy: NoiseSource = (r) => {
      calls.push(r.first);
      return inThreadNoise(r);
    };
    const sampler = modelVoteSampler(model, { ...o, batchSize: 100, padTo: 100, firstBatch: 8, noise: spy });
    expect(await sampler(300, 'estimation')).toEqual(plain);
    // First batch of 8, then 100s: each batch's rows are asked for once, in order.
    expect(calls).toEqual([0, 8, 108, 208]);
    const one = await countBatch(model, { ...o, padTo: 16 }, 'selection', 5, 10);
    const rows = await inThreadNoise({ x, sigma: 0.5, seed: 4, stream: 1, first: 5, count: 10, rows: 16 });
    expect(await countBatch(model, { ...o, padTo: 16 }, 'selection', 5, 10, rows)).toEqual(one);
    model.dispose();
  });
});
