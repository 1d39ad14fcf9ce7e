import * as tf from '@tensorflow/tfjs-core';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { digitAsFloats } from '../../src/data/digits';
import { certifyWithStop } from '../../src/engine/worker/jobs';
import { batchVotes, countBatch, modelVoteSampler } from '../../src/engine/worker/votes';
import { argmax, certify, confidenceSequenceLower, reachedRadius } from '../../src/smoothing';
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

describe('stop mode in the engine (certifyWithStop) on the cpu backend', () => {
  it('stops at the first sample whose anytime-valid radius reaches r, whatever the batch sizes', async () => {
    const model = await loadModelFromDisk(join('models', 'mlp-0.25'));
    const before = tf.memory().numTensors;
    const o = { x: digitAsFloats(digits, 0), inputShape: [28, 28, 1], sigma: 0.25, seed: 7 };
    const run = (batchSize: number, firstBatch?: number) =>
      certifyWithStop(
        (keepEstimation) =>
          modelVoteSampler(model, { ...o, batchSize, padTo: batchSize, firstBatch, keepEstimation }),
        { n0: 20, n: 5000, alpha: 0.001, sigma: 0.25, stopAtRadius: 0.5 },
      );
    const a = await run(500);
    expect(a.stop.reached).toBe(true);
    expect(a.stop.samples).toBeLessThan(5000);
    expect(a.estimationCounts.reduce((s, v) => s + v, 0)).toBe(a.stop.samples);
    // The reference: every estimation sample's vote, checked one by one.
    const votes = await batchVotes(model, o, 'estimation', 0, a.stop.samples);
    const cA = argmax(a.selectionCounts);
    let k = 0;
    let first = -1;
    for (let m = 1; m <= votes.length && first < 0; m++) {
      k += votes[m - 1] === cA ? 1 : 0;
      if (reachedRadius(k, m, 0.001, 0.25, 0.5)) first = m;
    }
    expect(first).toBe(a.stop.samples);
    expect(a.prediction).toBe(cA);
    expect(a.pLower).toBe(confidenceSequenceLower(a.estimationCounts[cA]!, a.stop.samples, 0.001));
    expect(a.radius).toBeGreaterThanOrEqual(0.5);
    for (const [size, small] of [
      [64, undefined],
      [97, 8],
      [2048, 32],
    ] as const) {
      expect(await run(size, small)).toEqual(a);
    }
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('a run that never reaches r uses all n and says so', async () => {
    const model = await loadModelFromDisk(join('models', 'mlp-0.25'));
    const o = { x: digitAsFloats(digits, 0), inputShape: [28, 28, 1], sigma: 0.25, seed: 7, batchSize: 128 };
    const res = await certifyWithStop((keepEstimation) => modelVoteSampler(model, { ...o, keepEstimation }), {
      n0: 20,
      n: 300,
      alpha: 0.001,
      sigma: 0.25,
      stopAtRadius: 3, // beyond the ceiling at n = 300
    });
    expect(res.stop).toEqual({ target: 3, reached: false, samples: 300 });
    expect(res.estimationCounts.reduce((s, v) => s + v, 0)).toBe(300);
    model.dispose();
  });
});
