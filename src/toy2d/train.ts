/**
 * Trains the geometry view's base classifiers on a 2D toy dataset in plain TypeScript: a linear model
 * (logistic regression over two logits, a one-layer ReluNet) and a small ReLU MLP (2-16-16-2). Full-batch
 * softmax cross-entropy with Adam (Kingma & Ba 2015); weights start from a seeded He-normal draw
 * (stream TOY_INIT_STREAM of src/smoothing/noise.ts), so the same seed trains the same network. The
 * result is a `ReluNet` that src/bounds can certify directly. Imports no React, DOM or TF.js.
 */
import type { ReluNet } from '../bounds';
import { gaussianAt, sampleKey } from '../smoothing';

/** Stream id of the weight initialisation (11, 12, 14 and 15 are the 2D smoothing noise, see smooth.ts and raySearch.ts). */
export const TOY_INIT_STREAM = 13;

export type ToyModelKind = 'linear' | 'mlp';

/**
 * Layer sizes, epochs and Adam step size of each base classifier. Few epochs with a large step: every
 * epoch is one full-batch step, which costs a round of GPU dispatches on WebGL. Measured with the
 * TypeScript trainer, seeds 0 and 1, 400 points: the MLP fits all four datasets to >= 99% of the
 * training points in 300 epochs at 0.05 (as it did in 1,500 at 0.01); the linear model reaches the same
 * accuracy in 100 epochs at 0.1 as in 300 at 0.05 (blobs 99-100%, moons about 90%; circles and spiral
 * are not linearly separable).
 */
export const TOY_MODELS: Record<
  ToyModelKind,
  { label: string; sizes: number[]; epochs: number; lr: number }
> = {
  linear: { label: 'Linear (logistic regression)', sizes: [2, 2], epochs: 100, lr: 0.1 },
  mlp: { label: 'ReLU network 2-16-16-2', sizes: [2, 16, 16, 2], epochs: 300, lr: 0.05 },
};

/** Points [x, y] and their labels (class indices in 0 .. outputs - 1). */
export interface TrainData {
  points: readonly (readonly number[])[];
  labels: readonly number[];
}

/**
 * A ReluNet with layer sizes `sizes` = [inputs, hidden..., outputs]: W[o][i] ~ N(0, 2 / inputs of the
 * layer) (He init), b = 0. Deterministic in `seed`.
 */
export function initNet(sizes: readonly number[], seed: number): ReluNet {
  if (sizes.length < 2 || !sizes.every((s) => Number.isInteger(s) && s >= 1))
    throw new RangeError('sizes must hold at least two positive integers');
  const layers = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const nIn = sizes[l]!;
    const nOut = sizes[l + 1]!;
    const key = sampleKey(seed, TOY_INIT_STREAM, l);
    const scale = Math.sqrt(2 / nIn);
    const W = Array.from({ length: nOut }, (_, o) =>
      Array.from({ length: nIn }, (_, i) => scale * gaussianAt(key, o * nIn + i)),
    );
    layers.push({ W, b: new Array<number>(nOut).fill(0) });
  }
  return { layers };
}

/** A trained 2D base classifier, by either trainer (TF.js in ./tfToy, or the plain TypeScript one here). */
export interface ToyTrainResult {
  /** The trained weights as plain arrays, ready for src/bounds and src/toy2d/smooth. */
  net: ReluNet;
  /** Share of the training points classified correctly, in [0, 1]. */
  accuracy: number;
  /** Mean cross-entropy (nats) before the last step. */
  loss: number;
  epochs: number;
  /** Where it trained: a TF.js backend ('webgl', 'wasm', 'cpu'), or 'typescript'. */
  backend: string;
  /** Wall-clock seconds, from the first step made to the weights read back. */
  seconds: number;
}

export interface TrainOptions {
  /** Adam step size (default 0.01). */
  lr?: number;
}

/** A full-batch trainer that updates `net` in place. */
export interface Trainer {
  readonly net: ReluNet;
  /** Epochs run so far. */
  readonly epochs: number;
  /** Runs `count` full-batch Adam steps; returns the mean cross-entropy (nats) before the last one. */
  step(count: number): number;
  /** Share of training points the network classifies correctly, in [0, 1]. */
  accuracy(): number;
}

const zerosLike = (net: ReluNet) =>
  net.layers.map((l) => ({ W: l.W.map((row) => row.map(() => 0)), b: l.b.map(() => 0) }));

/** Logits of one input through `net` (ReLU between layers, none after the last). No checks. */
export function logits(net: ReluNet, x: readonly number[]): number[] {
  let h: readonly number[] = x;
  const last = net.layers.length - 1;
  net.layers.forEach((layer, l) => {
    const out = layer.W.map((row, o) => {
      let s = layer.b[o]!;
      for (let i = 0; i < row.length; i++) s += row[i]! * h[i]!;
      return l < last && s < 0 ? 0 : s;
    });
    h = out;
  });
  return h as number[];
}

/** Softmax cross-entropy training of `net` on `data` with Adam (beta1 0.9, beta2 0.999, eps 1e-8). */
export function createTrainer(net: ReluNet, data: TrainData, opts: TrainOptions = {}): Trainer {
  const lr = opts.lr ?? 0.01;
  if (data.points.length === 0 || data.points.length !== data.labels.length)
    throw new RangeError('data must hold as many labels as points, at least one');
  const m = zerosLike(net);
  const v = zerosLike(net);
  let t = 0;
  const L = net.layers.length;

  const epoch = (): number => {
    const g = zerosLike(net);
    let loss = 0;
    data.points.forEach((x, p) => {
      const acts: number[][] = [x as number[]];
      for (let l = 0; l < L; l++) {
        const layer = net.layers[l]!;
        const h = acts[l]!;
        acts.push(
          layer.W.map((row, o) => {
            let s = layer.b[o]!;
            for (let i = 0; i < row.length; i++) s += row[i]! * h[i]!;
            return l < L - 1 && s < 0 ? 0 : s;
          }),
        );
      }
      const z = acts[L]!;
      const zMax = Math.max(...z);
      const e = z.map((zi) => Math.exp(zi - zMax));
      const sum = e.reduce((a, b) => a + b, 0);
      const label = data.labels[p]!;
      loss += Math.log(sum) - (z[label]! - zMax);
      let delta = e.map((ei, o) => ei / sum - (o === label ? 1 : 0));
      for (let l = L - 1; l >= 0; l--) {
        const layer = net.layers[l]!;
        const gl = g[l]!;
        const h = acts[l]!;
        for (let o = 0; o < delta.length; o++) {
          const d = delta[o]!;
          if (d === 0) continue;
          gl.b[o]! += d;
          const gRow = gl.W[o]!;
          for (let i = 0; i < h.length; i++) gRow[i]! += d * h[i]!;
        }
        if (l > 0) {
          delta = h.map((hi, i) => {
            if (hi <= 0) return 0; // ReLU was inactive: no gradient
            let s = 0;
            for (let o = 0; o < delta.length; o++) s += layer.W[o]![i]! * delta[o]!;
            return s;
          });
        }
      }
    });
    t++;
    const scale = 1 / data.points.length;
    const c1 = 1 - 0.9 ** t;
    const c2 = 1 - 0.999 ** t;
    const adam = (w: number[], gw: number[], mw: number[], vw: number[]) => {
      for (let i = 0; i < w.length; i++) {
        const gi = gw[i]! * scale;
        mw[i] = 0.9 * mw[i]! + 0.1 * gi;
        vw[i] = 0.999 * vw[i]! + 0.001 * gi * gi;
        w[i]! -= (lr * (mw[i]! / c1)) / (Math.sqrt(vw[i]! / c2) + 1e-8);
      }
    };
    net.layers.forEach((layer, l) => {
      layer.W.forEach((row, o) => adam(row, g[l]!.W[o]!, m[l]!.W[o]!, v[l]!.W[o]!));
      adam(layer.b, g[l]!.b, m[l]!.b, v[l]!.b);
    });
    return loss * scale;
  };

  return {
    net,
    get epochs() {
      return t;
    },
    step(count: number) {
      let loss = NaN;
      for (let k = 0; k < count; k++) loss = epoch();
      return loss;
    },
    accuracy() {
      let right = 0;
      data.points.forEach((x, p) => {
        const z = logits(net, x);
        let best = 0;
        for (let o = 1; o < z.length; o++) if (z[o]! > z[best]!) best = o;
        if (best === data.labels[p]) right++;
      });
      return right / data.points.length;
    },
  };
}
