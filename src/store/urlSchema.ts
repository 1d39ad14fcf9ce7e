/**
 * One table drives the URL: every parameter of the lab with its type, default and range. Parsing
 * clamps out-of-range values and replaces garbage with the default, and reports each change as a
 * notice a person can read; writing omits defaults so links stay short. Pure functions.
 */

export interface NumberParam {
  key: string;
  type: 'number' | 'int';
  default: number;
  min: number;
  max: number;
  /** How a slider maps to the value. */
  scale: 'linear' | 'log';
  /** What it is, for notices and accessible names. */
  label: string;
}

export interface EnumParam {
  key: string;
  type: 'enum';
  default: string;
  values: readonly string[];
  label: string;
}

export type Param = NumberParam | EnumParam;

export const URL_SCHEMA = [
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
] as const satisfies readonly Param[];

export type ParamKey = (typeof URL_SCHEMA)[number]['key'];
export type Params = Record<ParamKey, number>;

export const DEFAULT_PARAMS: Params = Object.fromEntries(URL_SCHEMA.map((p) => [p.key, p.default])) as Params;

/** True when the two parameter sets hold the same value for every key of the schema. */
export function sameParams(a: Params, b: Params): boolean {
  return URL_SCHEMA.every((p) => a[p.key] === b[p.key]);
}

export interface ParseResult {
  params: Params;
  /** One sentence per value that was changed on the way in. */
  notices: string[];
}

/** Clamps and rounds a value into a parameter's range (no notice). */
export function clampParam(p: NumberParam, v: number): number {
  const x = p.type === 'int' ? Math.round(v) : v;
  return Math.min(p.max, Math.max(p.min, x));
}

/**
 * Reads the parameters from a query string ("sigma=0.5&n=1000", with or without "?").
 * Unknown keys are ignored; missing keys take their default.
 */
export function parseParams(query: string): ParseResult {
  const search = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const params = { ...DEFAULT_PARAMS };
  const notices: string[] = [];
  for (const p of URL_SCHEMA as readonly NumberParam[]) {
    const raw = search.get(p.key);
    if (raw === null) continue;
    const r = readNumber(p, raw);
    if (r.notice) notices.push(r.notice);
    params[p.key as ParamKey] = r.value;
  }
  return { params, notices };
}

/** One value read from the URL, and the sentence explaining any change made to it. */
interface Read<T> {
  value: T;
  notice?: string;
}

/** Reads a number parameter: garbage gives the default, out-of-range values are clamped, ints rounded. */
function readNumber(p: NumberParam, raw: string): Read<number> {
  const v = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(v)) {
    return {
      value: p.default,
      notice: `"${raw}" is not a valid ${p.label}; using the default, ${p.default}.`,
    };
  }
  const c = clampParam(p, v);
  if (c !== v && !(p.type === 'int' && Math.round(v) === c)) {
    return { value: c, notice: `${p.label} = ${raw} is outside ${p.min} to ${p.max}; using ${c}.` };
  }
  if (p.type === 'int' && !Number.isInteger(v)) {
    return { value: c, notice: `${p.label} must be a whole number; using ${c} for ${raw}.` };
  }
  return { value: c };
}

/** Writes the parameters that differ from their defaults, in schema order. */
export function formatParams(params: Params): string {
  const search = new URLSearchParams();
  for (const p of URL_SCHEMA) {
    const v = params[p.key];
    if (v !== p.default) search.set(p.key, String(v));
  }
  return search.toString();
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

/**
 * Reads the model id ("model=cnn-0.50") from a query string: one of `ids`, else `fallback` with a
 * notice when the URL named something else.
 */
export function parseModel(
  query: string,
  ids: readonly string[],
  fallback: string,
): { modelId: string; notice?: string } {
  const raw = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query).get('model');
  if (raw === null) return { modelId: fallback };
  if (ids.includes(raw)) return { modelId: raw };
  return { modelId: fallback, notice: `There is no model "${raw}"; using ${fallback}.` };
}

/**
 * The full query for the lab: parameters that differ from the defaults, then the model if not the
 * default, then the geometry view's non-default values (when given), then present=1 in presentation
 * mode.
 */
export function formatLabQuery(
  params: Params,
  modelId: string,
  defaultModel: string,
  presenting = false,
  /** The geometry view's state: its non-default values go after the model (see GEO_URL_SCHEMA). */
  geo?: GeoParams,
  /** The trade-off view's state, after the geometry's (see TRADEOFF_URL_SCHEMA). */
  tradeoff?: TradeoffParams,
): string {
  const q = new URLSearchParams(formatParams(params));
  if (modelId !== defaultModel) q.set('model', modelId);
  const parts = [
    q.toString(),
    geo ? formatGeoParams(geo) : '',
    tradeoff ? formatTradeoffParams(tradeoff) : '',
    presenting ? 'present=1' : '',
  ];
  return parts.filter((part) => part !== '').join('&');
}

/** Whether a query asks for presentation mode ("present=1"). */
export function parsePresenting(query: string): boolean {
  const v = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query).get('present');
  return v === '1' || v === 'true';
}

/**
 * A point of the plane, written "x,y" (e.g. "pt=1.2,-0.35"): each coordinate clamped to [min, max] and
 * rounded to `digits` decimals. The default, null, means no point and is never written.
 */
export interface PointParam {
  key: string;
  type: 'point';
  default: null;
  min: number;
  max: number;
  digits: number;
  label: string;
}

/**
 * The geometry view's own state (the second view), one row per URL key, read and written by the same
 * rules as URL_SCHEMA: the toy dataset, the base classifier, the selected point, and the L2 budget and
 * target of the attack. Enum values must match src/toy2d (DATASETS, TOY_MODELS; a test checks it).
 */
export const GEO_URL_SCHEMA = [
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
] as const satisfies readonly (Param | PointParam)[];

type GeoEnum<K extends string> =
  Extract<(typeof GEO_URL_SCHEMA)[number], { key: K }> extends {
    values: readonly (infer V)[];
  }
    ? V
    : never;

export interface GeoParams {
  toy: GeoEnum<'toy'>;
  clf: GeoEnum<'clf'>;
  /** The selected point [x, y] in data units, or null for none. */
  pt: readonly [number, number] | null;
  eps: number;
  atk: GeoEnum<'atk'>;
}

export const DEFAULT_GEO_PARAMS: GeoParams = {
  toy: 'moons',
  clf: 'mlp',
  pt: null,
  eps: 0.5,
  atk: 'smoothed',
};

function readEnum(p: EnumParam, raw: string): Read<string> {
  if (p.values.includes(raw)) return { value: raw };
  return {
    value: p.default,
    notice: `"${raw}" is not a ${p.label} (one of ${p.values.join(', ')}); using the default, ${p.default}.`,
  };
}

function readPoint(p: PointParam, raw: string): Read<[number, number] | null> {
  const parts = raw.split(',').map((t) => (t.trim() === '' ? NaN : Number(t)));
  if (parts.length !== 2 || !parts.every(Number.isFinite)) {
    return {
      value: null,
      notice: `"${raw}" is not a ${p.label} (two numbers, "x,y"); no point is selected.`,
    };
  }
  const scale = 10 ** p.digits;
  const fix = (v: number) => Math.round(Math.min(p.max, Math.max(p.min, v)) * scale) / scale;
  const value: [number, number] = [fix(parts[0]!), fix(parts[1]!)];
  const shown = value.join(',');
  if (parts.some((v) => v < p.min || v > p.max)) {
    return { value, notice: `${p.label} = ${raw} is outside ${p.min} to ${p.max}; using ${shown}.` };
  }
  if (value[0] !== parts[0] || value[1] !== parts[1]) {
    return { value, notice: `${p.label} is kept to ${p.digits} decimals; using ${shown} for ${raw}.` };
  }
  return { value };
}

/** Reads the geometry view's state from a query string, with the same notices as parseParams. */
export function parseGeoParams(query: string): { geo: GeoParams; notices: string[] } {
  const { values, notices } = readSchema(query, GEO_URL_SCHEMA);
  return { geo: { ...DEFAULT_GEO_PARAMS, ...values } as GeoParams, notices };
}

/**
 * The values a query gives for the keys of a schema table (keys it does not name are left out),
 * each read, clamped or replaced by its type's rules, with one notice per change.
 */
function readSchema(
  query: string,
  schema: readonly (Param | PointParam)[],
): { values: Record<string, unknown>; notices: string[] } {
  const search = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const values: Record<string, unknown> = {};
  const notices: string[] = [];
  for (const p of schema) {
    const raw = search.get(p.key);
    if (raw === null) continue;
    const r: Read<unknown> =
      p.type === 'enum' ? readEnum(p, raw) : p.type === 'point' ? readPoint(p, raw) : readNumber(p, raw);
    if (r.notice) notices.push(r.notice);
    values[p.key] = r.value;
  }
  return { values, notices };
}

/**
 * Writes the geometry view's values that differ from their defaults, in schema order, as "key=value"
 * pairs joined by "&" (the point as "x,y"; every value is plain ASCII, so nothing needs escaping).
 */
export function formatGeoParams(geo: GeoParams): string {
  const out: string[] = [];
  for (const p of GEO_URL_SCHEMA) {
    const v = geo[p.key];
    if (p.type === 'point') {
      const pt = v as GeoParams['pt'];
      if (pt) out.push(`${p.key}=${pt[0]},${pt[1]}`);
    } else if (v !== p.default) out.push(`${p.key}=${String(v)}`);
  }
  return out.join('&');
}

/** The digit counts the trade-off view offers. */
export const TRADEOFF_COUNTS = [10, 20, 50, 100, 200, 500, 1000, 2000] as const;

/**
 * The trade-off view's own state (the third view), by the same rules: the base-model family and how
 * many test digits each curve certifies.
 */
export const TRADEOFF_URL_SCHEMA = [
  { key: 'tarch', type: 'enum', default: 'cnn', values: ['cnn', 'mlp'], label: 'trade-off model family' },
  {
    key: 'tcount',
    type: 'enum',
    default: '100',
    values: TRADEOFF_COUNTS.map(String),
    label: 'trade-off digit count',
  },
] as const satisfies readonly EnumParam[];

export interface TradeoffParams {
  arch: 'cnn' | 'mlp';
  count: number;
}

export const DEFAULT_TRADEOFF_PARAMS: TradeoffParams = { arch: 'cnn', count: 100 };

/** Reads the trade-off view's state from a query string, with notices for unknown values. */
export function parseTradeoffParams(query: string): { tradeoff: TradeoffParams; notices: string[] } {
  const { values, notices } = readSchema(query, TRADEOFF_URL_SCHEMA);
  const arch = (values.tarch as TradeoffParams['arch'] | undefined) ?? DEFAULT_TRADEOFF_PARAMS.arch;
  const count = values.tcount === undefined ? DEFAULT_TRADEOFF_PARAMS.count : Number(values.tcount);
  return { tradeoff: { arch, count }, notices };
}

/** The trade-off view's values that differ from their defaults, as "key=value" pairs joined by "&". */
export function formatTradeoffParams(t: TradeoffParams): string {
  const out: string[] = [];
  if (t.arch !== DEFAULT_TRADEOFF_PARAMS.arch) out.push(`tarch=${t.arch}`);
  if (t.count !== DEFAULT_TRADEOFF_PARAMS.count) out.push(`tcount=${t.count}`);
  return out.join('&');
}

/** The TF.js backend the URL asks for (`backend=`); `auto`, the default, lets the lab measure. */
export const BACKEND_URL_SCHEMA = [
  {
    key: 'backend',
    type: 'enum',
    default: 'auto',
    values: ['auto', 'webgl', 'wasm', 'cpu'],
    label: 'TF.js backend',
  },
] as const satisfies readonly EnumParam[];

export type BackendParam = (typeof BACKEND_URL_SCHEMA)[number]['values'][number];

/** Reads `backend=` from a query string, with a notice for a value that is not a backend. */
export function parseBackendParam(query: string): { backend: BackendParam; notices: string[] } {
  const { values, notices } = readSchema(query, BACKEND_URL_SCHEMA);
  return { backend: (values.backend as BackendParam | undefined) ?? 'auto', notices };
}

/** `backend=<name>` when a backend is asked for, else the empty string (`auto` is never written). */
export function formatBackendParam(backend: BackendParam): string {
  return backend === 'auto' ? '' : `backend=${backend}`;
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
