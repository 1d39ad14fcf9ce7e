/** Shared by the certify CLI tests: spawning the CLI, its error lines, and a models folder to damage. */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CliResult {
  /** Exit code (-1 when killed by a signal). */
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `scripts/certify.ts` with `args`. `shellPrefix` (e.g. `ulimit -f 1;`) runs it through bash
 * after that command, for limits only a shell can set.
 */
export function run(args: string[], shellPrefix?: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child =
      shellPrefix === undefined
        ? spawn('npx', ['tsx', 'scripts/certify.ts', ...args])
        : spawn('bash', ['-c', `${shellPrefix} exec npx tsx scripts/certify.ts "$@"`, 'certify', ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The lines of stderr that report an error (`certify: error: ...`). */
export const errorLines = (stderr: string): string[] =>
  stderr.split('\n').filter((l) => l.startsWith('certify: error:'));

/** A temporary models folder holding one shipped model and the index, for tests that damage it. */
export function copyModelDir(id: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sl-models-'));
  cpSync(join('models', id), join(dir, id), { recursive: true });
  cpSync('models/index.json', join(dir, 'index.json'));
  return dir;
}
