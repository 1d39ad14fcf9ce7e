/**
 * The part of training that runs inside headless Chromium on WebGL (bundled by scripts/train.ts).
 * Gaussian data augmentation as in Cohen et al. 2019, section 4: every training batch is seen
 * with fresh noise N(0, sigma_train^2) added to the pixels, no clipping.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgl';
import type * as tfl from '@tensorflow/tfjs-layers';
import { buildModel, type Architecture } from '../../src/models/architectures';

export interface TrainJob {
  arch: Architecture;
  sigma: number;
  seed: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Use only the first `limit` training digits (quick mode). */
  limit?: number;
  /** The order of the training digits in each epoch (seeded shuffles made in Node), base64 Int32. */
  orders: string[];
}

export interface TrainResult {
  modelTopology: unknown;
  weightSpecs: unknown;
  weightData: string; // base64
  parameterCount: number;
  cleanAccuracy: number;
  noisyAccuracy: number;
  seconds: number;
  backend: string;
  losses: number[];
}

declare global {
  interface Window {
    reportProgress: (msg: { done: number; total: number; epoch: number; loss: number }) => Promise<void>;
  }
}

interface Data {
  x: tf.Tensor4D;
  y: tf.Tensor2D;
  labels: Int32Array;
}

let trainData: Data | null = null;
let testData: Data | null = null;

function decode(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function encode(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function toData(pixelsB64: string, labelsB64: string): Data {
  const px = decode(pixelsB64);
  const lab = decode(labelsB64);
  const n = lab.length;
  const labels = Int32Array.from(lab);
  return tf.tidy(() => ({
    x: tf.tensor4d(
      Float32Array.from(px, (v) => v / 255),
      [n, 28, 28, 1],
    ),
    y: tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), 10), 'float32') as tf.Tensor2D,
    labels,
  }));
}

export async function setup(train: [string, string], test: [string, string]): Promise<string> {
  await tf.setBackend('webgl');
  await tf.ready();
  trainData = toData(...train);
  testData = toData(...test);
  return tf.getBackend();
}

async function accuracy(model: tfl.LayersModel, data: Data, sigma: number, seed: number): Promise<number> {
  let correct = 0;
  const n = data.labels.length;
  for (let i = 0; i < n; i += 500) {
    const size = Math.min(500, n - i);
    const pred = tf.tidy(() => {
      let x = tf.slice(data.x, [i, 0, 0, 0], [size, 28, 28, 1]);
      if (sigma > 0) x = tf.add(x, tf.randomNormal(x.shape, 0, sigma, 'float32', seed + i));
      return tf.argMax(model.predict(x) as tf.Tensor2D, 1);
    });
    const p = await pred.data();
    pred.dispose();
    for (let k = 0; k < size; k++) if (p[k] === data.labels[i + k]) correct++;
  }
  return correct / n;
}

export async function train(job: TrainJob): Promise<TrainResult> {
  if (!trainData || !testData) throw new Error('call setup() first');
  const t0 = performance.now();
  const model = buildModel(job.arch, job.seed);
  const optimizer = tf.train.adam(job.learningRate);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const n = Math.min(job.limit ?? Infinity, trainData.labels.length);
  const steps = Math.ceil(n / job.batchSize);
  const losses: number[] = [];
  for (let epoch = 0; epoch < job.epochs; epoch++) {
    // Step decay: the last third of the epochs at a tenth of the rate.
    if (epoch === Math.ceil((2 * job.epochs) / 3) && job.epochs > 2) {
      (optimizer as unknown as { learningRate: number }).learningRate = job.learningRate / 10;
    }
    const bytes = decode(job.orders[epoch]!);
    const order = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
    let lossSum = 0;
    for (let s = 0; s < steps; s++) {
      const idx = order.slice(s * job.batchSize, Math.min(n, (s + 1) * job.batchSize));
      const [xb, yb] = tf.tidy(() => {
        const ix = tf.tensor1d(Int32Array.from(idx), 'int32');
        let x = tf.gather(trainData!.x, ix);
        if (job.sigma > 0) {
          x = tf.add(x, tf.randomNormal(x.shape, 0, job.sigma, 'float32', job.seed * 1e6 + epoch * 1e4 + s));
        }
        return [x, tf.gather(trainData!.y, ix)];
      });
      const loss = (await model.trainOnBatch(xb, yb)) as number;
      tf.dispose([xb, yb]);
      lossSum += loss;
      if (s % 10 === 9 || s === steps - 1) {
        await window.reportProgress({ done: epoch * steps + s + 1, total: job.epochs * steps, epoch, loss });
      }
    }
    losses.push(lossSum / steps);
  }
  const cleanAccuracy = await accuracy(model, testData, 0, 1);
  const noisyAccuracy = job.sigma > 0 ? await accuracy(model, testData, job.sigma, 7) : cleanAccuracy;
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const art = saved! as tf.io.ModelArtifacts;
  const result: TrainResult = {
    modelTopology: art.modelTopology,
    weightSpecs: art.weightSpecs,
    weightData: encode(art.weightData as ArrayBuffer),
    parameterCount: model.countParams(),
    cleanAccuracy,
    noisyAccuracy,
    seconds: (performance.now() - t0) / 1000,
    backend: tf.getBackend(),
    losses,
  };
  model.dispose();
  optimizer.dispose();
  return result;
}
