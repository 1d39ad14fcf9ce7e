/**
 * The test-only ops (TestOp): answered only when the page started the engine with `testOps: true`
 * (a test build, or a page whose tests set the flag; see client/testHooks.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { fillGaussian } from '../../smoothing';
import type { ResultOf, TestOp } from '../protocol';
import type { WebglContextGuard } from './context';
import { gpuNoiseAvailable, gpuNoisyBatch } from './gpuNoise';

/** The answer to one test op. */
export async function runTestOp(
  op: Exclude<TestOp, { kind: 'engine-info' }>,
  guard: WebglContextGuard,
): Promise<ResultOf<TestOp['kind']>> {
  switch (op.kind) {
    case 'memory': {
      // TF.js memory in the engine, for the leak checks.
      const m = tf.memory();
      return { numTensors: m.numTensors, numBytes: m.numBytes };
    }
    case 'lose-context':
      guard.loseForTest();
      return null;
    case 'noise-check':
      return { maxDiff: await noiseCheck(op.seed) };
    case 'hang':
      return hang(op.how);
  }
}

/**
 * Stops this worker from answering, as a browser's memory pressure or a bug would: it closes
 * itself, or its event loop never turns again. Refused on the page's main thread.
 */
function hang(how: 'close' | 'loop'): null {
  const scope = globalThis as { WorkerGlobalScope?: unknown; close?: () => void };
  if (scope.WorkerGlobalScope === undefined || typeof scope.close !== 'function')
    throw new Error('the hang test op needs a worker');
  if (how === 'close') scope.close();
  // eslint-disable-next-line no-empty -- the point: a task that never ends
  else for (let spin = 0; spin >= 0; spin = (spin + 1) % 2) {}
  return null;
}

/** Largest |GPU noise - JavaScript reference| over 8 x 784 values; -1 without WebGL 2. */
async function noiseCheck(seed: number): Promise<number> {
  if (!gpuNoiseAvailable()) return -1;
  const dim = 784;
  const t = tf.tidy(() => gpuNoisyBatch(tf.zeros([1, dim]) as tf.Tensor2D, 1, seed, 2, 100_000, 8, 8));
  const gpu = await t.data();
  t.dispose();
  const ref = fillGaussian(new Float32Array(8 * dim), seed, 2, 100_000, 8, dim);
  let maxDiff = 0;
  for (let i = 0; i < ref.length; i++) maxDiff = Math.max(maxDiff, Math.abs(gpu[i]! - ref[i]!));
  return maxDiff;
}
