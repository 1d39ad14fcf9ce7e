import { describe, expect, it } from 'vitest';
import { fillGaussian, gaussianAt, mixSeed, pcgHash, sampleKey, STREAM_IDS } from '../index';

function moments(xs: Float32Array) {
  let m = 0;
  for (const x of xs) m += x;
  m /= xs.length;
  let v = 0;
  let k = 0;
  for (const x of xs) {
    const d = (x - m) ** 2;
    v += d;
    k += d * d;
  }
  v /= xs.length;
  return { mean: m, variance: v, kurtosis: k / xs.length / (v * v) };
}

describe('counter-based Gaussian noise (common random numbers)', () => {
  it('PCG hash matches reference values (a WebGL port must reproduce these)', () => {
    // From an independent Python implementation with explicit 32-bit masking:
    // s = (v * 747796405 + 2891336453) & M; w = (((s >> ((s >> 28) + 4)) ^ s) * 277803737) & M; (w >> 22) ^ w
    expect([0, 1, 2, 0xffffffff, 123456789].map(pcgHash)).toEqual([
      129708002, 2831084092, 2055130248, 3861530882, 4272394698,
    ]);
    for (let v = 0; v < 1000; v++) {
      const h = pcgHash(v);
      expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32).toBe(true);
    }
  });

  it('is standard normal: mean 0, variance 1, kurtosis 3 over 784,000 values', () => {
    const z = fillGaussian(new Float32Array(1000 * 784), 42, STREAM_IDS.estimation, 0, 1000, 784);
    const { mean, variance, kurtosis } = moments(z);
    // Standard errors over 784,000 values: mean 0.0011, variance 0.0016, kurtosis ~0.006.
    expect(Math.abs(mean)).toBeLessThan(0.006);
    expect(Math.abs(variance - 1)).toBeLessThan(0.008);
    expect(Math.abs(kurtosis - 3)).toBeLessThan(0.04);
    const tail = z.filter((x) => Math.abs(x) > 1.959964).length / z.length;
    expect(Math.abs(tail - 0.05)).toBeLessThan(0.002);
  });

  it('is a fixed function of (seed, stream, sample, value): prefixes extend, seeds repeat', () => {
    const a = fillGaussian(new Float32Array(50 * 10), 7, 2, 0, 50, 10);
    const b = fillGaussian(new Float32Array(20 * 10), 7, 2, 30, 20, 10);
    expect(Array.from(b)).toEqual(Array.from(a.subarray(300)));
    expect(gaussianAt(sampleKey(7, 2, 31), 4)).toBeCloseTo(a[31 * 10 + 4]!, 6);
    const again = fillGaussian(new Float32Array(50 * 10), 7, 2, 0, 50, 10);
    expect(Array.from(again)).toEqual(Array.from(a));
  });

  it('fillGaussian is gaussianAt bit for bit (rounded to float32), whatever dimension came first', () => {
    // Small dimension first, then a larger one (the per-value hash table grows), then small again.
    for (const [seed, stream, first, count, dim] of [
      [3, 1, 0, 4, 10],
      [0xffffffff, 2, 99_990, 6, 784],
      [42, 1, 123_456, 3, 2 * 784 + 5],
      [7, 2, 5, 8, 3],
    ] as const) {
      const z = fillGaussian(new Float32Array(count * dim), seed, stream, first, count, dim);
      for (let s = 0; s < count; s++) {
        const key = sampleKey(seed, stream, first + s);
        for (let j = 0; j < dim; j++) {
          if (z[s * dim + j] !== Math.fround(gaussianAt(key, j)))
            throw new Error(`differs at seed ${seed}, sample ${first + s}, value ${j}`);
        }
      }
    }
  });

  it('gives unrelated values for other seeds, streams, samples and positions', () => {
    const n = 20000;
    const corr = (f: (i: number) => [number, number]) => {
      let sxy = 0;
      for (let i = 0; i < n; i++) {
        const [x, y] = f(i);
        sxy += x * y;
      }
      return sxy / n; // both ~N(0, 1): correlation ~ E[xy], standard error 1/sqrt(n) = 0.007
    };
    const sel = STREAM_IDS.selection;
    const est = STREAM_IDS.estimation;
    const cases: [string, (i: number) => [number, number]][] = [
      ['streams', (i) => [gaussianAt(sampleKey(1, sel, i), 0), gaussianAt(sampleKey(1, est, i), 0)]],
      ['seeds', (i) => [gaussianAt(sampleKey(1, est, i), 3), gaussianAt(sampleKey(2, est, i), 3)]],
      [
        'neighbour samples',
        (i) => [gaussianAt(sampleKey(1, est, i), 5), gaussianAt(sampleKey(1, est, i + 1), 5)],
      ],
      [
        'neighbour values',
        (i) => [gaussianAt(sampleKey(1, est, i), 9), gaussianAt(sampleKey(1, est, i), 10)],
      ],
      [
        'mixed seeds',
        (i) => [
          gaussianAt(sampleKey(mixSeed(0, 1), est, i), 0),
          gaussianAt(sampleKey(mixSeed(0, 2), est, i), 0),
        ],
      ],
    ];
    for (const [name, f] of cases) expect(Math.abs(corr(f)), name).toBeLessThan(0.035);
  });
});
