/**
 * The class session's messages, shared by the class server (server/) and the page (src/class/).
 * Both ends validate every message they receive with the parsers of ./parsers.ts, so a message that does not
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

/** A whole join code, as the parsers accept it. */
export const CODE_PATTERN = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

/** A code as typed by a student: upper case, spaces and dashes dropped; null when it cannot be one. */
export function normaliseCode(typed: string): string | null {
  const c = typed.toUpperCase().replace(/[\s-]/g, '');
  return CODE_PATTERN.test(c) ? c : null;
}
