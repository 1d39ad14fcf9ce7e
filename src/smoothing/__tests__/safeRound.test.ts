import { describe, expect, it } from 'vitest';
import {
  ceilFixed,
  ceilPercent,
  certifiedRadius,
  clopperPearsonLower,
  floorFixed,
  floorPercent,
  formatPLower,
  formatPValue,
  formatRadius,
} from '../index';
import { makeRng } from '../../bounds/__tests__/helpers';

describe('floorFixed / ceilFixed', () => {
  it('rounds the issue case down: sigma 0.3, 1,000 unanimous votes, alpha 0.001 gives 0.7389, not 0.7390', () => {
    const r = certifiedRadius(0.3, clopperPearsonLower(1000, 1000, 0.001));
    expect(r).toBeGreaterThan(0.73897);
    expect(r).toBeLessThan(0.73899);
    expect(r.toFixed(4)).toBe('0.7390'); // what nearest rounding showed
    expect(formatRadius(r)).toBe('0.7389');
  });

  it('keeps decimals that are exact (or equal up to floating-point noise)', () => {
    expect(floorFixed(0.5, 4)).toBe('0.5000');
    expect(ceilFixed(0.5, 4)).toBe('0.5000');
    expect(floorFixed(0.29, 2)).toBe('0.29');
    expect(ceilFixed(0.29, 2)).toBe('0.29');
    expect(ceilFixed(0.003 * 100, 1)).toBe('0.3'); // 0.30000000000000004
    expect(floorFixed(0.7 * 3, 1)).toBe('2.1'); // 2.0999999999999996
    expect(floorFixed(0, 4)).toBe('0.0000');
    expect(ceilFixed(1, 3)).toBe('1.000');
  });

  it('moves one unit in the last digit when nearest rounding went the unsafe way', () => {
    expect(floorFixed(0.123456789, 6)).toBe('0.123456');
    expect(ceilFixed(0.123456789, 6)).toBe('0.123457');
    expect(floorFixed(0.99995, 4)).toBe('0.9999'); // nearest gives 1.0000
    expect(ceilFixed(0.00101, 3)).toBe('0.002');
    expect(ceilFixed(0.0000001, 4)).toBe('0.0001'); // a tiny p-value is never shown as 0
    expect(floorFixed(0.0000999, 4)).toBe('0.0000');
    expect(floorFixed(-0.00005, 4)).toBe('-0.0001');
    expect(ceilFixed(-0.00005, 4)).toBe('0.0000');
  });

  it('carries across digits and through the integer part', () => {
    expect(ceilFixed(0.09991, 3)).toBe('0.100');
    expect(ceilFixed(9.9991, 3)).toBe('10.000');
    expect(floorFixed(10.00049, 3)).toBe('10.000');
    expect(floorFixed(1.99999, 2)).toBe('1.99');
  });

  it('writes non-finite values as text, never as a number', () => {
    expect(floorFixed(Infinity, 4)).toBe('∞');
    expect(ceilFixed(NaN, 4)).toBe('—');
    expect(floorFixed(-Infinity, 4)).toBe('−∞');
  });

  it('never overstates a lower bound and never understates an upper one (random values)', () => {
    const rng = makeRng(19);
    for (let i = 0; i < 20_000; i++) {
      const x = rng() * 10 ** (Math.floor(rng() * 6) - 3);
      const d = Math.floor(rng() * 8);
      const lo = Number(floorFixed(x, d));
      const hi = Number(ceilFixed(x, d));
      expect(lo).toBeLessThanOrEqual(x * (1 + 1e-12));
      expect(hi).toBeGreaterThanOrEqual(x * (1 - 1e-12));
      expect(hi - lo).toBeLessThanOrEqual(10 ** -d + 1e-12);
      // and each is the closest safe decimal: one more unit would cross x
      expect(lo + 10 ** -d).toBeGreaterThan(x * (1 - 1e-12));
      expect(hi - 10 ** -d).toBeLessThan(x * (1 + 1e-12));
    }
  });
});

describe('the lab formatters', () => {
  it('show p_lower with 6 decimals down, R with 4 down, p-values with 4 up', () => {
    expect(formatPLower(0.9930685)).toBe('0.993068');
    expect(formatRadius(0.61239)).toBe('0.6123');
    expect(formatPValue(0.00012)).toBe('0.0002');
  });

  it('write rates as percentages: failures up, coverage down', () => {
    expect(ceilPercent(0.0011)).toBe('0.2%');
    expect(ceilPercent(3 / 1000)).toBe('0.3%');
    expect(floorPercent(0.9989)).toBe('99.8%');
    expect(floorPercent(1)).toBe('100.0%');
  });
});
