import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from '../wasmConvGrad';

function seeded(shape: number[], seed: number): Float32Array {
  return tf.tidy(() => tf.randomNormal(shape, 0, 1, 'float32', seed).dataSync() as Float32Array);
}

async function filterGrad(
  backend: 'cpu' | 'wasm',
  xs: Float32Array,
  xShape: [number, number, number, number],
  ws: Float32Array,
  wShape: [number, number, number, number],
  stride: number,
  pad: 'valid' | 'same',
): Promise<{ dw: Float32Array; dx: Float32Array }> {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const x = tf.tensor4d(xs, xShape);
  const w = tf.tensor4d(ws, wShape);
  const g = tf.grads((a: tf.Tensor, f: tf.Tensor) =>
    tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, f as tf.Tensor4D, stride, pad))),
  );
  const [dx, dw] = g([x, w]);
  const out = { dw: (await dw!.data()) as Float32Array, dx: (await dx!.data()) as Float32Array };
  tf.dispose([x, w, dx!, dw!]);
  expect(tf.memory().numTensors).toBe(before);
  return out;
}

describe('convolution gradients on wasm (filter: new kernel; input: XNNPACK path)', () => {
  beforeAll(async () => {
    registerWasmTrainingKernels();
    await tf.setBackend('cpu');
  });

  const cases: [
    string,
    [number, number, number, number],
    [number, number, number, number],
    number,
    'valid' | 'same',
  ][] = [
    ['the CNN first layer (valid, stride 1)', [3, 28, 28, 1], [5, 5, 1, 16], 1, 'valid'],
    ['the CNN second layer (valid, stride 1)', [2, 12, 12, 16], [5, 5, 16, 32], 1, 'valid'],
    ['same padding, stride 1', [2, 9, 9, 3], [3, 3, 3, 4], 1, 'same'],
    ['valid padding, stride 2 (an unused last row)', [2, 10, 10, 2], [3, 3, 2, 5], 2, 'valid'],
    ['same padding, stride 2', [2, 11, 11, 2], [4, 4, 2, 3], 2, 'same'],
  ];
  for (const [name, xShape, wShape, stride, pad] of cases) {
    it(`matches the cpu backend: ${name}`, async () => {
      const xs = seeded(xShape, 1);
      const ws = seeded(wShape, 2);
      const cpu = await filterGrad('cpu', xs, xShape, ws, wShape, stride, pad);
      const wasm = await filterGrad('wasm', xs, xShape, ws, wShape, stride, pad);
      expect(wasm.dw.length).toBe(cpu.dw.length);
      let worst = 0;
      let scale = 0;
      for (let i = 0; i < cpu.dw.length; i++) {
        worst = Math.max(worst, Math.abs(wasm.dw[i]! - cpu.dw[i]!));
        scale = Math.max(scale, Math.abs(cpu.dw[i]!));
      }
      expect(scale).toBeGreaterThan(1);
      expect(worst / scale).toBeLessThan(1e-5);
      let worstDx = 0;
      for (let i = 0; i < cpu.dx.length; i++) worstDx = Math.max(worstDx, Math.abs(wasm.dx[i]! - cpu.dx[i]!));
      expect(worstDx / scale).toBeLessThan(1e-5);
    });
  }
});
