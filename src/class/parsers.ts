/**
 * The parsers that check every class-session message before it is acted on: the server checks what
 * browsers send, the page checks what the server sends. An unknown field, a wrong type or a size
 * over LIMITS is an error with a clear message, never ignored. Imports only ./protocol.ts.
 */
import {
  CODE_LENGTH,
  CODE_PATTERN,
  LIMITS,
  utf8Bytes,
  type ClientMessage,
  type ErrorCode,
  type OpenedSession,
  type OptionDef,
  type Parsed,
  type ProjectorCheckpoint,
  type ServerMessage,
  type StudentCheckpoint,
} from './protocol';

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
          code: str(m.code, 'code', CODE_LENGTH, CODE_PATTERN),
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

/** The fields a student's and the projector's view of a checkpoint share, read from `c`. */
function checkpointCore(c: Obj): Pick<StudentCheckpoint, 'id' | 'question' | 'options' | 'state'> {
  return {
    id: id(c.id, 'checkpoint id'),
    question: str(c.question, 'question', LIMITS.question),
    options: options(c.options),
    state: state(c.state),
  };
}

function studentCheckpoint(v: unknown): StudentCheckpoint {
  const c = obj(v, 'checkpoint');
  return {
    ...checkpointCore(c),
    answer: nullable(c.answer, (x) => id(x, 'answer')),
    outcome: nullable(c.outcome, outcome),
  };
}

function projectorCheckpoint(v: unknown): ProjectorCheckpoint {
  const c = obj(v, 'checkpoint');
  return {
    ...checkpointCore(c),
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
          code: str(m.code, 'code', CODE_LENGTH, CODE_PATTERN),
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
            code: str(s.code, 'code', CODE_LENGTH, CODE_PATTERN),
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
      code: str(o.code, 'code', CODE_LENGTH, CODE_PATTERN),
      token: id(o.token, 'token'),
      codeExpiresAt: num(o.codeExpiresAt, 'codeExpiresAt'),
      joinUrl: str(o.joinUrl, 'joinUrl', 500, /^https?:\/\//),
    };
  });
}
