import { describe, expect, it } from 'vitest';
import {
  heightMessage,
  isAllowedOrigin,
  MESSAGE_SOURCE,
  normalizeOrigin,
  parseAllowedOrigins,
  readyMessage,
  validateIncoming,
} from '../messages';

const MODELS = ['cnn-0.25', 'mlp-0.25'];
const EDU = 'https://example.edu';
const set = (params: unknown) => ({ source: MESSAGE_SOURCE, type: 'set-params', params });

describe('outgoing messages', () => {
  it('have the documented shapes', () => {
    expect(readyMessage('grid')).toEqual({
      source: 'smoothing-lab',
      type: 'ready',
      widget: 'grid',
      version: 1,
    });
    expect(heightMessage('histogram', 811.2)).toEqual({
      source: 'smoothing-lab',
      type: 'height',
      version: 1,
      widget: 'histogram',
      height: 812,
    });
    expect(heightMessage('grid', -3).height).toBe(0);
  });
});

describe('the origin allowlist', () => {
  it('normalizes exact http(s) origins and refuses everything wider', () => {
    expect(normalizeOrigin('https://example.edu')).toBe(EDU);
    expect(normalizeOrigin(' https://Example.EDU/ ')).toBe(EDU);
    expect(normalizeOrigin('https://example.edu:443')).toBe(EDU);
    expect(normalizeOrigin('http://localhost:8080')).toBe('http://localhost:8080');
    expect(normalizeOrigin('http://[::1]:3000')).toBe('http://[::1]:3000');
    for (const bad of [
      '',
      'null',
      '*',
      'https://*.example.edu',
      'example.edu',
      'https://example.edu/course',
      'https://example.edu/.',
      'https://example.edu//',
      'https://example.edu?x=1',
      'https://example.edu#x',
      'https://user:pw@example.edu',
      'ftp://example.edu',
      'javascript:alert(1)',
      'file:///home/me/page.html',
      'data:text/html,hi',
    ]) {
      expect(normalizeOrigin(bad), bad).toBeNull();
    }
  });

  it('reads repeated and comma-separated origin parameters, dropping duplicates', () => {
    expect(
      parseAllowedOrigins(
        '?sigma=0.5&origin=https://example.edu,http://localhost:8080&origin=https%3A%2F%2Flms.example.org&origin=https://example.edu/',
      ),
    ).toEqual({ origins: [EDU, 'http://localhost:8080', 'https://lms.example.org'], invalid: [] });
    expect(parseAllowedOrigins('origin=null,*,,https://ok.edu,https://x.edu/path')).toEqual({
      origins: ['https://ok.edu'],
      invalid: ['null', '*', 'https://x.edu/path'],
    });
    expect(parseAllowedOrigins('sigma=0.5')).toEqual({ origins: [], invalid: [] });
  });

  it('matches scheme, host and port exactly, and never the opaque origin', () => {
    const allowed = [EDU, 'http://localhost:8080'];
    expect(isAllowedOrigin(EDU, allowed)).toBe(true);
    expect(isAllowedOrigin('http://localhost:8080', allowed)).toBe(true);
    expect(isAllowedOrigin('http://example.edu', allowed)).toBe(false); // scheme
    expect(isAllowedOrigin('https://example.edu:8443', allowed)).toBe(false); // port
    expect(isAllowedOrigin('https://evil.example.edu', allowed)).toBe(false); // subdomain
    expect(isAllowedOrigin('https://example.edu.evil.com', allowed)).toBe(false); // suffix
    expect(isAllowedOrigin('http://localhost:80', allowed)).toBe(false);
    expect(isAllowedOrigin('http://localhost', allowed)).toBe(false);
    expect(isAllowedOrigin('null', allowed)).toBe(false);
    expect(isAllowedOrigin('null', ['null'])).toBe(false);
    expect(isAllowedOrigin('', [''])).toBe(false);
    expect(isAllowedOrigin(EDU, [])).toBe(false);
  });
});

describe('validateIncoming', () => {
  const check = (data: unknown, origin = EDU) => validateIncoming(data, origin, [EDU], MODELS);

  it('accepts a well-formed set-params message from an allowed origin', () => {
    expect(check(set({ sigma: 0.5, n: 1000 }))).toEqual({
      ok: true,
      params: { sigma: 0.5, n: 1000 },
      notices: [],
    });
    expect(check(set({ model: 'mlp-0.25', seed: 3, digit: 7, n0: 50, alpha: 0.01 }))).toEqual({
      ok: true,
      params: { seed: 3, digit: 7, n0: 50, alpha: 0.01 },
      model: 'mlp-0.25',
      notices: [],
    });
    expect(check(set({ model: 'cnn-0.25' }))).toEqual({
      ok: true,
      params: {},
      model: 'cnn-0.25',
      notices: [],
    });
  });

  it('clamps and rounds values through the URL schema, with a notice for each', () => {
    const v = check(set({ sigma: 9, n: 5, n0: 12.6, alpha: 0 }));
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.params).toEqual({ sigma: 1.5, n: 10, n0: 13, alpha: 1e-6 });
    expect(v.notices).toHaveLength(4);
    expect(v.notices[2]).toMatch(/whole number/);
    expect(v.notices[0]).toMatch(/noise level sigma = 9 is outside 0.01 to 1.5; using 1.5/);
  });

  it('rejects messages from other origins before looking at them', () => {
    for (const origin of ['http://example.edu', 'https://example.edu:444', 'https://other.edu', 'null', '']) {
      const v = check(set({ sigma: 0.5 }), origin);
      expect(v.ok, origin).toBe(false);
      if (!v.ok) expect(v.reason).toMatch(/not one of the allowed origins/);
    }
    const none = validateIncoming(set({ sigma: 0.5 }), EDU, [], MODELS);
    expect(none).toEqual({
      ok: false,
      reason: expect.stringMatching(/lists no origin/) as unknown as string,
    });
  });

  it('rejects every malformed shape as a whole, applying nothing', () => {
    const bad: [unknown, RegExp][] = [
      [null, /not a smoothing-lab message/],
      ['set-params', /not a smoothing-lab message/],
      [[1, 2], /not a smoothing-lab message/],
      [{ type: 'set-params', params: { sigma: 0.5 } }, /not a smoothing-lab message/],
      [{ source: 'other', type: 'set-params', params: { sigma: 0.5 } }, /not a smoothing-lab message/],
      [
        { source: MESSAGE_SOURCE, type: 'height', widget: 'grid', height: 3 },
        /unknown message type "height"/,
      ],
      [{ source: MESSAGE_SOURCE, params: { sigma: 0.5 } }, /unknown message type/],
      [{ ...set({ sigma: 0.5 }), extra: 1 }, /unknown field "extra"/],
      [set(undefined), /params must be an object/],
      [set([0.5]), /params must be an object/],
      [set('sigma=0.5'), /params must be an object/],
      [set({}), /params is empty/],
      [set({ sigma: '0.5' }), /sigma must be a finite number/],
      [set({ sigma: NaN }), /sigma must be a finite number/],
      [set({ n: Infinity }), /n must be a finite number/],
      [set({ sigma: null }), /sigma must be a finite number/],
      [set({ Sigma: 0.5 }), /unknown parameter "Sigma"/],
      [set({ sigma: 0.5, __proto__x: 1 }), /unknown parameter "__proto__x"/],
      [set({ sigma: 0.5, model: 'resnet' }), /not one of the shipped models/],
      [set({ model: 3 }), /not one of the shipped models/],
    ];
    for (const [data, reason] of bad) {
      const v = check(data);
      expect(v.ok, JSON.stringify(data)).toBe(false);
      if (!v.ok) expect(v.reason).toMatch(reason);
    }
  });

  it('does not let a JSON __proto__ key through', () => {
    const v = check(
      JSON.parse('{"source":"smoothing-lab","type":"set-params","params":{"__proto__":{"sigma":1}}}'),
    );
    expect(v.ok).toBe(false);
  });
});

describe('validateIncoming with what structured clone can deliver (issue #23)', () => {
  const check = (data: unknown) => validateIncoming(data, EDU, [EDU], MODELS);
  const refused = (data: unknown) => {
    const v = check(data);
    expect(v.ok).toBe(false);
    const reason = (v as { reason: string }).reason;
    expect(reason.length).toBeLessThan(300);
    return reason;
  };

  it('refuses BigInts, cycles and huge strings with a bounded reason, never throwing', () => {
    const cyclic: Record<string, unknown> = { source: MESSAGE_SOURCE, type: 'set-params' };
    cyclic.params = cyclic;
    const huge = 'x'.repeat(64 * 2 ** 20);
    expect(refused({ source: MESSAGE_SOURCE, type: 10n, params: {} })).toContain('10n (a BigInt)');
    expect(refused(set({ sigma: 10n }))).toContain('sigma must be a finite number, not 10n');
    expect(refused(set({ model: 2n ** 70n }))).toContain('is not one of the shipped models');
    expect(refused({ source: MESSAGE_SOURCE, type: 'set-params', version: 1n, params: {} })).toContain('1n');
    expect(refused(cyclic)).toMatch(/unknown parameter "source"|params/);
    expect(refused(set({ sigma: cyclic }))).toContain('not a object');
    expect(refused({ source: MESSAGE_SOURCE, type: huge, params: {} })).toContain('…');
    expect(refused(set({ [huge]: 1 }))).toContain('unknown parameter');
    expect(refused({ source: MESSAGE_SOURCE, type: 'set-params', params: {}, [huge]: 1 })).toContain(
      'unknown field',
    );
    expect(refused(set({ model: huge }))).toContain('…');
  });
});
