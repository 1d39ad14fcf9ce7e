/**
 * The geometry view's base classifiers on TF.js: training on whatever backend TF.js has active (WebGL in
 * the page, cpu in the Node tests), a TF.js layers model of a trained net, and the attacks of
 * src/attacks on it with their whole path. Imports TF.js, so the page loads this module on demand only (see ./tfPage.ts).
 *
 * Training is the same computation as the plain-TypeScript reference in ./train.ts: the same seeded
 * He-normal start (initNet, stream 13), full-batch softmax cross-entropy, Adam (Kingma & Ba 2015, beta1
 * 0.9, beta2 0.999, eps 1e-8) with the step size and epoch count of TOY_MODELS. Only float32 rounding
 * differs, so both give the same network for the first epochs (tested) and the same kind of network
 * after all of them. attackToy runs the L2 PGD attacks of src/attacks on such a network and keeps the
 * path. Uses functional TF.js ops only (chained tensor methods are not registered here).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { pgdBase, pgdSmoothed } from '../attacks';
import type { ReluNet } from '../bounds';
import { gaussianAt, sampleKey } from '../smoothing';
import { TOY_STREAM_IDS } from './smooth';
import { initNet, TOY_MODELS, type ToyModelKind, type ToyTrainResult, type TrainData } from './train';
import { yieldToPage } from '../tasks/yieldToPage';

export interface TfTrainProgress {
  /** Epochs (full-batch Adam steps) done so far. */
  epochs: number;
  /** Epochs in the whole run. */
  total: number;
  /** Mean cross-entropy (nats) over the training points before the last step done. */
  loss: number;
}

export interface TfTrainOptions {
  /** Epochs run between two awaited yields (and progress reports); default 25. */
  chunk?: number;
  /** Epochs in all; default TOY_MODELS[kind].epochs. */
  epochs?: number;
  /** Called after every chunk; training waits for it. */
  onProgress?: (p: TfTrainProgress) => void | Promise<void>;
  /** Asked before every chunk; training stops, disposes everything and returns null when it says true. */
  cancelled?: () => boolean;
  /** How to yield between chunks; default a zero-delay timeout (so a page can paint and take input). */
  pause?: () => Promise<void>;
}

/** A network trained by TF.js: `backend` is the TF.js backend that trained it ('webgl', 'wasm', 'cpu'). */
export interface TfTrainResult extends ToyTrainResult {
  /** tf.memory().numTensors when training started and after it had disposed everything. */
  tensorsBefore: number;
  tensorsAfter: number;
}

const defaultPause = yieldToPage;

/**
 * Trains base classifier `kind` on `data` with TF.js, seeded by `seed`. Resolves null when cancelled.
 * Every tensor it makes (data, variables, Adam's moments) is disposed before it resolves or throws.
 */
export async function trainToyNet(
  data: TrainData,
  kind: ToyModelKind,
  seed: number,
  opts: TfTrainOptions = {},
): Promise<TfTrainResult | null> {
  const cfg = TOY_MODELS[kind];
  const total = opts.epochs ?? cfg.epochs;
  const chunk = Math.max(1, Math.floor(opts.chunk ?? 25));
  const pause = opts.pause ?? defaultPause;
  const count = data.points.length;
  if (count === 0 || count !== data.labels.length)
    throw new RangeError('data must hold as many labels as points, at least one');
  const classes = cfg.sizes[cfg.sizes.length - 1]!;
  const tensorsBefore = tf.memory().numTensors;
  const t0 = performance.now();

  // All weights live in one variable, theta (one Adam update per step instead of one per tensor: on
  // WebGL every op is a GPU dispatch, and Adam's element-wise ops were most of them). Layer l holds its
  // kernel [in, out] (so h [N, in] x W [in, out]; ReluNet rows are W[out][in]) and then its bias.
  const start = initNet(cfg.sizes, seed);
  const offsets: { W: number; b: number; nIn: number; nOut: number }[] = [];
  const flat: number[] = [];
  start.layers.forEach((layer, l) => {
    const [nIn, nOut] = [cfg.sizes[l]!, cfg.sizes[l + 1]!];
    offsets.push({ W: flat.length, b: flat.length + nIn * nOut, nIn, nOut });
    for (let i = 0; i < nIn; i++) for (let o = 0; o < nOut; o++) flat.push(layer.W[o]![i]!);
    flat.push(...layer.b);
  });
  const init = tf.tensor1d(flat);
  const theta = tf.variable(init); // shares init's data; init itself must go
  init.dispose();
  const varList = [theta];
  const x = tf.tensor2d(data.points.map((p) => [p[0]!, p[1]!]));
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from(data.labels), 'int32'), classes));
  const optimizer = tf.train.adam(cfg.lr, 0.9, 0.999, 1e-8);

  const forwardLogits = (): tf.Tensor2D => {
    let h: tf.Tensor2D = x;
    offsets.forEach((at, l) => {
      const W = tf.reshape(tf.slice(theta, at.W, at.nIn * at.nOut), [at.nIn, at.nOut]);
      const z = tf.add<tf.Tensor2D>(tf.matMul(h, W as tf.Tensor2D), tf.slice(theta, at.b, at.nOut));
      h = l < offsets.length - 1 ? tf.relu(z) : z;
    });
    return h;
  };
  const loss = () => tf.losses.softmaxCrossEntropy(y, forwardLogits()) as tf.Scalar;

  let result: Omit<TfTrainResult, 'tensorsBefore' | 'tensorsAfter'>;
  try {
    let done = 0;
    let lastLoss = NaN;
    while (done < total) {
      if (opts.cancelled?.()) break;
      const steps = Math.min(chunk, total - done);
      for (let k = 0; k < steps - 1; k++) optimizer.minimize(loss, false, varList);
      const cost = optimizer.minimize(loss, true, varList);
      done += steps;
      if (cost) {
        lastLoss = (await cost.data())[0]!;
        cost.dispose();
      }
      await opts.onProgress?.({ epochs: done, total, loss: lastLoss });
      await pause();
    }
    if (done < total || opts.cancelled?.()) return null;
    const predicted = tf.tidy(() => tf.argMax(forwardLogits(), 1));
    const classesOut = await predicted.data();
    predicted.dispose();
    let right = 0;
    for (let i = 0; i < count; i++) if (classesOut[i] === data.labels[i]) right++;
    const w = await theta.data();
    const layers = offsets.map((at) => ({
      W: Array.from({ length: at.nOut }, (_, o) =>
        Array.from({ length: at.nIn }, (_, i) => w[at.W + i * at.nOut + o]!),
      ),
      b: Array.from(w.subarray(at.b, at.b + at.nOut)),
    }));
    result = {
      net: { layers },
      accuracy: right / count,
      loss: lastLoss,
      epochs: done,
      backend: tf.getBackend(),
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    optimizer.dispose();
    tf.dispose([x, y, ...varList]);
  }
  return result && { ...result, tensorsBefore, tensorsAfter: tf.memory().numTensors };
}

/**
 * A TF.js layers model computing the same function as `net`: Dense layers with ReLU between them and
 * softmax after the last one (so src/attacks reads the last layer's affine part as the logits). Input
 * shape [batch, inputs], output [batch, classes] probabilities. The caller disposes it (model.dispose()).
 */
export function toyLayersModel(net: ReluNet): tfl.Sequential {
  const model = tfl.sequential();
  const last = net.layers.length - 1;
  net.layers.forEach((layer, l) => {
    model.add(
      tfl.layers.dense({
        units: layer.b.length,
        activation: l < last ? 'relu' : 'softmax',
        ...(l === 0 ? { inputShape: [layer.W[0]!.length] } : {}),
      }),
    );
  });
  const weights = net.layers.flatMap((layer) => [
    tf.tidy(() => tf.transpose(tf.tensor2d(layer.W))),
    tf.tensor1d(layer.b),
  ]);
  model.setWeights(weights);
  tf.dispose(weights);
  return model;
}

export type ToyAttackTarget = 'base' | 'smoothed';

export interface ToyAttackOptions {
  target: ToyAttackTarget;
  /** L2 budget, data units, >= 0. */
  eps: number;
  steps: number;
  /** Smoothing noise (for the attack on the smoothed classifier), data units, > 0. */
  sigma: number;
  /** Noise draws averaged per step by the attack on the smoothed classifier. */
  noiseSamples: number;
  seed: number;
  /** The box the 2D points live in, [lo, hi] per coordinate (the plotted square). */
  box: readonly [number, number];
}

export interface ToyAttackPath {
  /** x, then each iterate x + delta_k, ending at the adversarial point; [x, y] each. */
  path: [number, number][];
  xAdv: [number, number];
  /** ||xAdv - x||_2, data units (<= eps up to float32 rounding). */
  l2: number;
  baseBefore: number;
  baseAfter: number;
}

/**
 * An L2 PGD attack from x on the 2D network: against the base network (pgdBase, Madry et al. 2018) or
 * against the smoothed classifier (pgdSmoothed, SmoothAdv, Salman et al. 2019), for label `label`.
 * Returns the whole path. The layers model it builds is disposed before it resolves.
 */
export async function attackToy(
  net: ReluNet,
  x: readonly [number, number],
  label: number,
  o: ToyAttackOptions,
): Promise<ToyAttackPath> {
  const model = toyLayersModel(net);
  try {
    const x32 = Float32Array.from(x);
    const path: [number, number][] = [];
    const at = (d: Float32Array): [number, number] => [x[0] + d[0]!, x[1] + d[1]!];
    const common = {
      eps: o.eps,
      steps: o.steps,
      norm: 'l2' as const,
      clip: o.box,
      seed: o.seed,
      onStep: (_step: number, _loss: number, delta: Float32Array) => path.push(at(delta)),
    };
    const r =
      o.target === 'base'
        ? await pgdBase(model, x32, label, common)
        : await pgdSmoothed(model, x32, label, {
            ...common,
            sigma: o.sigma,
            noiseSamples: o.noiseSamples,
          });
    const xAdv: [number, number] = [r.xAdv[0]!, r.xAdv[1]!];
    if (path.length === 0) path.push([x[0], x[1]]);
    path.push(xAdv);
    return { path, xAdv, l2: r.l2, baseBefore: r.baseLabelBefore, baseAfter: r.baseLabelAfter };
  } finally {
    model.dispose();
  }
}

/** Options of smoothedRegionsTf. */
export interface SmoothedRegionsTfOptions {
  /** Cells per side of each level, coarse to fine (e.g. [12, 24, 48, 96]). */
  levels: readonly number[];
  /** Noisy copies per cell (the same z for every cell: common random numbers, stream 14). */
  samples: number;
  /** The square [lo, hi]^2 the grid covers. */
  lo: number;
  hi: number;
  /** Upper bound on noisy points classified per GPU call (default 65,536). */
  pointsPerCall?: number;
}

/**
 * The smoothed classifier's probability of class 1 over a grid, as smoothedRegions (./smooth.ts) computes
 * it, but on TF.js (the GPU in the page) and coarse to fine: each level's grid (row 0 at the top, y = hi)
 * is handed to `onLevel` when complete, so a coarse picture shows while the finer one is computed. Each
 * GPU call classifies floor(pointsPerCall / samples) cells' noisy points and awaits its result. Returns false when
 * `onLevel` (or `cancelled`, asked before every call) stops it. Every tensor is disposed.
 */
export async function smoothedRegionsTf(
  net: ReluNet,
  sigma: number,
  seed: number,
  opts: SmoothedRegionsTfOptions,
  onLevel: (grid: Float32Array, cells: number, level: number) => Promise<boolean>,
  cancelled: () => boolean = () => false,
): Promise<boolean> {
  const { samples, lo, hi } = opts;
  const zs = new Float32Array(samples * 2);
  for (let i = 0; i < samples; i++) {
    const key = sampleKey(seed, TOY_STREAM_IDS.regions, i);
    zs[2 * i] = sigma * gaussianAt(key, 0);
    zs[2 * i + 1] = sigma * gaussianAt(key, 1);
  }
  const z = tf.tensor3d(zs, [1, samples, 2]);
  // Kernels as [in, out], so a layer is relu(h W + b).
  const weights = net.layers.map((l) => ({
    W: tf.tidy(() => tf.transpose(tf.tensor2d(l.W))),
    b: tf.tensor1d(l.b),
  }));
  try {
    // Every GPU call has the same shape (`perCall` cells, the last call of a level padded), so the
    // backend compiles its programs once: on the main thread a compile is a long task.
    const perCall = Math.max(1, Math.floor((opts.pointsPerCall ?? 65_536) / samples));
    for (let level = 0; level < opts.levels.length; level++) {
      const cells = opts.levels[level]!;
      const total = cells * cells;
      const grid = new Float32Array(total);
      const step = (hi - lo) / cells;
      for (let c0 = 0; c0 < total; c0 += perCall) {
        if (cancelled()) return false;
        const count = Math.min(perCall, total - c0);
        const centres = new Float32Array(perCall * 2);
        for (let k = 0; k < count; k++) {
          const r = Math.floor((c0 + k) / cells);
          const c = (c0 + k) % cells;
          centres[2 * k] = lo + (c + 0.5) * step;
          centres[2 * k + 1] = hi - (r + 0.5) * step;
        }
        const share = tf.tidy(() => {
          const noisy = tf.add(tf.tensor3d(centres, [perCall, 1, 2]), z); // [cells, samples, 2]
          let h: tf.Tensor2D = tf.reshape(noisy, [perCall * samples, 2]);
          weights.forEach(({ W, b }, l) => {
            const a: tf.Tensor2D = tf.add(tf.matMul(h, W), b);
            h = l < weights.length - 1 ? tf.relu(a) : a;
          });
          // Class 1 wins only when its logit is strictly larger (ties go to class 0, as in classOf).
          const ones = tf.cast(
            tf.greater(tf.slice(h, [0, 1], [-1, 1]), tf.slice(h, [0, 0], [-1, 1])),
            'float32',
          );
          return tf.mean(tf.reshape(ones, [perCall, samples]), 1);
        });
        try {
          grid.set((await share.data()).subarray(0, count), c0);
        } finally {
          share.dispose();
        }
      }
      if (!(await onLevel(grid, cells, level))) return false;
    }
    return true;
  } finally {
    tf.dispose([z, ...weights.flatMap((w) => [w.W, w.b])]);
  }
}
