/**
 * The load test's parts (./load.ts): the server it crashes and restarts, a seeded generator,
 * latency quantiles, and the simulated browser that reconnects and sends again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { WebSocket } from 'ws';
import { parseServerMessage } from '../src/class/parsers';
import type { ClientMessage } from '../src/class/protocol';
import { startClassServer, type ClassServer } from './app';

/** A class server the load test can crash and stop: in its own process or in this one. */
export interface Server {
  url: string;
  port: number;
  crash(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a class server on `port` (API only) over `dataDir`. */
export async function startServer(
  mode: 'child' | 'in-process',
  dataDir: string,
  port: number,
): Promise<Server> {
  if (mode === 'in-process') {
    const s: ClassServer = await startClassServer({ port, host: '127.0.0.1', dataDir, distDir: null });
    return {
      url: s.url,
      port: s.port,
      crash: async () => s.crash(),
      close: () => s.close(),
    };
  }
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/main.ts',
      '--api-only',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--data',
      dataDir,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /API at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the class server exited (${code}) before it started`)));
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    url,
    port: Number(new URL(url).port),
    crash: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A small seeded generator (mulberry32), so a run's answers are the same every time. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The median, 95th percentile and maximum of `xs`, rounded (NaN when empty). */
export function quantiles(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]! : NaN);
  return { p50: Math.round(q(0.5)), p95: Math.round(q(0.95)), max: Math.round(s[s.length - 1] ?? NaN) };
}

/**
 * One simulated browser: reconnects after a drop, signs in again (join or instructor) and sends
 * again whatever was not acknowledged, like the page's own client.
 */
export class SimClient {
  ws: WebSocket | null = null;
  ready = false;
  closed = false;
  onMessage: (m: ReturnType<typeof parseServerMessage>) => void = () => {};
  onReady: () => void = () => {};

  constructor(
    private url: () => string,
    private hello: ClientMessage,
  ) {}

  connect() {
    if (this.closed) return;
    const base = this.url();
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/api/ws`, { origin: base });
    this.ws = ws;
    ws.on('open', () => ws.send(JSON.stringify(this.hello)));
    ws.on('message', (d: Buffer) => {
      const m = parseServerMessage(d.toString());
      if (m.ok && (m.value.type === 'joined' || m.value.type === 'state') && !this.ready) {
        this.ready = true;
        this.onReady();
      }
      this.onMessage(m);
    });
    const retry = () => {
      if (this.ws !== ws) return;
      this.ready = false;
      this.ws = null;
      setTimeout(() => this.connect(), 100 + Math.random() * 200);
    };
    ws.on('close', retry);
    ws.on('error', () => {});
  }

  send(m: ClientMessage): boolean {
    if (!this.ready || this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(m));
    return true;
  }

  close() {
    this.closed = true;
    this.ws?.close();
  }
}
