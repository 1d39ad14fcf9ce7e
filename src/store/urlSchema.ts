/**
 * Every key the app keeps in its URL, one table per state (the lab's parameters, the model,
 * presentation mode, the geometry view, the trade-off view, the backend, the lab's stop mode and
 * its drawn input), each made into a schema
 * by defineUrlSchema (./url/defineUrlSchema.ts: the reading, clamping, notices and writing rules).
 * The store's slices take their defaults from these tables. Below them: the named readers and
 * writers the app and the tests call, and the slider maths of the number rows. Pure functions.
 */
import {
  clampParam,
  defineUrlSchema,
  joinQuery,
  type NumberParam,
  type UrlValues,
} from './url/defineUrlSchema';

/** The lab's parameters: the smoothing settings and the test digit. */
export const LAB_URL = defineUrlSchema([
  {
    key: 'sigma',
    type: 'number',
    default: 0.25,
    min: 0.01,
    max: 1.5,
    scale: 'linear',
    label: 'noise level sigma',
  },
  {
    key: 'n',
    type: 'int',
    default: 1000,
    min: 10,
    max: 100_000,
    scale: 'log',
    label: 'estimation samples n',
  },
  { key: 'n0', type: 'int', default: 100, min: 1, max: 1000, scale: 'log', label: 'selection samples n0' },
  {
    key: 'alpha',
    type: 'number',
    default: 0.001,
    min: 1e-6,
    max: 0.1,
    scale: 'log',
    label: 'failure probability alpha',
  },
  { key: 'seed', type: 'int', default: 0, min: 0, max: 4_294_967_295, scale: 'linear', label: 'noise seed' },
  { key: 'digit', type: 'int', default: 0, min: 0, max: 1999, scale: 'linear', label: 'test digit' },
] as const);

export type Params = UrlValues<typeof LAB_URL.rows>;
export type ParamKey = keyof Params;

export const DEFAULT_PARAMS: Params = LAB_URL.defaults;

/** True when the two parameter sets hold the same value for every key of the schema. */
export function sameParams(a: Params, b: Params): boolean {
  return LAB_URL.keys.every((k) => a[k] === b[k]);
}

/**
 * The model ("model=cnn-0.25"): one of `ids`, else `fallback` with a notice. The ids are given by
 * the caller (the shipped models' cards), so this file stays free of the model index.
 */
function modelUrl(ids: readonly string[], fallback: string) {
  return defineUrlSchema([
    {
      key: 'model',
      type: 'enum',
      default: fallback,
      values: ids,
      label: 'model',
      unknown: (raw: string) => `There is no model "${raw}"; using ${fallback}.`,
    },
  ] as const);
}

/** Presentation mode ("present=1"; "true" is read too). */
export const PRESENT_URL = defineUrlSchema([
  { key: 'present', type: 'flag', default: false, label: 'presentation mode' },
] as const);

/**
 * The geometry view's own state (the second view): the toy dataset, the base classifier, the
 * selected point, and the L2 budget and target of the attack. Enum values must match src/toy2d
 * (DATASETS, TOY_MODELS; a test checks it).
 */
export const GEO_URL = defineUrlSchema([
  {
    key: 'toy',
    type: 'enum',
    default: 'moons',
    values: ['moons', 'circles', 'spiral', 'blobs'],
    label: '2D dataset',
  },
  { key: 'clf', type: 'enum', default: 'mlp', values: ['linear', 'mlp'], label: '2D base classifier' },
  { key: 'pt', type: 'point', default: null, min: -2, max: 2, digits: 2, label: 'selected 2D point' },
  {
    key: 'eps',
    type: 'number',
    default: 0.5,
    min: 0,
    max: 2,
    scale: 'linear',
    label: 'attack budget eps (L2)',
  },
  { key: 'atk', type: 'enum', default: 'smoothed', values: ['smoothed', 'base'], label: 'attack target' },
] as const);

/** The geometry view's state; `pt` is the selected point [x, y] in data units, or null for none. */
export type GeoParams = UrlValues<typeof GEO_URL.rows>;

export const DEFAULT_GEO_PARAMS: GeoParams = GEO_URL.defaults;

/** The digit counts the trade-off view offers. */
export const TRADEOFF_COUNTS = [10, 20, 50, 100, 200, 500, 1000, 2000] as const;

/**
 * The trade-off view's own state (the third view): the base-model family, how many test digits
 * each curve certifies, and whether the published curves are drawn beside ours ("tpub=1"). Its keys
 * carry a "t" so they never meet the lab's.
 */
export const TRADEOFF_URL = defineUrlSchema([
  { key: 'tarch', type: 'enum', default: 'cnn', values: ['cnn', 'mlp'], label: 'trade-off model family' },
  { key: 'tcount', type: 'enum', default: 100, values: TRADEOFF_COUNTS, label: 'trade-off digit count' },
  { key: 'tpub', type: 'flag', default: false, label: 'published curves in the trade-off chart' },
] as const);

/** The trade-off view's state as the store holds it. */
export interface TradeoffParams {
  arch: UrlValues<typeof TRADEOFF_URL.rows>['tarch'];
  count: number;
  /** Whether the chart shows the published curves (src/models/published.ts) beside ours. */
  published: boolean;
}

export const DEFAULT_TRADEOFF_PARAMS: TradeoffParams = {
  arch: TRADEOFF_URL.defaults.tarch,
  count: TRADEOFF_URL.defaults.tcount,
  published: TRADEOFF_URL.defaults.tpub,
};

/** The TF.js backend the URL asks for (`backend=`); `auto`, the default, lets the lab measure. */
export const BACKEND_URL = defineUrlSchema([
  {
    key: 'backend',
    type: 'enum',
    default: 'auto',
    values: ['auto', 'webgl', 'wasm', 'cpu'],
    label: 'TF.js backend',
  },
] as const);

export type BackendParam = UrlValues<typeof BACKEND_URL.rows>['backend'];

/**
 * The lab's anytime-valid stop mode ("stop=1&r=0.3&futile=1"): whether a run stops as soon as the
 * anytime-valid radius reaches r, the target radius r, and whether it also stops as soon as r is
 * out of reach (the futility stop).
 */
export const ANYTIME_URL = defineUrlSchema([
  { key: 'stop', type: 'flag', default: false, label: 'stop when certified at radius r' },
  {
    key: 'r',
    type: 'number',
    default: 0.5,
    min: 0.01,
    max: 5,
    scale: 'log',
    label: 'target radius r',
  },
  { key: 'futile', type: 'flag', default: false, label: 'also stop when r cannot be reached' },
] as const);

export type AnytimeParams = UrlValues<typeof ANYTIME_URL.rows>;

/**
 * The lab's drawn or photographed input ("px=...", 28 x 28 bytes in the compact text of
 * ./url/pixels.ts), written last because it is long. Absent: the gallery digit (`digit=`).
 */
export const INPUT_URL = defineUrlSchema([
  {
    key: 'px',
    type: 'pixels',
    default: null,
    length: 28 * 28,
    label: 'drawn digit',
    fallback: 'the test digit',
  },
] as const);

/** Reads the lab's parameters from a query string; unknown keys are ignored, missing keys take their default. */
export function parseParams(query: string): { params: Params; notices: string[] } {
  const { values, notices } = LAB_URL.parse(query);
  return { params: values, notices };
}

/** Writes the lab's parameters that differ from their defaults, in schema order. */
export function formatParams(params: Params): string {
  return LAB_URL.format(params);
}

/** Reads the model id from a query string: one of `ids`, else `fallback` with a notice. */
export function parseModel(
  query: string,
  ids: readonly string[],
  fallback: string,
): { modelId: string; notice?: string } {
  const { values, notices } = modelUrl(ids, fallback).parse(query);
  return notices[0] === undefined ? { modelId: values.model } : { modelId: values.model, notice: notices[0] };
}

/** Whether a query asks for presentation mode ("present=1"). */
export function parsePresenting(query: string): boolean {
  return PRESENT_URL.parse(query).values.present;
}

/** Reads the geometry view's state from a query string, with the same notices as parseParams. */
export function parseGeoParams(query: string): { geo: GeoParams; notices: string[] } {
  const { values, notices } = GEO_URL.parse(query);
  return { geo: values, notices };
}

/** Writes the geometry view's values that differ from their defaults (the point as "x,y"). */
export function formatGeoParams(geo: GeoParams): string {
  return GEO_URL.format(geo);
}

/** Reads the trade-off view's state from a query string, with notices for unknown values. */
export function parseTradeoffParams(query: string): { tradeoff: TradeoffParams; notices: string[] } {
  const { values, notices } = TRADEOFF_URL.parse(query);
  return { tradeoff: { arch: values.tarch, count: values.tcount, published: values.tpub }, notices };
}

/** Writes the trade-off view's values that differ from their defaults. */
export function formatTradeoffParams(t: TradeoffParams): string {
  return TRADEOFF_URL.format({ tarch: t.arch, tcount: t.count, tpub: t.published });
}

/** Reads `backend=` from a query string, with a notice for a value that is not a backend. */
export function parseBackendParam(query: string): { backend: BackendParam; notices: string[] } {
  const { values, notices } = BACKEND_URL.parse(query);
  return { backend: values.backend, notices };
}

/** `backend=<name>` when a backend is asked for, else the empty string (`auto` is never written). */
export function formatBackendParam(backend: BackendParam): string {
  return BACKEND_URL.format({ backend });
}

/** Everything the app keeps in its URL, as read by parseLabQuery. */
export interface LabQuery {
  params: Params;
  modelId: string;
  presenting: boolean;
  geo: GeoParams;
  tradeoff: TradeoffParams;
  backend: BackendParam;
  anytime: AnytimeParams;
  /** The drawn input (28 * 28 values k / 255), or null for the gallery digit. */
  drawn: Float32Array | null;
}

/**
 * Reads the app's whole state from a query string, with one notice per corrected value, in the
 * order the keys are written (parameters, model, geometry, trade-off, backend, stop mode, drawn
 * input).
 */
export function parseLabQuery(
  query: string,
  modelIds: readonly string[],
  defaultModel: string,
): LabQuery & { notices: string[] } {
  const p = parseParams(query);
  const m = parseModel(query, modelIds, defaultModel);
  const g = parseGeoParams(query);
  const t = parseTradeoffParams(query);
  const b = parseBackendParam(query);
  const a = ANYTIME_URL.parse(query);
  const d = INPUT_URL.parse(query);
  return {
    params: p.params,
    modelId: m.modelId,
    presenting: parsePresenting(query),
    geo: g.geo,
    tradeoff: t.tradeoff,
    backend: b.backend,
    anytime: a.values,
    drawn: d.values.px,
    notices: [
      ...p.notices,
      ...(m.notice ? [m.notice] : []),
      ...g.notices,
      ...t.notices,
      ...b.notices,
      ...a.notices,
      ...d.notices,
    ],
  };
}

/**
 * The app's query (the one writer of every link): the parameters that differ from the defaults,
 * then the model if not the default, then the geometry and trade-off views' non-default values
 * (when given), then present=1 in presentation mode, then a forced backend, then the stop mode
 * (when given and not the default), then the drawn input (when there is one; long, so last).
 */
export function formatLabQuery(
  params: Params,
  modelId: string,
  defaultModel: string,
  presenting = false,
  geo?: GeoParams,
  tradeoff?: TradeoffParams,
  backend: BackendParam = 'auto',
  anytime?: AnytimeParams,
  drawn: Float32Array | null = null,
): string {
  return joinQuery([
    LAB_URL.format(params),
    modelUrl([], defaultModel).format({ model: modelId }),
    geo ? GEO_URL.format(geo) : '',
    tradeoff ? formatTradeoffParams(tradeoff) : '',
    PRESENT_URL.format({ present: presenting }),
    BACKEND_URL.format({ backend }),
    anytime ? ANYTIME_URL.format(anytime) : '',
    INPUT_URL.format({ px: drawn }),
  ]);
}

/** Slider position in [0, 1] for a value, following the parameter's scale. */
export function toSlider(p: NumberParam, v: number): number {
  if (p.scale === 'log') return Math.log(v / p.min) / Math.log(p.max / p.min);
  return (v - p.min) / (p.max - p.min);
}

/** The value at slider position t in [0, 1] (clamped and rounded to the parameter's type). */
export function fromSlider(p: NumberParam, t: number): number {
  const u = Math.min(1, Math.max(0, t));
  const v = p.scale === 'log' ? p.min * Math.pow(p.max / p.min, u) : p.min + u * (p.max - p.min);
  return clampParam(p, v);
}

/** The round values 1, 2, 5 times a power of ten within [min, max] (both ends included). */
export function roundValues(min: number, max: number): number[] {
  const out = new Set<number>([min]);
  for (let e = Math.floor(Math.log10(Math.max(min, 1e-12))); Math.pow(10, e) <= max; e++) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * Math.pow(10, e)).toPrecision(12));
      if (v >= min && v <= max) out.add(v);
    }
  }
  out.add(max);
  return [...out].sort((a, b) => a - b);
}

/**
 * The value a key press moves a count parameter to: arrows step to the next round value (1, 2, 5
 * times a power of ten) up or down; Page Up / Page Down jump a decade (times or divided by ten,
 * clamped); Home / End go to the ends. Every press changes the value unless it is already at that
 * end. Returns null for other keys.
 */
export function keyStep(p: NumberParam, value: number, key: string): number | null {
  const stops = roundValues(p.min, p.max);
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return stops.find((v) => v > value) ?? p.max;
    case 'ArrowLeft':
    case 'ArrowDown':
      return [...stops].reverse().find((v) => v < value) ?? p.min;
    case 'PageUp':
      return clampParam(p, value * 10);
    case 'PageDown':
      return clampParam(p, value / 10);
    case 'Home':
      return p.min;
    case 'End':
      return p.max;
    default:
      return null;
  }
}
