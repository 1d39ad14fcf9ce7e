import { mkdtempSync, readdirSync, rmSync, utimesSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { applyRetention, readLogs, sessionsDir } from '../log';
import { csvField, SessionState, type SessionHeader } from '../session';
import { classWithStudents, startTestServer, TestClient } from './harness';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'class-session-'));
  dirs.push(d);
  return d;
};

const header: SessionHeader = {
  e: 'session',
  v: 1,
  id: 's1',
  code: 'ABCDEF',
  tokenHash: '00',
  createdAt: 0,
  codeExpiresAt: 1,
  joinUrl: 'http://x/join/ABCDEF',
};

it('counts latest answers, hides them until the reveal, and exports CSV that a spreadsheet cannot run', () => {
  const s = new SessionState(header);
  s.apply({
    e: 'open',
    c: 'q',
    q: 'Is "this", safe?',
    o: [
      { value: 'a', label: '=SUM(A1)' },
      { value: 'b', label: 'B' },
    ],
    at: 1,
  });
  s.apply({ e: 'answer', c: 'q', s: 'p1', o: 'a', at: 2 });
  s.apply({ e: 'answer', c: 'q', s: 'p2', o: 'a', at: 3 });
  s.apply({ e: 'answer', c: 'q', s: 'p2', o: 'b', at: 4 }); // changed before the reveal
  s.apply({ e: 'hide', h: true, at: 5 });
  expect(s.projectorCheckpoint('q')).toMatchObject({ total: 2, counts: null });
  s.apply({ e: 'reveal', c: 'q', out: ['b'], at: 6 });
  s.apply({ e: 'answer', c: 'q', s: 'p3', o: 'b', at: 7 }); // after the reveal: not taken
  expect(s.projectorCheckpoint('q')).toMatchObject({ total: 2, counts: [1, 1], outcome: ['b'] });
  expect(s.studentCheckpoint('q', 'p2')).toMatchObject({ answer: 'b', state: 'revealed' });
  const rows = s.csv().trim().split('\r\n');
  expect(rows[1]).toBe(`s1,q,"Is ""this"", safe?",p1,a,'=SUM(A1),${new Date(2).toISOString()},b,no`);
  expect(rows[2]).toContain(',p2,b,B,');
  expect(csvField('-1')).toBe("'-1");
});

it('a restart replays the logs, skipping a torn last line; retention deletes old sessions', async () => {
  const dataDir = tmp();
  const t = await startTestServer({ dataDir });
  const s = await t.open();
  const { students } = await classWithStudents(t.server.url, s, 3);
  for (const [i, c] of students.entries()) {
    c.send({ type: 'answer', checkpoint: 'q1', option: i ? 'a' : 'b' });
    await c.next('ack');
  }
  await t.stop(true);
  const file = join(sessionsDir(dataDir), readdirSync(sessionsDir(dataDir))[0]!);
  appendFileSync(file, '{"e":"answer","c":"q1","s":"x'); // a crash in the middle of a write
  expect((await readLogs(dataDir))[0]!.skipped).toBe(1);

  const again = await startTestServer({ dataDir });
  const teacher = await TestClient.connect(again.server.url);
  teacher.send({ type: 'instructor', session: s.session, token: s.token });
  expect((await teacher.next('state')).state.checkpoints[0]).toMatchObject({ total: 3, counts: [2, 1] });
  teacher.close();
  await again.stop(true);

  expect(applyRetention(dataDir, 30)).toEqual([]);
  const old = (Date.now() - 31 * 86_400_000) / 1000;
  utimesSync(file, old, old);
  expect(applyRetention(dataDir, 30)).toEqual([s.session]);
  expect(readdirSync(sessionsDir(dataDir))).toEqual([]);
});
