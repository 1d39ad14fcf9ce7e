/**
 * The one mechanism behind every key the app keeps in its URL (docs/architecture/url-state.md).
 * A table of rows, one per key, each with its type, default and range, becomes a schema with
 *
 *   - `defaults`: the value of every key when the URL does not name it (the store's slices start
 *     from these);
 *   - `parse(query)`: every key's value read from a query string ("a=1&b=2", with or without "?"):
 *     out-of-range values are clamped, garbage is replaced by the default, and each change made on
 *     the way in comes back as one sentence a person can read (a notice);
 *   - `format(values)`: the "key=value" pairs of the values that differ from their defaults, in
 *     table order, joined by "&" (so links stay short);
 *   - `spec(key)`: the row of one key, typed by that key (its range, scale and label).
 *
 * A `pixels` row carries a small image (a drawn digit) in the compact text of ./pixels.ts.
 *
 * Reading has one path (`readValue`), writing has one path (`formatPair`), and several schemas'
 * queries are joined into one by `joinQuery`. Pure functions: no DOM, no React, tested in Node.
 */
import { decodePixels, encodePixels } from './pixels';

/** A number: `int` rows are rounded to whole numbers. */
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
  /** How a control presents it (the lab's sliders and inputs; see ../url/slider.ts). */
  view?: NumberView;
}

/** How a control presents a number row: its step, its text for people, its keyboard. */
export interface NumberView {
  /**
   * A linear control's step (default 1); a value set from it is rounded to the step's decimals.
   * A log-scale slider ignores it: it moves in 1,000 even steps of log(value).
   */
  step?: number;
  /**
   * The value as people read it: `fixed` to the step's decimals ("0.25"), `sig3` (3 significant
   * digits, scientific below 0.001: "1.0e-4"), `count` (thousands separators: "10,000"; the default).
   */
  text?: 'fixed' | 'sig3' | 'count';
  /** `round`: arrows step through 1, 2, 5 x 10^k, Page Up/Down a decade (keyStep); else the browser's keys. */
  keys?: 'round';
}

/**
 * One of a fixed list of values (strings, or numbers such as digit counts), matched exactly as
 * written. `unknown` words the notice for a value not on the list (a default sentence otherwise).
 */
export interface EnumParam {
  key: string;
  type: 'enum';
  default: string | number;
  values: readonly (string | number)[];
  label: string;
  unknown?: (raw: string) => string;
}

/**
 * A point of the plane, written "x,y" (e.g. "pt=1.2,-0.35"): each coordinate clamped to [min, max]
 * and rounded to `digits` decimals. The default, null, means no point and is never written.
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
 * An on/off switch such as "present=1": "1" or "true" turn it on, anything else leaves it off
 * without a notice (a switch has no value to correct). Written as "key=1" when on.
 */
export interface FlagParam {
  key: string;
  type: 'flag';
  default: false;
  label: string;
}

/**
 * A square grayscale image of `length` values in [0, 1] (a drawn or photographed digit), written
 * in the compact text of ./pixels.ts ("px=AAB..."). The default, null, means none and is never
 * written. A value that cannot be read gives a notice with the reason, and null (`fallback` names
 * what is shown instead).
 */
export interface PixelsParam {
  key: string;
  type: 'pixels';
  default: null;
  length: number;
  label: string;
  fallback: string;
}

export type UrlRow = NumberParam | EnumParam | PointParam | FlagParam | PixelsParam;

/** The value a row holds: string enums keep their literal values, numeric lists give a number. */
export type RowValue<R extends UrlRow> = R extends NumberParam
  ? number
  : R extends EnumParam
    ? R['values'][number] extends string
      ? R['values'][number]
      : number
    : R extends PointParam
      ? readonly [number, number] | null
      : R extends PixelsParam
        ? Float32Array | null
        : boolean;

/** The values of a table, one property per key. */
export type UrlValues<Rows extends readonly UrlRow[]> = {
  [R in Rows[number] as R['key']]: RowValue<R>;
};

/** What a table becomes; see the file's comment. */
export interface UrlSchema<Rows extends readonly UrlRow[]> {
  readonly rows: Rows;
  readonly keys: readonly Rows[number]['key'][];
  readonly defaults: Readonly<UrlValues<Rows>>;
  parse(query: string): { values: UrlValues<Rows>; notices: string[] };
  format(values: UrlValues<Rows>): string;
  spec<K extends Rows[number]['key']>(key: K): Extract<Rows[number], { key: K }>;
  /** Whether a string is one of the table's keys. */
  has(key: string): key is Rows[number]['key'];
}

/** One value read from the URL, and the sentence explaining any change made to it. */
export interface Read<T> {
  value: T;
  notice?: string;
}

/** The parameters of a query string, with or without its leading "?". */
export function searchOf(query: string): URLSearchParams {
  return new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
}

/** Joins queries ("a=1", "", "b=2") into one ("a=1&b=2"), leaving out the empty ones. */
export function joinQuery(parts: readonly string[]): string {
  return parts.filter((part) => part !== '').join('&');
}

/**
 * Escapes a key or value the way a form would (`URLSearchParams`), except the comma and the colon,
 * which are left as written (both are allowed in a query) so a point reads "pt=1.25,-0.4" and a
 * model trained in this browser "model=user:mlc1x2k9-4f7a" in the address bar.
 */
function escape(text: string): string {
  if (/^[\w.,:-]*$/.test(text)) return text; // nothing to escape (every value the app writes)
  return new URLSearchParams({ _: text }).toString().slice(2).replace(/%2C/gi, ',').replace(/%3A/gi, ':');
}

/** Clamps and rounds a number into a row's range (no notice). */
export function clampParam(p: NumberParam, v: number): number {
  const x = p.type === 'int' ? Math.round(v) : v;
  return Math.min(p.max, Math.max(p.min, x));
}

/**
 * A finite number given for a row (from the URL or from an embedding page's message), clamped
 * and rounded, with a notice when that changed it. `shown` is how the value was written.
 */
export function clampWithNotice(p: NumberParam, v: number, shown: string = String(v)): Read<number> {
  const c = clampParam(p, v);
  if (c === v) return { value: c };
  if (p.type === 'int' && Math.round(v) === c) {
    return { value: c, notice: `${p.label} must be a whole number; using ${c} for ${shown}.` };
  }
  return { value: c, notice: `${p.label} = ${shown} is outside ${p.min} to ${p.max}; using ${c}.` };
}

function readNumber(p: NumberParam, raw: string): Read<number> {
  const v = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(v)) {
    return {
      value: p.default,
      notice: `"${raw}" is not a valid ${p.label}; using the default, ${p.default}.`,
    };
  }
  return clampWithNotice(p, v, raw);
}

function readEnum(p: EnumParam, raw: string): Read<string | number> {
  const found = p.values.find((v) => String(v) === raw);
  if (found !== undefined) return { value: found };
  return {
    value: p.default,
    notice:
      p.unknown?.(raw) ??
      `"${raw}" is not a ${p.label} (one of ${p.values.join(', ')}); using the default, ${p.default}.`,
  };
}

function readPoint(p: PointParam, raw: string): Read<readonly [number, number] | null> {
  const parts = raw.split(',').map((t) => (t.trim() === '' ? NaN : Number(t)));
  if (parts.length !== 2 || !parts.every(Number.isFinite)) {
    return {
      value: null,
      notice: `"${raw}" is not a ${p.label} (two numbers, "x,y"); no point is selected.`,
    };
  }
  const scale = 10 ** p.digits;
  const fix = (v: number) => Math.round(Math.min(p.max, Math.max(p.min, v)) * scale) / scale;
  const value = [fix(parts[0]!), fix(parts[1]!)] as const;
  const shown = value.join(',');
  if (parts.some((v) => v < p.min || v > p.max)) {
    return { value, notice: `${p.label} = ${raw} is outside ${p.min} to ${p.max}; using ${shown}.` };
  }
  if (value[0] !== parts[0] || value[1] !== parts[1]) {
    return { value, notice: `${p.label} is kept to ${p.digits} decimals; using ${shown} for ${raw}.` };
  }
  return { value };
}

function readPixels(p: PixelsParam, raw: string): Read<Float32Array | null> {
  const r = decodePixels(raw, p.length);
  if ('pixels' in r) return { value: r.pixels };
  return {
    value: null,
    notice: `"${raw}" is not a ${p.label} (${p.key}=): ${r.error}; using ${p.fallback} instead.`,
  };
}

/** The one reader: a row's value from the text the URL gives for its key. */
function readValue(p: UrlRow, raw: string): Read<unknown> {
  switch (p.type) {
    case 'number':
    case 'int':
      return readNumber(p, raw);
    case 'enum':
      return readEnum(p, raw);
    case 'point':
      return readPoint(p, raw);
    case 'flag':
      return { value: raw === '1' || raw === 'true' };
    case 'pixels':
      return readPixels(p, raw);
  }
}

/** The one writer: "key=value" for a value that differs from the row's default, else null. */
function formatPair(p: UrlRow, value: unknown): string | null {
  if (value === p.default || value === null || value === undefined) return null;
  let text: string;
  if (p.type === 'point') text = (value as readonly [number, number]).join(',');
  else if (p.type === 'flag') text = '1';
  else if (p.type === 'pixels') text = encodePixels(value as Float32Array);
  else text = String(value as string | number);
  return `${escape(p.key)}=${escape(text)}`;
}

/** Builds a schema from a table of rows (written `[...] as const` so keys and values stay literal). */
export function defineUrlSchema<const Rows extends readonly UrlRow[]>(rows: Rows): UrlSchema<Rows> {
  type Key = Rows[number]['key'];
  type Values = UrlValues<Rows>;
  const byKey = new Map<string, Rows[number]>(rows.map((r) => [r.key, r]));
  if (byKey.size !== rows.length) throw new Error('defineUrlSchema: a key appears twice');
  const defaults = Object.freeze(Object.fromEntries(rows.map((r) => [r.key, r.default])) as Values);
  return {
    rows,
    keys: rows.map((r) => r.key as Key),
    defaults,
    parse(query) {
      const search = searchOf(query);
      const values: Record<string, unknown> = { ...defaults };
      const notices: string[] = [];
      for (const p of rows) {
        const raw = search.get(p.key);
        if (raw === null) continue;
        const r = readValue(p, raw);
        if (r.notice) notices.push(r.notice);
        values[p.key] = r.value;
      }
      return { values: values as Values, notices };
    },
    format(values) {
      const get = values as Record<string, unknown>;
      return joinQuery(rows.map((p) => formatPair(p, get[p.key]) ?? ''));
    },
    spec<K extends Key>(key: K) {
      const row = byKey.get(key);
      if (!row) throw new Error(`defineUrlSchema: no key "${key}"`);
      return row as Extract<Rows[number], { key: K }>;
    },
    has(key: string): key is Key {
      return byKey.has(key);
    },
  };
}
