import { describe, expect, it } from 'vitest';
import { fromSlider, keyStep, roundValues, toSlider } from '../url/slider';
import { DEFAULT_PARAMS, LAB_URL, type ParamKey, type Params } from '../urlSchema';
import { formatLabQuery, parseUrlPart } from '../urlRegistry';

/** The lab's parameters of a query, as `{ params, notices }`. */
const parseParams = (q: string) => {
  const { value, notices } = parseUrlPart('params', q);
  return { params: value, notices };
};
const formatParams = (params: Params) => formatLabQuery({ params }, 'm');

const param = (key: ParamKey) => LAB_URL.spec(key);

describe('URL schema', () => {
  it('gives the defaults for an empty query, and omits defaults when writing', () => {
    expect(parseParams('')).toEqual({ params: DEFAULT_PARAMS, notices: [] });
    expect(formatParams(DEFAULT_PARAMS)).toBe('');
  });

  it('round-trips every in-range value exactly', () => {
    const params = {
      ...DEFAULT_PARAMS,
      sigma: 0.37,
      n: 12345,
      n0: 7,
      alpha: 1e-5,
      seed: 4_000_000_000,
      digit: 1999,
    };
    const q = formatParams(params);
    expect(parseParams(q)).toEqual({ params, notices: [] });
    expect(parseParams(`?${q}`).params).toEqual(params);
  });

  it('clamps out-of-range values with a notice naming the parameter', () => {
    const { params, notices } = parseParams('sigma=9&n=5&alpha=0.5&n0=-3');
    expect(params.sigma).toBe(1.5);
    expect(params.n).toBe(10);
    expect(params.alpha).toBe(0.1);
    expect(params.n0).toBe(1);
    expect(notices).toHaveLength(4);
    expect(notices[0]).toBe('noise level sigma = 9 is outside 0.01 to 1.5; using 1.5.');
  });

  it('replaces garbage with the default, never throwing', () => {
    const { params, notices } = parseParams('sigma=abc&n=&seed=1e999&digit=%00&alpha=NaN&junk=1');
    expect(params).toEqual(DEFAULT_PARAMS);
    expect(notices).toHaveLength(5);
    expect(notices[0]).toMatch(/"abc" is not a valid noise level sigma; using the default, 0.25/);
  });

  it('rounds non-integers for integer parameters, with a notice', () => {
    const { params, notices } = parseParams('n=1000.6');
    expect(params.n).toBe(1001);
    expect(notices).toEqual(['estimation samples n must be a whole number; using 1001 for 1000.6.']);
  });

  it('maps log and linear sliders both ways', () => {
    const n = param('n');
    expect(fromSlider(n, 0)).toBe(10);
    expect(fromSlider(n, 1)).toBe(100_000);
    expect(fromSlider(n, 0.5)).toBe(1000);
    expect(toSlider(n, 1000)).toBeCloseTo(0.5, 12);
    const sigma = param('sigma');
    expect(fromSlider(sigma, toSlider(sigma, 0.5))).toBeCloseTo(0.5, 12);
    expect(fromSlider(sigma, 2)).toBe(1.5);
  });
});

describe('model and presentation mode in the URL', () => {
  it('reads present=1 and writes it back only when on', () => {
    expect(parseUrlPart('presenting', 'present=1').value).toBe(true);
    expect(parseUrlPart('presenting', '?sigma=0.5').value).toBe(false);
    const params = DEFAULT_PARAMS;
    expect(formatLabQuery({ params, modelId: 'cnn-0.25', presenting: true }, 'cnn-0.25')).toBe('present=1');
    expect(formatLabQuery({ params: { ...params, n: 500 }, modelId: 'mlp-0.50' }, 'cnn-0.25')).toBe(
      'n=500&model=mlp-0.50',
    );
    const models = { ids: ['mlp-0.50', 'cnn-0.25'], fallback: 'cnn-0.25' };
    expect(parseUrlPart('modelId', 'model=mlp-0.50', models)).toEqual({ value: 'mlp-0.50', notices: [] });
    const unknown = parseUrlPart('modelId', 'model=zzz', { ids: ['cnn-0.25'], fallback: 'cnn-0.25' });
    expect(unknown.notices[0]).toMatch(/no model "zzz"/);
  });
});

describe('keyStep: round keyboard steps for n and n0 (issue #12; #14 item 5)', () => {
  const n = LAB_URL.spec('n');
  const n0 = LAB_URL.spec('n0');
  it('arrows walk 100, 200, 500, 1,000, 2,000, 5,000, 10,000', () => {
    const seen = [100];
    for (let i = 0; i < 6; i++) seen.push(keyStep(n, seen.at(-1)!, 'ArrowRight')!);
    expect(seen).toEqual([100, 200, 500, 1000, 2000, 5000, 10_000]);
    expect(keyStep(n, 1000, 'ArrowLeft')).toBe(500);
    expect(keyStep(n, 150, 'ArrowUp')).toBe(200);
    expect(keyStep(n, 150, 'ArrowDown')).toBe(100);
  });
  it('Page Up / Page Down jump a decade, clamped; Home and End reach the ends', () => {
    expect(keyStep(n, 1000, 'PageUp')).toBe(10_000);
    expect(keyStep(n, 50_000, 'PageUp')).toBe(100_000);
    expect(keyStep(n, 1000, 'PageDown')).toBe(100);
    expect(keyStep(n, 20, 'PageDown')).toBe(10);
    expect(keyStep(n, 500, 'Home')).toBe(10);
    expect(keyStep(n, 500, 'End')).toBe(100_000);
    expect(keyStep(n, 500, 'Tab')).toBeNull();
  });
  it('every press changes n0 at small values (no dead spot)', () => {
    let v = 1;
    const seen = [v];
    while (v < n0.max) {
      const next = keyStep(n0, v, 'ArrowRight')!;
      expect(next).toBeGreaterThan(v);
      seen.push((v = next));
    }
    expect(seen).toEqual([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]);
    expect(keyStep(n0, 2, 'ArrowLeft')).toBe(1);
    expect(keyStep(n0, 1, 'ArrowLeft')).toBe(1);
  });
  it('roundValues keeps both ends', () => {
    expect(roundValues(10, 100_000)[0]).toBe(10);
    expect(roundValues(3, 70)).toEqual([3, 5, 10, 20, 50, 70]);
  });
});
