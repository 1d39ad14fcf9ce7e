/**
 * A session while the server runs: its state and log, the connections in it, and what is sent to
 * them (the projector's counts batched once per turn of the event loop).
 */
import { timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';
import type { WebSocket } from 'ws';
import type { ErrorCode, ServerMessage } from '../src/class/protocol';
import type { TokenBucket } from './limits';
import type { SessionLog } from './log';
import { sha256, type LogRecord, type SessionState } from './session';

export interface Live {
  state: SessionState;
  log: SessionLog;
  qrSvg: string;
  students: Set<Client>;
  projectors: Set<Client>;
  /** Checkpoints whose counts changed since the projector last heard. */
  dirty: Set<string>;
  studentsDirty: boolean;
  scheduled: boolean;
}

export interface Client {
  ws: WebSocket;
  bucket: TokenBucket;
  refused: number;
  lastRefusalAt: number;
  role: { kind: 'student'; live: Live; student: string } | { kind: 'instructor'; live: Live } | null;
}

/** A live session for `state`, with its join QR code drawn once. */
export async function makeLive(state: SessionState, sessionLog: SessionLog): Promise<Live> {
  const qrSvg = await QRCode.toString(state.header.joinUrl, {
    type: 'svg',
    margin: 2,
    errorCorrectionLevel: 'M',
  });
  return {
    state,
    log: sessionLog,
    qrSvg,
    students: new Set(),
    projectors: new Set(),
    dirty: new Set(),
    studentsDirty: false,
    scheduled: false,
  };
}

/** Whether `token` is the instructor's (its hash compared in constant time). */
export function tokenMatches(live: Live, token: string): boolean {
  const a = Buffer.from(sha256(token), 'hex');
  const b = Buffer.from(live.state.header.tokenHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Sends `m` if the connection is still open. */
export function send(c: Client, m: ServerMessage) {
  if (c.ws.readyState === c.ws.OPEN) c.ws.send(JSON.stringify(m));
}

/** Sends an error message; the connection stays open. */
export function refuse(c: Client, code: ErrorCode, message: string) {
  send(c, { type: 'error', code, message });
}

/** Sends the projector (and students) what changed, once per turn of the event loop. */
export function schedule(live: Live, checkpoint: string | null, students = false) {
  if (checkpoint) live.dirty.add(checkpoint);
  if (students) live.studentsDirty = true;
  if (live.scheduled) return;
  live.scheduled = true;
  setImmediate(() => {
    live.scheduled = false;
    for (const id of live.dirty) {
      const p = live.state.projectorCheckpoint(id);
      for (const c of live.projectors)
        send(c, { type: 'counts', checkpoint: id, total: p.total, counts: p.counts });
    }
    live.dirty.clear();
    if (live.studentsDirty) {
      live.studentsDirty = false;
      const m: ServerMessage = {
        type: 'students',
        joined: live.state.students.size,
        connected: live.students.size,
      };
      for (const c of live.projectors) send(c, m);
    }
  });
}

/** The projector's whole view of the session. */
export function projectorState(live: Live) {
  return live.state.projectorState({ connected: live.students.size, qrSvg: live.qrSvg });
}

/** Sends every projector the whole state. */
export function toProjectors(live: Live) {
  const m: ServerMessage = { type: 'state', state: projectorState(live) };
  for (const c of live.projectors) send(c, m);
}

/** Sends every student their own view of one checkpoint. */
export function toStudents(live: Live, checkpoint: string) {
  for (const c of live.students)
    if (c.role?.kind === 'student')
      send(c, { type: 'checkpoint', checkpoint: live.state.studentCheckpoint(checkpoint, c.role.student) });
}

/** Applies a record now and writes it; resolves once it is on disk. */
export function record(live: Live, r: LogRecord): Promise<void> {
  live.state.apply(r);
  return live.log.append(r);
}
