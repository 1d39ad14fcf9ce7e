/**
 * The exit-code table of docs/cli.md, one row per case that cli.test.ts does not already cover: each
 * spawns the CLI on the tiniest input that reaches the case and checks the exit code, one clear
 * `certify: error:` line naming the problem, and an empty stdout.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTsv } from '../../src/smoothing';
import { copyModelDir, errorLines, run } from './cliHelpers';

/** Paths made in beforeAll: a sparse 65 MB file, a socket, damaged copies of mlp-0.25. */
const fx = { dir: '', big: '', socket: '', out: '', noJson: '', noWeights: '', infinite: '' };
let server: Server;

beforeAll(async () => {
  fx.dir = mkdtempSync(join(tmpdir(), 'sl-exit-'));
  // One byte over 64 MB would do; truncate makes a sparse file, so nothing is written.
  fx.big = join(fx.dir, 'big.bin');
  execFileSync('truncate', ['-s', '65M', fx.big]);
  fx.socket = join(fx.dir, 'out.sock');
  server = createServer();
  await new Promise<void>((resolve) => server.listen(fx.socket, resolve));
  fx.out = join(fx.dir, 'r.tsv');
  fx.noJson = copyModelDir('mlp-0.25');
  rmSync(join(fx.noJson, 'mlp-0.25', 'model.json'));
  fx.noWeights = copyModelDir('mlp-0.25');
  rmSync(join(fx.noWeights, 'mlp-0.25', 'weights.bin'));
  fx.infinite = copyModelDir('mlp-0.25');
  const weights = join(fx.infinite, 'mlp-0.25', 'weights.bin');
  const bytes = new Uint8Array(readFileSync(weights));
  new Float32Array(bytes.buffer)[3] = Number.POSITIVE_INFINITY;
  writeFileSync(weights, bytes);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const BASE = ['--model', 'mlp-0.25', '--sigma', '0.25'];
/** One digit, 11 samples: for the cases that get as far as loading the model. */
const TINY = [...BASE, '--n0', '1', '--n', '10', '--max', '1'];

interface Row {
  name: string;
  code: number;
  /** Built when the row runs, once the fixtures exist. */
  args: () => string[];
  /** The one error line, matched whole after `certify: error: `. */
  error: () => RegExp;
  /** Run through bash after this (a limit only a shell sets). */
  shell?: string;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

describe('certify CLI exit codes (docs/cli.md)', () => {
  it.each<Row>([
    {
      name: 'a flag without its value',
      code: 2,
      args: () => ['--model', 'mlp-0.25', '--sigma'],
      error: () => /Option '--sigma <value>' argument missing$/,
    },
    {
      name: '--model missing',
      code: 2,
      args: () => ['--sigma', '0.25'],
      error: () => /--model is required \(e.g. --model cnn-0.25\)$/,
    },
    {
      // The table refuses a device: /dev/null is one (a character device), so it is refused too.
      name: '--out a device (/dev/null)',
      code: 2,
      args: () => [...BASE, '--out', '/dev/null'],
      error: () => /--out \/dev\/null is not a regular file \(a FIFO, device or socket\); name a file$/,
    },
    {
      name: '--out a socket',
      code: 2,
      args: () => [...BASE, '--out', fx.socket],
      error: () => new RegExp(`--out ${esc(fx.socket)} is not a regular file \\(a FIFO, device or socket\\)`),
    },
    {
      name: '--digits over 64 MB',
      code: 2,
      args: () => [...BASE, '--digits', fx.big],
      error: () => new RegExp(`${esc(fx.big)} has 68,157,440 bytes, more than the 67,108,864 allowed$`),
    },
    {
      // A text file: its first bytes hold a newline, shown escaped so the message stays one line.
      name: '--digits not a digits file at all',
      code: 2,
      args: () => [...BASE, '--digits', 'package.json'],
      error: () =>
        /package.json is not a valid Smoothing Lab digits file: it starts with "\{\\n {2}" instead of "SLMN"$/,
    },
    {
      name: 'model.json missing',
      code: 2,
      args: () => [...TINY, '--models-dir', fx.noJson],
      error: () => new RegExp(`${esc(join(fx.noJson, 'mlp-0.25', 'model.json'))} is missing$`),
    },
    {
      name: 'weights missing',
      code: 2,
      args: () => [...TINY, '--models-dir', fx.noWeights],
      error: () => new RegExp(`${esc(join(fx.noWeights, 'mlp-0.25', 'weights.bin'))} is missing$`),
    },
    {
      name: 'Infinity in the weights',
      code: 2,
      args: () => [...TINY, '--models-dir', fx.infinite],
      error: () =>
        /mlp-0.25\/weights.bin cannot be trusted: \S+ holds Infinity at index 3; the model is not loaded$/,
    },
    {
      // A failure after every check passed: the output reaches a 1 KB file-size limit (as a full
      // disk would) after some 40 rows, with 200 digits asked for.
      name: 'a failure while certifying (the output file hits its size limit)',
      code: 1,
      shell: 'ulimit -f 1;',
      args: () => [...BASE, '--n0', '1', '--n', '2', '--max', '200', '--out', fx.out],
      error: () =>
        new RegExp(
          `writing to ${esc(fx.out)} failed after \\d+ whole rows \\(EFBIG: file too large, write\\)$`,
        ),
    },
  ])('$name: exit $code', async ({ code, args, error, shell }) => {
    const r = await run(args(), shell);
    expect(r.code, r.stderr).toBe(code);
    const lines = errorLines(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.slice('certify: error: '.length)).toMatch(error());
    expect(r.stdout).toBe('');
    if (code === 1) {
      // The rows certified before the failure are kept, in order (the last may be cut short).
      const text = readFileSync(fx.out, 'utf8');
      const whole = text.slice(0, text.lastIndexOf('\n') + 1);
      const rows = parseTsv(whole);
      expect(rows.length).toBe(Number(/after (\d+) whole rows/.exec(lines[0]!)![1]));
      expect(rows.map((x) => x.idx)).toEqual([...rows.keys()]);
    }
  });
});
