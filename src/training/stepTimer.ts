/**
 * Times training steps of a base model on whatever TF.js backend is active: the same code, the
 * same batch and loss on every backend, so `npm run bench:train` compares backends fairly. The
 * digits are seeded random pixels of the right shape: a training step costs the same on any
 * values. Each step ends with a read of its loss (the point where a real loop syncs too).
 */
import * as tf from '@tensorflow/tfjs-core';
import { buildModel, type Architecture } from '../models/architectures';
import { batchLoss, paperLambda, type TrainMethod } from './trainer';

export interface StepTiming {
  backend: string;
  arch: Architecture;
  method: TrainMethod;
  batchSize: number;
  steps: number;
  /** Mean wall-clock seconds per timed step (after the warm-up steps). */
  secondsPerStep: number;
  /** Tensors left behind (0 when the step disposes everything). */
  leakedTensors: number;
}

export async function timeTrainingSteps(o: {
  arch: Architecture;
  method: TrainMethod;
  sigma: number;
  batchSize: number;
  warmup: number;
  steps: number;
}): Promise<StepTiming> {
  const before = tf.memory().numTensors;
  const model = buildModel(o.arch, 1);
  const optimizer = tf.train.adam(1e-3);
  const x = tf.randomUniform([o.batchSize, 28, 28, 1], 0, 1, 'float32', 3) as tf.Tensor4D;
  const y = tf.tensor1d(
    Int32Array.from({ length: o.batchSize }, (_, i) => i % 10),
    'int32',
  );
  const config = { sigma: o.sigma, method: o.method, lambda: paperLambda(o.sigma), eta: 0.5, copies: 2 };
  const step = async (k: number) => {
    const cost = optimizer.minimize(() => batchLoss(model, x, y, config, k), true)!;
    await cost.data();
    cost.dispose();
  };
  for (let k = 0; k < o.warmup; k++) await step(k);
  const t0 = performance.now();
  for (let k = 0; k < o.steps; k++) await step(o.warmup + k);
  const secondsPerStep = (performance.now() - t0) / 1000 / o.steps;
  tf.dispose([x, y]);
  model.dispose();
  optimizer.dispose();
  return {
    backend: tf.getBackend(),
    arch: o.arch,
    method: o.method,
    batchSize: o.batchSize,
    steps: o.steps,
    secondsPerStep,
    leakedTensors: tf.memory().numTensors - before,
  };
}
