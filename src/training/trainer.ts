/**
 * Training a base classifier for randomized smoothing, on any TF.js backend (wasm with
 * `registerWasmTrainingKernels`, cpu, webgl), in Node or in a browser worker.
 *
 * Two methods:
 * - 'gaussian': Gaussian data augmentation (Cohen, Rosenfeld & Kolter 2019, section 4): each batch
 *   is seen with fresh noise N(0, sigma^2) on its pixels, cross-entropy loss.
 * - 'consistency': consistency regularisation (Jeong & Shin, NeurIPS 2020): m noisy copies of each
 *   digit; loss = mean_i CE(p_i, y) + lambda * mean_i KL(p_mean || p_i) + eta * H(p_mean), where
 *   p_i is the softmax output on copy i and p_mean their average.
 *
 * Optional small shifts and rotations (`augment.ts`) before the noise. Adam; the learning rate is
 * divided by `decayFactor` when the validation score has not improved for `decayPatience` epochs,
 * and training stops after `stopPatience` epochs without improvement (or at `maxEpochs`); the
 * weights of the best epoch are kept. The validation score is accuracy under N(0, sigma^2) on a
 * held-out, class-stratified split of the training digits, with fixed noise seeds so epochs are
 * compared on the same draws. Everything random is seeded.
 *
 * Pixels: uint8 0..255, digits side x side, one channel. Model input [batch, side, side, 1] in [0, 1].
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { buildModel, type Architecture } from '../models/architectures';
import { batchPixels, DEFAULT_AUGMENT, permutation, uniformSource, type AugmentOptions } from './augment';

export type TrainMethod = 'gaussian' | 'consistency';

/** Digits to train on: pixels count * side * side (0..255) and labels 0..9. */
export interface TrainDigits {
  count: number;
  side: number;
  pixels: Uint8Array;
  labels: Uint8Array;
}

export interface TrainConfig {
  arch: Architecture;
  /** sigma_train: the noise level the model is trained for (pixels in [0, 1]). */
  sigma: number;
  method: TrainMethod;
  /** Consistency weight lambda (Jeong & Shin use 10 at sigma 0.25, 5 at 0.5 and 1.0 on MNIST). */
  lambda: number;
  /** Entropy weight eta (0.5 in the paper). */
  eta: number;
  /** Noisy copies per digit for consistency (m = 2). Ignored by 'gaussian'. */
  copies: number;
  /** Shifts and rotations before the noise, or null for none. */
  augment: AugmentOptions | null;
  maxEpochs: number;
  batchSize: number;
  learningRate: number;
  decayPatience: number;
  decayFactor: number;
  stopPatience: number;
  /** Digits held out of the training set for validation (class-stratified). */
  validation: number;
  seed: number;
}

/** The paper's MNIST lambda for a sigma: 10 at 0.25 and below, 5 above. */
export function paperLambda(sigma: number): number {
  return sigma <= 0.25 ? 10 : 5;
}

export function defaultConfig(
  arch: Architecture,
  sigma: number,
  method: TrainMethod = 'gaussian',
): TrainConfig {
  return {
    arch,
    sigma,
    method,
    lambda: paperLambda(sigma),
    eta: 0.5,
    copies: 2,
    augment: DEFAULT_AUGMENT,
    maxEpochs: 40,
    batchSize: 64,
    learningRate: 1e-3,
    decayPatience: 2,
    decayFactor: 5,
    stopPatience: 5,
    validation: 800,
    seed: 1,
  };
}

export interface EpochRecord {
  epoch: number;
  /** Mean training loss over the epoch's batches. */
  loss: number;
  /** Accuracy under N(0, sigma^2) on the validation split (clean when sigma = 0). */
  valAccuracy: number;
  learningRate: number;
  seconds: number;
}

export interface StepReport {
  epoch: number;
  step: number;
  steps: number;
  loss: number;
}

export interface TrainHooks {
  /** After each batch; awaited, so a caller can yield to its event loop here. */
  onStep?: (s: StepReport) => void | Promise<void>;
  onEpoch?: (e: EpochRecord) => void | Promise<void>;
  /** Checked before every batch: an aborted signal stops training with an AbortError. */
  signal?: AbortSignal;
}

export interface TrainOutcome {
  model: tfl.LayersModel;
  history: EpochRecord[];
  bestEpoch: number;
  bestValAccuracy: number;
  /** Why training ended: no improvement for stopPatience epochs, or maxEpochs reached. */
  stopped: 'early' | 'max-epochs';
  seconds: number;
  trainCount: number;
  validationCount: number;
}

/** A class-stratified split of indices 0..count-1 into train and validation, seeded. */
export function stratifiedSplit(
  labels: Uint8Array,
  validation: number,
  seed: number,
): { train: Int32Array; val: Int32Array } {
  const rand = uniformSource(seed);
  const byClass: number[][] = Array.from({ length: 10 }, () => []);
  labels.forEach((l, i) => byClass[l]!.push(i));
  const val: number[] = [];
  const train: number[] = [];
  const share = validation / labels.length;
  for (const members of byClass) {
    const p = permutation(members.length, rand);
    const k = Math.round(members.length * share);
    p.forEach((j, at) => (at < k ? val : train).push(members[j]!));
  }
  return { train: Int32Array.from(train), val: Int32Array.from(val) };
}

const EPS = 1e-7;

/** The training loss on one batch (see the module comment). Shapes: x [b, side, side, 1], y [b] int32. */
export function batchLoss(
  model: tfl.LayersModel,
  x: tf.Tensor4D,
  y: tf.Tensor1D,
  config: Pick<TrainConfig, 'sigma' | 'method' | 'lambda' | 'eta' | 'copies'>,
  noiseSeed: number,
): tf.Scalar {
  return tf.tidy(() => {
    const m = config.method === 'consistency' ? Math.max(1, config.copies) : 1;
    const b = x.shape[0];
    let xs: tf.Tensor4D = m > 1 ? (tf.tile(x, [m, 1, 1, 1]) as tf.Tensor4D) : x;
    if (config.sigma > 0) xs = tf.add(xs, tf.randomNormal(xs.shape, 0, config.sigma, 'float32', noiseSeed));
    const probs = tf.clipByValue(model.apply(xs) as tf.Tensor2D, EPS, 1);
    const logp = tf.log(probs);
    const onehot = tf.oneHot(m > 1 ? tf.tile(y, [m]) : y, 10);
    const ce = tf.neg(tf.mean(tf.sum(tf.mul(onehot, logp), 1)));
    if (m === 1) return ce as tf.Scalar;
    const copies = tf.reshape(probs, [m, b, 10]);
    const mean = tf.mean(copies, 0);
    const logMean = tf.log(tf.clipByValue(mean, EPS, 1));
    // KL(mean || p_i) averaged over copies and digits; H(mean) averaged over digits.
    const kl = tf.mean(tf.sum(tf.mul(mean, tf.sub(logMean, tf.reshape(logp, [m, b, 10]))), 2));
    const entropy = tf.neg(tf.mean(tf.sum(tf.mul(mean, logMean), 1)));
    return tf.addN([ce, tf.mul(kl, config.lambda), tf.mul(entropy, config.eta)]) as tf.Scalar;
  });
}

/** Accuracy under noise N(0, sigma^2) (clean at 0) over `draws` seeded draws per digit. */
export async function noisyAccuracy(
  model: tfl.LayersModel,
  data: TrainDigits,
  indices: Int32Array,
  sigma: number,
  draws: number,
  seed: number,
): Promise<number> {
  const side = data.side;
  let correct = 0;
  const chunk = 500;
  for (let d = 0; d < (sigma > 0 ? draws : 1); d++) {
    for (let i = 0; i < indices.length; i += chunk) {
      const idx = indices.subarray(i, Math.min(indices.length, i + chunk));
      const px = batchPixels(data.pixels, side, idx, null, () => 0);
      const pred = tf.tidy(() => {
        let x: tf.Tensor4D = tf.tensor4d(px, [idx.length, side, side, 1]);
        if (sigma > 0) x = tf.add(x, tf.randomNormal(x.shape, 0, sigma, 'float32', seed + d * 100003 + i));
        return tf.argMax(model.predict(x) as tf.Tensor2D, 1);
      });
      const p = await pred.data();
      pred.dispose();
      for (let k = 0; k < idx.length; k++) if (p[k] === data.labels[idx[k]!]) correct++;
    }
  }
  return correct / (indices.length * (sigma > 0 ? draws : 1));
}

function abortError(): Error {
  const e = new Error('training cancelled');
  e.name = 'AbortError';
  return e;
}

/** Trains a fresh model of `config.arch` on `data` (see the module comment). */
export async function trainModel(
  data: TrainDigits,
  config: TrainConfig,
  hooks: TrainHooks = {},
): Promise<TrainOutcome> {
  const t0 = performance.now();
  const model = buildModel(config.arch, config.seed);
  const optimizer = tf.train.adam(config.learningRate);
  const { train, val } = stratifiedSplit(data.labels, config.validation, config.seed + 17);
  const rand = uniformSource(config.seed * 7919 + 1);
  const steps = Math.ceil(train.length / config.batchSize);
  const history: EpochRecord[] = [];
  let best = -1;
  let bestEpoch = -1;
  let bestWeights: tf.Tensor[] | null = null;
  let sinceBest = 0;
  let lr = config.learningRate;
  let stopped: TrainOutcome['stopped'] = 'max-epochs';
  try {
    for (let epoch = 0; epoch < config.maxEpochs; epoch++) {
      const e0 = performance.now();
      const order = permutation(train.length, rand);
      let lossSum = 0;
      for (let s = 0; s < steps; s++) {
        if (hooks.signal?.aborted) throw abortError();
        const idx = Int32Array.from(
          order.subarray(s * config.batchSize, (s + 1) * config.batchSize),
          (j) => train[j]!,
        );
        const px = batchPixels(data.pixels, data.side, idx, config.augment, rand);
        const x = tf.tensor4d(px, [idx.length, data.side, data.side, 1]);
        const y = tf.tensor1d(
          Int32Array.from(idx, (j) => data.labels[j]!),
          'int32',
        );
        const noiseSeed = config.seed * 1_000_003 + epoch * 10_007 + s;
        const cost = optimizer.minimize(() => batchLoss(model, x, y, config, noiseSeed), true);
        tf.dispose([x, y]);
        const loss = (await cost!.data())[0]!;
        cost!.dispose();
        lossSum += loss;
        await hooks.onStep?.({ epoch, step: s + 1, steps, loss });
      }
      const valAccuracy = await noisyAccuracy(model, data, val, config.sigma, 4, config.seed + 424242);
      const record: EpochRecord = {
        epoch: epoch + 1,
        loss: lossSum / steps,
        valAccuracy,
        learningRate: lr,
        seconds: (performance.now() - e0) / 1000,
      };
      history.push(record);
      await hooks.onEpoch?.(record);
      if (valAccuracy > best) {
        best = valAccuracy;
        bestEpoch = epoch + 1;
        sinceBest = 0;
        if (bestWeights) tf.dispose(bestWeights);
        bestWeights = model.getWeights().map((w) => tf.clone(w));
      } else {
        sinceBest++;
        if (sinceBest >= config.stopPatience) {
          stopped = 'early';
          break;
        }
        if (sinceBest % config.decayPatience === 0) {
          lr /= config.decayFactor;
          (optimizer as unknown as { learningRate: number }).learningRate = lr;
        }
      }
    }
    if (bestWeights) model.setWeights(bestWeights);
  } catch (e) {
    model.dispose();
    throw e;
  } finally {
    if (bestWeights) tf.dispose(bestWeights);
    optimizer.dispose();
  }
  return {
    model,
    history,
    bestEpoch,
    bestValAccuracy: best,
    stopped,
    seconds: (performance.now() - t0) / 1000,
    trainCount: train.length,
    validationCount: val.length,
  };
}
