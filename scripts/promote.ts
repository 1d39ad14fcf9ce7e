/**
 * Ships a model of the training ablation as the shipped model of its sigma: models/ablation/<sigma>/<id>
 * becomes models/cnn-<sigma>.
 *  - model.json and weights.bin are copied; the card keeps its recipe and figures under the shipped
 *    id, its training command names both (the shipped id's recipe in scripts/train.ts is the same,
 *    with the same seed), and models/index.json lists it;
 *  - its ablation certification (the first SHIPPED_RUN.digits test digits, with the shipped n0, n,
 *    alpha and seed) becomes the shipped TSV, and seeds certify-table's first range, stamped with the
 *    weights' SHA-256, so the 2,000-digit run goes on from there; rows of the old weights go.
 *
 *   npm run promote -- cnn-0.50-cons-plain [cnn-1.00-gauss-aug ...]
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { ModelCard } from '../src/models/card';
import { sigmaLabel } from '../src/models/ids';
import { SHIPPED_RUN } from '../src/models/shippedRun';
import { parseTsv } from '../src/smoothing';
import { bigTsvPath, CERTIFY_RUNS, tsvPath } from './lib/certify-runs';

const ids = process.argv.slice(2).filter((a) => a !== '--');
if (ids.length === 0) {
  console.error('promote: name the ablation models to ship, e.g. npm run promote -- cnn-0.50-cons-plain');
  process.exit(2);
}
const ablation = JSON.parse(readFileSync('models/certify/ablation.json', 'utf8')) as {
  params: { digits: number; n0: number; n: number; alpha: number; seed: number };
};
const { digits, n0, n, alpha, seed } = ablation.params;
if (
  digits !== SHIPPED_RUN.digits ||
  n0 !== SHIPPED_RUN.n0 ||
  n !== SHIPPED_RUN.n ||
  alpha !== SHIPPED_RUN.alpha ||
  seed !== SHIPPED_RUN.seed
)
  throw new Error(
    `promote: the ablation was certified with ${JSON.stringify(ablation.params)}, not SHIPPED_RUN`,
  );

const indexPath = 'models/index.json';
let index = JSON.parse(readFileSync(indexPath, 'utf8')) as ModelCard[];
for (const id of ids) {
  const sigma = /^cnn-(\d\.\d\d)-/.exec(id)?.[1];
  if (!sigma) throw new Error(`promote: "${id}" is not an ablation model id (cnn-<sigma>-<method>-<aug>)`);
  const from = join('models/ablation', sigma, id);
  const target = `cnn-${sigma}`;
  const run = CERTIFY_RUNS.find((r) => r.model === target && r.sigma === sigma);
  if (!run) throw new Error(`promote: no shipped certification of ${target} at sigma ${sigma}`);
  const rowsPath = join('models/certify/ablation', `${id}-sigma${sigma}.tsv`);
  const text = readFileSync(rowsPath, 'utf8');
  const rows = parseTsv(text, rowsPath);
  if (rows.length !== digits || rows.some((r, k) => r.idx !== k))
    throw new Error(`promote: ${rowsPath} has ${rows.length} rows, not digits 0..${digits - 1}`);

  const card = JSON.parse(readFileSync(join(from, 'card.json'), 'utf8')) as ModelCard;
  if (sigmaLabel(card.sigmaTrain) !== sigma)
    throw new Error(`promote: ${id} was trained at ${card.sigmaTrain}`);
  const to = join('models', target);
  mkdirSync(to, { recursive: true });
  for (const f of ['model.json', 'weights.bin']) copyFileSync(join(from, f), join(to, f));
  const weights = readFileSync(join(to, 'weights.bin'));
  const sha = createHash('sha256').update(weights).digest('hex');
  if (sha !== card.files.sha256) throw new Error(`promote: ${id}'s weights do not match its card's SHA-256`);
  // scripts/train.ts's SHIPPED names this recipe for the shipped id, with the same seed.
  const trainingCommand = `npm run train -- --only ${target} (shipped from ${id}: ${card.trainingCommand})`;
  const shipped: ModelCard = { ...card, id: target, trainingCommand };
  writeFileSync(join(to, 'card.json'), `${JSON.stringify(shipped, null, 2)}\n`);
  index = [...index.filter((c) => c.id !== target), shipped];

  // The certifications: the ablation rows are the shipped run's first digits; the old weights' rows go.
  const parts = join('models/certify/parts', `${target}-sigma${sigma}`);
  rmSync(parts, { recursive: true, force: true });
  mkdirSync(parts, { recursive: true });
  writeFileSync(join(parts, 'weights.sha256'), `${sha}\n`);
  writeFileSync(join(parts, '0-250.tsv'), text); // certify-table's first range (its default --chunk)
  writeFileSync(tsvPath(run), text);
  rmSync(bigTsvPath(run), { force: true });
  console.log(`promote: ${id} -> ${target} (sha256 ${sha.slice(0, 12)}…, ${rows.length} certified rows)`);
}
index.sort(
  (a, b) =>
    a.architecture.localeCompare(b.architecture) || a.sigmaTrain - b.sigmaTrain || a.id.localeCompare(b.id),
);
writeFileSync(indexPath, `${JSON.stringify(index, null, 2)}\n`);
const left = readdirSync('models').filter((d) => existsSync(join('models', d, 'card.json'))).length;
console.log(`promote: models/index.json lists ${index.length} models (${left} folders with a card)`);
