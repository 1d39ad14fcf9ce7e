/**
 * The class server's bad inputs: each gets a clear refusal, and nothing already stored is lost
 * (checked in the export). A real server on an ephemeral loopback port, a temporary data directory.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { LIMITS, type ClientMessage } from '../../src/class/protocol';
import { classWithStudents, startTestServer, TestClient } from './harness';

let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
});

async function setup(o: Parameters<typeof startTestServer>[0] = {}) {
  const t = await startTestServer(o);
  stop = () => t.stop();
  const s = await t.open();
  const { teacher, students } = await classWithStudents(t.server.url, s, 2);
  const [alice, bob] = students as [TestClient, TestClient];
  alice.send({ type: 'answer', checkpoint: 'q1', option: 'a' });
  await alice.next('ack');
  /** The export's answer rows. */
  const rows = async () => (await t.exportCsv(s)).text.trim().split('\r\n').slice(1);
  return { t, s, teacher, alice, bob, rows };
}

describe('class server: bad inputs are refused, and nothing is lost', () => {
  it('an oversized message: too-large, the connection stays; a frame over the limit closes it (1009)', async () => {
    const { alice, bob, rows } = await setup();
    alice.send(
      JSON.stringify({ type: 'answer', checkpoint: 'q1', option: 'b', pad: 'x'.repeat(LIMITS.messageBytes) }),
    );
    const e = await alice.next('error');
    expect(e.code).toBe('too-large');
    expect(e.message).toMatch(/limited to 8192 bytes/);
    // Still connected: a good answer after it is stored.
    bob.send({ type: 'answer', checkpoint: 'q1', option: 'b' });
    await bob.next('ack');
    alice.send('x'.repeat(LIMITS.frameBytes + 1));
    expect(await alice.whenClosed()).toBe(1009);
    expect((await rows()).map((r) => r.split(',')[4]).sort()).toEqual(['a', 'b']);
  });

  it('a wrong token: bad-token and the connection closes (4401); export 401; a student cannot reveal', async () => {
    const { t, s, teacher, alice, rows } = await setup();
    const intruder = await TestClient.connect(t.server.url);
    intruder.send({ type: 'instructor', session: s.session, token: 'not-the-token' });
    expect((await intruder.next('error')).code).toBe('bad-token');
    expect(await intruder.whenClosed()).toBe(4401);
    const csv = await t.exportCsv(s, 'not-the-token');
    expect(csv.status).toBe(401);
    expect(JSON.parse(csv.text)).toMatchObject({ error: 'bad-token' });
    for (const m of [
      { type: 'reveal', checkpoint: 'q1', outcome: ['a'] },
      { type: 'close' },
      { type: 'hide', hidden: true },
    ] satisfies ClientMessage[]) {
      alice.send(m);
      expect((await alice.next('error')).code).toBe('not-instructor');
    }
    // The session is still open, the answer still counted.
    teacher.send({ type: 'hide', hidden: false });
    const state = (await teacher.next('state')).state;
    expect(state.closed).toBe(false);
    expect(state.checkpoints[0]).toMatchObject({ state: 'open', total: 1, counts: [1, 0] });
    expect(await rows()).toHaveLength(1);
  });

  it('a flood from one client: rate-limited, then closed (1008); the others go on', async () => {
    const { alice, bob, teacher, rows } = await setup({ rate: { burst: 10, perSecond: 5 }, floodClose: 100 });
    for (let i = 0; i < 300; i++) alice.send({ type: 'answer', checkpoint: 'q1', option: i % 2 ? 'a' : 'b' });
    const e = await alice.next('error', (m) => m.code === 'rate-limited');
    expect(e.message).toMatch(/Too many messages/);
    expect(await alice.whenClosed()).toBe(1008);
    bob.send({ type: 'answer', checkpoint: 'q1', option: 'b' });
    await bob.next('ack');
    await teacher.next('counts', (m) => m.total === 2);
    // Alice's messages within her rate were taken (her last one counts); Bob's answer too.
    expect(await rows()).toHaveLength(2);
  });

  it('malformed JSON and ill-formed messages: bad-json and bad-message, the connection stays', async () => {
    const { alice, rows } = await setup();
    alice.send('{"type": "answer", "checkpoint": ');
    expect(await alice.next('error')).toMatchObject({
      code: 'bad-json',
      message: 'The message is not JSON.',
    });
    alice.send({ type: 'answer', checkpoint: 'q1' } as never);
    expect((await alice.next('error')).code).toBe('bad-message');
    alice.send(JSON.stringify({ type: 'answer', checkpoint: 'q1', option: 'b', extra: 1 }));
    expect((await alice.next('error')).message).toMatch(/unknown field "extra"/);
    alice.send({ type: 'answer', checkpoint: 'q1', option: 'zzz' });
    expect((await alice.next('error')).code).toBe('bad-option');
    alice.send({ type: 'answer', checkpoint: 'q1', option: 'b' });
    await alice.next('ack');
    expect((await rows())[0]!.split(',')[4]).toBe('b');
  });

  it('a foreign Origin, an unknown code and an expired code are refused', async () => {
    const { t, s } = await setup({ codeTtlMinutes: 0.01 }); // the code admits new students for 0.6 s
    const foreign = new WebSocket(`${t.server.url.replace('http', 'ws')}/api/ws`, {
      origin: 'http://evil.test',
    });
    const status = await new Promise<number>((r) =>
      foreign.on('unexpected-response', (_q, res) => r(res.statusCode!)),
    );
    expect(status).toBe(403);
    const c = await TestClient.connect(t.server.url);
    c.send({ type: 'join', code: 'ZZZZZZ', student: 'late' });
    expect((await c.next('error')).code).toBe('bad-code');
    await new Promise((r) => setTimeout(r, 700));
    c.send({ type: 'join', code: s.code, student: 'late' });
    expect((await c.next('error')).code).toBe('code-expired');
    // A student who joined before the code expired may come back.
    c.send({ type: 'join', code: s.code, student: 'student-0' });
    expect((await c.next('joined')).checkpoints[0]).toMatchObject({ id: 'q1', answer: 'a' });
  });
});
