import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeDigits, encodeDigits } from '../../src/data/digits';
import { maxCertifiableRadius, parseTsv } from '../../src/smoothing';
import { copyModelDir, errorLines, run } from './cliHelpers';

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
    [['--model', 'cnn-0.25', '--sigma', '0.25', '--alpha', '0'], /--alpha must be > 0 and at most 0.5/],
    [['--model', 'cnn-0.25', '--sigma', '0.25', '--alpha', '1.5'], /--alpha must be > 0 and at most 0.5/],
    [
      ['--model', 'cnn-0.25', '--sigma', '0.25', '--out', '/nonexistent/dir/r.tsv'],
      /output folder \/nonexistent\/dir does not exist/,
    ],
    [['--model', 'cnn-0.25'], /--sigma is required/],
    [['--sigma', '0.25', '--bogus', '1'], /Unknown option '--bogus'/],
    // Every number is checked against a sensible range before anything starts.
    [
      ['--model', 'mlp-0.25', '--sigma', '0.25', '--max', '1e20'],
      /--max must be -1 \(every digit\) or at most 2000/,
    ],
    [
      ['--model', 'mlp-0.25', '--sigma', '0.25', '--max=-5'],
      /--max must be -1 \(every digit\) or a whole number/,
    ],
    [
      ['--model', 'mlp-0.25', '--sigma', '0.25', '--max', '-5'],
      /Option '--max' argument is ambiguous.*--max=-XYZ/,
    ],
    [
      ['--model', 'mlp-0.25', '--sigma', '0.25', '--max', '1.5'],
      /--max must be -1 \(every digit\) or a whole number/,
    ],
    [
      ['--model', 'mlp-0.25', '--sigma', '0.25', '--max', '0'],
      /--max must be -1 \(every digit\) or a whole number/,
    ],
    [
      ['--model', 'mlp-0.25', '--sigma', '0.25', '--n', '1e20'],
      /--n must be an integer >= 1 and <= 10000000, got 1e20/,
    ],
    [['--model', 'mlp-0.25', '--sigma', '0.25', '--n', '2.5'], /--n must be an integer >= 1 and <= 10000000/],
    [
      ['--model', 'mlp-0.25', '--sigma', '0.25', '--n0', '1e7'],
      /--n0 must be an integer >= 1 and <= 1000000/,
    ],
    [['--model', 'mlp-0.25', '--sigma', '0.25', '--n', 'Infinity'], /--n must be a number, got "Infinity"/],
    [['--model', 'mlp-0.25', '--sigma', '0.25', '--n', '0x10'], /--n must be a number, got "0x10"/],
    [['--model', 'mlp-0.25', '--sigma', '0.25', '--skip', '0'], /--skip must be an integer >= 1 and <=/],
    [
      ['--model', 'mlp-0.25', '--sigma', '0.25', '--seed', '1e10'],
      /--seed must be an integer >= 0 and <= 4294967295/,
    ],
    [
      ['--model', 'mlp-0.25', '--sigma', '0.25', '--seed=-1'],
      /--seed must be an integer >= 0 and <= 4294967295/,
    ],
    [
      ['--model', 'mlp-0.25', '--sigma', '0.25', '--batch', '1e6'],
      /--batch must be an integer >= 1 and <= 10000/,
    ],
    [['--model', 'mlp-0.25', '--sigma', '11'], /--sigma must be at most 10/],
    [['--model', 'mlp-0.25', '--sigma', 'NaN'], /--sigma must be a number, got "NaN"/],
    [['--model', 'mlp-0.25', '--sigma', '0.25', '--alpha', '1e-400'], /--alpha must be > 0 and at most 0.5/],
    [['--model', 'mlp-0.25', '--sigma', '0.25', '--backend', 'webgl'], /--backend must be wasm or cpu/],
    [['--model', 'mlp-0.25', '--sigma', '0.25', 'stray'], /Unexpected argument 'stray'/],
    // The output path is checked before anything is certified.
    [
      ['--model', 'mlp-0.25', '--sigma', '0.25', '--out', 'scripts'],
      /--out scripts is a directory; name a file in it/,
    ],
    [['--model', 'mlp-0.25', '--sigma', '0.25', '--out', ''], /--out must name a file, got an empty path/],
    [
      ['--model', 'mlp-0.25', '--sigma', '0.25', '--out', '/proc/version'],
      /--out \/proc\/version cannot be written/,
    ],
    // A missing data or models file is bad input too.
    [
      ['--model', 'mlp-0.25', '--sigma', '0.25', '--digits', '/nonexistent/d.bin'],
      /\/nonexistent\/d.bin is missing/,
    ],
    [
      ['--model', 'mlp-0.25', '--sigma', '0.25', '--models-dir', '/nonexistent'],
      /\/nonexistent\/index.json is missing/,
    ],
  ])('rejects %j with one line and exit code 2', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toHaveLength(1);
    expect(errorLines(r.stderr)[0]).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('says which model file is corrupt and why, with exit code 2', async () => {
    const dir = copyModelDir('mlp-0.25');
    const base = ['--model', 'mlp-0.25', '--sigma', '0.25', '--n', '10', '--max', '1', '--models-dir', dir];

    const weights = join(dir, 'mlp-0.25', 'weights.bin');
    writeFileSync(weights, readFileSync(weights).subarray(0, 1000));
    let r = await run(base);
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([
      expect.stringMatching(/mlp-0.25\/weights.bin has 1000 bytes where model.json expects \d+/),
    ]);

    writeFileSync(join(dir, 'mlp-0.25', 'model.json'), '{"modelTopology": tru');
    r = await run(base);
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([expect.stringMatching(/mlp-0.25\/model.json is not valid JSON/)]);

    // Valid JSON of the wrong shape: the file and the problem are named.
    const good = JSON.parse(readFileSync('models/mlp-0.25/model.json', 'utf8')) as {
      weightsManifest: { weights: { shape?: number[] }[] }[];
    };
    delete good.weightsManifest[0]!.weights[0]!.shape;
    writeFileSync(join(dir, 'mlp-0.25', 'model.json'), JSON.stringify(good));
    r = await run(base);
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([
      expect.stringMatching(
        /mlp-0.25\/model.json has the wrong shape: weightsManifest\[0\].weights\[0\] .* has no shape/,
      ),
    ]);

    writeFileSync(join(dir, 'index.json'), '{"not": "a list"');
    r = await run(base);
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([expect.stringMatching(/index.json is not valid JSON/)]);
    writeFileSync(join(dir, 'index.json'), '{"not": "a list"}');
    r = await run(base);
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([expect.stringMatching(/index.json is not a valid model index/)]);
  });

  it('refuses weights that cannot be trusted (NaN, zeros, not the card checksum), with exit code 2', async () => {
    const dir = copyModelDir('mlp-0.25');
    const base = ['--model', 'mlp-0.25', '--sigma', '0.25', '--n', '10', '--max', '1', '--models-dir', dir];
    const weights = join(dir, 'mlp-0.25', 'weights.bin');
    const good = readFileSync(weights);
    const cases: [(v: Float32Array) => void, RegExp][] = [
      [(v) => v.fill(Number.NaN), /weights.bin cannot be trusted: .* holds NaN/],
      [(v) => v.fill(0), /weights.bin cannot be trusted: .* is all zeros/],
      [(v) => (v[7] = v[7]! + 0.5), /weights.bin is not the file its model card describes/],
    ];
    for (const [damage, message] of cases) {
      const bytes = new Uint8Array(good);
      damage(new Float32Array(bytes.buffer));
      writeFileSync(weights, bytes);
      const r = await run(base);
      expect(r.code).toBe(2);
      expect(errorLines(r.stderr)).toEqual([expect.stringMatching(message)]);
      expect(r.stdout).toBe(''); // no row, so no certificate
    }
  });

  it('at its edges: EPIPE, a FIFO, a device, a digits shape the model does not take, alpha near 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sl-edges-'));
    // Piped into `head -n 2`: the header and one row, then a quiet exit 0 that stops the work (no
    // progress line for 10 digits, of the 2,000 asked for; no error, no stack).
    const errFile = join(dir, 'stderr.txt');
    const piped = execFileSync(
      'bash',
      [
        '-c',
        `set -o pipefail; npx tsx scripts/certify.ts --model mlp-0.25 --sigma 0.25 --n 300 --max 2000 2>${errFile} | head -n 2`,
      ],
      { encoding: 'utf8' },
    );
    expect(piped.split('\n').filter(Boolean)).toHaveLength(2);
    const stderr = readFileSync(errFile, 'utf8');
    expect(stderr).not.toMatch(/certify: 10\/2000|error|Error/);
    // A FIFO with no reader is refused rather than waited on.
    const fifo = join(dir, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    let r = await run([...SMALL_RUN, '--out', fifo]);
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([expect.stringMatching(/is not a regular file/)]);
    // A device as the digits file is refused before reading (it would grow memory without limit).
    r = await run([...SMALL_RUN, '--digits', '/dev/zero']);
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([expect.stringMatching(/\/dev\/zero is not a regular file/)]);
    // 32 x 32 digits for a model of 28 x 28 inputs: bad input, exit 2 as docs/cli.md says.
    const set = decodeDigits(new Uint8Array(readFileSync('public/data/mnist-test.bin')));
    const big = {
      ...set,
      count: 2,
      rows: 32,
      cols: 32,
      labels: set.labels.slice(0, 2),
      sourceIndex: set.sourceIndex.slice(0, 2),
      pixels: new Uint8Array(2 * 32 * 32),
    };
    writeFileSync(join(dir, 'd32.bin'), encodeDigits(big));
    r = await run([...SMALL_RUN.slice(0, 8), '--max', '1', '--digits', join(dir, 'd32.bin')]);
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([
      expect.stringMatching(/takes inputs of shape \[28, 28, 1\], not the 32 x 32 digits/),
    ]);
    // alpha so close to 1 that the radius would be infinite is refused.
    r = await run([...SMALL_RUN, '--alpha', '0.9999999999999999']);
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([expect.stringMatching(/--alpha must be > 0 and at most 0.5/)]);
  });

  it('says what is wrong with a damaged digits file, with exit code 2', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sl-digits-')), 'd.bin');
    writeFileSync(path, readFileSync('public/data/mnist-test.bin').subarray(0, 5000));
    const r = await run(['--model', 'mlp-0.25', '--sigma', '0.25', '--n', '10', '--digits', path]);
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([
      expect.stringMatching(
        /d.bin is not a valid Smoothing Lab digits file: it has 5000 bytes .* \(truncated\?\)/,
      ),
    ]);
  });

  it('writes each row as soon as it is certified, so a run killed midway keeps its rows', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sl-cli-')), 'r.tsv');
    const child = spawn('npx', [
      'tsx',
      'scripts/certify.ts',
      '--model',
      'mlp-0.25',
      '--sigma',
      '0.25',
      '--n0',
      '10',
      '--n',
      '100',
      '--out',
      out,
    ]);
    await new Promise<void>((resolve) => {
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        // Progress is reported every 10 digits; kill it hard once 20 are done.
        if (/certify: 20\/2000 digits/.test(err)) resolve();
      });
    });
    // SIGKILL: no exit handler, no stream flush. Whatever was written is all there is.
    const killed = new Promise((r) => child.on('exit', r));
    child.kill('SIGKILL');
    await killed;
    const rows = parseTsv(readFileSync(out, 'utf8'));
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(rows.slice(0, 20).map((x) => x.idx)).toEqual([...Array(20).keys()]);
  });
});
