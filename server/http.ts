/**
 * The class server's plain HTTP helpers: JSON answers, bounded request bodies, the origin check
 * shared by the API and the WebSocket upgrade, join-link bases, and the built lab's static files.
 */
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { SECURITY_HEADERS } from '../scripts/lib/csp';

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

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/** A non-internal IPv4 address of this machine, for join links when the instructor uses loopback. */
function lanAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}

/** Answers `body` as JSON, never cached, with the lab's security headers. */
export function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

/** The origins allowed to call the API and open WebSockets: this server's, and those named. */
export function originAllowed(req: IncomingMessage, origins: string[] | undefined): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  if (origins?.includes(origin)) return true;
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * The base of join links (no trailing slash): `publicUrl` when given, else the request's host, with
 * a LAN address in place of loopback when the server listens beyond loopback.
 */
export function joinBase(
  req: IncomingMessage,
  o: { publicUrl?: string; host: string },
  port: number,
): string {
  if (o.publicUrl) return o.publicUrl.replace(/\/+$/, '');
  const host = req.headers.host ?? `127.0.0.1:${port}`;
  const [name] = host.startsWith('[') ? [host.slice(0, host.indexOf(']') + 1)] : host.split(':');
  const lan = LOOPBACK.test(name ?? '') && !LOOPBACK.test(o.host) ? lanAddress() : null;
  return `http://${lan ? `${lan}:${port}` : host}`;
}

/** The request body as UTF-8, or null once it passes `max` bytes. */
export async function readBody(req: IncomingMessage, max: number): Promise<string | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Serves `path` from the resolved `dist` folder (null: API only), never a file outside it. */
export async function serveStatic(
  dist: string | null,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
) {
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
