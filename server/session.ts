/**
 * One class session's state, rebuilt from its log records (./log.ts): who joined (pseudonyms only),
 * the checkpoints asked, every student's latest answer, the reveals. Pure: no I/O, so the same code
 * applies a record as it arrives and replays a log after a restart.
 */
import { createHash } from 'node:crypto';
import type {
  OptionDef,
  ProjectorCheckpoint,
  ProjectorState,
  StudentCheckpoint,
} from '../src/class/protocol';

/** What the log holds, one JSON object per line. The first line of a session's file is its header. */
export type LogRecord =
  | {
      e: 'session';
      v: 1;
      id: string;
      code: string;
      /** SHA-256 of the instructor's token (the token itself is never stored). */
      tokenHash: string;
      createdAt: number;
      codeExpiresAt: number;
      joinUrl: string;
    }
  | { e: 'join'; s: string; at: number }
  | { e: 'open'; c: string; q: string; o: OptionDef[]; at: number }
  | { e: 'answer'; c: string; s: string; o: string; at: number }
  | { e: 'hide'; h: boolean; at: number }
  | { e: 'reveal'; c: string; out: string[]; at: number }
  | { e: 'close'; at: number };

export type SessionHeader = Extract<LogRecord, { e: 'session' }>;

interface Checkpoint {
  id: string;
  question: string;
  options: OptionDef[];
  state: 'open' | 'revealed';
  /** Latest answer per student pseudonym. */
  answers: Map<string, { option: string; at: number }>;
  outcome: string[] | null;
}

/**
 * The pseudonym a student is stored under: a hash of the session and the browser's anonymous id,
 * so the id itself never reaches the disk and the same browser cannot be linked across sessions.
 */
export function pseudonym(session: string, student: string): string {
  return createHash('sha256').update(`${session}\n${student}`).digest('hex').slice(0, 16);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class SessionState {
  readonly header: SessionHeader;
  readonly students = new Set<string>();
  readonly checkpoints = new Map<string, Checkpoint>();
  hidden = false;
  closed = false;
  lastAt: number;

  constructor(header: SessionHeader) {
    this.header = header;
    this.lastAt = header.createdAt;
  }

  get id() {
    return this.header.id;
  }

  /** Applies one record; records that no longer fit (a torn or hand-edited log) are skipped. */
  apply(r: LogRecord): void {
    if (r.e !== 'session') this.lastAt = Math.max(this.lastAt, r.at);
    switch (r.e) {
      case 'session':
        return;
      case 'join':
        this.students.add(r.s);
        return;
      case 'open':
        if (!this.checkpoints.has(r.c))
          this.checkpoints.set(r.c, {
            id: r.c,
            question: r.q,
            options: r.o,
            state: 'open',
            answers: new Map(),
            outcome: null,
          });
        return;
      case 'answer': {
        const c = this.checkpoints.get(r.c);
        if (c && c.state === 'open' && c.options.some((o) => o.value === r.o)) {
          this.students.add(r.s);
          c.answers.set(r.s, { option: r.o, at: r.at });
        }
        return;
      }
      case 'hide':
        this.hidden = r.h;
        return;
      case 'reveal': {
        const c = this.checkpoints.get(r.c);
        if (c && c.state === 'open') {
          c.state = 'revealed';
          c.outcome = r.out;
        }
        return;
      }
      case 'close':
        this.closed = true;
        return;
    }
  }

  /** Counts per option, in the options' order, and the number who answered. */
  tally(id: string): { total: number; counts: number[] } {
    const c = this.checkpoints.get(id);
    if (!c) return { total: 0, counts: [] };
    const counts = c.options.map(() => 0);
    for (const { option } of c.answers.values()) {
      const i = c.options.findIndex((o) => o.value === option);
      if (i >= 0) counts[i]! += 1;
    }
    return { total: c.answers.size, counts };
  }

  /** What the projector may show of a checkpoint: counts, hidden until its reveal when asked to. */
  projectorCheckpoint(id: string): ProjectorCheckpoint {
    const c = this.checkpoints.get(id)!;
    const { total, counts } = this.tally(id);
    return {
      id: c.id,
      question: c.question,
      options: c.options,
      state: c.state,
      total,
      counts: this.hidden && c.state === 'open' ? null : counts,
      outcome: c.outcome,
    };
  }

  projectorState(o: { connected: number; qrSvg: string }): ProjectorState {
    return {
      session: this.id,
      code: this.header.code,
      codeExpiresAt: this.header.codeExpiresAt,
      joinUrl: this.header.joinUrl,
      qrSvg: o.qrSvg,
      hidden: this.hidden,
      closed: this.closed,
      joined: this.students.size,
      connected: o.connected,
      checkpoints: [...this.checkpoints.keys()].map((id) => this.projectorCheckpoint(id)),
    };
  }

  /** A checkpoint as one student sees it: the question and their own answer only. */
  studentCheckpoint(id: string, student: string): StudentCheckpoint {
    const c = this.checkpoints.get(id)!;
    return {
      id: c.id,
      question: c.question,
      options: c.options,
      state: c.state,
      answer: c.answers.get(student)?.option ?? null,
      outcome: c.outcome,
    };
  }

  studentCheckpoints(student: string): StudentCheckpoint[] {
    return [...this.checkpoints.keys()].map((id) => this.studentCheckpoint(id, student));
  }

  /** Every student's latest answer at every checkpoint, as CSV (RFC 4180, UTF-8). */
  csv(): string {
    const rows: string[][] = [
      [
        'session',
        'checkpoint',
        'question',
        'student',
        'answer',
        'answer_label',
        'answered_at',
        'outcome',
        'as_measured',
      ],
    ];
    for (const c of this.checkpoints.values()) {
      const label = (v: string) => c.options.find((o) => o.value === v)?.label ?? v;
      const answers = [...c.answers.entries()].sort((a, b) => a[1].at - b[1].at || a[0].localeCompare(b[0]));
      for (const [student, { option, at }] of answers) {
        rows.push([
          this.id,
          c.id,
          c.question,
          student,
          option,
          label(option),
          new Date(at).toISOString(),
          c.outcome?.join(' ') ?? '',
          c.outcome ? (c.outcome.includes(option) ? 'yes' : 'no') : '',
        ]);
      }
    }
    return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
  }
}

/**
 * One CSV field: quoted when it needs to be, and a leading = + - @ neutralised so that a
 * spreadsheet does not run it as a formula.
 */
export function csvField(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
