/**
 * The class session server: serves the built lab (dist/) and a small API on one origin, so the
 * lab's CSP (connect-src 'self') names exactly this server.
 *
 * - POST /api/sessions opens a session: a join code and the instructor's token (only its hash is
 *   stored). GET /api/sessions/<id>/export.csv (Bearer token) exports it.
 * - /api/ws: one WebSocket per browser; the Origin of every upgrade must be this server's own
 *   (or one named with --origin). Every message is size-limited, rate-limited and validated
 *   (src/class/protocol.ts) before it is acted on, and refused with a clear error otherwise.
 * - /join/<code> and /class redirect to the lab's student and instructor pages.
 * Answers are written to the session's log (./log.ts) and acknowledged once on disk.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import QRCode from 'qrcode';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { SECURITY_HEADERS } from '../scripts/lib/csp';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  LIMITS,
  parseClientMessage,
  type ClientMessage,
  type ErrorCode,
  type OpenedSession,
  type ServerMessage,
} from '../src/class/protocol';
import { KeyedBuckets, TokenBucket, type Rate } from './limits';
import { applyRetention, readLogs, SessionLog, sessionsDir } from './log';
import { pseudonym, SessionState, sha256, type LogRecord } from './session';

export interface ClassServerOptions {
  port: number;
  host: string;
  dataDir: string;
  /** The built lab to serve; null serves the API only. */
  distDir: string | null;
  /** The address students use (for join links and the QR code); by default derived from the request. */
  publicUrl?: string;
  /** Origins allowed besides the server's own (e.g. behind a proxy: https://class.example.edu). */
  origins?: string[];
  /** How long a join code admits new students. */
  codeTtlMinutes?: number;
  /** A session's log is deleted this many days after its last write. */
  retentionDays?: number;
  /** When set, opening a session needs this key. */
  instructorKey?: string;
  /** Per-connection message rate. */
  rate?: Rate;
  /** Refused messages after which a flooding connection is closed. */
  floodClose?: number;
  maxConnections?: number;
  log?: (line: string) => void;
}

export interface ClassServer {
  url: string;
  port: number;
  /** Graceful stop: every queued answer is written, then connections close (1001). */
  close(): Promise<void>;
  /** A crash, for tests: sockets cut, queued writes dropped, nothing more acknowledged. */
  crash(): void;
  /** Figures for the load test. */
  stats(): { syncs: number; lines: number; connections: number };
}

interface Live {
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

interface Client {
  ws: WebSocket;
  bucket: TokenBucket;
  refused: number;
  lastRefusalAt: number;
  role: { kind: 'student'; live: Live; student: string } | { kind: 'instructor'; live: Live } | null;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

const randomId = (bytes: number) => randomBytes(bytes).toString('base64url');

function randomCode(): string {
  const b = randomBytes(CODE_LENGTH);
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[b[i]! % CODE_ALPHABET.length];
  return s;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/** A non-internal IPv4 address of this machine, for join links when the instructor uses loopback. */
function lanAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}

export async function startClassServer(o: ClassServerOptions): Promise<ClassServer> {
  const log = o.log ?? (() => {});
  const rate = o.rate ?? { burst: 30, perSecond: 10 };
  const floodClose = o.floodClose ?? 300;
  const maxConnections = o.maxConnections ?? 5000;
  const codeTtl = (o.codeTtlMinutes ?? 180) * 60_000;
  const retentionDays = o.retentionDays ?? 30;
  const dir = sessionsDir(o.dataDir);
  const dist = o.distDir ? resolve(o.distDir) : null;

  // --- the sessions, from their logs ---
  const byId = new Map<string, Live>();
  const byCode = new Map<string, Live>();
  for (const id of applyRetention(o.dataDir, retentionDays)) log(`retention: deleted session ${id}`);
  for (const { header, records, path, skipped } of await readLogs(o.dataDir)) {
    const state = new SessionState(header);
    for (const r of records) state.apply(r);
    const live = await makeLive(state, await SessionLog.open(path));
    byId.set(state.id, live);
    if (!state.closed) byCode.set(header.code, live);
    if (skipped) log(`session ${state.id}: skipped ${skipped} unreadable line(s) (a torn write)`);
  }
  const retention = setInterval(() => {
    for (const id of applyRetention(o.dataDir, retentionDays)) {
      const live = byId.get(id);
      if (live) {
        for (const c of [...live.students, ...live.projectors]) c.ws.close(1001, 'session deleted');
        live.log.abandon();
        byId.delete(id);
        byCode.delete(live.state.header.code);
      }
      log(`retention: deleted session ${id}`);
    }
  }, 6 * 3600_000);
  retention.unref();

  async function makeLive(state: SessionState, sessionLog: SessionLog): Promise<Live> {
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

  // --- HTTP ---
  const httpBuckets = new KeyedBuckets({ burst: 20, perSecond: 0.5 });
  const server = createServer((req, res) => {
    handleHttp(req, res).catch((e: unknown) => {
      log(`http error: ${(e as Error).message}`);
      if (!res.headersSent) json(res, 500, { error: 'server', message: 'The server failed.' });
    });
  });

  function json(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      'content-type': 'application/json',
      'cache-control': 'no-store',
    });
    res.end(JSON.stringify(body));
  }

  /** The origins allowed to call the API and open WebSockets: this server's, and those named. */
  function originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (!origin) return false;
    if (o.origins?.includes(origin)) return true;
    try {
      const u = new URL(origin);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.host === req.headers.host;
    } catch {
      return false;
    }
  }

  function joinBase(req: IncomingMessage): string {
    if (o.publicUrl) return o.publicUrl.replace(/\/+$/, '');
    const host = req.headers.host ?? `127.0.0.1:${port}`;
    const [name] = host.startsWith('[') ? [host.slice(0, host.indexOf(']') + 1)] : host.split(':');
    const lan = LOOPBACK.test(name ?? '') && !LOOPBACK.test(o.host) ? lanAddress() : null;
    return `http://${lan ? `${lan}:${port}` : host}`;
  }

  async function readBody(req: IncomingMessage, max: number): Promise<string | null> {
    let size = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > max) return null;
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  function tokenMatches(live: Live, token: string): boolean {
    const a = Buffer.from(sha256(token), 'hex');
    const b = Buffer.from(live.state.header.tokenHash, 'hex');
    return a.length === b.length && timingSafeEqual(a, b);
  }

  async function openSession(req: IncomingMessage): Promise<OpenedSession> {
    let code = randomCode();
    while (byCode.has(code)) code = randomCode();
    const id = randomId(12);
    const token = randomId(24);
    const now = Date.now();
    const header: LogRecord & { e: 'session' } = {
      e: 'session',
      v: 1,
      id,
      code,
      tokenHash: sha256(token),
      createdAt: now,
      codeExpiresAt: now + codeTtl,
      joinUrl: `${joinBase(req)}/join/${code}`,
    };
    const sessionLog = await SessionLog.open(join(dir, `${id}.jsonl`));
    await sessionLog.append(header);
    const live = await makeLive(new SessionState(header), sessionLog);
    byId.set(id, live);
    byCode.set(code, live);
    log(`session ${id} opened, join code ${code}`);
    return { session: id, code, token, codeExpiresAt: header.codeExpiresAt, joinUrl: header.joinUrl };
  }

  async function handleHttp(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    const ip = req.socket.remoteAddress ?? '';

    if (path.startsWith('/api/')) {
      if (!httpBuckets.take(ip))
        return json(res, 429, { error: 'rate-limited', message: 'Too many requests: wait a few seconds.' });
      if (path === '/api/health' && req.method === 'GET') return json(res, 200, { ok: true });
      if (path === '/api/sessions' && req.method === 'POST') {
        if (!originAllowed(req))
          return json(res, 403, {
            error: 'origin',
            message: 'Sessions are opened from the lab this server serves.',
          });
        const body = await readBody(req, 1024);
        if (body === null)
          return json(res, 413, { error: 'too-large', message: 'The request is too large.' });
        let key: unknown;
        try {
          key = body.trim() ? (JSON.parse(body) as { key?: unknown }).key : undefined;
        } catch {
          return json(res, 400, { error: 'bad-json', message: 'The request is not JSON.' });
        }
        if (o.instructorKey !== undefined && key !== o.instructorKey)
          return json(res, 401, {
            error: 'instructor-key',
            message: 'This server needs the instructor key to open a session.',
          });
        return json(res, 201, await openSession(req));
      }
      const m = /^\/api\/sessions\/([A-Za-z0-9_-]{1,64})\/export\.csv$/.exec(path);
      if (m && req.method === 'GET') {
        const live = byId.get(m[1]!);
        const token = /^Bearer ([A-Za-z0-9_-]{1,64})$/.exec(req.headers.authorization ?? '')?.[1];
        if (!live || !token || !tokenMatches(live, token))
          return json(res, 401, {
            error: 'bad-token',
            message: 'Only the instructor’s token can export a session.',
          });
        res.writeHead(200, {
          ...SECURITY_HEADERS,
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="class-${live.state.header.code}-${live.state.id}.csv"`,
          'cache-control': 'no-store',
        });
        return res.end(live.state.csv());
      }
      return json(res, 404, { error: 'not-found', message: 'No such API.' });
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, SECURITY_HEADERS).end();
      return;
    }
    // Short addresses for a projector and a phone: /join/<code> and /class.
    const join = /^\/join(?:\/([A-Za-z0-9-]{1,16}))?\/?$/.exec(path);
    if (join) {
      res.writeHead(302, { ...SECURITY_HEADERS, location: `/?join=${encodeURIComponent(join[1] ?? '')}` });
      return res.end();
    }
    if (path === '/class' || path === '/class/') {
      res.writeHead(302, { ...SECURITY_HEADERS, location: '/?class#/lab' });
      return res.end();
    }
    await serveStatic(path, req, res);
  }

  async function serveStatic(path: string, req: IncomingMessage, res: ServerResponse) {
    if (!dist) {
      res.writeHead(404, SECURITY_HEADERS).end('This class server serves the API only.');
      return;
    }
    let rel: string;
    try {
      rel = normalize(decodeURIComponent(path)).replace(/^[/\\]+/, '');
    } catch {
      res.writeHead(400, SECURITY_HEADERS).end();
      return;
    }
    let file = resolve(dist, rel || 'index.html');
    if (file !== dist && !file.startsWith(dist + sep)) {
      res.writeHead(404, SECURITY_HEADERS).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const fresh = /\.html$|sw\.js$/.test(file);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': type,
        'cache-control': fresh ? 'no-cache' : 'public, max-age=3600',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain' }).end('Not found');
    }
  }

  // --- WebSockets ---
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.frameBytes });
  const clients = new Set<Client>();

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/api/ws') return refuse('404 Not Found');
    if (!originAllowed(req)) return refuse('403 Forbidden');
    if (clients.size >= maxConnections) return refuse('503 Service Unavailable');
    wss.handleUpgrade(req, socket, head, (ws) => connected(ws));
  });

  function send(c: Client, m: ServerMessage) {
    if (c.ws.readyState === c.ws.OPEN) c.ws.send(JSON.stringify(m));
  }
  function refuse(c: Client, code: ErrorCode, message: string) {
    send(c, { type: 'error', code, message });
  }

  function connected(ws: WebSocket) {
    const c: Client = { ws, bucket: new TokenBucket(rate), refused: 0, lastRefusalAt: 0, role: null };
    clients.add(c);
    let alive = true;
    ws.on('pong', () => (alive = true));
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, 30_000);
    ping.unref();
    ws.on('message', (data: RawData, isBinary: boolean) => onMessage(c, data, isBinary));
    ws.on('error', () => {}); // a too-large frame: ws closes the connection with 1009 by itself
    ws.on('close', () => {
      clearInterval(ping);
      clients.delete(c);
      if (c.role?.kind === 'student') {
        c.role.live.students.delete(c);
        schedule(c.role.live, null, true);
      } else if (c.role?.kind === 'instructor') c.role.live.projectors.delete(c);
    });
  }

  function onMessage(c: Client, data: RawData, isBinary: boolean) {
    if (!c.bucket.take()) {
      c.refused += 1;
      const now = Date.now();
      if (now - c.lastRefusalAt > 1000) {
        c.lastRefusalAt = now;
        refuse(
          c,
          'rate-limited',
          `Too many messages: at most ${rate.perSecond} a second. Wait, then send again.`,
        );
      }
      if (c.refused >= floodClose) c.ws.close(1008, 'rate limit exceeded');
      return;
    }
    if (isBinary) return refuse(c, 'bad-message', 'Send JSON text, not binary.');
    const text = Buffer.isBuffer(data)
      ? data.toString('utf8')
      : Buffer.concat(data as Buffer[]).toString('utf8');
    const parsed = parseClientMessage(text);
    if (!parsed.ok) return refuse(c, parsed.code, parsed.message);
    handle(c, parsed.value).catch((e: unknown) => {
      log(`message failed: ${(e as Error).message}`);
      refuse(c, 'server', 'The server could not store that; send it again.');
    });
  }

  /** Sends the projector (and students) what changed, once per turn of the event loop. */
  function schedule(live: Live, checkpoint: string | null, students = false) {
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

  function projectorState(live: Live) {
    return live.state.projectorState({ connected: live.students.size, qrSvg: live.qrSvg });
  }
  function toProjectors(live: Live) {
    const m: ServerMessage = { type: 'state', state: projectorState(live) };
    for (const c of live.projectors) send(c, m);
  }
  function toStudents(live: Live, checkpoint: string) {
    for (const c of live.students)
      if (c.role?.kind === 'student')
        send(c, { type: 'checkpoint', checkpoint: live.state.studentCheckpoint(checkpoint, c.role.student) });
  }

  /** Applies a record now and writes it; resolves once it is on disk. */
  function record(live: Live, r: LogRecord): Promise<void> {
    live.state.apply(r);
    return live.log.append(r);
  }

  async function handle(c: Client, m: ClientMessage): Promise<void> {
    const now = Date.now();
    if (m.type === 'join') {
      if (c.role) return refuse(c, 'bad-message', 'This connection has already joined.');
      const live = byCode.get(m.code);
      if (!live) return refuse(c, 'bad-code', 'No open session has this code: check it on the projector.');
      const s = pseudonym(live.state.id, m.student);
      if (!live.state.students.has(s)) {
        if (now > live.state.header.codeExpiresAt)
          return refuse(
            c,
            'code-expired',
            'This join code has expired: ask the instructor for a new session.',
          );
        if (live.students.size >= 2000) return refuse(c, 'full', 'This session is full.');
      }
      // The role is set at once, so messages that follow are logged after the join.
      c.role = { kind: 'student', live, student: s };
      if (!live.state.students.has(s)) await record(live, { e: 'join', s, at: now });
      if (c.ws.readyState !== c.ws.OPEN) return;
      live.students.add(c);
      send(c, {
        type: 'joined',
        session: live.state.id,
        code: live.state.header.code,
        checkpoints: live.state.studentCheckpoints(s),
      });
      schedule(live, null, true);
      return;
    }
    if (m.type === 'instructor') {
      if (c.role) return refuse(c, 'bad-message', 'This connection has already signed in.');
      const live = byId.get(m.session);
      if (!live || !tokenMatches(live, m.token)) {
        refuse(
          c,
          'bad-token',
          'Wrong instructor token: only the instructor who opened the session can run it.',
        );
        c.ws.close(4401, 'bad token');
        return;
      }
      c.role = { kind: 'instructor', live };
      live.projectors.add(c);
      send(c, { type: 'state', state: projectorState(live) });
      return;
    }
    if (m.type === 'answer') {
      if (c.role?.kind !== 'student') return refuse(c, 'not-joined', 'Join the session with its code first.');
      const { live, student } = c.role;
      if (live.state.closed) return refuse(c, 'closed', 'The session has ended.');
      const cp = live.state.checkpoints.get(m.checkpoint);
      if (!cp || cp.state !== 'open')
        return refuse(c, 'not-open', 'This checkpoint is not taking answers (not asked yet, or revealed).');
      if (!cp.options.some((op) => op.value === m.option))
        return refuse(c, 'bad-option', 'That is not one of this checkpoint’s options.');
      await record(live, { e: 'answer', c: m.checkpoint, s: student, o: m.option, at: now });
      send(c, { type: 'ack', checkpoint: m.checkpoint, option: m.option });
      schedule(live, m.checkpoint);
      return;
    }
    // The instructor's messages.
    if (c.role?.kind !== 'instructor')
      return refuse(c, 'not-instructor', 'Only the instructor’s token can open, reveal or close.');
    const { live } = c.role;
    if (live.state.closed) return refuse(c, 'closed', 'The session has ended.');
    switch (m.type) {
      case 'open': {
        if (!live.state.checkpoints.has(m.checkpoint)) {
          if (live.state.checkpoints.size >= LIMITS.checkpoints)
            return refuse(c, 'full', `A session holds at most ${LIMITS.checkpoints} checkpoints.`);
          await record(live, { e: 'open', c: m.checkpoint, q: m.question, o: m.options, at: now });
        }
        toProjectors(live);
        toStudents(live, m.checkpoint);
        return;
      }
      case 'hide':
        await record(live, { e: 'hide', h: m.hidden, at: now });
        toProjectors(live);
        return;
      case 'reveal': {
        const cp = live.state.checkpoints.get(m.checkpoint);
        if (!cp) return refuse(c, 'not-open', 'Ask the class this checkpoint before revealing it.');
        if (!m.outcome.every((v) => cp.options.some((op) => op.value === v)))
          return refuse(c, 'bad-option', 'The outcome names an option this checkpoint does not have.');
        if (cp.state === 'open')
          await record(live, { e: 'reveal', c: m.checkpoint, out: m.outcome, at: now });
        toProjectors(live);
        toStudents(live, m.checkpoint);
        return;
      }
      case 'close':
        await record(live, { e: 'close', at: now });
        byCode.delete(live.state.header.code);
        for (const s of live.students) send(s, { type: 'closed' });
        toProjectors(live);
        log(`session ${live.state.id} closed`);
        return;
    }
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(o.port, o.host, () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = o.host === '0.0.0.0' || o.host === '::' ? '127.0.0.1' : o.host;
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;

  const stopHttp = () => {
    clearInterval(retention);
    server.close();
    server.closeAllConnections();
  };

  return {
    url,
    port,
    async close() {
      for (const c of clients) c.ws.close(1001, 'server stopping');
      stopHttp();
      await Promise.all([...byId.values()].map((l) => l.log.close()));
    },
    crash() {
      for (const l of byId.values()) l.log.abandon();
      for (const c of clients) c.ws.terminate();
      stopHttp();
    },
    stats() {
      let syncs = 0;
      let lines = 0;
      for (const l of byId.values()) {
        syncs += l.log.syncs;
        lines += l.log.lines;
      }
      return { syncs, lines, connections: clients.size };
    },
  };
}

/** Whether dist/ holds a built lab. */
export function hasBuild(distDir: string): boolean {
  return existsSync(join(distDir, 'index.html'));
}
