/**
 * The student's side of a class session: joins with the code from the projector and this browser's
 * anonymous id, shows the checkpoints the instructor asks, and sends a prediction, kept until the
 * server says it is stored (sent again after a reconnect).
 */
import { create } from 'zustand';
import { ClassConnection, type LinkStatus } from './connection';
import { type ServerMessage, type StudentCheckpoint } from './protocol';
import { anonymousId, writeStudentCode } from './storage';

export interface StudentStore {
  link: LinkStatus;
  code: string | null;
  joined: boolean;
  closed: boolean;
  error: string | null;
  checkpoints: StudentCheckpoint[];
  /** Answers sent and not yet stored, by checkpoint. */
  pending: Record<string, string>;
  join(code: string): void;
  answer(checkpoint: string, option: string): void;
  leave(): void;
}

let connection: ClassConnection | null = null;

function upsert(list: StudentCheckpoint[], c: StudentCheckpoint) {
  return list.some((x) => x.id === c.id) ? list.map((x) => (x.id === c.id ? c : x)) : [...list, c];
}

const without = (r: Record<string, string>, key: string) =>
  Object.fromEntries(Object.entries(r).filter(([k]) => k !== key));

function onMessage(m: ServerMessage) {
  const set = useClassStudent.setState;
  const get = useClassStudent.getState;
  switch (m.type) {
    case 'joined': {
      writeStudentCode(m.code);
      set({ joined: true, error: null, checkpoints: m.checkpoints });
      // Whatever was not stored before a drop goes again.
      for (const [checkpoint, option] of Object.entries(get().pending))
        connection?.send({ type: 'answer', checkpoint, option });
      return;
    }
    case 'checkpoint':
      set((s) => ({
        pending: m.checkpoint.state === 'revealed' ? without(s.pending, m.checkpoint.id) : s.pending,
        checkpoints: upsert(s.checkpoints, m.checkpoint),
      }));
      return;
    case 'ack':
      set((s) => {
        const pending = s.pending[m.checkpoint] === m.option ? without(s.pending, m.checkpoint) : s.pending;
        return {
          pending,
          checkpoints: s.checkpoints.map((c) => (c.id === m.checkpoint ? { ...c, answer: m.option } : c)),
        };
      });
      return;
    case 'closed':
      connection?.stop();
      writeStudentCode(null);
      set({ closed: true });
      return;
    case 'error':
      if (m.code === 'bad-code' || m.code === 'code-expired') {
        connection?.stop();
        writeStudentCode(null);
        set({ joined: false, code: null });
      }
      set({ error: m.message });
      return;
    default:
      return;
  }
}

export const useClassStudent = create<StudentStore>()((set) => ({
  link: 'offline',
  code: null,
  joined: false,
  closed: false,
  error: null,
  checkpoints: [],
  pending: {},
  join(code) {
    connection?.stop();
    const student = anonymousId();
    set({ code, joined: false, closed: false, error: null, checkpoints: [], pending: {} });
    connection = new ClassConnection(
      () => ({ type: 'join', code, student }),
      onMessage,
      (link) => set({ link }),
    );
    connection.start();
  },
  answer(checkpoint, option) {
    set((s) => ({ pending: { ...s.pending, [checkpoint]: option }, error: null }));
    connection?.send({ type: 'answer', checkpoint, option });
  },
  leave() {
    connection?.stop();
    connection = null;
    writeStudentCode(null);
    set({ code: null, joined: false, checkpoints: [], pending: {} });
  },
}));

/** The code in the page's address (?join=CODE, from /join/CODE), or null when this is not the join page. */
export function joinRequested(): string | null {
  return new URLSearchParams(location.search).get('join');
}
