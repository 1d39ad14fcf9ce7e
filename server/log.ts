/**
 * Durable storage: one append-only JSON Lines file per session (<dataDir>/sessions/<id>.jsonl).
 * `append` resolves only once its line is written and synced to disk (fdatasync), so the server
 * acknowledges an answer only after it would survive a crash. Lines that arrive while a sync is
 * under way are written together by the next one (group commit): one sync for many answers.
 * A crash can leave at most a torn last line, which loading skips.
 */
import { closeSync, existsSync, mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogRecord, SessionHeader } from './session';

interface Pending {
  line: string;
  resolve: () => void;
  reject: (e: Error) => void;
}

export class SessionLog {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private abandoned = false;
  /** Syncs done, and lines written (for the load test's figures). */
  syncs = 0;
  lines = 0;

  private constructor(
    private readonly fh: FileHandle,
    readonly path: string,
  ) {}

  static async open(path: string): Promise<SessionLog> {
    return new SessionLog(await open(path, 'a'), path);
  }

  /** Appends one record; resolves once it is on disk. */
  append(record: LogRecord): Promise<void> {
    if (this.abandoned) return Promise.reject(new Error('the log is closed'));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ line: `${JSON.stringify(record)}\n`, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    // Let the answers that arrive in the same turn of the event loop join this write.
    await new Promise<void>((r) => setImmediate(r));
    while (this.queue.length > 0 && !this.abandoned) {
      const batch = this.queue;
      this.queue = [];
      try {
        await this.fh.write(batch.map((p) => p.line).join(''));
        await this.fh.datasync();
        this.syncs += 1;
        this.lines += batch.length;
        if (this.abandoned) return; // a simulated crash: nothing is acknowledged after it
        for (const p of batch) p.resolve();
      } catch (e) {
        for (const p of batch) p.reject(e as Error);
      }
    }
    this.flushing = null;
  }

  /** Waits for every queued line, then closes the file. */
  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    this.abandoned = true;
    await this.fh.close();
  }

  /** A crash, for tests: drops what is queued (never acknowledged) and closes the file at once. */
  abandon(): void {
    this.abandoned = true;
    this.queue = [];
    try {
      closeSync(this.fh.fd);
    } catch {
      // already closed
    }
  }
}

export function sessionsDir(dataDir: string): string {
  const dir = join(dataDir, 'sessions');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/**
 * Reads every session's log: its header and records in order. A line that is not JSON (the torn
 * last line of a crash) is skipped and counted.
 */
export async function readLogs(
  dataDir: string,
): Promise<{ header: SessionHeader; records: LogRecord[]; path: string; skipped: number }[]> {
  const dir = sessionsDir(dataDir);
  const out = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.jsonl')) continue;
    const path = join(dir, name);
    const records: LogRecord[] = [];
    let skipped = 0;
    for (const line of (await readFile(path, 'utf8')).split('\n')) {
      if (line.trim() === '') continue;
      try {
        records.push(JSON.parse(line) as LogRecord);
      } catch {
        skipped += 1;
      }
    }
    const header = records[0];
    if (header?.e !== 'session') continue;
    out.push({ header, records: records.slice(1), path, skipped });
  }
  return out;
}

/**
 * The retention rule: a session's log is deleted once nothing has been written to it for
 * `days` days. Returns the ids deleted.
 */
export function applyRetention(dataDir: string, days: number, now = Date.now()): string[] {
  const dir = sessionsDir(dataDir);
  const deleted: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.jsonl')) continue;
    const path = join(dir, name);
    if (existsSync(path) && now - statSync(path).mtimeMs > days * 86_400_000) {
      unlinkSync(path);
      deleted.push(name.replace(/\.jsonl$/, ''));
    }
  }
  return deleted;
}
