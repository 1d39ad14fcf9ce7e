/**
 * The shipped certifications behind models/README.md and the trade-off view: each CNN at its own
 * sigma_train (cnn-0.00, trained without noise, at 0.12), n0 = 100, alpha = 0.001, seed 0,
 *  - on all 2,000 shipped test digits at n = 10,000, in ranges of 250 digits
 *    (models/certify/parts/<run>/<from>-<to>.tsv), merged into models/certify/<run>.tsv once every
 *    range is complete;
 *  - on the first 100 digits at n = 100,000, Cohen et al.'s N (models/certify/n100000/<run>.tsv).
 * Resumable: finished rows are kept and an interrupted range continues where it stopped. Rows are
 * tied to the model's weights: each run's folder records the SHA-256 of weights.bin, and rows made
 * with other weights are discarded. Prints the tables at the end.
 *
 *   npm run certify-table [-- --only cnn-0.50 --jobs 2 --digits 2000 --big-digits 100]
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { tableFor } from './analyze';
import {
  bigTsvPath,
  CERTIFY_RUNS,
  certifyResumable,
  inParallel,
  mergeTsvs,
  tsvPath,
  type CertifyRun,
} from './lib/certify-runs';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    jobs: { type: 'string', default: '2' },
    digits: { type: 'string', default: '2000' },
    'big-digits': { type: 'string', default: '100' },
    chunk: { type: 'string', default: '250' },
  },
});
const DIGITS = Number(values.digits);
const BIG = Number(values['big-digits']);
const CHUNK = Number(values.chunk);
const runs = CERTIFY_RUNS.filter((r) => !values.only || values.only.split(',').includes(r.model));
const key = (r: CertifyRun) => `${r.model}-sigma${r.sigma}`;

const sha = (r: CertifyRun) =>
  createHash('sha256')
    .update(readFileSync(join('models', r.model, 'weights.bin')))
    .digest('hex');

/** Discards a run's rows when they were made with other weights than the model's now. */
function checkWeights(r: CertifyRun, dir: string, files: string[]): void {
  mkdirSync(dir, { recursive: true });
  const stamp = join(dir, 'weights.sha256');
  const now = sha(r);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === now) return;
  for (const f of readdirSync(dir)) if (f.endsWith('.tsv') || f.endsWith('.part')) rmSync(join(dir, f));
  for (const f of files) rmSync(f, { force: true });
  writeFileSync(stamp, `${now}\n`);
}

interface Task {
  run: CertifyRun;
  n: number;
  from: number;
  to: number;
  out: string;
}
const tasks: Task[] = [];
mkdirSync('models/certify/n100000', { recursive: true });
for (const r of runs) {
  const dir = `models/certify/parts/${key(r)}`;
  checkWeights(r, dir, [tsvPath(r), bigTsvPath(r)]);
  // Rows of a complete 2,000-digit TSV seed its ranges (the merge is then a no-op).
  for (let from = 0; from < DIGITS; from += CHUNK) {
    const to = Math.min(DIGITS, from + CHUNK);
    const out = join(dir, `${from}-${to}.tsv`);
    if (!existsSync(out) && existsSync(tsvPath(r))) {
      const lines = readFileSync(tsvPath(r), 'utf8').split('\n');
      const keep = lines
        .slice(1)
        .filter((l) => l.trim() && Number(l.split('\t')[0]) >= from && Number(l.split('\t')[0]) < to);
      if (keep.length > 0) writeFileSync(out, `${lines[0]}\n${keep.map((l) => `${l}\n`).join('')}`);
    }
    tasks.push({ run: r, n: 10_000, from, to, out });
  }
  tasks.push({ run: r, n: 100_000, from: 0, to: BIG, out: bigTsvPath(r) });
}

const t0 = Date.now();
await inParallel(tasks, Number(values.jobs), async (t) => {
  const args = ['--model', t.run.model, '--sigma', t.run.sigma, '--n0', '100', '--n', String(t.n)];
  args.push('--alpha', '0.001', '--seed', '0');
  await certifyResumable(args, t.out, t.from, t.to, `${key(t.run)} n=${t.n} ${t.from}-${t.to}`);
});
for (const r of runs) {
  const parts = tasks.filter((t) => t.run === r && t.n === 10_000).map((t) => t.out);
  mergeTsvs(parts, tsvPath(r), DIGITS);
}
console.error(`certify-table: done in ${((Date.now() - t0) / 60000).toFixed(1)} min`);
console.log(tableFor(runs.map((r) => ({ label: `${r.model} (${r.sigma})`, path: tsvPath(r) }))));
console.log(
  tableFor(runs.map((r) => ({ label: `${r.model} (${r.sigma}), n = 100,000`, path: bigTsvPath(r) }))),
);
