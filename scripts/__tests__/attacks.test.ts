/**
 * The attacks of src/attacks against the shipped MLP mlp-0.25, on the wasm backend (it has every
 * kernel that input gradients of the MLP and the CNNs need; training the CNNs needs
 * Conv2DBackpropFilter, which it lacks, but attacks never ask for weight gradients): the scores,
 * the option checks, budgets, determinism, the stated losses and no tensor leaks. Their strength
 * and the certificate holding against them are in ./attackStrength.test.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ATTACK_STREAM_IDS,
  l2Norm,
  linfNorm,
  modelScores,
  pgdBase,
  pgdSmoothed,
  type Attack,
  type AttackOptions,
  type AttackResult,
} from '../../src/attacks';
import { digitAsFloats } from '../../src/data/digits';
import { fillGaussian } from '../../src/smoothing';
import { initBackend, loadModelFromDisk } from '../lib/node-tf';
import { digits, run, SHAPE } from './attackHelpers';

let mlp: tfl.LayersModel;

beforeAll(async () => {
  await initBackend('wasm');
  mlp = await loadModelFromDisk(join('models', 'mlp-0.25'));
});

afterAll(() => {
  mlp.dispose();
});

function expectInBudget(r: AttackResult, x: Float32Array, o: AttackOptions): void {
  const [lo, hi] = o.clip ?? [0, 1];
  expect(r.xAdv.length).toBe(x.length);
  let outside = 0;
  let wrongDelta = 0;
  for (let j = 0; j < x.length; j++) {
    if (!(r.xAdv[j]! >= lo && r.xAdv[j]! <= hi)) outside++;
    if (r.delta[j] !== Math.fround(r.xAdv[j]! - x[j]!)) wrongDelta++;
  }
  expect(outside).toBe(0);
  expect(wrongDelta).toBe(0);
  // Norms recomputed here from xAdv - x in float64, not taken from the result.
  const d = Array.from(x, (v, j) => r.xAdv[j]! - v);
  expect(o.norm === 'l2' ? l2Norm(d) : linfNorm(d)).toBeLessThanOrEqual(o.eps + 1e-5);
  expect(r.l2).toBeCloseTo(l2Norm(d), 5);
  expect(r.linf).toBeCloseTo(linfNorm(d), 5);
  expect(r.lossHistory).toHaveLength(o.steps + 1);
  for (const v of r.lossHistory) expect(Number.isFinite(v)).toBe(true);
}

/** The MLP's probabilities for `rows` flat inputs, [rows * 10]. */
function model1(flat: Float32Array, rows = 1): tf.Tensor {
  return mlp.predict(tf.tensor4d(flat, [rows, 28, 28, 1])) as tf.Tensor;
}

describe('modelScores', () => {
  it('are logits whose softmax is the model output (sequential Dense-softmax and other models)', () => {
    const other = tfl.sequential({
      layers: [
        tfl.layers.flatten({ inputShape: [28, 28, 1] }),
        tfl.layers.dense({ units: 10, kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }) }),
        tfl.layers.activation({ activation: 'softmax' }),
      ],
    });
    for (const model of [mlp, other]) {
      const before = tf.memory().numTensors;
      const [scores, a, b] = tf.tidy(() => {
        const x = tf.tensor2d(
          [digitAsFloats(digits, 0), digitAsFloats(digits, 1)].flatMap((v) => [...v]),
          [2, 784],
        );
        const z = modelScores(model, x, SHAPE);
        return [z, tf.softmax(z), model.predict(tf.reshape(x, [2, 28, 28, 1])) as tf.Tensor];
      });
      const pa = a.dataSync();
      const pb = b.dataSync();
      for (let k = 0; k < 20; k++) expect(pa[k]).toBeCloseTo(pb[k]!, 5);
      // The MLP gives true logits (some positive); the other model the fallback log p (all <= 0).
      const top = Math.max(...scores.dataSync());
      if (model === mlp) expect(top).toBeGreaterThan(0);
      else expect(top).toBeLessThanOrEqual(0);
      tf.dispose([scores, a, b]);
      expect(tf.memory().numTensors).toBe(before);
    }
    other.dispose();
  });
});

describe('option checks', () => {
  it('reject bad arguments with a RangeError naming them, and leak nothing', async () => {
    const x = digitAsFloats(digits, 0);
    const ok: AttackOptions = { eps: 1, steps: 2, norm: 'l2', sigma: 0.25 };
    const before = tf.memory().numTensors;
    const bad: [Attack, Float32Array, number, AttackOptions, RegExp][] = [
      [pgdBase, x, 0, { ...ok, eps: -1 }, /eps/],
      [pgdBase, x, 0, { ...ok, eps: NaN }, /eps/],
      [pgdBase, x, 0, { ...ok, steps: 1.5 }, /steps/],
      [pgdBase, x, 0, { ...ok, norm: 'l1' as 'l2' }, /norm/],
      [pgdBase, x, 0, { ...ok, stepSize: -0.1 }, /stepSize/],
      [pgdBase, x, 10, ok, /label/],
      [pgdBase, x.subarray(1), 0, ok, /x has 783/],
      [pgdBase, Float32Array.from(x, (v) => v + 0.5), 0, ok, /outside the clip box/],
      [pgdBase, x, 0, { ...ok, clip: [1, 0] }, /clip/],
      [pgdBase, x, 0, { ...ok, seed: -1 }, /seed/],
      [pgdBase, x, 0, { ...ok, loss: 'hinge' as 'ce' }, /loss/],
      [pgdSmoothed, x, 0, { ...ok, sigma: 0 }, /sigma/],
      [pgdSmoothed, x, 0, { ...ok, sigma: undefined }, /sigma/],
      [pgdSmoothed, x, 0, { ...ok, noiseSamples: 0 }, /noiseSamples/],
      [pgdSmoothed, x, 0, { ...ok, loss: 'margin' }, /loss/],
    ];
    for (const [attack, input, label, o, message] of bad) {
      await expect(attack(mlp, input, label, o)).rejects.toThrow(RangeError);
      await expect(attack(mlp, input, label, o)).rejects.toThrow(message);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('budgets', () => {
  const cases: [string, Attack, AttackOptions][] = [];
  for (const eps of [0.25, 1, 2, 4]) {
    cases.push(['pgdBase', pgdBase, { eps, steps: 6, norm: 'l2' }]);
    cases.push(['pgdSmoothed', pgdSmoothed, { eps, steps: 4, norm: 'l2', sigma: 0.25, noiseSamples: 4 }]);
  }
  for (const eps of [0.02, 0.1, 0.3]) {
    cases.push(['pgdBase', pgdBase, { eps, steps: 6, norm: 'linf', loss: 'margin' }]);
    cases.push(['pgdSmoothed', pgdSmoothed, { eps, steps: 4, norm: 'linf', sigma: 0.5, noiseSamples: 4 }]);
  }
  for (const [name, attack, o] of cases) {
    it(`${name} ${o.norm} eps ${o.eps}: ||delta|| <= eps, x + delta in [0, 1], with and without a random start`, async () => {
      for (const [i, randomStart] of [
        [3, false],
        [4, true],
      ] as const) {
        const r = await run(attack, mlp, i, { ...o, randomStart, seed: 7 });
        expectInBudget(r, digitAsFloats(digits, i), o);
      }
    });
  }

  it('a step size far beyond eps and a narrower box are still respected', async () => {
    const x = Float32Array.from(digitAsFloats(digits, 5), (v) => Math.min(0.9, Math.max(0.1, v)));
    for (const o of [
      { eps: 0.5, steps: 5, stepSize: 10, norm: 'l2', clip: [0.1, 0.9] },
      { eps: 0.05, steps: 5, stepSize: 1, norm: 'linf', clip: [0.1, 0.9] },
    ] as AttackOptions[]) {
      for (const attack of [pgdBase, pgdSmoothed]) {
        const before = tf.memory().numTensors;
        const r = await attack(mlp, x, digits.labels[5]!, { ...o, sigma: 0.25, noiseSamples: 2 });
        expect(tf.memory().numTensors).toBe(before);
        expectInBudget(r, x, o);
      }
    }
  });

  it('works on a CNN too (cnn-0.00, conv input gradients on wasm)', async () => {
    const cnn = await loadModelFromDisk(join('models', 'cnn-0.00'));
    const o: AttackOptions = { eps: 0.1, steps: 3, norm: 'linf', sigma: 0.25, noiseSamples: 2 };
    for (const attack of [pgdBase, pgdSmoothed]) {
      const r = await run(attack, cnn, 9, o);
      expectInBudget(r, digitAsFloats(digits, 9), o);
      expect(r.lossHistory.at(-1)!).toBeGreaterThan(r.lossHistory[0]!);
    }
    cnn.dispose();
  });

  it('eps = 0 or steps = 0 return x itself', async () => {
    const x = digitAsFloats(digits, 6);
    for (const o of [
      { eps: 0, steps: 3, norm: 'linf' },
      { eps: 1, steps: 0, norm: 'l2' },
    ] as AttackOptions[]) {
      const r = await run(pgdBase, mlp, 6, o);
      expect(r.xAdv).toEqual(x);
      expect(r.l2).toBe(0);
      expect(r.baseLabelAfter).toBe(r.baseLabelBefore);
    }
  });
});

describe('losses and determinism', () => {
  it('lossHistory[0] is the stated loss at x: CE of the base model, and -log of the noise-averaged softmax', async () => {
    const i = 7;
    const x = digitAsFloats(digits, i);
    const y = digits.labels[i]!;
    const p = tf.tidy(() => model1(x)).dataSync();
    const base = await run(pgdBase, mlp, i, { eps: 1, steps: 1, norm: 'l2' });
    expect(base.lossHistory[0]).toBeCloseTo(-Math.log(p[y]!), 4);

    // pgdSmoothed draws step 0's noise as samples 0 .. m - 1 of stream 3 (ATTACK_STREAM_IDS).
    const m = 8;
    const sigma = 0.5;
    const z = fillGaussian(new Float32Array(m * 784), 9, ATTACK_STREAM_IDS.smoothedNoise, 0, m, 784);
    const probs = tf
      .tidy(() =>
        model1(
          Float32Array.from(z, (v, k) => x[k % 784]! + sigma * v),
          m,
        ),
      )
      .dataSync();
    let mean = 0;
    for (let r = 0; r < m; r++) mean += probs[r * 10 + y]! / m;
    const smoothed = await run(pgdSmoothed, mlp, i, {
      eps: 1,
      steps: 1,
      norm: 'l2',
      sigma,
      noiseSamples: m,
      seed: 9,
    });
    expect(ATTACK_STREAM_IDS.smoothedNoise).toBe(3);
    expect(smoothed.lossHistory[0]).toBeCloseTo(-Math.log(mean), 4);
  });

  it('the same options give the same xAdv; another seed gives another', async () => {
    const o: AttackOptions = { eps: 1, steps: 5, norm: 'l2', sigma: 0.25, noiseSamples: 8, seed: 1 };
    const a = await run(pgdSmoothed, mlp, 8, o);
    const b = await run(pgdSmoothed, mlp, 8, o);
    expect(b.xAdv).toEqual(a.xAdv);
    expect(b.lossHistory).toEqual(a.lossHistory);
    const c = await run(pgdSmoothed, mlp, 8, { ...o, seed: 2 });
    expect(c.xAdv).not.toEqual(a.xAdv);
    const r1 = await run(pgdBase, mlp, 8, { eps: 0.1, steps: 3, norm: 'linf', randomStart: true, seed: 1 });
    const r2 = await run(pgdBase, mlp, 8, { eps: 0.1, steps: 3, norm: 'linf', randomStart: true, seed: 1 });
    const r3 = await run(pgdBase, mlp, 8, { eps: 0.1, steps: 3, norm: 'linf', randomStart: true, seed: 2 });
    expect(r2.xAdv).toEqual(r1.xAdv);
    expect(r3.xAdv).not.toEqual(r1.xAdv);
  });
});
