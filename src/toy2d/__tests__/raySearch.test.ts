import { describe, expect, it } from 'vitest';
import type { ReluNet } from '../../bounds';
import { certify, gaussianAt, sampleKey } from '../../smoothing';
import { classOf, linearCertificate, toySampler } from '../smooth';
import { compileNet, raySearch, smoothedEstimate, RAY_STREAM } from '../raySearch';
import { makeDataset } from '../datasets';
import { createTrainer, initNet } from '../train';

/** A linear two-class net: margin z1 - z0 = 0.8 x + 0.6 y - 0.1 (unit normal, so d = |margin|). */
const linear: ReluNet = {
  layers: [
    {
      W: [
        [0.1, -0.2],
        [0.9, 0.4],
      ],
      b: [0.05, -0.05],
    },
  ],
};

/** A ReLU net with a curved boundary: the 2-16-16-2 MLP after 400 epochs on the two moons. */
function curvedNet(): ReluNet {
  const tr = createTrainer(initNet([2, 16, 16, 2], 7), makeDataset('moons', 200, 7), { lr: 0.01 });
  tr.step(400);
  return tr.net;
}

describe('compileNet and the Monte Carlo smoothed classifier', () => {
  it('compileNet gives the same class as the reference forward pass', () => {
    const net = curvedNet();
    const f = compileNet(net);
    for (let i = 0; i < 500; i++) {
      const key = sampleKey(1, 99, i);
      const p: [number, number] = [2 * gaussianAt(key, 0), 2 * gaussianAt(key, 1)];
      expect(f(p[0], p[1])).toBe(classOf(net, p));
    }
    expect(() => compileNet({ layers: [{ W: [[1, 2, 3]], b: [0] }] })).toThrow(RangeError);
  });

  it('votes with the same draws at every point (stream 15), and checks its arguments', () => {
    const g = smoothedEstimate(linear, 0.3, 4, 200);
    expect(g.votesAt(0.2, 0.1)).toEqual(g.votesAt(0.2, 0.1));
    expect(g.votesAt(0.2, 0.1).reduce((a, b) => a + b, 0)).toBe(200);
    const key = sampleKey(4, RAY_STREAM, 0);
    const one = smoothedEstimate(linear, 0.3, 4, 1);
    const p: [number, number] = [0.2 + 0.3 * gaussianAt(key, 0), 0.1 + 0.3 * gaussianAt(key, 1)];
    expect(one.classAt(0.2, 0.1)).toBe(classOf(linear, p));
    expect(() => smoothedEstimate(linear, 0, 0, 10)).toThrow(RangeError);
    expect(() => smoothedEstimate(linear, 0.3, 0, 0)).toThrow(RangeError);
  });
});

describe('ray search for the nearest change of the smoothed prediction', () => {
  it('finds the distance d to the boundary of a linear model (its exact smoothed radius)', async () => {
    for (const [x, sigma] of [
      [[0.9, 0.7], 0.25],
      [[-0.4, -0.2], 0.5],
      [[0.3, 0.05], 0.12],
    ] as [[number, number], number][]) {
      const { distance: d, prediction } = linearCertificate(linear, x, sigma);
      const r = await raySearch(linear, x, sigma, 0, { directions: 64, samples: 2000, tolerance: 1e-4 });
      expect(r.prediction).toBe(prediction);
      expect(Math.abs(r.distance - d)).toBeLessThan(0.03 * Math.max(1, sigma / 0.25));
      const [px, py] = r.point!;
      expect(Math.hypot(px - x[0], py - x[1])).toBeCloseTo(r.distance, 9);
    }
  });

  it('on a ReLU net every hit is a change preceded by no change, and the result is the nearest hit', async () => {
    const net = curvedNet();
    const x: [number, number] = [0, 0.1];
    const o = { directions: 32, samples: 400, tolerance: 1e-3 };
    const r = await raySearch(net, x, 0.25, 3, o);
    const g = smoothedEstimate(net, 0.25, 3, 400);
    const hits = r.rays.filter((h) => h.point);
    expect(hits.length).toBeGreaterThan(8);
    for (const h of hits) {
      expect(g.classAt(...h.point!)).not.toBe(r.prediction);
      const back = h.distance - 2e-3;
      const q: [number, number] = [x[0] + back * Math.cos(h.angle), x[1] + back * Math.sin(h.angle)];
      expect(g.classAt(...q)).toBe(r.prediction);
    }
    expect(r.distance).toBe(Math.min(...hits.map((h) => h.distance)));
    expect(await raySearch(net, x, 0.25, 3, o)).toEqual(r); // seeded: the same every time
    expect(r.evaluations).toBeLessThanOrEqual(32 * (30 + 8 + 1) + 1);
  });

  it('stays above CERTIFY radii except with small probability (linear model, 40 points)', async () => {
    let above = 0;
    let certified = 0;
    for (let i = 0; i < 40; i++) {
      const key = sampleKey(11, 98, i);
      const x: [number, number] = [0.8 * gaussianAt(key, 0), 0.8 * gaussianAt(key, 1)];
      const sigma = 0.25;
      const cert = await certify(toySampler(linear, x, sigma, 100 + i), {
        n0: 100,
        n: 1000,
        alpha: 0.001,
        sigma,
      });
      if (cert.prediction < 0) continue;
      certified++;
      const r = await raySearch(linear, x, sigma, i, { directions: 32, samples: 1000 });
      if (cert.radius > r.distance) above++;
    }
    expect(certified).toBeGreaterThan(20);
    expect(above).toBeLessThanOrEqual(1);
  });

  it('reports Infinity when no ray changes class within maxDistance, and can be stopped', async () => {
    const x: [number, number] = [3, 3]; // margin 4.1 from the boundary
    const far = await raySearch(linear, x, 0.1, 0, { directions: 8, samples: 50, maxDistance: 1 });
    expect(far.distance).toBe(Infinity);
    expect(far.point).toBeNull();
    expect(far.rays).toHaveLength(8);
    let calls = 0;
    const stopped = await raySearch(
      linear,
      [0, 0],
      0.25,
      0,
      { directions: 16, samples: 50 },
      () => ++calls < 3,
    );
    expect(stopped.rays).toHaveLength(3);
    await expect(raySearch(linear, [0, 0], 0.25, 0, { directions: 0 })).rejects.toThrow(/directions/);
    await expect(raySearch(linear, [0, 0], 0.25, 0, { maxDistance: -1 })).rejects.toThrow(/maxDistance/);
  });
});
