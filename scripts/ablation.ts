/**
 * The training ablation behind models/README.md: every CNN trained by
 * `npm run train -- --ablation` (sigma x method x geometric augmentation, in models/ablation/<sigma>/)
 * certified at its own sigma on the first 200 test digits (n0 = 100, n = 10,000, alpha = 0.001,
 * seed 0), resumable. Writes the TSVs to models/certify/ablation/ and the summary, with each model's
 * recipe and learning curve, to models/certify/ablation.json (read by `npm run models-readme`).
 *
 *   npm run ablation                 certify what is missing, then write the summary
 *   npm run ablation -- --summary    only the summary, from the TSVs there are
 *   npm run ablation -- --sigmas 0.25   certify only the models trained at these sigmas (a second process)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ModelCard } from '../src/models/card';
import { sigmaLabel } from '../src/models/ids';
import { abstentionRate, certifiedAccuracy, parseTsv, TABLE_RADII } from '../src/smoothing';
import { parseSigmaList } from './lib/args';
import { certifyResumable, inParallel } from './lib/certify-runs';

const { values } = parseArgs({
  options: {
    summary: { type: 'boolean', default: false },
    digits: { type: 'string', default: '200' },
    jobs: { type: 'string', default: '1' },
    root: { type: 'string', default: 'models/ablation' },
    sigmas: { type: 'string' },
  },
});
const DIGITS = Number(values.digits);
const OUT = 'models/certify/ablation';
mkdirSync(OUT, { recursive: true });

interface Entry {
  card: ModelCard;
  dir: string;
  tsv: string;
}

function entries(): Entry[] {
  if (!existsSync(values.root!)) return [];
  const out: Entry[] = [];
  for (const sub of readdirSync(values.root!).sort()) {
    const index = join(values.root!, sub, 'index.json');
    if (!existsSync(index)) continue;
    for (const card of JSON.parse(readFileSync(index, 'utf8')) as ModelCard[])
      out.push({
        card,
        dir: join(values.root!, sub),
        tsv: join(OUT, `${card.id}-sigma${sigmaLabel(card.sigmaTrain)}.tsv`),
      });
  }
  return out;
}

if (!values.summary) {
  const only = parseSigmaList(values.sigmas);
  const todo = entries().filter((e) => !only || only.includes(e.card.sigmaTrain));
  await inParallel(todo, Number(values.jobs), async (e) => {
    const args = [
      '--model',
      e.card.id,
      '--sigma',
      sigmaLabel(e.card.sigmaTrain),
      '--n0',
      '100',
      '--n',
      '10000',
    ];
    args.push('--alpha', '0.001', '--seed', '0', '--models-dir', e.dir);
    await certifyResumable(args, e.tsv, 0, DIGITS, e.card.id);
  });
}

// The summary: one row per model with its recipe, accuracies and learning curve.
const rows = [];
for (const e of entries()) {
  if (!existsSync(e.tsv)) continue;
  const certified = parseTsv(readFileSync(e.tsv, 'utf8'), e.tsv);
  if (certified.length < DIGITS) continue;
  const r = e.card.recipe!;
  rows.push({
    id: e.card.id,
    sigma: e.card.sigmaTrain,
    method: r.method,
    augment: r.augment !== null,
    lambda: r.lambda ?? null,
    eta: r.eta ?? null,
    epochs: e.card.epochs,
    bestEpoch: r.bestEpoch,
    trainingSeconds: e.card.trainingSeconds,
    cleanAccuracy: e.card.cleanAccuracy,
    noisyAccuracy: e.card.noisyAccuracy,
    digits: certified.length,
    radii: [...TABLE_RADII],
    certified: certifiedAccuracy(certified),
    abstain: abstentionRate(certified),
    history: r.history.map((h) => ({ epoch: h.epoch, loss: h.loss, valAccuracy: h.valAccuracy })),
  });
}
rows.sort(
  (a, b) => a.sigma - b.sigma || a.method.localeCompare(b.method) || Number(a.augment) - Number(b.augment),
);
writeFileSync(
  'models/certify/ablation.json',
  `${JSON.stringify({ params: { digits: DIGITS, n0: 100, n: 10_000, alpha: 0.001, seed: 0 }, rows }, null, 2)}\n`,
);
console.log(`ablation: ${rows.length} model(s) summarised in models/certify/ablation.json`);
for (const r of rows)
  console.log(
    `  ${r.id.padEnd(24)} ${TABLE_RADII.map((x, k) => `r${x}: ${(100 * r.certified[k]!).toFixed(1)}%`).join('  ')}`,
  );
