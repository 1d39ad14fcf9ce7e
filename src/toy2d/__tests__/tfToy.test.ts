/**
 * The TF.js trainer of the 2D view on the cpu backend: it matches the plain-TypeScript reference step
 * for step, is seeded, learns, reports progress in chunks, stops when cancelled and leaks no tensor;
 * and the layers model built for the attacks computes the same function as the net.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { forward } from '../../bounds';
import { makeDataset } from '../datasets';
import { linearCertificate, smoothedRegions } from '../smooth';
import { attackToy, smoothedRegionsTf, toyLayersModel, trainToyNet } from '../tfToy';
import { createTrainer, initNet, TOY_MODELS } from '../train';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const noPause = () => Promise.resolve();

describe('TF.js trainer of the 2D base classifiers', () => {
  it('follows the plain-TypeScript reference for the first epochs', async () => {
    const data = makeDataset('moons', 200, 3);
    for (const kind of ['linear', 'mlp'] as const) {
      const cfg = TOY_MODELS[kind];
      const r = await trainToyNet(data, kind, 3, { epochs: 12, chunk: 5, pause: noPause });
      const ref = createTrainer(initNet(cfg.sizes, 3), data, { lr: cfg.lr });
      ref.step(12);
      r!.net.layers.forEach((layer, l) => {
        layer.W.forEach((row, o) =>
          row.forEach((w, i) => expect(w).toBeCloseTo(ref.net.layers[l]!.W[o]![i]!, 4)),
        );
        layer.b.forEach((b, o) => expect(b).toBeCloseTo(ref.net.layers[l]!.b[o]!, 4));
      });
    }
  });

  it('learns the moons with the MLP, seeded, with progress in chunks and no leaked tensor', async () => {
    const data = makeDataset('moons', 400, 0);
    const seen: number[] = [];
    const before = tf.memory().numTensors;
    const a = await trainToyNet(data, 'mlp', 0, {
      chunk: 100,
      pause: noPause,
      onProgress: (p) => {
        seen.push(p.epochs);
        expect(p.total).toBe(TOY_MODELS.mlp.epochs);
        expect(Number.isFinite(p.loss)).toBe(true);
      },
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(a!.tensorsAfter).toBe(a!.tensorsBefore);
    expect(seen).toEqual([100, 200, 300]);
    expect(a!.epochs).toBe(TOY_MODELS.mlp.epochs);
    expect(a!.backend).toBe('cpu');
    expect(a!.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(a!.loss).toBeLessThan(0.1);
    const b = await trainToyNet(data, 'mlp', 0, { chunk: 7, pause: noPause });
    expect(b!.net).toEqual(a!.net); // same seed, same weights, whatever the chunking
    const d = await trainToyNet(data, 'mlp', 1, { pause: noPause });
    expect(d!.net).not.toEqual(b!.net);
  });

  it('the linear model separates the blobs', async () => {
    const r = await trainToyNet(makeDataset('blobs', 400, 0), 'linear', 0, { chunk: 100, pause: noPause });
    expect(r!.net.layers).toHaveLength(1);
    expect(r!.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('stops when cancelled, returning null and disposing everything', async () => {
    const before = tf.memory().numTensors;
    let chunks = 0;
    const r = await trainToyNet(makeDataset('spiral', 100, 0), 'mlp', 0, {
      chunk: 10,
      pause: noPause,
      onProgress: () => void chunks++,
      cancelled: () => chunks >= 2,
    });
    expect(r).toBeNull();
    expect(chunks).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects data without labels', async () => {
    await expect(trainToyNet({ points: [], labels: [] }, 'mlp', 0)).rejects.toThrow(RangeError);
  });

  it('builds a layers model whose softmax matches the net, and disposes cleanly', () => {
    const net = initNet([2, 16, 16, 2], 5);
    net.layers[0]!.b = net.layers[0]!.b.map((_, i) => 0.05 * i - 0.3);
    const before = tf.memory().numTensors;
    const model = toyLayersModel(net);
    const pts = [
      [0.3, -0.7],
      [-1.2, 0.4],
      [1.5, 1.5],
    ];
    const out = tf.tidy(() => (model.predict(tf.tensor2d(pts)) as tf.Tensor2D).arraySync());
    pts.forEach((p, r) => {
      const z = forward(net, p);
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const s = e.reduce((a, b) => a + b, 0);
      e.forEach((v, k) => expect(out[r]![k]).toBeCloseTo(v / s, 5));
    });
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('attacks along a path that stays in the L2 ball, and flips a linear model only beyond d', async () => {
    const net = (await trainToyNet(makeDataset('blobs', 200, 0), 'linear', 0, { pause: noPause }))!.net;
    const x: [number, number] = [0.3, 0.2];
    const { distance: d, prediction } = linearCertificate(net, x, 0.25);
    const before = tf.memory().numTensors;
    const box = [-2, 2] as const;
    for (const target of ['base', 'smoothed'] as const) {
      const o = { target, steps: 10, sigma: 0.25, noiseSamples: 32, seed: 0, box };
      const far = await attackToy(net, x, prediction, { ...o, eps: d + 0.2 });
      expect(far.path).toHaveLength(11);
      expect(far.path[0]).toEqual(x);
      expect(far.path.at(-1)).toEqual(far.xAdv);
      for (const p of far.path)
        expect(Math.hypot(p[0] - x[0], p[1] - x[1])).toBeLessThanOrEqual(d + 0.2 + 1e-5);
      expect(far.baseBefore).toBe(prediction);
      expect(far.baseAfter).toBe(1 - prediction);
      const near = await attackToy(net, x, prediction, { ...o, eps: 0.9 * d });
      expect(near.l2).toBeLessThanOrEqual(0.9 * d + 1e-5);
      expect(near.baseAfter).toBe(prediction);
      expect(await attackToy(net, x, prediction, { ...o, eps: 0.9 * d })).toEqual(near); // seeded
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('computes the smoothed regions coarse to fine, matching the plain-TypeScript Monte Carlo', async () => {
    const data = makeDataset('moons', 200, 1);
    const r = await trainToyNet(data, 'mlp', 1, { epochs: 60, chunk: 60, pause: noPause });
    const net = r!.net;
    const opts = { samples: 64, lo: -2, hi: 2 };
    const before = tf.memory().numTensors;
    const levels: { cells: number; grid: Float32Array }[] = [];
    const done = await smoothedRegionsTf(
      net,
      0.4,
      5,
      { ...opts, levels: [4, 8], pointsPerCall: 1000 },
      async (grid, cells) => {
        levels.push({ cells, grid: grid.slice() });
        return true;
      },
    );
    expect(done).toBe(true);
    expect(levels.map((l) => l.cells)).toEqual([4, 8]);
    for (const { cells, grid } of levels) {
      const ref = await smoothedRegions(net, 0.4, 5, { ...opts, cells }, () => Promise.resolve(true));
      // float32 on TF.js against float64 here: a noisy point exactly on the boundary may flip.
      grid.forEach((v, k) => expect(Math.abs(v - ref![k]!)).toBeLessThanOrEqual(1 / 64 + 1e-6));
      expect(grid.some((v) => v > 0.5) && grid.some((v) => v < 0.5)).toBe(true);
    }
    expect(tf.memory().numTensors).toBe(before);
    // Stopping after the first level, and cancelling before any call, leak nothing either.
    expect(await smoothedRegionsTf(net, 0.4, 5, { ...opts, levels: [4, 8] }, async () => false)).toBe(false);
    expect(
      await smoothedRegionsTf(
        net,
        0.4,
        5,
        { ...opts, levels: [4] },
        async () => true,
        () => true,
      ),
    ).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });
});
