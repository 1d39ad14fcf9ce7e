/**
 * The class session server: serves the built lab (dist/) and a small API on one origin, so the
 * lab's CSP (connect-src 'self') names exactly this server.
 *
 * - POST /api/sessions opens a session: a join code and the instructor's token (only its hash is
 *   stored). GET /api/sessions/<id>/export.csv (Bearer token) exports it.
 * - /api/ws: one WebSocket per browser; the Origin of every upgrade must be this server's own
 *   (or one named with --origin). Every message is size-limited, rate-limited and validated
 *   (src/class/parsers.ts) before it is acted on, and refused with a clear error otherwise.
 * - /join/<code> and /class redirect to the lab's student and instructor pages.
 * Answers are written to the session's log (./log.ts) and acknowledged once on disk.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { SECURITY_HEADERS } from '../scripts/lib/csp';
import { parseClientMessage } from '../src/class/parsers';
import { CODE_ALPHABET, CODE_LENGTH, LIMITS, type OpenedSession } from '../src/class/protocol';
import { joinBase, json, originAllowed, readBody, serveStatic } from './http';
import { KeyedBuckets, TokenBucket, type Rate } from './limits';
import { makeLive, refuse, schedule, tokenMatches, type Client, type Live } from './live';
import { applyRetention, readLogs, SessionLog, sessionsDir } from './log';
import { handleMessage, type Hub } from './messages';
import { SessionState, sha256, type LogRecord } from './session';

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

const randomId = (bytes: number) => randomBytes(bytes).toString('base64url');

function randomCode(): string {
  const b = randomBytes(CODE_LENGTH);
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[b[i]! % CODE_ALPHABET.length];
  return s;
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
  const hub: Hub = { byId, byCode, log };
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

  // --- HTTP ---
  const httpBuckets = new KeyedBuckets({ burst: 20, perSecond: 0.5 });
  const server = createServer((req, res) => {
    handleHttp(req, res).catch((e: unknown) => {
      log(`http error: ${(e as Error).message}`);
      if (!res.headersSent) json(res, 500, { error: 'server', message: 'The server failed.' });
    });
  });

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
      joinUrl: `${joinBase(req, o, port)}/join/${code}`,
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
        if (!originAllowed(req, o.origins))
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
    await serveStatic(dist, path, req, res);
  }

  // --- WebSockets ---
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.frameBytes });
  const clients = new Set<Client>();

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/api/ws') return refuse('404 Not Found');
    if (!originAllowed(req, o.origins)) return refuse('403 Forbidden');
    if (clients.size >= maxConnections) return refuse('503 Service Unavailable');
    wss.handleUpgrade(req, socket, head, (ws) => connected(ws));
  });

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
    handleMessage(hub, c, parsed.value).catch((e: unknown) => {
      log(`message failed: ${(e as Error).message}`);
      refuse(c, 'server', 'The server could not store that; send it again.');
    });
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
