import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maxCertifiableRadius, parseTsv } from '../../src/smoothing';

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['tsx', 'scripts/certify.ts', ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const errorLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('certify: error:'));

/** Three digits (0, 2, 4) with the fast MLP and small n. */
const SMALL_RUN = [
  '--model',
  'mlp-0.25',
  '--sigma',
  '0.25',
  '--n0',
  '20',
  '--n',
  '300',
  '--max',
  '6',
  '--skip',
  '2',
];

describe('certify CLI', () => {
  it('writes the TSV of certify.py: header, one row per digit, consistent columns', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sl-cli-')), 'r.tsv');
    const r = await run([...SMALL_RUN, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/certify: 3\/3 digits/);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe('idx\tlabel\tpredict\tradius\tcorrect\ttime');
    const rows = parseTsv(text);
    expect(rows.map((x) => x.idx)).toEqual([0, 2, 4]);
    const ceiling = maxCertifiableRadius(0.25, 300, 0.001);
    for (const row of rows) {
      expect(row.predict).toBeGreaterThanOrEqual(-1);
      expect(row.correct).toBe(row.predict === row.label);
      expect(row.radius).toBeLessThanOrEqual(ceiling + 1e-4);
      expect(row.predict === -1 ? row.radius === 0 : row.radius > 0).toBe(true);
      expect(row.time).toBeGreaterThan(0);
    }
    // Same seed, same numbers; results go to stdout without --out.
    const again = await run(SMALL_RUN);
    const strip = (t: string) => parseTsv(t).map((row) => ({ ...row, time: 0 }));
    expect(strip(again.stdout)).toEqual(strip(text));
  });

  it.each([
    [['--model', 'nope', '--sigma', '0.25'], /unknown model "nope"; the models are: cnn-0.00/],
    [['--model', 'cnn-0.25', '--sigma', '0'], /--sigma must be > 0/],
    [['--model', 'cnn-0.25', '--sigma=-0.5'], /--sigma must be > 0/],
    [['--model', 'cnn-0.25', '--sigma', '-0.5'], /Option '--sigma' argument is ambiguous/],
    [['--model', 'cnn-0.25', '--sigma', 'abc'], /--sigma must be a number/],
    [['--model', 'cnn-0.25', '--sigma', '0.25', '--n0', '0'], /--n0 must be an integer >= 1/],
    [['--model', 'cnn-0.25', '--sigma', '0.25', '--n', '0'], /--n must be an integer >= 1/],
    [['--model', 'cnn-0.25', '--sigma', '0.25', '--alpha', '0'], /--alpha must lie strictly between 0 and 1/],
    [
      ['--model', 'cnn-0.25', '--sigma', '0.25', '--alpha', '1.5'],
      /--alpha must lie strictly between 0 and 1/,
    ],
    [
      ['--model', 'cnn-0.25', '--sigma', '0.25', '--out', '/nonexistent/dir/r.tsv'],
      /output folder \/nonexistent\/dir does not exist/,
    ],
    [['--model', 'cnn-0.25'], /--sigma is required/],
    [['--sigma', '0.25', '--bogus', '1'], /Unknown option '--bogus'/],
  ])('rejects %j with one line and exit code 2', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toHaveLength(1);
    expect(errorLines(r.stderr)[0]).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('says which model file is corrupt and why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-models-'));
    cpSync('models/mlp-0.25', join(dir, 'mlp-0.25'), { recursive: true });
    cpSync('models/index.json', join(dir, 'index.json'));
    const base = ['--model', 'mlp-0.25', '--sigma', '0.25', '--n', '10', '--max', '1', '--models-dir', dir];

    const weights = join(dir, 'mlp-0.25', 'weights.bin');
    writeFileSync(weights, readFileSync(weights).subarray(0, 1000));
    let r = await run(base);
    expect(r.code).toBe(1);
    expect(errorLines(r.stderr)).toEqual([
      expect.stringMatching(/mlp-0.25\/weights.bin has 1000 bytes where model.json expects \d+/),
    ]);

    writeFileSync(join(dir, 'mlp-0.25', 'model.json'), '{"modelTopology": tru');
    r = await run(base);
    expect(r.code).toBe(1);
    expect(errorLines(r.stderr)).toEqual([expect.stringMatching(/mlp-0.25\/model.json is not valid JSON/)]);
  });
});
