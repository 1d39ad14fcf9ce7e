/** A class server on an ephemeral loopback port with a temporary data directory, and a test client. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { parseServerMessage } from '../../src/class/parsers';
import type { ClientMessage, OpenedSession, ServerMessage } from '../../src/class/protocol';
import { startClassServer, type ClassServer, type ClassServerOptions } from '../app';

export async function startTestServer(o: Partial<ClassServerOptions> = {}) {
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'class-test-'));
  const server: ClassServer = await startClassServer({
    port: 0,
    host: '127.0.0.1',
    distDir: null,
    ...o,
    dataDir,
  });
  return {
    server,
    dataDir,
    async open(): Promise<OpenedSession> {
      const r = await fetch(`${server.url}/api/sessions`, {
        method: 'POST',
        headers: { origin: server.url },
      });
      if (r.status !== 201) throw new Error(`open: ${r.status}`);
      return (await r.json()) as OpenedSession;
    },
    async exportCsv(s: OpenedSession, token = s.token) {
      const r = await fetch(`${server.url}/api/sessions/${s.session}/export.csv`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return { status: r.status, text: await r.text() };
    },
    async stop(keepData = false) {
      await server.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A WebSocket client that keeps every message, to wait for the next of a kind. */
export class TestClient {
  readonly messages: ServerMessage[] = [];
  private waiters: (() => void)[] = [];
  closeCode: number | null = null;
  private closed: Promise<number>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (d: Buffer) => {
      const m = parseServerMessage(d.toString());
      if (!m.ok) throw new Error(`the server sent an invalid message: ${m.message}`);
      this.messages.push(m.value);
      for (const w of this.waiters.splice(0)) w();
    });
    this.closed = new Promise((r) =>
      ws.on('close', (code) => {
        this.closeCode = code;
        for (const w of this.waiters.splice(0)) w();
        r(code);
      }),
    );
  }

  static async connect(url: string, origin = url): Promise<TestClient> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/ws`, { origin });
    await new Promise<void>((ok, fail) => {
      ws.once('open', () => ok());
      ws.once('error', fail);
    });
    return new TestClient(ws);
  }

  send(m: ClientMessage | string) {
    this.ws.send(typeof m === 'string' ? m : JSON.stringify(m));
  }

  /** The first message (after `from`) that passes `test`; waits up to 5 s. */
  async next<T extends ServerMessage['type']>(
    type: T,
    test: (m: Extract<ServerMessage, { type: T }>) => boolean = () => true,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const found = this.messages.find(
        (m): m is Extract<ServerMessage, { type: T }> =>
          m.type === type && test(m as Extract<ServerMessage, { type: T }>),
      );
      if (found) {
        this.messages.splice(this.messages.indexOf(found), 1);
        return found;
      }
      if (this.closeCode !== null) throw new Error(`closed (${this.closeCode}) while waiting for ${type}`);
      if (Date.now() > deadline) throw new Error(`no ${type} message in 5 s`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 100);
      });
    }
  }

  whenClosed(): Promise<number> {
    return this.closed;
  }

  close() {
    this.ws.close();
  }
}

/** An instructor connection with one checkpoint asked, and `n` students joined. */
export async function classWithStudents(url: string, s: OpenedSession, n: number) {
  const teacher = await TestClient.connect(url);
  teacher.send({ type: 'instructor', session: s.session, token: s.token });
  await teacher.next('state');
  teacher.send({
    type: 'open',
    checkpoint: 'q1',
    question: 'Which?',
    options: [
      { value: 'a', label: 'A' },
      { value: 'b', label: 'B' },
    ],
  });
  await teacher.next('state', (m) => m.state.checkpoints.length === 1);
  const students: TestClient[] = [];
  for (let i = 0; i < n; i++) {
    const c = await TestClient.connect(url);
    c.send({ type: 'join', code: s.code, student: `student-${i}` });
    await c.next('joined');
    students.push(c);
  }
  return { teacher, students };
}
