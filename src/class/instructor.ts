/**
 * The instructor's side of a class session: opens it (POST ./api/sessions), keeps the token in this
 * browser, runs the projector's connection and holds what it shows (the join code, the QR code,
 * the counts). Shown only where the page was opened as /class (`?class`) or a session is kept.
 */
import { create } from 'zustand';
import { ClassConnection, type LinkStatus } from './connection';
import { parseOpenedSession } from './parsers';
import type { OptionDef, ProjectorState, ServerMessage } from './protocol';
import { readInstructor, writeInstructor, type InstructorKeep } from './storage';

export interface InstructorStore {
  link: LinkStatus;
  /** The last refusal or failure, in words. */
  error: string | null;
  /** The server asked for the instructor key. */
  needsKey: boolean;
  opening: boolean;
  state: ProjectorState | null;
  open(key?: string): Promise<void>;
  ask(c: { id: string; question: string; options: readonly OptionDef[] }): void;
  setHidden(hidden: boolean): void;
  reveal(checkpoint: string, outcome: readonly string[]): void;
  close(): void;
  exportCsv(): Promise<void>;
  /** Leaves the session on this browser (forgets the token); the server keeps it. */
  forget(): void;
}

/** Whether this page is an instructor's: opened as /class, or holding a session. */
export function instructorRequested(): boolean {
  return new URLSearchParams(location.search).has('class') || readInstructor() !== null;
}

let connection: ClassConnection | null = null;

function connect(keep: InstructorKeep) {
  connection?.stop();
  connection = new ClassConnection(
    () => ({ type: 'instructor', session: keep.session, token: keep.token }),
    onMessage,
    (link) => useClassInstructor.setState({ link }),
  );
  connection.start();
}

function onMessage(m: ServerMessage) {
  const set = useClassInstructor.setState;
  switch (m.type) {
    case 'state':
      set({ state: m.state, error: null });
      return;
    case 'counts':
      set((s) =>
        s.state
          ? {
              state: {
                ...s.state,
                checkpoints: s.state.checkpoints.map((c) =>
                  c.id === m.checkpoint ? { ...c, total: m.total, counts: m.counts } : c,
                ),
              },
            }
          : {},
      );
      return;
    case 'students':
      set((s) => (s.state ? { state: { ...s.state, joined: m.joined, connected: m.connected } } : {}));
      return;
    case 'error':
      if (m.code === 'bad-token') {
        // The session is gone (deleted by the retention rule) or the token is not its own.
        writeInstructor(null);
        connection?.stop();
        set({ state: null });
      }
      set({ error: m.message });
      return;
    default:
      return;
  }
}

function send(m: Parameters<ClassConnection['send']>[0]) {
  if (!connection?.send(m))
    useClassInstructor.setState({ error: 'Not connected to the class server; try again.' });
}

export const useClassInstructor = create<InstructorStore>()((set, get) => ({
  link: 'offline',
  error: null,
  needsKey: false,
  opening: false,
  state: null,
  async open(key) {
    set({ opening: true, error: null });
    try {
      const r = await fetch(new URL('api/sessions', document.baseURI), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(key ? { key } : {}),
      });
      const body: unknown = await r.json().catch(() => null);
      if (r.status === 401) {
        set({ needsKey: true, error: 'This server needs the instructor key.' });
        return;
      }
      const opened = parseOpenedSession(body);
      if (!r.ok || !opened.ok) {
        set({
          error:
            r.status === 404 || body === null
              ? 'No class server here: start one with “npm run class” and open the lab from the address it prints.'
              : `The class server refused: ${(body as { message?: string }).message ?? r.status}`,
        });
        return;
      }
      const keep = { session: opened.value.session, token: opened.value.token };
      writeInstructor(keep);
      set({ needsKey: false });
      connect(keep);
    } catch {
      set({
        error:
          'No class server here: start one with “npm run class” and open the lab from the address it prints.',
      });
    } finally {
      set({ opening: false });
    }
  },
  ask: (c) => send({ type: 'open', checkpoint: c.id, question: c.question, options: [...c.options] }),
  setHidden: (hidden) => send({ type: 'hide', hidden }),
  reveal: (checkpoint, outcome) => send({ type: 'reveal', checkpoint, outcome: [...outcome] }),
  close: () => send({ type: 'close' }),
  async exportCsv() {
    const keep = readInstructor();
    const state = get().state;
    if (!keep || !state) return;
    const r = await fetch(new URL(`api/sessions/${keep.session}/export.csv`, document.baseURI), {
      headers: { authorization: `Bearer ${keep.token}` },
    });
    if (!r.ok) {
      set({ error: `Export refused (${r.status}).` });
      return;
    }
    const url = URL.createObjectURL(await r.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `class-${state.code}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
  forget() {
    connection?.stop();
    connection = null;
    writeInstructor(null);
    set({ state: null, error: null });
  },
}));

/** Resumes a kept session (after a reload); call once when the instructor's bar first shows. */
export function resumeInstructor(): void {
  const keep = readInstructor();
  if (keep && !connection) connect(keep);
}
