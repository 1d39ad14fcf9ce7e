/**
 * The certify CLI, after Cohen et al.'s certify.py: certifies test digits with a shipped base model
 * and writes one TSV row per digit (idx label predict radius correct time; predict -1 = ABSTAIN,
 * time in seconds). Uses src/smoothing's CERTIFY and the same noise and vote counting as the app.
 *
 *   npm run certify -- --model cnn-0.25 --sigma 0.25 --n0 100 --n 100000 --alpha 0.001 \
 *                      --skip 1 --max 200 --seed 0 --out results.tsv [--backend wasm|cpu] [--start 0]
 *
 * --start K certifies digits K, K + skip, ... below --max (each digit's noise is seeded by its index
 * alone, so ranges run in separate processes give the same rows as one run, merged in index order).
 *
 * Progress goes to stderr; results to stdout, or to --out.
 */
import * as tf from '@tensorflow/tfjs-core';
import { accessSync, closeSync, constants, existsSync, openSync, statSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { digitAsFloats, type DigitSet } from '../src/data/digits';
import { modelVoteSampler } from '../src/engine/worker/votes';
import { ModelFileError } from '../src/models/load';
import type { ModelCard } from '../src/models/card';
import { certify, formatRow, mixSeed, TSV_HEADER } from '../src/smoothing';
import { initBackend, loadModelFromDisk, readCards, readTestDigits, type NodeBackend } from './lib/node-tf';
import { errorMessage } from '../src/tasks/errorMessage';

/** Bad input (a flag, a path, a data or models file): one line on stderr and exit code 2. */
class UsageError extends Error {}

/**
 * The largest values the flags accept. Cohen et al. certify with n = 100,000; ten million samples
 * per digit is already hours of work on a CPU, and a larger n only sounds like a plan.
 */
const LIMITS = {
  sigma: 10,
  n0: 1_000_000,
  n: 10_000_000,
  skip: 1_000_000,
  seed: 0xffffffff,
  batch: 10_000,
} as const;

/** A plain decimal number ("0.25", "1e5", "-1"); rejects "", "0x10", "Infinity", "1_000". */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

function parse(argv: string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        model: { type: 'string' },
        sigma: { type: 'string' },
        n0: { type: 'string', default: '100' },
        n: { type: 'string', default: '100000' },
        alpha: { type: 'string', default: '0.001' },
        skip: { type: 'string', default: '1' },
        start: { type: 'string', default: '0' },
        max: { type: 'string', default: '-1' },
        seed: { type: 'string', default: '0' },
        out: { type: 'string' },
        backend: { type: 'string', default: 'wasm' },
        batch: { type: 'string', default: '1000' },
        'models-dir': { type: 'string', default: 'models' },
        digits: { type: 'string', default: 'public/data/mnist-test.bin' },
      },
    }));
  } catch (e) {
    // parseArgs explains over several lines (e.g. how to pass a negative value): keep it on one.
    throw new UsageError((e as Error).message.split('\n').join(' '));
  }
  const num = (name: string, v: string | undefined) => {
    if (v === undefined || !DECIMAL.test(v.trim()))
      throw new UsageError(`--${name} must be a number, got "${v}"`);
    return Number(v);
  };
  const int = (name: string, v: string | undefined, min: number, max: number) => {
    const x = num(name, v);
    if (!Number.isInteger(x) || x < min || x > max)
      throw new UsageError(`--${name} must be an integer >= ${min} and <= ${max}, got ${v}`);
    return x;
  };
  if (!values.model) throw new UsageError('--model is required (e.g. --model cnn-0.25)');
  if (values.sigma === undefined) throw new UsageError('--sigma is required (e.g. --sigma 0.25)');
  const sigma = num('sigma', values.sigma);
  if (!(sigma > 0)) throw new UsageError(`--sigma must be > 0, got ${values.sigma}`);
  if (sigma > LIMITS.sigma)
    throw new UsageError(
      `--sigma must be at most ${LIMITS.sigma} (pixels lie in [0, 1]), got ${values.sigma}`,
    );
  // Above 1/2 a "certificate" fails more often than not, and near 1 p_lower rounds to 1 and the
  // radius to infinity; at most 1/2, p_lower <= 0.5^(1/n) < 1 for every n allowed, so R is finite.
  const alpha = num('alpha', values.alpha);
  if (!(alpha > 0 && alpha <= 0.5))
    throw new UsageError(`--alpha must be > 0 and at most 0.5, got ${values.alpha}`);
  const backend = values.backend as NodeBackend;
  if (backend !== 'wasm' && backend !== 'cpu')
    throw new UsageError(`--backend must be wasm or cpu, got ${values.backend}`);
  // --max is checked against the number of test digits once the digits file is read.
  const max = num('max', values.max);
  if (!Number.isInteger(max) || max < -1 || max === 0)
    throw new UsageError(
      `--max must be -1 (every digit) or a whole number of digits >= 1, got ${values.max}`,
    );
  return {
    model: values.model,
    sigma,
    n0: int('n0', values.n0, 1, LIMITS.n0),
    n: int('n', values.n, 1, LIMITS.n),
    alpha,
    skip: int('skip', values.skip, 1, LIMITS.skip),
    start: int('start', values.start, 0, LIMITS.skip),
    max,
    maxText: values.max,
    seed: int('seed', values.seed, 0, LIMITS.seed),
    out: values.out,
    backend,
    batch: int('batch', values.batch, 1, LIMITS.batch),
    modelsDir: values['models-dir'],
    digits: values.digits,
  };
}

/** Refuses an output path that cannot be written: a directory, a missing folder, no permission. */
function checkOutPath(out: string): void {
  if (out.trim() === '') throw new UsageError('--out must name a file, got an empty path');
  const path = resolve(out);
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(`the output folder ${dir} does not exist`);
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) throw new UsageError(`--out ${out} is a directory; name a file in it`);
    // A FIFO with no reader would block the open forever; a device or socket is no TSV either.
    if (!statSync(path).isFile())
      throw new UsageError(`--out ${out} is not a regular file (a FIFO, device or socket); name a file`);
    try {
      accessSync(path, constants.W_OK);
    } catch {
      throw new UsageError(`--out ${out} cannot be written (no permission)`);
    }
  } else {
    try {
      accessSync(dir, constants.W_OK);
    } catch {
      throw new UsageError(`the output folder ${dir} cannot be written (no permission)`);
    }
  }
}

/** Opens the output file (1 = stdout when there is none) and writes the header there. */
function openOut(out: string | undefined, header: string): number {
  if (out === undefined) {
    process.stdout.write(header);
    return 1;
  }
  try {
    const fd = openSync(out, 'w');
    writeSync(fd, header);
    return fd;
  } catch (e) {
    throw new UsageError(`--out ${out} cannot be written (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Reads a data or models file; any problem with it is bad input (exit 2), said with the file's name. */
function asUsage<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    const msg = (e as Error).message;
    throw new UsageError(e instanceof SyntaxError ? `${path} is not valid JSON (${msg})` : msg);
  }
}

function readCardsChecked(modelsDir: string): ModelCard[] {
  const path = join(modelsDir, 'index.json');
  const cards: unknown = asUsage(path, () => readCards(modelsDir));
  if (!Array.isArray(cards) || cards.some((c) => typeof (c as { id?: unknown } | null)?.id !== 'string'))
    throw new UsageError(
      `${path} is not a valid model index: expected a list of model cards, each with an "id"`,
    );
  return cards as ModelCard[];
}

async function main() {
  // Piped into a reader that stops early (`| head`): end quietly, and stop certifying.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const o = parse(process.argv.slice(2));
  const cards = readCardsChecked(o.modelsDir);
  const card = cards.find((c) => c.id === o.model);
  if (!card) {
    throw new UsageError(`unknown model "${o.model}"; the models are: ${cards.map((c) => c.id).join(', ')}`);
  }
  const digits: DigitSet = asUsage(o.digits, () => readTestDigits(o.digits));
  if (o.max > digits.count)
    throw new UsageError(
      `--max must be -1 (every digit) or at most ${digits.count} (the test digits), got ${o.maxText}`,
    );
  if (o.out !== undefined) checkOutPath(o.out);
  const backend = await initBackend(o.backend);
  let model;
  try {
    model = await loadModelFromDisk(join(o.modelsDir, card.id), card.files.sha256);
  } catch (e) {
    throw e instanceof ModelFileError ? new UsageError(e.message) : e;
  }
  // The model must take one digit: its input's size (batch dimension aside) is rows x cols x 1.
  const inputShape = model.inputs[0]?.shape ?? [];
  const inputSize = inputShape.slice(1).reduce<number>((a, b) => a * (b ?? NaN), 1);
  if (inputSize !== digits.rows * digits.cols) {
    model.dispose();
    throw new UsageError(
      `${card.id} takes inputs of shape [${inputShape.slice(1).join(', ')}], not the ${digits.rows} x ${digits.cols} digits of ${o.digits}`,
    );
  }
  const fd = openOut(o.out, `${TSV_HEADER.join('\t')}\n`);
  // Every row is written (synchronously) as soon as it is known: a crash keeps the rows so far.
  // A write that fails mid-run (a full disk, a file-size limit) is a failure while certifying: exit 1,
  // naming the file and the rows it kept.
  const write = (line: string) => {
    if (fd === 1) process.stdout.write(`${line}\n`);
    else
      try {
        // A short write (the limit reached mid-row) leaves the rest to the next call, which throws.
        const bytes = Buffer.from(`${line}\n`);
        for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
      } catch (e) {
        throw new Error(`writing to ${o.out} failed after ${done} whole rows (${(e as Error).message})`, {
          cause: e,
        });
      }
  };

  const last = o.max >= 0 ? Math.min(o.max, digits.count) : digits.count;
  if (o.start >= last) throw new UsageError(`--start ${o.start} is not below the last digit (${last})`);
  const todo = Math.ceil((last - o.start) / o.skip);
  process.stderr.write(
    `certify: ${card.id} (sigma_train ${card.sigmaTrain}) at sigma ${o.sigma}, n0 ${o.n0}, n ${o.n}, ` +
      `alpha ${o.alpha}, ${todo} digits, backend ${backend}\n`,
  );
  const t0 = performance.now();
  let done = 0;
  let correct = 0;
  for (let i = o.start; i < last; i += o.skip) {
    const start = performance.now();
    const sampler = modelVoteSampler(model, {
      x: digitAsFloats(digits, i),
      inputShape: [digits.rows, digits.cols, 1],
      sigma: o.sigma,
      seed: mixSeed(o.seed, i),
      batchSize: o.batch,
    });
    const res = await certify(sampler, { n0: o.n0, n: o.n, alpha: o.alpha, sigma: o.sigma });
    const label = digits.labels[i]!;
    const ok = res.prediction === label;
    write(
      formatRow({
        idx: i,
        label,
        predict: res.prediction,
        radius: res.radius,
        correct: ok,
        time: (performance.now() - start) / 1000,
      }),
    );
    done++;
    if (ok) correct++;
    // Back to the event loop between digits: the certification is one long chain of promises, and
    // a closed pipe's EPIPE (or a signal) is only delivered from the loop.
    await new Promise((r) => setImmediate(r));
    const elapsed = (performance.now() - t0) / 1000;
    if (done % 10 === 0 || done === todo) {
      const eta = (elapsed / done) * (todo - done);
      process.stderr.write(
        `certify: ${done}/${todo} digits, ${((100 * correct) / done).toFixed(1)}% certified correct so far, ` +
          `${((done * (o.n0 + o.n)) / elapsed).toFixed(0)} samples/s, ETA ${eta.toFixed(0)} s\n`,
      );
    }
  }
  model.dispose();
  if (tf.memory().numTensors !== 0)
    process.stderr.write(`certify: warning: ${tf.memory().numTensors} tensors left\n`);
  if (fd !== 1) closeSync(fd);
}

main().catch((e: unknown) => {
  const msg = errorMessage(e);
  process.stderr.write(`certify: error: ${msg.split('\n')[0]}\n`);
  process.exit(e instanceof UsageError ? 2 : 1);
});
