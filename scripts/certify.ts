/**
 * The certify CLI, after Cohen et al.'s certify.py: certifies test digits with a shipped base model
 * and writes one TSV row per digit (idx label predict radius correct time; predict -1 = ABSTAIN,
 * time in seconds). Uses src/smoothing's CERTIFY and the same noise and vote counting as the app.
 *
 *   npm run certify -- --model cnn-0.25 --sigma 0.25 --n0 100 --n 100000 --alpha 0.001 \
 *                      --skip 1 --max 200 --seed 0 --out results.tsv [--backend wasm|cpu]
 *
 * Progress goes to stderr; results to stdout, or to --out.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { digitAsFloats } from '../src/data/digits';
import { modelVoteSampler } from '../src/engine/votes';
import { certify, formatRow, mixSeed, TSV_HEADER } from '../src/smoothing';
import { initBackend, loadModelFromDisk, readCards, readTestDigits, type NodeBackend } from './lib/node-tf';

class UsageError extends Error {}

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
    throw new UsageError((e as Error).message);
  }
  const num = (name: string, v: string | undefined) => {
    const x = Number(v);
    if (v === undefined || v.trim() === '' || !Number.isFinite(x))
      throw new UsageError(`--${name} must be a number, got "${v}"`);
    return x;
  };
  const int = (name: string, v: string | undefined, min: number) => {
    const x = num(name, v);
    if (!Number.isInteger(x) || x < min)
      throw new UsageError(`--${name} must be an integer >= ${min}, got ${v}`);
    return x;
  };
  if (!values.model) throw new UsageError('--model is required (e.g. --model cnn-0.25)');
  if (values.sigma === undefined) throw new UsageError('--sigma is required (e.g. --sigma 0.25)');
  const sigma = num('sigma', values.sigma);
  if (!(sigma > 0)) throw new UsageError(`--sigma must be > 0, got ${values.sigma}`);
  const alpha = num('alpha', values.alpha);
  if (!(alpha > 0 && alpha < 1))
    throw new UsageError(`--alpha must lie strictly between 0 and 1, got ${values.alpha}`);
  const backend = values.backend as NodeBackend;
  if (backend !== 'wasm' && backend !== 'cpu')
    throw new UsageError(`--backend must be wasm or cpu, got ${values.backend}`);
  const max = num('max', values.max);
  if (values.out) {
    const dir = dirname(resolve(values.out));
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new UsageError(`the output folder ${dir} does not exist`);
    }
  }
  return {
    model: values.model,
    sigma,
    n0: int('n0', values.n0, 1),
    n: int('n', values.n, 1),
    alpha,
    skip: int('skip', values.skip, 1),
    max,
    seed: int('seed', values.seed, 0),
    out: values.out,
    backend,
    batch: int('batch', values.batch, 1),
    modelsDir: values['models-dir'],
    digits: values.digits,
  };
}

async function main() {
  const o = parse(process.argv.slice(2));
  const cards = readCards(o.modelsDir);
  const card = cards.find((c) => c.id === o.model);
  if (!card) {
    throw new UsageError(`unknown model "${o.model}"; the models are: ${cards.map((c) => c.id).join(', ')}`);
  }
  const backend = await initBackend(o.backend);
  const model = await loadModelFromDisk(join(o.modelsDir, card.id));
  const digits = readTestDigits(o.digits);
  const out = o.out ? createWriteStream(o.out) : process.stdout;
  out.write(`${TSV_HEADER.join('\t')}\n`);

  const last = o.max >= 0 ? Math.min(o.max, digits.count) : digits.count;
  const todo = Math.ceil(last / o.skip);
  process.stderr.write(
    `certify: ${card.id} (sigma_train ${card.sigmaTrain}) at sigma ${o.sigma}, n0 ${o.n0}, n ${o.n}, ` +
      `alpha ${o.alpha}, ${todo} digits, backend ${backend}\n`,
  );
  const t0 = performance.now();
  let done = 0;
  let correct = 0;
  for (let i = 0; i < last; i += o.skip) {
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
    out.write(
      `${formatRow({ idx: i, label, predict: res.prediction, radius: res.radius, correct: ok, time: (performance.now() - start) / 1000 })}\n`,
    );
    done++;
    if (ok) correct++;
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
  if (o.out) await new Promise<void>((r) => (out as ReturnType<typeof createWriteStream>).end(r));
}

main().catch((e: unknown) => {
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`certify: error: ${msg.split('\n')[0]}\n`);
  process.exit(e instanceof UsageError ? 2 : 1);
});
