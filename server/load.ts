/**
 * The class server's load test: simulated students on loopback answer every checkpoint while a
 * simulated projector watches the counts; the server is crashed in the middle and started again on
 * the same data directory; at the end every answer must be in the export, twice: from the server
 * that took the last answers and from a fresh one that only read the logs.
 *
 * Latency to the projector is measured by order: for each checkpoint, the k-th answer sent and the
 * moment the projector first shows k answers (the server never tells anyone who answered, so the
 * projector cannot match counts to answers one by one).
 */
import type { OpenedSession } from '../src/class/protocol';
import { quantiles, rng, SimClient, startServer } from './loadSim';
import { pseudonym } from './session';

export interface LoadOptions {
  students: number;
  checkpoints: number;
  /** Options per checkpoint. */
  options?: number;
  /** Milliseconds between the start of one checkpoint's answers and the next. */
  roundMs?: number;
  dataDir: string;
  /** Crash the server in the middle and start it again. */
  restart?: boolean;
  /** 'child': the server in its own process, crashed with SIGKILL; 'in-process': crashed by crash(). */
  mode?: 'child' | 'in-process';
  /** Gives up after this long. */
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface LoadResult {
  students: number;
  checkpoints: number;
  answers: number;
  /** Answers in the final export (from a server that only read the logs). */
  stored: number;
  /** Answers in the export that differ from the student's last answer, or are missing. */
  lost: number;
  seconds: number;
  /** Latency to the projector (ms): all answers, and those sent before the crash. */
  projector: { p50: number; p95: number; max: number };
  projectorSteady: { p50: number; p95: number; max: number };
  /** Latency of the student's acknowledgement (answer on disk), ms. */
  ack: { p50: number; p95: number; max: number };
  /** Answers sent again after the restart because no acknowledgement had come. */
  resent: number;
  restarted: boolean;
  downMs: number;
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const log = o.log ?? (() => {});
  const mode = o.mode ?? 'in-process';
  const nOptions = o.options ?? 4;
  const roundMs = o.roundMs ?? 300;
  const t0 = performance.now();
  const now = () => performance.now() - t0;
  let server = await startServer(mode, o.dataDir, 0);
  const url = () => server.url;
  const limit = o.timeoutMs ?? 120_000;

  const res = await fetch(`${server.url}/api/sessions`, { method: 'POST', headers: { origin: server.url } });
  const session = (await res.json()) as OpenedSession;
  const ids = Array.from({ length: o.checkpoints }, (_, i) => `cp-${i}`);
  const optionValues = Array.from({ length: nOptions }, (_, i) => `o${i}`);

  // The projector: the time each checkpoint's count first reaches each total.
  const reached = ids.map(() => [] as number[]);
  const totals = ids.map(() => 0);
  const seen = (i: number, total: number) => {
    for (let k = totals[i]! + 1; k <= total; k++) reached[i]![k - 1] = now();
    totals[i] = Math.max(totals[i]!, total);
  };
  const projector = new SimClient(url, {
    type: 'instructor',
    session: session.session,
    token: session.token,
  });
  projector.onMessage = (r) => {
    if (!r.ok) return;
    const m = r.value;
    if (m.type === 'counts') seen(ids.indexOf(m.checkpoint), m.total);
    if (m.type === 'state') for (const c of m.state.checkpoints) seen(ids.indexOf(c.id), c.total);
  };
  await new Promise<void>((r) => {
    projector.onReady = r;
    projector.connect();
  });
  for (const id of ids)
    projector.send({
      type: 'open',
      checkpoint: id,
      question: `Load test question ${id}`,
      options: optionValues.map((v) => ({ value: v, label: `Option ${v}` })),
    });

  // The students: join, then answer each checkpoint at a random moment of its round.
  const random = rng(21);
  const sent = ids.map(() => [] as number[]); // send times per checkpoint
  const acks: number[] = [];
  let resent = 0;
  let acked = 0;
  const last = new Map<string, string>(); // `${student}|${checkpoint}` -> option
  const students = Array.from({ length: o.students }, (_, s) => {
    const id = `load-${s}-${Math.floor(random() * 1e9).toString(36)}`;
    const pending = new Map<string, { option: string; at: number }>();
    const c = new SimClient(url, { type: 'join', code: session.code, student: id });
    let joinedOnce = false;
    c.onReady = () => {
      if (joinedOnce) {
        // After a reconnect: send again what the server never acknowledged.
        for (const [checkpoint, p] of pending) {
          resent += 1;
          c.send({ type: 'answer', checkpoint, option: p.option });
        }
      }
      joinedOnce = true;
    };
    c.onMessage = (r) => {
      if (r.ok && r.value.type === 'ack') {
        const p = pending.get(r.value.checkpoint);
        if (p && p.option === r.value.option) {
          pending.delete(r.value.checkpoint);
          acks.push(now() - p.at);
          acked += 1;
        }
      }
    };
    const answer = (i: number) => {
      const option = optionValues[Math.floor(random() * nOptions)]!;
      const checkpoint = ids[i]!;
      pending.set(checkpoint, { option, at: now() });
      last.set(`${id}|${checkpoint}`, option);
      sent[i]!.push(now());
      c.send({ type: 'answer', checkpoint, option }); // if not connected, sent on reconnect
    };
    return { id, c, answer, plan: ids.map(() => random() * roundMs) };
  });
  await Promise.all(
    students.map(
      (s) =>
        new Promise<void>((r) => {
          s.c.onReady = ((prev) => () => {
            prev();
            r();
          })(s.c.onReady);
          s.c.connect();
        }),
    ),
  );
  log(`${o.students} students joined in ${Math.round(now())} ms`);

  const start = now();
  const timers: NodeJS.Timeout[] = [];
  for (const [i] of ids.entries())
    for (const s of students) timers.push(setTimeout(() => s.answer(i), i * roundMs + s.plan[i]!));

  // The crash, in the middle of the answers.
  let downMs = 0;
  let crashedAt = Infinity;
  const restartCheckpoint = Math.floor(o.checkpoints / 2);
  if (o.restart !== false) {
    await new Promise((r) => setTimeout(r, restartCheckpoint * roundMs + roundMs / 2));
    const down = now();
    crashedAt = down;
    await server.crash();
    log(`server crashed at ${Math.round(down - start)} ms`);
    server = await startServer(mode, o.dataDir, server.port);
    downMs = now() - down;
    log(`server back after ${Math.round(downMs)} ms`);
  }

  const total = o.students * o.checkpoints;
  while (acked < total || totals.some((t) => t < o.students)) {
    if (now() > limit) {
      for (const s of students) s.c.close();
      projector.close();
      await server.close();
      throw new Error(`the load test ran out of time: ${acked} of ${total} answers acknowledged`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (now() - start) / 1000;
  log(`all ${total} answers acknowledged and on the projector after ${seconds.toFixed(2)} s`);
  for (const t of timers) clearTimeout(t);
  for (const s of students) s.c.close();
  projector.close();

  // Every answer, from a server that only read the logs.
  await server.close();
  server = await startServer(mode, o.dataDir, 0);
  const csv = await (
    await fetch(`${server.url}/api/sessions/${session.session}/export.csv`, {
      headers: { authorization: `Bearer ${session.token}` },
    })
  ).text();
  await server.close();
  const rows = csv.trim().split('\r\n').slice(1);
  const stored = new Map<string, string>();
  for (const row of rows) {
    const [, checkpoint, , student, option] = row.split(',');
    stored.set(`${student}|${checkpoint}`, option!);
  }
  let lost = 0;
  for (const [k, option] of last) {
    const [student, checkpoint] = k.split('|');
    if (stored.get(`${pseudonym(session.session, student!)}|${checkpoint}`) !== option) lost += 1;
  }

  const latencies: number[] = [];
  const steady: number[] = [];
  for (const [i] of ids.entries()) {
    const s = [...sent[i]!].sort((a, b) => a - b);
    for (const [k, at] of s.entries()) {
      const l = reached[i]![k]! - at;
      latencies.push(l);
      if (o.restart === false || at < crashedAt) steady.push(l);
    }
  }
  return {
    students: o.students,
    checkpoints: o.checkpoints,
    answers: total,
    stored: rows.length,
    lost,
    seconds,
    projector: quantiles(latencies),
    projectorSteady: quantiles(steady),
    ack: quantiles(acks),
    resent,
    restarted: o.restart !== false,
    downMs: Math.round(downMs),
  };
}
