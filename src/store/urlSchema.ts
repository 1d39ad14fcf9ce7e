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
    const v = raw.trim() === '' ? NaN : Number(raw);
    if (!Number.isFinite(v)) {
      notices.push(`"${raw}" is not a valid ${p.label}; using the default, ${p.default}.`);
      continue;
    }
    const c = clampParam(p, v);
    if (c !== v && !(p.type === 'int' && Math.round(v) === c)) {
      notices.push(`${p.label} = ${raw} is outside ${p.min} to ${p.max}; using ${c}.`);
    } else if (p.type === 'int' && !Number.isInteger(v)) {
      notices.push(`${p.label} must be a whole number; using ${c} for ${raw}.`);
    }
    params[p.key as ParamKey] = c;
  }
  return { params, notices };
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
 * default, then present=1 in presentation mode.
 */
export function formatLabQuery(
  params: Params,
  modelId: string,
  defaultModel: string,
  presenting = false,
): string {
  const q = new URLSearchParams(formatParams(params));
  if (modelId !== defaultModel) q.set('model', modelId);
  if (presenting) q.set('present', '1');
  return q.toString();
}

/** Whether a query asks for presentation mode ("present=1"). */
export function parsePresenting(query: string): boolean {
  const v = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query).get('present');
  return v === '1' || v === 'true';
}
