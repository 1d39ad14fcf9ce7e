import { describe, expect, it } from 'vitest';
import type { NumberParam, UrlRow } from '../url/defineUrlSchema';
import { encodePixels, quantizePixels } from '../url/pixels';
import { formatNumber, sliderPosition, sliderRange, sliderValue, stepOf } from '../url/slider';
import {
  formatLabQuery,
  parseLabQuery,
  routeHref,
  URL_PARTS,
  withQuery,
  type LabQuery,
} from '../urlRegistry';
import { LAB_URL } from '../urlSchema';

const models = { ids: ['cnn-0.25', 'mlp-0.50'], fallback: 'cnn-0.25' };

/** A value for a row that is in range and not its default, as the URL writes it. */
function sampleText(row: UrlRow): string {
  switch (row.type) {
    case 'number':
      return String(row.default === row.max ? row.min : row.max);
    case 'int':
      return String(row.default === row.max ? row.min : row.max - 1);
    case 'enum':
      return String(row.values.find((v) => v !== row.default));
    case 'point':
      return `${row.min},${row.max}`;
    case 'flag':
      return '1';
    case 'pixels':
      return encodePixels(quantizePixels(Float32Array.from({ length: row.length }, (_, i) => (i % 9) / 8)));
  }
}

describe('the URL registry', () => {
  it('holds each field of the app state once, and no key twice across its tables', () => {
    const fields = URL_PARTS.map((p) => p.field);
    const all: (keyof LabQuery)[] = [
      'params',
      'modelId',
      'geo',
      'tradeoff',
      'presenting',
      'backend',
      'anytime',
      'drawn',
    ];
    expect(fields).toEqual(all);
    const keys = URL_PARTS.flatMap((p) => p.rows(models).map((r) => r.key));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('round-trips every row of every table, byte for byte, without a notice', () => {
    let rows = 0;
    for (const part of URL_PARTS) {
      for (const row of part.rows(models)) {
        const query = `${row.key}=${sampleText(row)}`;
        const parsed = parseLabQuery(query, models);
        expect(parsed.notices, query).toEqual([]);
        expect(formatLabQuery(parsed, models.fallback), query).toBe(query);
        // Parsed as a value other than the field's default (else the write above proves nothing).
        expect(parsed[part.field], query).not.toEqual(parseLabQuery('', models)[part.field]);
        rows++;
      }
    }
    expect(rows).toBe(URL_PARTS.reduce((n, p) => n + p.rows(models).length, 0));
  });

  it('writes every table in registry order, each row in its table order', () => {
    const keys = URL_PARTS.flatMap((p) => p.rows(models).map((r) => r.key));
    const query = [...keys]
      .reverse()
      .map((k) => {
        const row = URL_PARTS.flatMap((p) => p.rows(models)).find((r) => r.key === k)!;
        return `${k}=${sampleText(row)}`;
      })
      .join('&');
    const { notices, ...state } = parseLabQuery(query, models);
    expect(notices).toEqual([]);
    const written = formatLabQuery(state, models.fallback)
      .split('&')
      .map((pair) => pair.split('=')[0]);
    expect(written).toEqual(keys);
  });

  it('leaves out a field not given, as it leaves out a default', () => {
    expect(formatLabQuery(parseLabQuery('', models), models.fallback)).toBe('');
    expect(formatLabQuery({}, models.fallback)).toBe('');
  });

  it('builds route links: the view, then "?" and the query only when there is one', () => {
    expect(routeHref('lab')).toBe('#/lab');
    expect(routeHref('geometry', '')).toBe('#/geometry');
    expect(routeHref('tradeoff', 'n=500&tpub=1')).toBe('#/tradeoff?n=500&tpub=1');
    expect(withQuery('#/embed/grid', 'sigma=0.5')).toBe('#/embed/grid?sigma=0.5');
  });
});

describe("a number row's presentation drives its control", () => {
  const row = (key: 'sigma' | 'n' | 'alpha' | 'seed'): NumberParam => LAB_URL.spec(key);

  it('sigma: a linear slider in steps of 0.01, values rounded to them, shown with two decimals', () => {
    const sigma = row('sigma');
    expect(sliderRange(sigma)).toEqual({ min: 0.01, max: 1.5, step: 0.01 });
    expect(sliderValue(sigma, 0.30000000000000004)).toBe(0.3);
    expect(sliderPosition(sigma, 0.37)).toBe(0.37);
    expect(formatNumber(sigma, 0.5)).toBe('0.50');
  });

  it('n and alpha: log sliders over 1,000 steps; counts with separators, alpha in 3 digits', () => {
    const n = row('n');
    expect(sliderRange(n)).toEqual({ min: 0, max: 1000, step: 1 });
    expect(sliderValue(n, sliderPosition(n, 1000))).toBe(1000);
    expect(formatNumber(n, 12345)).toBe('12,345');
    expect(n.view?.keys).toBe('round');
    const alpha = row('alpha');
    expect(formatNumber(alpha, 0.00123456)).toBe('0.00123');
    expect(formatNumber(alpha, 1e-4)).toBe('1.0e-4');
    expect(alpha.view?.keys).toBeUndefined();
    expect(stepOf(row('seed'))).toBe(1);
  });

  it('a changed row changes the control: step, rounding and text follow the row', () => {
    const coarse: NumberParam = { ...row('sigma'), view: { step: 0.1, text: 'fixed' } };
    expect(sliderRange(coarse).step).toBe(0.1);
    expect(sliderValue(coarse, 0.30000000000000004)).toBe(0.3);
    expect(sliderValue(coarse, 0.34)).toBe(0.3);
    expect(formatNumber(coarse, 0.5)).toBe('0.5');
  });
});
