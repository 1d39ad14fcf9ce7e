/**
 * The class session's messages, shared by the class server (server/) and the page (src/class/).
 * Both ends validate every message they receive with the parsers below, so a message that does not
 * fit its type never reaches the code that acts on it. Plain data only; this file imports nothing.
 *
 * Transport: one WebSocket per browser at ./api/ws on the server that served the lab (the CSP's
 * connect-src 'self' names exactly that server). HTTP: POST ./api/sessions opens a session (answers
 * the instructor's token), GET ./api/sessions/<id>/export.csv with `Authorization: Bearer <token>`
 * exports it.
 */

/** Sizes the server enforces (and the page respects when it sends). */
export const LIMITS = {
  /** A text message longer than this is refused with `too-large`; the connection stays. */
  messageBytes: 8 * 1024,
  /** A frame longer than this closes the connection (WebSocket close 1009). */
  frameBytes: 64 * 1024,
  /** Characters of a question, an option label, an id. */
  question: 1000,
  label: 200,
  id: 64,
  /** Options of one checkpoint. */
  options: 12,
  /** Checkpoints of one session. */
  checkpoints: 100,
} as const;

/** Join codes: six characters from an alphabet without look-alikes (no 0/O, 1/I/L). */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 6;

export interface OptionDef {
  value: string;
  label: string;
}

export type ClientMessage =
  /** A student joins with the code shown on the projector and their browser's anonymous id. */
  | { type: 'join'; code: string; student: string }
  /** The instructor's page signs in to its session with the token it was given. */
  | { type: 'instructor'; session: string; token: string }
  /** A student's prediction at an open checkpoint (a later one replaces it until the reveal). */
  | { type: 'answer'; checkpoint: string; option: string }
  /** Instructor: ask the class this checkpoint. */
  | { type: 'open'; checkpoint: string; question: string; options: OptionDef[] }
  /** Instructor: hide the counts on the projector until each checkpoint's reveal (or show them). */
  | { type: 'hide'; hidden: boolean }
  /** Instructor: the measured outcome (the right options); answers close. */
  | { type: 'reveal'; checkpoint: string; outcome: string[] }
  /** Instructor: end the session (the code stops working; the answers stay for export). */
  | { type: 'close' };

/** A checkpoint as a student sees it: never anyone else's answer. */
export interface StudentCheckpoint {
  id: string;
  question: string;
  options: OptionDef[];
  state: 'open' | 'revealed';
  /** This student's committed answer, if any. */
  answer: string | null;
  outcome: string[] | null;
}

/** A checkpoint as the projector sees it: counts only, never who answered what. */
export interface ProjectorCheckpoint {
  id: string;
  question: string;
  options: OptionDef[];
  state: 'open' | 'revealed';
  /** How many students have answered. */
  total: number;
  /** Answers per option (in the order of `options`); null while hidden until the reveal. */
  counts: number[] | null;
  outcome: string[] | null;
}

export interface ProjectorState {
  session: string;
  code: string;
  /** When the join code stops admitting new students (ms since the epoch). */
  codeExpiresAt: number;
  /** The address students open (also the QR code's content). */
  joinUrl: string;
  /** The QR code of joinUrl, as an SVG document made by the server. */
  qrSvg: string;
  hidden: boolean;
  closed: boolean;
  /** Students who have joined, and how many are connected now. */
  joined: number;
  connected: number;
  checkpoints: ProjectorCheckpoint[];
}

export type ErrorCode =
  | 'bad-json'
  | 'bad-message'
  | 'too-large'
  | 'rate-limited'
  | 'bad-code'
  | 'code-expired'
  | 'bad-token'
  | 'not-joined'
  | 'not-instructor'
  | 'not-open'
  | 'bad-option'
  | 'closed'
  | 'full'
  | 'server';

export type ServerMessage =
  | { type: 'joined'; session: string; code: string; checkpoints: StudentCheckpoint[] }
  | { type: 'checkpoint'; checkpoint: StudentCheckpoint }
  /** The answer is stored durably (written and synced to disk). */
  | { type: 'ack'; checkpoint: string; option: string }
  | { type: 'state'; state: ProjectorState }
  | { type: 'counts'; checkpoint: string; total: number; counts: number[] | null }
  | { type: 'students'; joined: number; connected: number }
  | { type: 'closed' }
  | { type: 'error'; code: ErrorCode; message: string };

/** The HTTP answer to POST ./api/sessions. */
export interface OpenedSession {
  session: string;
  code: string;
  token: string;
  codeExpiresAt: number;
  joinUrl: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };

// --- validation ---------------------------------------------------------------------------------

class Invalid extends Error {}

type Obj = Record<string, unknown>;

function obj(v: unknown, what: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Invalid(`${what} must be an object`);
  return v as Obj;
}

/** Only the listed keys (and `type`) may appear: an unknown field is an error, not ignored. */
function only(o: Obj, keys: readonly string[], what: string) {
  for (const k of Object.keys(o)) {
    if (k !== 'type' && !keys.includes(k)) throw new Invalid(`${what}: unknown field "${k}"`);
  }
}

function str(v: unknown, what: string, max: number, pattern?: RegExp): string {
  if (typeof v !== 'string') throw new Invalid(`${what} must be a string`);
  if (v.length === 0 || v.length > max) throw new Invalid(`${what} must have 1 to ${max} characters`);
  if (pattern && !pattern.test(v)) throw new Invalid(`${what} has characters that are not allowed`);
  return v;
}

function num(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    throw new Invalid(`${what} must be a number ≥ 0`);
  return v;
}

function bool(v: unknown, what: string): boolean {
  if (typeof v !== 'boolean') throw new Invalid(`${what} must be true or false`);
  return v;
}

function arr<T>(v: unknown, what: string, max: number, item: (x: unknown, i: number) => T): T[] {
  if (!Array.isArray(v)) throw new Invalid(`${what} must be a list`);
  if (v.length > max) throw new Invalid(`${what} has more than ${max} entries`);
  return v.map(item);
}

/** Ids, option values and the anonymous student id: short, URL-safe. */
const ID = /^[A-Za-z0-9_.:-]+$/;
const CODE = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

const id = (v: unknown, what: string) => str(v, what, LIMITS.id, ID);

function optionDef(v: unknown, i: number): OptionDef {
  const o = obj(v, `option ${i + 1}`);
  only(o, ['value', 'label'], `option ${i + 1}`);
  return { value: id(o.value, 'option value'), label: str(o.label, 'option label', LIMITS.label) };
}

function options(v: unknown): OptionDef[] {
  const list = arr(v, 'options', LIMITS.options, optionDef);
  if (list.length < 2) throw new Invalid('a checkpoint needs at least two options');
  if (new Set(list.map((o) => o.value)).size !== list.length) throw new Invalid('option values must differ');
  return list;
}

const outcome = (v: unknown) => {
  const list = arr(v, 'outcome', LIMITS.options, (x) => id(x, 'outcome'));
  if (list.length === 0) throw new Invalid('outcome needs at least one option');
  return list;
};
const nullable = <T>(v: unknown, f: (v: unknown) => T): T | null => (v === null ? null : f(v));
const counts = (v: unknown) => arr(v, 'counts', LIMITS.options, (x) => num(x, 'count'));
const state = (v: unknown) => {
  if (v !== 'open' && v !== 'revealed') throw new Invalid('state must be open or revealed');
  return v;
};

function parseJson(text: string, maxBytes: number): Obj {
  if (text.length > maxBytes) throw new Invalid('too-large');
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new SyntaxError('not JSON');
  }
  return obj(v, 'a message');
}

function wrap<T>(f: () => T): Parsed<T> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    if (e instanceof SyntaxError) return { ok: false, code: 'bad-json', message: 'The message is not JSON.' };
    if (e instanceof Invalid && e.message === 'too-large')
      return {
        ok: false,
        code: 'too-large',
        message: `Messages are limited to ${LIMITS.messageBytes} bytes.`,
      };
    if (e instanceof Invalid) return { ok: false, code: 'bad-message', message: e.message };
    throw e;
  }
}

/** Length in UTF-8 bytes (what the limit counts). */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Checks a message a browser sent (the server's side). */
export function parseClientMessage(text: string): Parsed<ClientMessage> {
  return wrap(() => {
    if (utf8Bytes(text) > LIMITS.messageBytes) throw new Invalid('too-large');
    const m = parseJson(text, Infinity);
    switch (m.type) {
      case 'join':
        only(m, ['code', 'student'], 'join');
        return {
          type: 'join',
          code: str(m.code, 'code', CODE_LENGTH, CODE),
          student: str(m.student, 'student', LIMITS.id, ID),
        };
      case 'instructor':
        only(m, ['session', 'token'], 'instructor');
        return { type: 'instructor', session: id(m.session, 'session'), token: id(m.token, 'token') };
      case 'answer':
        only(m, ['checkpoint', 'option'], 'answer');
        return { type: 'answer', checkpoint: id(m.checkpoint, 'checkpoint'), option: id(m.option, 'option') };
      case 'open':
        only(m, ['checkpoint', 'question', 'options'], 'open');
        return {
          type: 'open',
          checkpoint: id(m.checkpoint, 'checkpoint'),
          question: str(m.question, 'question', LIMITS.question),
          options: options(m.options),
        };
      case 'hide':
        only(m, ['hidden'], 'hide');
        return { type: 'hide', hidden: bool(m.hidden, 'hidden') };
      case 'reveal':
        only(m, ['checkpoint', 'outcome'], 'reveal');
        return { type: 'reveal', checkpoint: id(m.checkpoint, 'checkpoint'), outcome: outcome(m.outcome) };
      case 'close':
        only(m, [], 'close');
        return { type: 'close' };
      default:
        throw new Invalid('unknown message type');
    }
  });
}

function studentCheckpoint(v: unknown): StudentCheckpoint {
  const c = obj(v, 'checkpoint');
  return {
    id: id(c.id, 'checkpoint id'),
    question: str(c.question, 'question', LIMITS.question),
    options: options(c.options),
    state: state(c.state),
    answer: nullable(c.answer, (x) => id(x, 'answer')),
    outcome: nullable(c.outcome, outcome),
  };
}

function projectorCheckpoint(v: unknown): ProjectorCheckpoint {
  const c = obj(v, 'checkpoint');
  return {
    id: id(c.id, 'checkpoint id'),
    question: str(c.question, 'question', LIMITS.question),
    options: options(c.options),
    state: state(c.state),
    total: num(c.total, 'total'),
    counts: nullable(c.counts, counts),
    outcome: nullable(c.outcome, outcome),
  };
}

const ERROR_CODES: readonly ErrorCode[] = [
  'bad-json',
  'bad-message',
  'too-large',
  'rate-limited',
  'bad-code',
  'code-expired',
  'bad-token',
  'not-joined',
  'not-instructor',
  'not-open',
  'bad-option',
  'closed',
  'full',
  'server',
];

/** Checks a message the server sent (the page's side); the QR code's SVG makes these larger. */
export function parseServerMessage(text: string): Parsed<ServerMessage> {
  return wrap(() => {
    const m = parseJson(text, 1024 * 1024);
    switch (m.type) {
      case 'joined':
        return {
          type: 'joined',
          session: id(m.session, 'session'),
          code: str(m.code, 'code', CODE_LENGTH, CODE),
          checkpoints: arr(m.checkpoints, 'checkpoints', LIMITS.checkpoints, studentCheckpoint),
        };
      case 'checkpoint':
        return { type: 'checkpoint', checkpoint: studentCheckpoint(m.checkpoint) };
      case 'ack':
        return { type: 'ack', checkpoint: id(m.checkpoint, 'checkpoint'), option: id(m.option, 'option') };
      case 'state': {
        const s = obj(m.state, 'state');
        const qrSvg = str(s.qrSvg, 'qrSvg', 200_000);
        if (!qrSvg.startsWith('<svg') && !qrSvg.startsWith('<?xml')) throw new Invalid('qrSvg is not an SVG');
        return {
          type: 'state',
          state: {
            session: id(s.session, 'session'),
            code: str(s.code, 'code', CODE_LENGTH, CODE),
            codeExpiresAt: num(s.codeExpiresAt, 'codeExpiresAt'),
            joinUrl: str(s.joinUrl, 'joinUrl', 500, /^https?:\/\//),
            qrSvg,
            hidden: bool(s.hidden, 'hidden'),
            closed: bool(s.closed, 'closed'),
            joined: num(s.joined, 'joined'),
            connected: num(s.connected, 'connected'),
            checkpoints: arr(s.checkpoints, 'checkpoints', LIMITS.checkpoints, projectorCheckpoint),
          },
        };
      }
      case 'counts':
        return {
          type: 'counts',
          checkpoint: id(m.checkpoint, 'checkpoint'),
          total: num(m.total, 'total'),
          counts: nullable(m.counts, counts),
        };
      case 'students':
        return {
          type: 'students',
          joined: num(m.joined, 'joined'),
          connected: num(m.connected, 'connected'),
        };
      case 'closed':
        return { type: 'closed' };
      case 'error': {
        if (!ERROR_CODES.includes(m.code as ErrorCode)) throw new Invalid('unknown error code');
        return { type: 'error', code: m.code as ErrorCode, message: str(m.message, 'message', 500) };
      }
      default:
        throw new Invalid('unknown message type');
    }
  });
}

/** Checks the server's answer to POST ./api/sessions. */
export function parseOpenedSession(v: unknown): Parsed<OpenedSession> {
  return wrap(() => {
    const o = obj(v, 'the answer');
    return {
      session: id(o.session, 'session'),
      code: str(o.code, 'code', CODE_LENGTH, CODE),
      token: id(o.token, 'token'),
      codeExpiresAt: num(o.codeExpiresAt, 'codeExpiresAt'),
      joinUrl: str(o.joinUrl, 'joinUrl', 500, /^https?:\/\//),
    };
  });
}

/** A code as typed by a student: upper case, spaces and dashes dropped; null when it cannot be one. */
export function normaliseCode(typed: string): string | null {
  const c = typed.toUpperCase().replace(/[\s-]/g, '');
  return CODE.test(c) ? c : null;
}
