/**
 * What the class server does with each validated WebSocket message: students join and answer,
 * the instructor signs in, then opens, hides, reveals and closes. Every change is logged first.
 */
import { LIMITS, type ClientMessage } from '../src/class/protocol';
import {
  projectorState,
  record,
  refuse,
  schedule,
  send,
  toProjectors,
  toStudents,
  tokenMatches,
  type Client,
  type Live,
} from './live';
import { pseudonym } from './session';

/** The server's sessions, by id and (while open) by join code. */
export interface Hub {
  byId: Map<string, Live>;
  byCode: Map<string, Live>;
  log: (line: string) => void;
}

/** Acts on one validated message from `c`; refusals are sent to it, nothing is thrown for them. */
export async function handleMessage(hub: Hub, c: Client, m: ClientMessage): Promise<void> {
  const { byId, byCode, log } = hub;
  const now = Date.now();
  if (m.type === 'join') {
    if (c.role) return refuse(c, 'bad-message', 'This connection has already joined.');
    const live = byCode.get(m.code);
    if (!live) return refuse(c, 'bad-code', 'No open session has this code: check it on the projector.');
    const s = pseudonym(live.state.id, m.student);
    if (!live.state.students.has(s)) {
      if (now > live.state.header.codeExpiresAt)
        return refuse(c, 'code-expired', 'This join code has expired: ask the instructor for a new session.');
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
      if (cp.state === 'open') await record(live, { e: 'reveal', c: m.checkpoint, out: m.outcome, at: now });
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
