import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_ID } from '../../models/cards';
import { useAppStore } from '..';
import { clampWithNotice, defineUrlSchema, joinQuery, type UrlValues } from '../url/defineUrlSchema';
import { encodePixels, quantizePixels } from '../url/pixels';
import {
  ANYTIME_URL,
  BACKEND_URL,
  DEFAULT_PARAMS,
  GEO_URL,
  INPUT_URL,
  LAB_URL,
  PRESENT_URL,
  TRADEOFF_URL,
} from '../urlSchema';
import { formatLabQuery, parseLabQuery } from '../urlRegistry';
import { makeRng as rng } from '../../bounds/__tests__/helpers';

/** A table with one row of every kind. */
const T = defineUrlSchema([
  { key: 'x', type: 'number', default: 0.5, min: -1, max: 3, scale: 'linear', label: 'value x' },
  { key: 'k', type: 'int', default: 10, min: 1, max: 10_000, scale: 'log', label: 'count k' },
  { key: 'm', type: 'enum', default: 'a', values: ['a', 'b c', 'd&e'], label: 'mode m' },
  { key: 'c', type: 'enum', default: 20, values: [10, 20, 50], label: 'choice c' },
  { key: 'p', type: 'point', default: null, min: -2, max: 2, digits: 2, label: 'point p' },
  { key: 'f', type: 'flag', default: false, label: 'switch f' },
] as const);
type TValues = UrlValues<typeof T.rows>;

function randomValues(r: () => number): TValues {
  const pick = <V>(xs: readonly V[]): V => xs[Math.floor(r() * xs.length)]!;
  const x = r() < 0.2 ? pick([-1, 3, 0.5]) : -1 + 4 * r();
  const k = Math.round(Math.exp(r() * Math.log(10_000)));
  const coord = () => Math.round(-200 + 400 * r()) / 100 + 0; // + 0: no -0, which is written "0"
  return {
    x,
    k: Math.min(10_000, Math.max(1, k)),
    m: pick(['a', 'b c', 'd&e'] as const),
    c: pick([10, 20, 50]),
    p: r() < 0.3 ? null : [coord(), coord()],
    f: r() < 0.5,
  };
}

describe('defineUrlSchema', () => {
  it('takes its defaults from the rows, reads them from an empty query and writes nothing for them', () => {
    expect(T.defaults).toEqual({ x: 0.5, k: 10, m: 'a', c: 20, p: null, f: false });
    expect(Object.isFrozen(T.defaults)).toBe(true);
    expect(T.parse('')).toEqual({ values: T.defaults, notices: [] });
    expect(T.parse('?')).toEqual({ values: T.defaults, notices: [] });
    expect(T.format(T.defaults)).toBe('');
    expect(T.keys).toEqual(['x', 'k', 'm', 'c', 'p', 'f']);
  });

  it('gives each key its row (spec), typed by the key, and knows its keys (has)', () => {
    expect(T.spec('k').max).toBe(10_000);
    expect(T.spec('p').digits).toBe(2);
    expect(T.has('m')).toBe(true);
    expect(T.has('constructor')).toBe(false);
    expect(T.has('__proto__')).toBe(false);
  });

  it('round-trips 2,000 random in-range value sets exactly, with no notice (seeded)', () => {
    const r = rng(13);
    for (let i = 0; i < 2000; i++) {
      const v = randomValues(r);
      const q = T.format(v);
      expect(T.parse(q), q).toEqual({ values: v, notices: [] });
      expect(T.parse(`?${q}`).values).toEqual(v);
      // Only what differs from the defaults is written, in table order.
      const written = q === '' ? [] : q.split('&').map((pair) => pair.split('=')[0]);
      expect(written).toEqual(T.keys.filter((key) => v[key] !== T.defaults[key] && v[key] !== false));
    }
  });

  it("escapes what needs it, leaves the point's comma as written, and reads both back", () => {
    const v: TValues = { ...T.defaults, m: 'd&e', p: [1.25, -0.4], f: true };
    expect(T.format(v)).toBe('m=d%26e&p=1.25,-0.4&f=1');
    expect(T.format({ ...T.defaults, m: 'b c' })).toBe('m=b+c');
    expect(T.parse('m=b%20c&p=1.25%2C-0.4').values).toEqual({ ...T.defaults, m: 'b c', p: [1.25, -0.4] });
  });

  it('clamps every out-of-range number into its range, with one notice naming the row (seeded)', () => {
    const r = rng(7);
    for (let i = 0; i < 500; i++) {
      const big = 10 ** (1 + 6 * r());
      const x = r() < 0.5 ? 3 + big : -1 - big;
      const k = r() < 0.5 ? 10_000 + Math.ceil(big) : -Math.ceil(big);
      const { values, notices } = T.parse(`x=${x}&k=${k}`);
      expect(values.x).toBe(x > 0 ? 3 : -1);
      expect(values.k).toBe(k > 0 ? 10_000 : 1);
      expect(notices).toEqual([
        `value x = ${x} is outside -1 to 3; using ${values.x}.`,
        `count k = ${k} is outside 1 to 10000; using ${values.k}.`,
      ]);
    }
    expect(T.parse('k=12.5').notices).toEqual(['count k must be a whole number; using 13 for 12.5.']);
    expect(T.parse('p=3,0.005').notices).toEqual(['point p = 3,0.005 is outside -2 to 2; using 2,0.01.']);
  });

  it('replaces garbage by the default with a notice, never throwing (seeded random text)', () => {
    const { values, notices } = T.parse('x=abc&k=&m=z&c=30&p=1&f=yes');
    expect(values).toEqual(T.defaults);
    expect(notices).toEqual([
      '"abc" is not a valid value x; using the default, 0.5.',
      '"" is not a valid count k; using the default, 10.',
      '"z" is not a mode m (one of a, b c, d&e); using the default, a.',
      '"30" is not a choice c (one of 10, 20, 50); using the default, 20.',
      '"1" is not a point p (two numbers, "x,y"); no point is selected.',
    ]);
    const r = rng(99);
    const alphabet = ['a', '1', '-', '.', ',', 'e', '%', '&', '=', 'σ', ' ', '+', '#', '?', '\u0000'];
    for (let i = 0; i < 1000; i++) {
      const text = Array.from({ length: Math.floor(r() * 12) }, () => alphabet[Math.floor(r() * 15)]).join(
        '',
      );
      const parsed = T.parse(text);
      for (const key of T.keys) expect(parsed.values).toHaveProperty(key);
      // Every value it keeps is a value the table allows.
      expect(parsed.values.x).toBeGreaterThanOrEqual(-1);
      expect(parsed.values.x).toBeLessThanOrEqual(3);
      expect(Number.isInteger(parsed.values.k)).toBe(true);
      expect(T.spec('m').values).toContain(parsed.values.m);
      expect(T.spec('c').values).toContain(parsed.values.c);
    }
  });

  it('words an unknown value its own way when the row says how', () => {
    const S = defineUrlSchema([
      {
        key: 'model',
        type: 'enum',
        default: 'a',
        values: ['a', 'b'],
        label: 'model',
        unknown: (raw) => `No ${raw}.`,
      },
    ] as const);
    expect(S.parse('model=zz')).toEqual({ values: { model: 'a' }, notices: ['No zz.'] });
  });

  it('refuses a table that names a key twice', () => {
    expect(() =>
      defineUrlSchema([
        { key: 'a', type: 'flag', default: false, label: 'a' },
        { key: 'a', type: 'flag', default: false, label: 'a again' },
      ] as const),
    ).toThrow(/twice/);
  });

  it("clamps a number given directly (an embedding page's message) with the notice the URL would give", () => {
    const r = rng(5);
    for (let i = 0; i < 500; i++) {
      const v = Number(((r() - 0.3) * 20_000).toFixed(Math.floor(r() * 3)));
      const { values, notices } = T.parse(`k=${v}`);
      const direct = clampWithNotice(T.spec('k'), v);
      expect(direct.value).toBe(values.k);
      expect(direct.notice).toBe(notices[0]);
    }
  });

  it('reads and writes a pixels row (a drawn digit): absent is null, garbage is null with the reason', () => {
    const S = defineUrlSchema([
      { key: 'img', type: 'pixels', default: null, length: 16, label: 'picture', fallback: 'no picture' },
    ] as const);
    expect(S.defaults).toEqual({ img: null });
    expect(S.format({ img: null })).toBe('');
    const x = quantizePixels(Float32Array.from({ length: 16 }, (_, i) => (i % 3 ? i / 16 : 0)));
    const q = S.format({ img: x });
    expect(q).toBe(`img=${encodePixels(x)}`);
    expect(S.parse(q)).toEqual({ values: { img: x }, notices: [] });
    expect(S.parse('img=AAAA')).toEqual({
      values: { img: null },
      notices: ['"AAAA" is not a picture (img=): it holds a run of no pixels; using no picture instead.'],
    });
    expect(S.parse('img=').notices).toEqual([
      '"" is not a picture (img=): it is empty; using no picture instead.',
    ]);
    expect(S.parse('img=a%2Bb').notices[0]).toMatch(/character 2 \("\+"\) is not one of/);
    // 784 values do not fit a 16-pixel row, nor do 17.
    expect(S.parse(`img=${encodePixels(new Float32Array(784).fill(1))}`).notices[0]).toMatch(
      /1046 characters long; 16 pixels take at most 32; using no picture instead\.$/,
    );
    expect(S.parse(`img=${encodePixels(new Float32Array(17).fill(1))}`).notices[0]).toMatch(
      /more than 16 pixels; using no picture instead\.$/,
    );
  });

  it('joins queries, leaving out the empty ones', () => {
    expect(joinQuery(['a=1', '', 'b=2', ''])).toBe('a=1&b=2');
    expect(joinQuery(['', ''])).toBe('');
  });
});

describe("the app's URL tables", () => {
  it('share no key, so one query holds every view', () => {
    const keys = [LAB_URL, GEO_URL, TRADEOFF_URL, PRESENT_URL, BACKEND_URL, ANYTIME_URL, INPUT_URL].flatMap(
      (s) => [...s.keys],
    );
    expect(new Set([...keys, 'model', 'origin']).size).toBe(keys.length + 2);
  });

  it('give the store its starting state', () => {
    const s = useAppStore.getState();
    expect(s.params).toEqual(LAB_URL.defaults);
    expect(s.geo).toEqual(GEO_URL.defaults);
    expect([s.tradeoffArch, s.tradeoffCount, s.tradeoffPublished]).toEqual([
      TRADEOFF_URL.defaults.tarch,
      TRADEOFF_URL.defaults.tcount,
      TRADEOFF_URL.defaults.tpub,
    ]);
    expect(s.backendRequest).toBe(BACKEND_URL.defaults.backend);
    expect(s.presenting).toBe(PRESENT_URL.defaults.present);
    expect(s.modelId).toBe(DEFAULT_MODEL_ID);
    expect([s.stopAtRadius, s.stopRadius]).toEqual([ANYTIME_URL.defaults.stop, ANYTIME_URL.defaults.r]);
    expect(s.drawn).toBe(INPUT_URL.defaults.px);
  });

  it("keep the store's stop radius in the URL's range for r", () => {
    const s = useAppStore.getState();
    s.setStopRadius(0.001);
    expect(useAppStore.getState().stopRadius).toBe(ANYTIME_URL.spec('r').min);
    s.setStopRadius(9);
    expect(useAppStore.getState().stopRadius).toBe(ANYTIME_URL.spec('r').max);
    s.setStopRadius(0.3);
    expect(useAppStore.getState().stopRadius).toBe(0.3);
    s.setStopRadius(ANYTIME_URL.defaults.r);
  });

  it('quantise a drawn input as it is set, to exactly what its px= text decodes to', () => {
    const x = Float32Array.from({ length: 784 }, (_, i) => (i % 7 === 0 ? (i % 255) / 254.3 : 0));
    useAppStore.getState().setDrawn(x);
    const drawn = useAppStore.getState().drawn!;
    expect(drawn).not.toEqual(x);
    expect(drawn).toEqual(quantizePixels(x));
    const q = formatLabQuery({ params: DEFAULT_PARAMS, modelId: 'a', drawn }, 'a');
    expect(parseLabQuery(q, { ids: ['a'], fallback: 'a' }).drawn).toEqual(drawn);
    useAppStore.getState().setDrawn(null);
    expect(useAppStore.getState().drawn).toBeNull();
  });

  it('write the whole state in one order (parameters, model, geometry, trade-off, present, backend, stop mode, drawn input) and read it back', () => {
    const drawn = quantizePixels(Float32Array.from({ length: 784 }, (_, i) => ((i * 37) % 101) / 100));
    const state = {
      params: { ...DEFAULT_PARAMS, sigma: 0.5 },
      modelId: 'mlp-0.50',
      presenting: true,
      geo: { ...GEO_URL.defaults, toy: 'spiral' as const, pt: [0.5, -1] as const },
      tradeoff: { arch: 'mlp' as const, count: 20, published: true },
      backend: 'wasm' as const,
      anytime: { stop: true, r: 0.3, futile: true },
      drawn,
    };
    const q = formatLabQuery(state, 'cnn-0.25');
    expect(q).toBe(
      `sigma=0.5&model=mlp-0.50&toy=spiral&pt=0.5,-1&tarch=mlp&tcount=20&tpub=1&present=1&backend=wasm&stop=1&r=0.3&futile=1&px=${encodePixels(drawn)}`,
    );
    expect(parseLabQuery(q, { ids: ['cnn-0.25', 'mlp-0.50'], fallback: 'cnn-0.25' })).toEqual({
      ...state,
      notices: [],
    });
  });

  it('list the notices of a whole query in the order its keys are written', () => {
    const r = parseLabQuery('px=!!&r=0&backend=gpu&tcount=3&toy=x&model=zz&sigma=9', {
      ids: ['cnn-0.25'],
      fallback: 'cnn-0.25',
    });
    expect(r.notices.map((n) => n.slice(0, 12))).toEqual([
      'noise level ',
      'There is no ',
      '"x" is not a',
      '"3" is not a',
      '"gpu" is not',
      'target radiu',
      '"!!" is not ',
    ]);
    expect(r.notices.slice(-2)).toEqual([
      'target radius r = 0 is outside 0.01 to 5; using 0.01.',
      '"!!" is not a drawn digit (px=): character 1 ("!") is not one of A-Z, a-z, 0-9, "-" and "_"; using the test digit instead.',
    ]);
    expect([r.anytime, r.drawn]).toEqual([{ stop: false, r: 0.01, futile: false }, null]);
  });
});
