import { describe, expect, it } from 'vitest';
import type { ReluNet } from '../../bounds';
import { certify } from '../../smoothing';
import { classOf, linearCertificate, noisyPoint, smoothedRegions, toySampler } from '../smooth';

/** z_1 - z_0 = x_0 (boundary: the vertical axis). */
const LINE: ReluNet = {
  layers: [
    {
      W: [
        [0, 0],
        [1, 0],
      ],
      b: [0, 0],
    },
  ],
};

describe('2D smoothing', () => {
  it('the exact linear certificate is the distance to the boundary', () => {
    const c = linearCertificate(LINE, [0.5, 3], 0.25);
    expect(c.distance).toBeCloseTo(0.5, 12);
    expect(c.prediction).toBe(1);
    expect(c.pA).toBeCloseTo(0.97725, 4); // Phi(2)
    expect(classOf(LINE, [-0.1, 0])).toBe(0);
  });

  it('CERTIFY on a linear model stays below the exact radius, and the sampler is seeded', async () => {
    const x: [number, number] = [0.5, 0.2];
    const r = await certify(toySampler(LINE, x, 0.5, 7), { n0: 100, n: 10_000, alpha: 0.001, sigma: 0.5 });
    expect(r.prediction).toBe(1);
    expect(r.radius).toBeGreaterThan(0.4);
    expect(r.radius).toBeLessThanOrEqual(0.5);
    const again = await certify(toySampler(LINE, x, 0.5, 7), {
      n0: 100,
      n: 10_000,
      alpha: 0.001,
      sigma: 0.5,
    });
    expect(again).toEqual(r);
    // The first estimation sample is the one the view draws.
    const first = await toySampler(LINE, x, 0.5, 7)(1, 'estimation');
    expect(first[classOf(LINE, noisyPoint(x, 0.5, 7, 12, 0))]).toBe(1);
  });

  it('the sampler yields to the event loop during a large call, and stops with an AbortError once aborted', async () => {
    const x: [number, number] = [0.5, 0.2];
    // A timer set before the call runs while it is still sampling: the sampler gave the loop a turn.
    let timerRan = false;
    let doneFirst = false;
    setTimeout(() => (timerRan = !doneFirst), 0);
    const counts = await toySampler(LINE, x, 0.5, 7)(400_000, 'estimation');
    doneFirst = true;
    expect(counts[0]! + counts[1]!).toBe(400_000);
    expect(timerRan).toBe(true);
    // The same counts whatever the slicing: two calls continue the stream.
    const s = toySampler(LINE, x, 0.5, 7);
    const a = await s(150_000, 'estimation');
    const b = await s(250_000, 'estimation');
    expect([a[0]! + b[0]!, a[1]! + b[1]!]).toEqual(counts);

    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 0);
    await expect(toySampler(LINE, x, 0.5, 7, ctrl.signal)(10_000_000, 'estimation')).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('smoothed regions of a linear model follow the boundary', async () => {
    const grid = await smoothedRegions(LINE, 0.25, 0, { cells: 4, samples: 200, lo: -2, hi: 2 }, () =>
      Promise.resolve(true),
    );
    expect(grid).not.toBeNull();
    expect(grid![0]).toBeLessThan(0.01); // x = -1.5
    expect(grid![3]).toBeGreaterThan(0.99); // x = 1.5
  });
});
