/**
 * The train-sigma x certify-sigma matrix shown in the trade-off view: each CNN (sigma_train 0, 0.12,
 * 0.25, 0.50, 1.00) certified at each sigma in {0.12, 0.25, 0.50, 1.00} on the first 100 test
 * digits (n0 = 100, n = 1,000, alpha = 0.001, seed 0), with the certify CLI on wasm. TSVs go to
 * models/certify/mismatch/, the summary to models/certify/mismatch.json (read by the app).
 * Runs whose TSV exists are reused unless --force.
 *
 *   npm run mismatch [-- --max 100 --n 1000 --jobs 2 --force]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { MISMATCH_SIGMAS, summarizeMismatch, type MismatchTable } from '../src/smoothing/analysis';
import { parseTsv } from '../src/smoothing';
import { inParallel, runCertifyCli } from './lib/certify-runs';

const { values } = parseArgs({
  options: {
    max: { type: 'string', default: '100' },
    n: { type: 'string', default: '1000' },
    jobs: { type: 'string', default: '2' },
    force: { type: 'boolean', default: false },
  },
});
const TRAIN = ['0.00', '0.12', '0.25', '0.50', '1.00'];
const dir = 'models/certify/mismatch';
mkdirSync(dir, { recursive: true });
const jobs = TRAIN.flatMap((t) => MISMATCH_SIGMAS.map((s) => ({ model: `cnn-${t}`, sigma: s.toFixed(2) })));
const path = (j: { model: string; sigma: string }) => `${dir}/${j.model}-sigma${j.sigma}.tsv`;

const t0 = Date.now();
await inParallel(jobs, Number(values.jobs), async (j) => {
  if (existsSync(path(j)) && !values.force) return;
  const args = ['--model', j.model, '--sigma', j.sigma, '--n0', '100', '--n', values.n!, '--alpha', '0.001'];
  await runCertifyCli(
    [...args, '--max', values.max!, '--seed', '0', '--out', path(j)],
    `${j.model} @ ${j.sigma}`,
  );
});
const table: MismatchTable = summarizeMismatch(
  { digits: Number(values.max), n0: 100, n: Number(values.n), alpha: 0.001, seed: 0 },
  jobs.map((j) => ({
    model: j.model,
    sigmaTrain: Number(j.model.slice(4)),
    sigma: Number(j.sigma),
    rows: parseTsv(readFileSync(path(j), 'utf8'), path(j)),
  })),
);
writeFileSync('models/certify/mismatch.json', `${JSON.stringify(table, null, 2)}\n`);
console.error(
  `mismatch: done in ${((Date.now() - t0) / 60000).toFixed(1)} min; wrote models/certify/mismatch.json`,
);
