import { describe, expect, it } from 'vitest';
import { BACKEND_URL, formatBackendParam, parseBackendParam } from '../urlSchema';

describe('backend= in the URL', () => {
  it('is one row of a schema table, default auto', () => {
    expect(BACKEND_URL.rows.map((p) => [p.key, p.default])).toEqual([['backend', 'auto']]);
  });

  it('reads webgl, wasm and cpu, and auto when absent', () => {
    for (const b of ['webgl', 'wasm', 'cpu'] as const) {
      expect(parseBackendParam(`sigma=0.5&backend=${b}`)).toEqual({ backend: b, notices: [] });
    }
    expect(parseBackendParam('?sigma=0.5')).toEqual({ backend: 'auto', notices: [] });
  });

  it('gives a notice and lets the lab measure for anything else', () => {
    const r = parseBackendParam('backend=gpu');
    expect(r.backend).toBe('auto');
    expect(r.notices).toEqual([
      '"gpu" is not a TF.js backend (one of auto, webgl, wasm, cpu); using the default, auto.',
    ]);
  });

  it('is written only when a backend is asked for', () => {
    expect(formatBackendParam('auto')).toBe('');
    expect(formatBackendParam('wasm')).toBe('backend=wasm');
    expect(parseBackendParam(formatBackendParam('cpu')).backend).toBe('cpu');
  });
});
