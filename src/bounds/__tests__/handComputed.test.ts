/**
 * A two-neuron network whose bounds can be worked out by hand:
 *
 *   z1 = (x0 + x1, x0 - x1),  h = ReLU(z1),  logits = (h0, h1),
 *
 * at x = (1, 0.5): z1 = h = (1.5, 0.5), logits (1.5, 0.5), class 0, margin z0 - z1 = 1.
 * The margin is h0 - h1; while both neurons are active it equals 2 x1, and the decision boundary nearest
 * to x is x1 = 0, at distance 0.5 in both L-infinity and L2 (the exact robust radius).
 */
import { describe, expect, it } from 'vitest';
import {
  crownBounds,
  crownCertifiedRadius,
  crownCertifies,
  crownMarginLowerBounds,
  crownPreActivationBounds,
  ibpBounds,
  ibpCertifiedRadius,
  ibpCertifies,
  ibpMarginLowerBounds,
  lipschitzCertifiedRadius,
  lipschitzUpperBound,
  spectralNormBounds,
  type ReluNet,
} from '../index';
import { TWO_NEURON_NET } from './helpers';

const net = TWO_NEURON_NET;

const x = [1, 0.5];
const TOL = 1e-4;

describe('IBP by hand', () => {
  it('bounds the logits and the margin', () => {
    // eps = 0.1: z1_0 in [1.5 - 0.2, 1.5 + 0.2], z1_1 in [0.5 - 0.2, 0.5 + 0.2], both active.
    const b = ibpBounds(net, x, 0.1);
    [1.3, 0.3].forEach((v, i) => expect(b.lower[i]!).toBeCloseTo(v, 12));
    [1.7, 0.7].forEach((v, i) => expect(b.upper[i]!).toBeCloseTo(v, 12));
    // Margin h0 - h1 >= 1.3 - 0.7 = 0.6 = 1 - 4 eps.
    const m = ibpMarginLowerBounds(net, x, 0.1, 0);
    expect(m[0]).toBe(Infinity);
    expect(m[1]!).toBeCloseTo(0.6, 12);
    // eps = 0.3: z1_1 in [-0.1, 1.1], so h1 in [0, 1.1]; margin >= 0.9 - 1.1 = -0.2: not certified.
    expect(ibpMarginLowerBounds(net, x, 0.3, 0)[1]!).toBeCloseTo(-0.2, 12);
    expect(ibpCertifies(net, x, 0.3, 0)).toBe(false);
    expect(ibpCertifies(net, x, 0.2, 0)).toBe(true);
  });

  it('finds the radius 1/4 (1 - 4 eps > 0), and 1/3 with the domain [0, 1]', () => {
    const r = ibpCertifiedRadius(net, x, 0);
    expect(r).toBeLessThanOrEqual(0.25);
    expect(r).toBeGreaterThan(0.25 - TOL);
    // Clipped to [0, 1]: x0 <= 1, so z1_0 >= 1.5 - 2 eps and z1_1 <= 1 - (0.5 - eps) = 0.5 + eps;
    // margin >= 1 - 3 eps (0.1 at eps = 0.3), zero at eps = 1/3.
    expect(ibpMarginLowerBounds(net, x, 0.3, 0, { domain: [0, 1] })[1]!).toBeCloseTo(0.1, 12);
    const rd = ibpCertifiedRadius(net, x, 0, { domain: [0, 1] });
    expect(rd).toBeLessThanOrEqual(1 / 3);
    expect(rd).toBeGreaterThan(1 / 3 - TOL);
    // Another label than the prediction gets radius 0.
    expect(ibpCertifiedRadius(net, x, 1)).toBe(0);
  });
});

describe('CROWN by hand, L-infinity', () => {
  it('is exact while both neurons are stable (eps < 1/4)', () => {
    // margin = z1_0 - z1_1 = 2 x1 >= 2 (0.5 - eps): 0.8 at eps = 0.1 (IBP gave 0.6).
    expect(crownMarginLowerBounds(net, x, 0.1, 0, 'linf')[1]!).toBeCloseTo(0.8, 12);
  });

  it('relaxes the unstable neuron with its upper line (eps in (1/4, 1/2))', () => {
    // Neuron 1: l = 0.5 - 2 eps < 0 < u = 0.5 + 2 eps; its coefficient in the margin is -1, so it uses
    // h1 <= s (z1_1 - l) with s = u / (u - l) = (0.5 + 2 eps) / (4 eps). The margin is then at least
    //   (1 - s) x0 + (1 + s) x1 + s l,  minimised over the box (s <= 1) at x - eps:
    //   1.5 - 0.5 s + s l - 2 eps = 1.5 - 2 eps s - 2 eps = 1.25 - 3 eps.
    // At eps = 0.3: 0.35 (IBP: -0.2).
    expect(crownMarginLowerBounds(net, x, 0.3, 0, 'linf')[1]!).toBeCloseTo(0.35, 12);
    expect(crownCertifies(net, x, 0.3, 0, 'linf')).toBe(true);
    // Intermediate bounds are exact for the first layer: z1 in (1.5, 0.5) +- 2 eps.
    const pre = crownPreActivationBounds(net, x, 0.3, 'linf');
    expect(pre[0]!.lower[1]!).toBeCloseTo(-0.1, 12);
    expect(pre[0]!.upper[1]!).toBeCloseTo(1.1, 12);
    // Logit bounds: z1 = h1 in [0, 1.1]; the lower line of neuron 1 has slope 1 (u >= -l) but CROWN's
    // -0.1 is intersected with IBP's 0.
    const lb = crownBounds(net, x, 0.3, 'linf');
    expect(lb.lower[1]!).toBeCloseTo(0, 12);
    expect(lb.upper[1]!).toBeCloseTo(1.1, 12);
    expect(crownBounds(net, x, 0.3, 'linf', { ibp: false }).lower[1]!).toBeCloseTo(-0.1, 12);
    // At x = (0, 0.5) neuron 1 has z in [-0.5 - 2 eps, -0.5 + 2 eps] = [-1.1, 0.1] at eps = 0.3:
    // u < -l, so the adaptive lower slope is 0 (h1 >= 0, not h1 >= z >= -1.1); the upper line
    // s (z - l) with s = 0.1 / 1.2 peaks at u = 0.1.
    const b0 = crownBounds(net, [0, 0.5], 0.3, 'linf', { ibp: false });
    expect(b0.lower[1]!).toBeCloseTo(0, 12);
    expect(b0.upper[1]!).toBeCloseTo(0.1, 12);
  });

  it('finds the radius 5/12 (1.25 - 3 eps > 0), and 7/16 with the domain [0, 1]', () => {
    const r = crownCertifiedRadius(net, x, 0, 'linf');
    expect(r).toBeLessThanOrEqual(5 / 12);
    expect(r).toBeGreaterThan(5 / 12 - TOL);
    // With x0 <= 1: z1_1 in [0.5 - 2 eps, 0.5 + eps], s = (0.5 + eps) / (3 eps); the minimum over the
    // clipped box is 1.5 - 2 eps - 2 eps s = 7/6 - 8 eps / 3, zero at eps = 7/16.
    const rd = crownCertifiedRadius(net, x, 0, 'linf', { domain: [0, 1] });
    expect(rd).toBeLessThanOrEqual(7 / 16);
    expect(rd).toBeGreaterThan(7 / 16 - TOL);
    // IBP 1/4 < CROWN 5/12 < exact 1/2.
  });
});

describe('CROWN by hand, L2', () => {
  it('is exact while both neurons are stable (eps < 0.5 / sqrt(2))', () => {
    // z1 = x0 +- x1 moves by at most sqrt(2) eps; margin 2 x1 >= 1 - 2 eps: 0.6 at eps = 0.2.
    expect(crownMarginLowerBounds(net, x, 0.2, 0, 'l2')[1]!).toBeCloseTo(0.6, 12);
  });

  it('uses the dual L2 norm on the relaxed margin (eps = 0.4)', () => {
    // l = 0.5 - sqrt(2) eps, u = 0.5 + sqrt(2) eps, s = u / (2 sqrt(2) eps). The relaxed margin
    // (1 - s) x0 + (1 + s) x1 + s l has minimum over the ball
    //   1.5 - 0.5 s + s l - eps ||(1 - s, 1 + s)||_2 = 1.5 - u / 2 - eps sqrt(2 + 2 s^2).
    const eps = 0.4;
    const u = 0.5 + Math.SQRT2 * eps;
    const s = u / (2 * Math.SQRT2 * eps);
    const expected = 1.5 - u / 2 - eps * Math.sqrt(2 + 2 * s * s); // = 0.190033516...
    expect(expected).toBeCloseTo(0.19003351602, 10);
    expect(crownMarginLowerBounds(net, x, eps, 0, 'l2')[1]!).toBeCloseTo(expected, 12);
  });

  it('finds a radius just under the exact 0.5 (the root of the expression above)', () => {
    const r = crownCertifiedRadius(net, x, 0, 'l2', { tol: 1e-7 });
    const f = (eps: number): number => {
      const u = 0.5 + Math.SQRT2 * eps;
      const s = u / (2 * Math.SQRT2 * eps);
      return 1.5 - u / 2 - eps * Math.sqrt(2 + 2 * s * s);
    };
    expect(f(r)).toBeGreaterThan(0);
    expect(f(r + 1e-6)).toBeLessThan(0);
    expect(r).toBeCloseTo(0.48517, 4);
  });
});

describe('Lipschitz by hand', () => {
  it('two-layer net: L = sqrt(2) * 1, radius = 1 / (sqrt(2) * sqrt(2)) = 1/2', () => {
    // W1 = [[1, 1], [1, -1]] is sqrt(2) times a rotation: both singular values are sqrt(2).
    const s = spectralNormBounds(net.layers[0]!.W);
    expect(s.lower).toBeCloseTo(Math.SQRT2, 12);
    expect(s.upper).toBeCloseTo(Math.SQRT2, 8);
    expect(lipschitzUpperBound(net)).toBeCloseTo(Math.SQRT2, 8);
    const r = lipschitzCertifiedRadius(net, x, 0);
    expect(r).toBeCloseTo(0.5, 8);
    expect(r).toBeLessThanOrEqual(0.5);
    // Pairwise: ||W2[0] - W2[1]|| = ||(1, -1)|| = sqrt(2), times sqrt(2): the same 1/2 here.
    expect(lipschitzCertifiedRadius(net, x, 0, { pairwise: true })).toBeCloseTo(0.5, 8);
    expect(lipschitzCertifiedRadius(net, x, 1)).toBe(0);
  });

  it('linear net: the pairwise bound is the exact distance to the boundary', () => {
    // logits (2 x0, x1) at (1, 1): margin 1. ||W||_2 = 2, so the default radius is 1 / (2 sqrt(2));
    // the pairwise constant is ||(2, -1)|| = sqrt(5), and 1 / sqrt(5) is the exact distance to the
    // boundary 2 x0 = x1.
    const lin: ReluNet = {
      layers: [
        {
          W: [
            [2, 0],
            [0, 1],
          ],
          b: [0, 0],
        },
      ],
    };
    expect(lipschitzCertifiedRadius(lin, [1, 1], 0)).toBeCloseTo(1 / (2 * Math.SQRT2), 8);
    expect(lipschitzCertifiedRadius(lin, [1, 1], 0, { pairwise: true })).toBeCloseTo(1 / Math.sqrt(5), 8);
    // CROWN is exact on a linear net: 1/sqrt(5) in L2, margin / ||(2, -1)||_1 = 1/3 in L-infinity.
    expect(crownCertifiedRadius(lin, [1, 1], 0, 'l2')).toBeCloseTo(1 / Math.sqrt(5), 3);
    expect(crownCertifiedRadius(lin, [1, 1], 0, 'linf')).toBeCloseTo(1 / 3, 3);
  });
});
