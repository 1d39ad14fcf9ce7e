import { describe, expect, it } from 'vitest';
import {
  MAX_TRAIN_EPOCHS,
  parseFromTrainer,
  parseToTrainer,
  settingsProblem,
  type TrainedModel,
} from '../protocol';

const settings = { arch: 'mlp', sigma: 0.5, method: 'gaussian', epochs: 2 };
const report = { epoch: 1, loss: 0.9, valAccuracy: 0.8, seconds: 3 };
const model = (): TrainedModel => ({
  modelJson: '{}',
  weights: new ArrayBuffer(8),
  parameterCount: 2,
  history: [report],
  bestEpoch: 1,
  bestValAccuracy: 0.8,
  seconds: 3,
  trainCount: 7200,
  validationCount: 800,
  backend: 'wasm',
});

describe('the training protocol checks what crosses the worker boundary', () => {
  it('accepts the settings a student can choose and names what is wrong with others', () => {
    expect(settingsProblem(settings)).toBeNull();
    expect(
      settingsProblem({
        ...settings,
        arch: 'cnn',
        method: 'consistency',
        sigma: 0,
        epochs: MAX_TRAIN_EPOCHS,
      }),
    ).toBeNull();
    expect(settingsProblem({ ...settings, arch: 'resnet' })).toMatch(/architecture/);
    expect(settingsProblem({ ...settings, method: 'adversarial' })).toMatch(/method/);
    expect(settingsProblem({ ...settings, sigma: 0.3 })).toMatch(/sigma_train 0.3 is not one of/);
    expect(settingsProblem({ ...settings, sigma: Number.NaN })).toMatch(/sigma_train/);
    expect(settingsProblem({ ...settings, epochs: 0 })).toMatch(/epochs/);
    expect(settingsProblem({ ...settings, epochs: 2.5 })).toMatch(/epochs/);
    expect(settingsProblem({ ...settings, epochs: MAX_TRAIN_EPOCHS + 1 })).toMatch(/epochs/);
    expect(settingsProblem(null)).toMatch(/not an object/);
  });

  it('reads the page messages in the worker, keeping only the known fields', () => {
    expect(parseToTrainer({ type: 'prepare', baseUrl: 'http://x/' })).toEqual({
      ok: true,
      message: { type: 'prepare', baseUrl: 'http://x/' },
    });
    expect(parseToTrainer({ type: 'cancel', id: 3 })).toEqual({
      ok: true,
      message: { type: 'cancel', id: 3 },
    });
    expect(parseToTrainer({ type: 'train', id: 4, settings: { ...settings, extra: 1 } })).toEqual({
      ok: true,
      message: { type: 'train', id: 4, settings },
    });
    expect(parseToTrainer({ type: 'train', id: -1, settings })).toMatchObject({ ok: false });
    expect(parseToTrainer({ type: 'train', id: 1, settings: { ...settings, epochs: 99 } })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/epochs/) as unknown,
    });
    expect(parseToTrainer({ type: 'prepare' })).toMatchObject({ ok: false });
    expect(parseToTrainer({ type: 'fit' })).toMatchObject({ ok: false });
    expect(parseToTrainer('train')).toMatchObject({ ok: false });
  });

  it('checks the worker messages on the page: no NaN on the curve, no model without weights', () => {
    const ok = (m: unknown) => parseFromTrainer(m).ok;
    expect(ok({ type: 'ready', backend: 'wasm', trainCount: 7200, validationCount: 800 })).toBe(true);
    expect(ok({ type: 'ready', backend: 'wasm' })).toBe(false);
    expect(ok({ type: 'step', id: 1, epoch: 1, step: 3, steps: 113, loss: 1.2 })).toBe(true);
    expect(ok({ type: 'step', id: 1, epoch: 1, step: 3, steps: 113, loss: Number.NaN })).toBe(false);
    expect(ok({ type: 'epoch', id: 1, report })).toBe(true);
    expect(ok({ type: 'epoch', id: 1, report: { ...report, valAccuracy: 1.5 } })).toBe(false);
    expect(ok({ type: 'epoch', id: 1, report: { ...report, epoch: 0 } })).toBe(false);
    expect(ok({ type: 'done', id: 1, model: model() })).toBe(true);
    expect(ok({ type: 'done', id: 1, model: { ...model(), weights: new ArrayBuffer(0) } })).toBe(false);
    expect(ok({ type: 'done', id: 1, model: { ...model(), weights: [1, 2] } })).toBe(false);
    expect(ok({ type: 'done', id: 1, model: { ...model(), history: [{ ...report, loss: Infinity }] } })).toBe(
      false,
    );
    expect(ok({ type: 'done', id: 1, model: { ...model(), modelJson: 3 } })).toBe(false);
    expect(ok({ type: 'error', id: 1, message: 'boom' })).toBe(true);
    expect(ok({ type: 'cancelled', id: 1 })).toBe(true);
    expect(ok({ type: 'prepare-error', message: 'HTTP 404' })).toBe(true);
    expect(ok({ type: 'hello' })).toBe(false);
    expect(ok(undefined)).toBe(false);
  });
});
