/**
 * Every key the app keeps in its URL, one table per state (the lab's parameters, the model,
 * presentation mode, the geometry view, the trade-off view, the backend, the lab's stop mode and
 * its drawn input), each made into a schema by defineUrlSchema (./url/defineUrlSchema.ts: the
 * reading, clamping, notices and writing rules). A number row also states how a control presents
 * it (`view`: step, rounding, text, keyboard; ./url/slider.ts). The store's slices take their
 * defaults from these tables; ./urlRegistry.ts puts them in the one order every link is read and
 * written in. Pure data.
 */
import { defineUrlSchema, type UrlValues } from './url/defineUrlSchema';

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
    view: { step: 0.01, text: 'fixed' },
  },
  {
    key: 'n',
    type: 'int',
    default: 1000,
    min: 10,
    max: 100_000,
    scale: 'log',
    label: 'estimation samples n',
    view: { text: 'count', keys: 'round' },
  },
  {
    key: 'n0',
    type: 'int',
    default: 100,
    min: 1,
    max: 1000,
    scale: 'log',
    label: 'selection samples n0',
    view: { text: 'count', keys: 'round' },
  },
  {
    key: 'alpha',
    type: 'number',
    default: 0.001,
    min: 1e-6,
    max: 0.1,
    scale: 'log',
    label: 'failure probability alpha',
    view: { text: 'sig3' },
  },
  {
    key: 'seed',
    type: 'int',
    default: 0,
    min: 0,
    max: 4_294_967_295,
    scale: 'linear',
    label: 'noise seed',
    view: { step: 1, text: 'count' },
  },
  {
    key: 'digit',
    type: 'int',
    default: 0,
    min: 0,
    max: 1999,
    scale: 'linear',
    label: 'test digit',
    view: { step: 1, text: 'count' },
  },
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
export function modelUrl(ids: readonly string[], fallback: string) {
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
    view: { step: 0.01, text: 'fixed' },
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
    view: { step: 0.05 },
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
