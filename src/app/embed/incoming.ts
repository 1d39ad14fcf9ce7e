/**
 * What an embedded widget accepts from the page that embeds it: set-params, from the origins its
 * URL lists. Pure functions: no DOM, no React, tested in Node. The outgoing messages are in
 * ./messages.ts; public/embed-messages.schema.json describes both directions.
 *
 *   { source: 'smoothing-lab', type: 'set-params', version: 1, params: { sigma: 0.5, model: 'mlp-0.50' } }
 *
 * `params` may hold any of the URL schema's keys (sigma, n, n0, alpha, seed, digit; finite
 * numbers), `model` (a shipped model id), `stop` (a boolean: stop mode) and `r` (stop mode's target
 * radius, a finite number). Each number is clamped into its range exactly as a value in the URL is;
 * keys not given keep their value. `version` may be left out (pages written before it was added);
 * when given it must be PROTOCOL_VERSION. The frame applies a set-params message only if
 *   - the sender's origin is exactly one of the origins the embedding page listed in the frame's URL
 *     (`origin=https://example.edu`, repeatable or comma-separated; scheme, host and port must all
 *     match; the opaque origin "null" is never accepted, nor is a wildcard), and
 *   - the message has exactly this shape (an unknown type or key, or a value of the wrong type,
 *     rejects the whole message; nothing is applied partially).
 * Everything else is ignored without an error: the frame counts it (data-messages-rejected on the
 * widget's root, with the last reason in data-last-rejection) so tests and curious authors can see it.
 */
import { clampWithNotice, searchOf } from '../../store/url/defineUrlSchema';
import { ANYTIME_URL, LAB_URL, type ParamKey } from '../../store/urlSchema';

/** The version this frame speaks (kept here too, so that this module imports nothing of ./messages). */
const VERSION = 1;
const SOURCE = 'smoothing-lab';

/** The parameters a set-params message may change. */
export type SettableParams = Partial<Record<ParamKey, number>> & {
  model?: string;
  stop?: boolean;
  r?: number;
};

export interface SetParamsMessage {
  source: 'smoothing-lab';
  type: 'set-params';
  version?: number;
  params: SettableParams;
}

/** The origins an embedding page allowed, and the listed values that are not usable origins. */
export interface AllowedOrigins {
  origins: string[];
  invalid: string[];
}

/**
 * One listed origin in its serialized form ("https://example.edu", "http://localhost:8080"), or
 * null when the value is not exactly an http(s) origin: a path, query, fragment or credentials, a
 * wildcard, "null" and other schemes are all refused, so an allowlist cannot be wider than it
 * reads. A trailing "/" and a default port (":443" for https) are accepted and normalized away.
 */
export function normalizeOrigin(value: string): string | null {
  const v = value.trim();
  if (v === '' || v === 'null' || v.includes('*')) return null;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || url.search || url.hash) return null;
  // The URL parser tidies "https://a.edu/." to "/": look at the text too, so only "" or "/" passes.
  if (url.pathname !== '/' || v.replace(/\/$/, '').includes('/', url.protocol.length + 2)) return null;
  return url.origin;
}

/**
 * Reads the allowlist from the frame's query string: every `origin` value, each possibly a
 * comma-separated list. Duplicates are dropped; unusable values are returned in `invalid`.
 */
export function parseAllowedOrigins(query: string): AllowedOrigins {
  const search = searchOf(query);
  const origins: string[] = [];
  const invalid: string[] = [];
  for (const raw of search.getAll('origin')) {
    for (const part of raw.split(',')) {
      if (part.trim() === '') continue;
      const o = normalizeOrigin(part);
      if (o === null) invalid.push(part.trim());
      else if (!origins.includes(o)) origins.push(o);
    }
  }
  return { origins, invalid };
}

/**
 * Whether a message's origin (MessageEvent.origin, already serialized by the browser) is on the
 * list. Exact comparison: scheme, host and port must all match; "null" (sandboxed frames, file:
 * pages) is never allowed.
 */
export function isAllowedOrigin(origin: string, allowed: readonly string[]): boolean {
  if (origin === 'null' || origin === '') return false;
  return allowed.includes(origin);
}

export type Verdict =
  | {
      ok: true;
      /** The numeric parameters, clamped into the schema's ranges. */
      params: Partial<Record<ParamKey, number>>;
      model?: string;
      /** Stop mode and its target radius r, where the message set them. */
      anytime?: { stop?: boolean; r?: number; futile?: boolean };
      /** One sentence per value that was clamped or rounded. */
      notices: string[];
    }
  | { ok: false; reason: string };

/** The longest echo of a sender's value in a rejection reason (it reaches a DOM attribute). */
const ECHO_CHARS = 60;

/**
 * A sender's value, described for a rejection reason: bounded (ECHO_CHARS), and never throwing,
 * whatever structured clone delivered (a BigInt, a cyclic object, a 64 MB string).
 */
export function describeValue(v: unknown): string {
  let text: string;
  if (typeof v === 'string')
    return v.length > ECHO_CHARS ? `${JSON.stringify(v.slice(0, ECHO_CHARS))}…` : JSON.stringify(v);
  else if (typeof v === 'bigint') text = `${v}n (a BigInt)`;
  else if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) text = String(v);
  else if (Array.isArray(v)) text = `a list of ${v.length}`;
  else text = `a ${typeof v}`;
  return text.length > ECHO_CHARS + 2 ? `${text.slice(0, ECHO_CHARS)}…` : text;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Checks one incoming message (MessageEvent.data and .origin) against the allowlist and the
 * set-params shape, and clamps its values. `modelIds` are the shipped models a `model` may name.
 * Never throws.
 */
export function validateIncoming(
  data: unknown,
  origin: string,
  allowed: readonly string[],
  modelIds: readonly string[],
): Verdict {
  try {
    return check(data, origin, allowed, modelIds);
  } catch {
    // Nothing above should throw; a message that still makes it is refused, not passed on.
    return { ok: false, reason: 'a message this frame cannot read' };
  }
}

function check(
  data: unknown,
  origin: string,
  allowed: readonly string[],
  modelIds: readonly string[],
): Verdict {
  if (!isAllowedOrigin(origin, allowed)) {
    return {
      ok: false,
      reason:
        allowed.length === 0
          ? `message from ${describeValue(origin)} ignored: this frame's URL lists no origin that may send messages`
          : `message from ${describeValue(origin)} ignored: not one of the allowed origins (${allowed.slice(0, 3).map(describeValue).join(', ')}${allowed.length > 3 ? ', …' : ''})`,
    };
  }
  if (!isRecord(data) || data.source !== SOURCE) {
    return { ok: false, reason: `not a ${SOURCE} message` };
  }
  if (data.type !== 'set-params') {
    return { ok: false, reason: `unknown message type ${describeValue(data.type)}` };
  }
  const extra = Object.keys(data).filter((k) => !['source', 'type', 'version', 'params'].includes(k));
  if (extra.length > 0) return { ok: false, reason: `unknown field ${describeValue(extra[0])}` };
  if ('version' in data && data.version !== VERSION) {
    return {
      ok: false,
      reason: `version ${describeValue(data.version)} is not ${VERSION}, the one this frame speaks`,
    };
  }
  if (!isRecord(data.params)) return { ok: false, reason: 'params must be an object' };

  const params: Partial<Record<ParamKey, number>> = {};
  const notices: string[] = [];
  let model: string | undefined;
  const anytime: { stop?: boolean; r?: number; futile?: boolean } = {};
  for (const [key, value] of Object.entries(data.params)) {
    if (key === 'model') {
      if (typeof value !== 'string' || !modelIds.includes(value)) {
        return { ok: false, reason: `model ${describeValue(value)} is not one of the shipped models` };
      }
      model = value;
      continue;
    }
    if (key === 'stop') {
      if (typeof value !== 'boolean') return { ok: false, reason: 'stop must be true or false' };
      anytime.stop = value;
      continue;
    }
    if (key === 'futile') {
      if (typeof value !== 'boolean') return { ok: false, reason: 'futile must be true or false' };
      anytime.futile = value;
      continue;
    }
    if (key === 'r') {
      if (typeof value !== 'number' || !Number.isFinite(value))
        return { ok: false, reason: 'r must be a finite number' };
      const c = clampWithNotice(ANYTIME_URL.spec('r'), value);
      if (c.notice) notices.push(c.notice);
      anytime.r = c.value;
      continue;
    }
    if (!LAB_URL.has(key)) return { ok: false, reason: `unknown parameter ${describeValue(key)}` };
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return { ok: false, reason: `${key} must be a finite number, not ${describeValue(value)}` };
    }
    // The same clamping and notices as a value in the URL.
    const r = clampWithNotice(LAB_URL.spec(key), value);
    if (r.notice) notices.push(r.notice);
    params[key] = r.value;
  }
  if (Object.keys(params).length === 0 && model === undefined && Object.keys(anytime).length === 0) {
    return { ok: false, reason: 'params is empty' };
  }
  const ok = { ok: true as const, params, notices };
  const withModel = model === undefined ? ok : { ...ok, model };
  return Object.keys(anytime).length === 0 ? withModel : { ...withModel, anytime };
}
