import * as tf from '@tensorflow/tfjs-core';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { digitAsFloats } from '../../src/data/digits';
import { countBatch, modelVoteSampler } from '../../src/engine/worker/votes';
import { SIGMAS, modelId } from '../../src/models/card';
import { loadModelFromBytes, weightsSha256 } from '../../src/models/load';
import { accuracy, initBackend, loadModelFromDisk, readCards, readTestDigits } from '../lib/node-tf';

const cards = readCards('models');
const digits = readTestDigits();

beforeAll(async () => {
  await initBackend('wasm');
});

describe('shipped models', () => {
  it('are ten: a CNN and an MLP at each sigma_train', () => {
    const want = (['cnn', 'mlp'] as const).flatMap((a) => SIGMAS.map((s) => modelId(a, s)));
    expect(cards.map((c) => c.id).sort()).toEqual(want.sort());
  });

  it('each record the SHA-256 of their weights, which the loaders check', () => {
    for (const card of cards) {
      const buf = readFileSync(join('models', card.id, card.files.weights));
      expect(card.files.sha256, card.id).toBe(weightsSha256(new Uint8Array(buf).buffer));
    }
  });

  it('take at most 8 MB together', () => {
    const bytes = cards.reduce(
      (s, c) =>
        s +
        statSync(join('models', c.id, c.files.weights)).size +
        statSync(join('models', c.id, c.files.model)).size,
      0,
    );
    expect(bytes).toBeLessThanOrEqual(8 * 1024 * 1024);
  });

  for (const card of cards) {
    it(`${card.id} loads with tf.loadLayersModel and matches its card within 0.5 points`, async () => {
      const before = tf.memory().numTensors;
      const model = await loadModelFromDisk(join('models', card.id), card.files.sha256);
      expect(model.countParams()).toBe(card.parameterCount);
      expect(model.outputs[0]!.shape).toEqual([null, 10]);
      const acc = await accuracy(model, digits);
      expect(Math.abs(acc - card.cleanAccuracy)).toBeLessThanOrEqual(0.005);
      expect(card.data.test).toBe(digits.count);
      expect(card.trainingCommand).toContain(card.id);
      expect(card.noisyAccuracy).toBeLessThanOrEqual(card.cleanAccuracy + 0.01);
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describe('vote counting on TF.js', () => {
  it('counts votes exactly, repeats with the seed, and leaks no tensors', async () => {
    const model = await loadModelFromDisk(join('models', 'mlp-0.25'));
    const x = digitAsFloats(digits, 0);
    const o = { x, inputShape: [28, 28, 1], sigma: 0.25, seed: 3, batchSize: 128 };
    const before = tf.memory().numTensors;
    const a = await modelVoteSampler(model, o)(300, 'estimation');
    expect(tf.memory().numTensors).toBe(before);
    expect(a.reduce((s, v) => s + v, 0)).toBe(300);
    expect(a.every((v) => Number.isInteger(v))).toBe(true);
    // Same seed, other batch size: the same samples, so the same counts.
    const b = await modelVoteSampler(model, { ...o, batchSize: 77 })(300, 'estimation');
    expect(b).toEqual(a);
    // Raising n extends the same prefix: the first 100 samples are counted identically.
    const first = await countBatch(model, o, 'estimation', 0, 100);
    const s = modelVoteSampler(model, o);
    expect(await s(100, 'estimation')).toEqual(first);
    // The next call continues the stream instead of repeating it.
    const rest = await s(200, 'estimation');
    expect(first.map((v, k) => v + rest[k]!)).toEqual(a);
    // The top class is the digit's label at this modest noise.
    expect(a.indexOf(Math.max(...a))).toBe(digits.labels[0]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before - 6);
  });
});

describe('damaged model files', () => {
  it('name the file and say what is wrong', async () => {
    const json = JSON.stringify({
      modelTopology: {},
      weightsManifest: [
        { paths: ['weights.bin'], weights: [{ name: 'w', shape: [2, 3], dtype: 'float32' }] },
      ],
    });
    await expect(loadModelFromBytes('{not json', new ArrayBuffer(0), 'models/x')).rejects.toThrow(
      /^models\/x\/model.json is not valid JSON/,
    );
    await expect(loadModelFromBytes('{"a":1}', new ArrayBuffer(0), 'models/x')).rejects.toThrow(
      /not a TF.js layers model/,
    );
    await expect(loadModelFromBytes(json, new ArrayBuffer(20), 'models/x')).rejects.toThrow(
      'models/x/weights.bin has 20 bytes where model.json expects 24',
    );
  });
});

describe('weights that cannot be trusted', () => {
  const dir = join('models', 'mlp-0.25');
  const json = readFileSync(join(dir, 'model.json'), 'utf8');
  const good = new Uint8Array(readFileSync(join(dir, 'weights.bin'))).buffer;
  const card = cards.find((c) => c.id === 'mlp-0.25')!;
  const damaged = (fill: (v: Float32Array) => void) => {
    const copy = good.slice(0);
    fill(new Float32Array(copy));
    return copy;
  };

  it('are refused with a message: NaN, infinite, all-zero kernels, a checksum other than the card', async () => {
    const nan = damaged((v) => v.fill(Number.NaN));
    await expect(loadModelFromBytes(json, nan, dir)).rejects.toThrow(
      /weights.bin cannot be trusted: .* holds NaN at index 0; the model is not loaded/,
    );
    const inf = damaged((v) => (v[1234] = Number.POSITIVE_INFINITY));
    await expect(loadModelFromBytes(json, inf, dir)).rejects.toThrow(/holds Infinity at index 1234/);
    const zeros = damaged((v) => v.fill(0));
    await expect(loadModelFromBytes(json, zeros, dir)).rejects.toThrow(/is all zeros/);
    // One flipped value: finite and nonzero, so only the card's checksum catches it.
    const flipped = damaged((v) => (v[7] = v[7]! + 0.5));
    await expect(loadModelFromBytes(json, flipped, dir, card.files.sha256)).rejects.toThrow(
      /is not the file its model card describes .* corrupt or from another training run/,
    );
    const model = await loadModelFromBytes(json, good, dir, card.files.sha256);
    model.dispose();
  });
});
