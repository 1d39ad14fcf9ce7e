import * as tf from '@tensorflow/tfjs-core';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { digitAsFloats } from '../../src/data/digits';
import { countBatch, modelVoteSampler } from '../../src/engine/worker/votes';
import { certify } from '../../src/smoothing';
import { initBackend, loadModelFromDisk, readTestDigits } from '../lib/node-tf';

const digits = readTestDigits();

beforeAll(async () => {
  await initBackend('cpu');
});

describe('engine vote counting on the cpu backend', () => {
  it('counts sum to n, the seed fixes the counts, and nothing leaks', async () => {
    const model = await loadModelFromDisk(join('models', 'mlp-0.50'));
    const before = tf.memory().numTensors;
    // sigma = 1.5 on an MLP trained at 0.5: the votes spread, so different seeds must show.
    const o = {
      x: digitAsFloats(digits, 5),
      inputShape: [28, 28, 1],
      sigma: 1.5,
      seed: 11,
      batchSize: 64,
      padTo: 64,
    };
    const opts = { n0: 50, n: 300, alpha: 0.001, sigma: 1.5 };
    const a = await certify(modelVoteSampler(model, o), opts);
    expect(a.selectionCounts.reduce((s, v) => s + v, 0)).toBe(50);
    expect(a.estimationCounts.reduce((s, v) => s + v, 0)).toBe(300);
    expect(a.estimationCounts.filter((v) => v > 0).length).toBeGreaterThan(1);
    const b = await certify(modelVoteSampler(model, o), opts);
    expect(b).toEqual(a);
    const c = await certify(modelVoteSampler(model, { ...o, seed: 12 }), opts);
    expect(c.estimationCounts).not.toEqual(a.estimationCounts);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('selection and estimation see different noise, and padding does not change the count', async () => {
    const model = await loadModelFromDisk(join('models', 'mlp-1.00'));
    // At sigma = 1 the votes spread over several classes, so equal streams would show.
    const o = { x: digitAsFloats(digits, 9), inputShape: [28, 28, 1], sigma: 1, seed: 3 };
    const sel = await countBatch(model, o, 'selection', 0, 200);
    const est = await countBatch(model, o, 'estimation', 0, 200);
    expect(sel).not.toEqual(est);
    // Sample by sample: the two streams' votes agree no more than chance would make them.
    const perSample = async (stream: 'selection' | 'estimation') => {
      const v: number[] = [];
      for (let i = 0; i < 60; i++) v.push((await countBatch(model, o, stream, i, 1)).indexOf(1));
      return v;
    };
    const [s1, e1] = [await perSample('selection'), await perSample('estimation')];
    expect(s1.filter((c, i) => c !== e1[i]).length).toBeGreaterThan(0);
    const padded = await countBatch(model, { ...o, padTo: 256 }, 'estimation', 0, 200);
    expect(padded).toEqual(est);
    model.dispose();
  });

  it('a small first batch (its own padded shape) streams early and gives the same counts', async () => {
    const model = await loadModelFromDisk(join('models', 'mlp-1.00'));
    const o = {
      x: digitAsFloats(digits, 9),
      inputShape: [28, 28, 1],
      sigma: 1,
      seed: 3,
      batchSize: 100,
      padTo: 100,
    };
    const before = tf.memory().numTensors;
    const seen: number[] = [];
    const small = modelVoteSampler(model, {
      ...o,
      firstBatch: 8,
      onBatch: (_s, _c, done) => seen.push(done),
    });
    const plain = modelVoteSampler(model, o);
    expect(await small(250, 'estimation')).toEqual(await plain(250, 'estimation'));
    expect(seen).toEqual([8, 108, 208, 250]);
    // The next call on the same stream continues the prefix, again starting small.
    expect(await small(30, 'estimation')).toEqual(await plain(30, 'estimation'));
    expect(seen.slice(4)).toEqual([8, 30]);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
