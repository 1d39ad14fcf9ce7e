import { describe, expect, it } from 'vitest';
import { BACKEND_URL } from '../urlSchema';
import { formatLabQuery, parseUrlPart } from '../urlRegistry';

const parse = (q: string) => parseUrlPart('backend', q);
const format = (backend: 'auto' | 'webgl' | 'wasm' | 'cpu') => formatLabQuery({ backend }, 'm');

describe('backend= in the URL', () => {
  it('is one row of a schema table, default auto', () => {
    expect(BACKEND_URL.rows.map((p) => [p.key, p.default])).toEqual([['backend', 'auto']]);
  });

  it('reads webgl, wasm and cpu, and auto when absent', () => {
    for (const b of ['webgl', 'wasm', 'cpu'] as const) {
      expect(parse(`sigma=0.5&backend=${b}`)).toEqual({ value: b, notices: [] });
    }
    expect(parse('?sigma=0.5')).toEqual({ value: 'auto', notices: [] });
  });

  it('gives a notice and lets the lab measure for anything else', () => {
    const r = parse('backend=gpu');
    expect(r.value).toBe('auto');
    expect(r.notices).toEqual([
      '"gpu" is not a TF.js backend (one of auto, webgl, wasm, cpu); using the default, auto.',
    ]);
  });

  it('is written only when a backend is asked for', () => {
    expect(format('auto')).toBe('');
    expect(format('wasm')).toBe('backend=wasm');
    expect(parse(format('cpu')).value).toBe('cpu');
  });
});
