import { describe, expect, it } from 'vitest';
import {
  crownCertifiedRadius,
  crownMarginLowerBounds,
  forward,
  ibpBounds,
  ibpCertifiedRadius,
  ibpMarginLowerBounds,
  lipschitzCertifiedRadius,
  logitMargin,
  predictClass,
  spectralNormBounds,
  type ReluNet,
} from '../index';
import { TWO_NEURON_NET, marginGradient, randomNet } from './helpers';

const net = TWO_NEURON_NET;

describe('forward pass', () => {
  it('applies ReLU between layers and none after the last', () => {
    // z1 = (x0 + x1, x0 - x1) = (-1, 3) -> h = (0, 3); logits = h.
    expect(forward(net, [1, -2])).toEqual([0, 3]);
    const lin: ReluNet = { layers: [{ W: [[1, -2]], b: [-5] }] };
    expect(forward(lin, [1, 1])).toEqual([-6]);
    expect(predictClass(net, [1, -2])).toBe(1);
    expect(predictClass(net, [1, 0.5])).toBe(0);
  });

  it('breaks ties towards the lower index and reports the margin', () => {
    expect(predictClass(net, [1, 0])).toBe(0);
    expect(logitMargin(net, [1, 0], 0)).toBe(0);
    expect(logitMargin(net, [1, 0.5], 0)).toBe(1);
    expect(logitMargin(net, [1, 0.5], 1)).toBe(-1);
  });

  it('the analytic margin gradient matches finite differences', () => {
    const r = randomNet([4, 8, 8, 3], 7);
    const x = [0.3, -0.2, 0.9, -1.1];
    const g = marginGradient(r, x, 0, 2);
    const f = (p: number[]): number => {
      const z = forward(r, p);
      return z[0]! - z[2]!;
    };
    x.forEach((_, i) => {
      const h = 1e-6;
      const up = x.map((v, k) => (k === i ? v + h : v));
      const dn = x.map((v, k) => (k === i ? v - h : v));
      expect(g[i]!).toBeCloseTo((f(up) - f(dn)) / (2 * h), 5);
    });
  });
});

describe('bad arguments throw a RangeError naming the argument', () => {
  const x = [1, 0.5];
  it('eps < 0 or not finite', () => {
    expect(() => ibpBounds(net, x, -0.1)).toThrow(RangeError);
    expect(() => ibpBounds(net, x, -0.1)).toThrow(/^eps/);
    expect(() => crownMarginLowerBounds(net, x, Number.NaN, 0, 'linf')).toThrow(/^eps/);
    expect(() => ibpMarginLowerBounds(net, x, Infinity, 0)).toThrow(/^eps/);
  });

  it('label out of range or not an integer', () => {
    expect(() => ibpMarginLowerBounds(net, x, 0.1, 2)).toThrow(/^label must be an integer in \[0, 1\]/);
    expect(() => crownMarginLowerBounds(net, x, 0.1, -1, 'l2')).toThrow(/^label/);
    expect(() => ibpCertifiedRadius(net, x, 0.5)).toThrow(/^label/);
    expect(() => lipschitzCertifiedRadius(net, x, 3)).toThrow(RangeError);
    const one: ReluNet = { layers: [{ W: [[1, 1]], b: [0] }] };
    expect(() => crownCertifiedRadius(one, x, 0, 'linf')).toThrow(/at least 2 outputs/);
  });

  it('input dimension mismatch', () => {
    expect(() => forward(net, [1, 2, 3])).toThrow(/^x has length 3 but the network expects 2 inputs/);
    expect(() => ibpBounds(net, [1], 0.1)).toThrow(RangeError);
    expect(() => forward(net, [1, Number.NaN])).toThrow(/^x\[1\] must be a finite number/);
  });

  it('malformed networks', () => {
    const badCols: ReluNet = { layers: [net.layers[0]!, { W: [[1, 0, 0]], b: [0] }] };
    expect(() => forward(badCols, x)).toThrow(/^net.layers\[1\].W has 3 columns but layer 0 outputs 2/);
    const badRow: ReluNet = { layers: [{ W: [[1, 1], [1]], b: [0, 0] }] };
    expect(() => forward(badRow, x)).toThrow(/^net.layers\[0\].W\[1\] has length 1/);
    const badBias: ReluNet = { layers: [{ W: [[1, 1]], b: [0, 0] }] };
    expect(() => forward(badBias, x)).toThrow(/^net.layers\[0\].b has length 2/);
    expect(() => forward({ layers: [] }, x)).toThrow(/^net must have at least one layer/);
  });

  it('domain, norm and search options', () => {
    expect(() => ibpBounds(net, x, 0.1, { domain: [0, 0.8] })).toThrow(/^x\[0\] = 1 lies outside domain/);
    expect(() => ibpBounds(net, x, 0.1, { domain: [1, 0] })).toThrow(/^domain/);
    // @ts-expect-error: an invalid norm from untyped code.
    expect(() => crownMarginLowerBounds(net, x, 0.1, 0, 'l1')).toThrow(/^norm/);
    expect(() => ibpCertifiedRadius(net, x, 0, { tol: 0 })).toThrow(/^tol/);
    expect(() => crownCertifiedRadius(net, x, 0, 'l2', { maxRadius: Infinity })).toThrow(/^maxRadius/);
    expect(() => spectralNormBounds([])).toThrow(/^W/);
    expect(() => spectralNormBounds([[1, 2], [3]])).toThrow(/^W\[1\]/);
    expect(() => lipschitzCertifiedRadius(net, x, 0, { layerNorms: [1] })).toThrow(/^layerNorms/);
  });
});
