/**
 * The one registry of the app's URL: every table of ./urlSchema.ts, in the order a link writes its
 * keys (parameters, model, geometry, trade-off, present, backend, stop mode, drawn input), each
 * with the field of the app's state it holds. Reading a query, writing one, the URL sync
 * (src/app/urlSync.ts) and every route link go through it; nothing else names a table's keys.
 * Pure functions.
 */
import { joinQuery, type UrlRow, type UrlSchema, type UrlValues } from './url/defineUrlSchema';
import {
  ANYTIME_URL,
  BACKEND_URL,
  GEO_URL,
  INPUT_URL,
  LAB_URL,
  PRESENT_URL,
  TRADEOFF_URL,
  modelUrl,
  type AnytimeParams,
  type BackendParam,
  type GeoParams,
  type Params,
  type TradeoffParams,
} from './urlSchema';

/** Everything the app keeps in its URL, one field per table of the registry. */
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
 * The models a link may name: `ids` (a link naming another gets `fallback` and a notice) and the
 * default `fallback`, which is never written.
 */
export interface ModelChoice {
  ids: readonly string[];
  fallback: string;
}

/** One table of the registry, with its field's type erased (see `part`). */
export interface UrlPart {
  readonly field: keyof LabQuery;
  /** The table's rows, in the order they are written. */
  rows(models: ModelChoice): readonly UrlRow[];
  parse(query: string, models: ModelChoice): { value: unknown; notices: string[] };
  format(value: unknown, models: ModelChoice): string;
}

/**
 * A table bound to the field it holds: `read` maps the table's values to the field, `write` the
 * field back. `schema` may depend on the models (only the model's table does).
 */
function part<F extends keyof LabQuery, Rows extends readonly UrlRow[]>(p: {
  field: F;
  schema: UrlSchema<Rows> | ((models: ModelChoice) => UrlSchema<Rows>);
  read: (values: UrlValues<Rows>) => LabQuery[F];
  write: (value: LabQuery[F]) => UrlValues<Rows>;
}): UrlPart {
  const { schema } = p;
  const of = (m: ModelChoice) => (typeof schema === 'function' ? schema(m) : schema);
  return {
    field: p.field,
    rows: (models) => of(models).rows,
    parse(query, models) {
      const { values, notices } = of(models).parse(query);
      return { value: p.read(values), notices };
    },
    format(value, models) {
      return value === undefined ? '' : of(models).format(p.write(value as LabQuery[F]));
    },
  };
}

const same = <T>(v: T): T => v;

/** The registry, in the order a link writes its keys and the notices of a query are listed. */
export const URL_PARTS: readonly UrlPart[] = [
  part({ field: 'params', schema: LAB_URL, read: same, write: same }),
  part({
    field: 'modelId',
    schema: (m: ModelChoice) => modelUrl(m.ids, m.fallback),
    read: (v) => v.model,
    write: (model) => ({ model }),
  }),
  part({ field: 'geo', schema: GEO_URL, read: same, write: same }),
  part({
    field: 'tradeoff',
    schema: TRADEOFF_URL,
    read: (v) => ({ arch: v.tarch, count: v.tcount, published: v.tpub }),
    write: (t) => ({ tarch: t.arch, tcount: t.count, tpub: t.published }),
  }),
  part({
    field: 'presenting',
    schema: PRESENT_URL,
    read: (v) => v.present,
    write: (present) => ({ present }),
  }),
  part({ field: 'backend', schema: BACKEND_URL, read: (v) => v.backend, write: (backend) => ({ backend }) }),
  part({ field: 'anytime', schema: ANYTIME_URL, read: same, write: same }),
  part({ field: 'drawn', schema: INPUT_URL, read: (v) => v.px, write: (px) => ({ px }) }),
];

function partOf(field: keyof LabQuery): UrlPart {
  return URL_PARTS.find((p) => p.field === field)!;
}

/**
 * Reads the app's whole state from a query string ("a=1&b=2", with or without "?"): missing keys
 * take their defaults, and each corrected value gives one notice, in the order the keys are written.
 */
export function parseLabQuery(query: string, models: ModelChoice): LabQuery & { notices: string[] } {
  const out: Record<string, unknown> = {};
  const notices: string[] = [];
  for (const p of URL_PARTS) {
    const r = p.parse(query, models);
    out[p.field] = r.value;
    notices.push(...r.notices);
  }
  return { ...(out as unknown as LabQuery), notices };
}

/** One field of the app's state read from a query string, with that table's notices only. */
export function parseUrlPart<F extends keyof LabQuery>(
  field: F,
  query: string,
  models: ModelChoice = { ids: [], fallback: '' },
): { value: LabQuery[F]; notices: string[] } {
  const r = partOf(field).parse(query, models);
  return { value: r.value as LabQuery[F], notices: r.notices };
}

/**
 * The app's query (the one writer of every link; no "?"): the values of `state` that differ from
 * their defaults, in registry order. A field left out is written as its default, that is not at
 * all; the model is left out when it is `defaultModel`.
 */
export function formatLabQuery(state: Partial<LabQuery>, defaultModel: string): string {
  const models: ModelChoice = { ids: [], fallback: defaultModel };
  return joinQuery(URL_PARTS.map((p) => p.format(state[p.field], models)));
}

/** A hash path with the registry's query: "#/lab" and "" give "#/lab", "n=500" "#/lab?n=500". */
export function withQuery(path: string, query: string): string {
  return query ? `${path}?${query}` : path;
}

/**
 * The hash link of a view (a route id of src/app/routes.ts, such as "lab"), carrying `query`
 * (from formatLabQuery, or src/app/urlSync.ts's useLabQuery): the one builder of route links.
 */
export function routeHref(view: string, query = ''): string {
  return withQuery(`#/${view}`, query);
}
