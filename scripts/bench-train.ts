/**
 * `npm run bench:train`: the training paths for the lab's CNN, measured in one run on the same
 * architecture, batch (64) and loss code (src/training/stepTimer.ts):
 *  1. wasm in Node with the convolution gradients of src/training/wasmConvGrad.ts;
 *  2. cpu in Node;
 *  3. WebGL in headless Chromium (SwiftShader here: a CPU rasterizer).
 * Seconds per step, and per epoch of 8,000 digits (125 steps); Gaussian augmentation on all three,
 * consistency regularisation (m = 2) on wasm. Then one real epoch with `trainModel` on wasm
 * (7,200 digits with shifts, rotations and noise, plus the validation pass), and the lab's default
 * CNN's certification speed, old weights (git ref --old, default HEAD) against the shipped ones: the
 * same architecture, so the ratio should be 1. Prints the load average beside the figures and
 * writes .reports/bench-train.json.
 *
 *   npm run bench:train [-- --cpu-steps 3 --webgl-steps 8 --old HEAD --save]
 */
import * as tf from '@tensorflow/tfjs-core';
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { digitAsFloats } from '../src/data/digits';
import { modelVoteSampler } from '../src/engine/worker/votes';
import { DEFAULT_MODEL_ID } from '../src/models/cards';
import { loadModelFromBytes } from '../src/models/load';
import { timeTrainingSteps, type StepTiming } from '../src/training/stepTimer';
import { defaultConfig, trainModel } from '../src/training/trainer';
import { registerWasmTrainingKernels } from '../src/training/wasmConvGrad';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './lib/chromium';
import { split, SPLIT_SEED } from './lib/mnist';
import { initBackend, loadModelFromDisk, readTestDigits } from './lib/node-tf';
import type * as BenchPage from './train/browser';

const { values } = parseArgs({
  options: {
    'cpu-steps': { type: 'string', default: '3' },
    'webgl-steps': { type: 'string', default: '8' },
    'wasm-steps': { type: 'string', default: '20' },
    old: { type: 'string', default: 'HEAD' },
    /** Also write the figures to models/certify/bench-train.json, where models/README.md reads them. */
    save: { type: 'boolean', default: false },
  },
});
const STEPS_PER_EPOCH = 125; // 8,000 digits in batches of 64
const load = () => loadavg()[0]!.toFixed(2);
console.log(`bench:train: ${cpus().length} cores (${cpus()[0]?.model}), load average ${load()} at start`);

const rows: (StepTiming & { note: string; load: string })[] = [];
const base = { arch: 'cnn' as const, sigma: 0.5, batchSize: 64 };

registerWasmTrainingKernels();
await initBackend('wasm');
const wasmSteps = Number(values['wasm-steps']);
rows.push({
  ...(await timeTrainingSteps({ ...base, method: 'gaussian', warmup: 3, steps: wasmSteps })),
  note: 'Node',
  load: load(),
});
rows.push({
  ...(await timeTrainingSteps({ ...base, method: 'consistency', warmup: 3, steps: wasmSteps })),
  note: 'Node',
  load: load(),
});

await initBackend('cpu');
rows.push({
  ...(await timeTrainingSteps({
    ...base,
    method: 'gaussian',
    warmup: 1,
    steps: Number(values['cpu-steps']),
  })),
  note: 'Node',
  load: load(),
});

// WebGL: the same timer bundled for the page.
const dir = mkdtempSync(join(tmpdir(), 'sl-bench-train-'));
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
      name: 'TrainBench',
      fileName: () => 'bench.js',
    },
  },
});
const code = readFileSync(join(dir, 'bench.js'), 'utf8');
rmSync(dir, { recursive: true, force: true });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><title>bench</title>');
  await page.addScriptTag({ content: code });
  const r = await page.evaluate(
    (o) => (window as unknown as { TrainBench: typeof BenchPage }).TrainBench.run(o),
    { ...base, method: 'gaussian' as const, warmup: 2, steps: Number(values['webgl-steps']) },
  );
  if (typeof r === 'string') console.log(`bench:train: webgl: ${r}`);
  else rows.push({ ...r, note: 'headless Chromium, SwiftShader', load: load() });
} finally {
  await browser.close();
}

const wasmGauss = rows[0]!.secondsPerStep;
console.log(
  '\n| backend | where | method | steps timed | s per step (batch 64) | s per epoch of 8,000 digits | digits/s | vs wasm | load |',
);
console.log('|---|---|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const epoch = r.secondsPerStep * STEPS_PER_EPOCH;
  console.log(
    `| ${r.backend} | ${r.note} | ${r.method} | ${r.steps} | ${r.secondsPerStep.toFixed(3)} | ${epoch.toFixed(1)} | ${(r.batchSize / r.secondsPerStep).toFixed(0)} | ${(r.secondsPerStep / wasmGauss).toFixed(2)}x slower | ${r.load} |`,
  );
  if (r.leakedTensors !== 0)
    console.log(`bench:train: warning: ${r.leakedTensors} tensors leaked on ${r.backend}`);
}

// One real epoch on the chosen path, data pipeline and validation included.
await initBackend('wasm');
const data = split(SPLIT_SEED).train;
const config = { ...defaultConfig('cnn', 0.5, 'gaussian'), maxEpochs: 1 };
const real = await trainModel(
  { count: data.count, side: 28, pixels: data.pixels, labels: data.labels },
  config,
);
real.model.dispose();
const epochSeconds = real.history[0]!.seconds;
console.log(
  `\nbench:train: one real epoch on wasm (trainModel, ${real.trainCount} digits with shifts, rotations and noise, then ${real.validationCount} validation digits x 4 draws): ${epochSeconds.toFixed(1)} s; target <= 20 s (${epochSeconds <= 20 ? 'met' : 'missed'}); load ${load()}`,
);

// The lab's default CNN: certification samples/s, old weights against the shipped ones.
async function samplesPerSecond(model: Awaited<ReturnType<typeof loadModelFromDisk>>): Promise<number> {
  const digits = readTestDigits();
  const sampler = modelVoteSampler(model, {
    x: digitAsFloats(digits, 0),
    inputShape: [28, 28, 1],
    sigma: 0.25,
    seed: 1,
    batchSize: 1000,
  });
  await sampler(1000, 'selection');
  const t0 = performance.now();
  await sampler(10_000, 'estimation');
  return 10_000 / ((performance.now() - t0) / 1000);
}
const dirOf = `models/${DEFAULT_MODEL_ID}`;
const git = (path: string) => execFileSync('git', ['show', `${values.old}:${path}`], { maxBuffer: 64 << 20 });
const oldJson = git(`${dirOf}/model.json`).toString('utf8');
const oldBin = git(`${dirOf}/weights.bin`);
const oldModel = await loadModelFromBytes(
  oldJson,
  oldBin.buffer.slice(oldBin.byteOffset, oldBin.byteOffset + oldBin.byteLength) as ArrayBuffer,
  'old',
);
const newModel = await loadModelFromDisk(dirOf);
const speeds: number[] = [];
for (let k = 0; k < 2; k++) for (const m of [oldModel, newModel]) speeds.push(await samplesPerSecond(m));
const oldSpeed = Math.max(speeds[0]!, speeds[2]!);
const newSpeed = Math.max(speeds[1]!, speeds[3]!);
oldModel.dispose();
newModel.dispose();
console.log(
  `bench:train: ${DEFAULT_MODEL_ID} certification on wasm, 10,000 samples (best of 2, alternated): ${values.old} ${oldSpeed.toFixed(0)} samples/s, shipped ${newSpeed.toFixed(0)} samples/s, ratio ${(newSpeed / oldSpeed).toFixed(2)} (target >= 0.8); load ${load()}`,
);
console.log(`bench:train: ${tf.memory().numTensors} tensors left`);

const report = {
  date: new Date().toISOString(),
  cores: cpus().length,
  steps: rows,
  realEpochSeconds: epochSeconds,
  certification: { model: DEFAULT_MODEL_ID, old: values.old, oldSpeed, newSpeed },
  loadAtEnd: load(),
};
mkdirSync('.reports', { recursive: true });
writeFileSync('.reports/bench-train.json', `${JSON.stringify(report, null, 2)}\n`);
if (values.save) writeFileSync('models/certify/bench-train.json', `${JSON.stringify(report, null, 2)}\n`);
