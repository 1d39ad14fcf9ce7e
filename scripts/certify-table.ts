/**
 * The shipped certifications behind models/README.md and the trade-off view: each CNN at its own
 * sigma_train (cnn-0.00, trained without noise, at 0.12), n0 = 100, alpha = 0.001, seed 0,
 *  - on all 2,000 shipped test digits at n = 10,000, in ranges of 250 digits
 *    (models/certify/parts/<run>/<from>-<to>.tsv), merged into models/certify/<run>.tsv once every
 *    range is complete;
 *  - on the first 100 digits at n = 100,000, Cohen et al.'s N (models/certify/parts/<run>/n100000.tsv,
 *    copied to models/certify/n100000/<run>.tsv when complete).
 * Resumable: finished rows are kept and an interrupted range continues where it stopped. Rows are
 * tied to the model's weights: each run's folder records the SHA-256 of weights.bin, and rows made
 * with other weights are discarded. Prints the tables at the end.
 *
 *   npm run certify-table [-- --only cnn-0.50 --jobs 2 --digits 2000 --big-digits 100]
 *   npm run certify-table -- --only cnn-0.50 --candidate cnn-0.50=models/ablation/0.50/cnn-0.50-gauss-plain
 *   npm run certify-table -- --merge-only
 *
 * --candidate certifies a model folder that is about to replace a shipped one (same rows once its
 * weights are copied in: the stamp is the weights' hash), so the long runs can start before the swap.
 * --merge-only certifies nothing: it merges each run whose ranges are complete (n = 10,000, and
 * n = 100,000 where that one is complete too) and names what is still missing, so the 2,000-digit
 * tables can ship while a long n = 100,000 run goes on.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { tableFor } from './analyze';
import {
  bigTsvPath,
  CERTIFY_RUNS,
  certifyResumable,
  inParallel,
  mergeTsvs,
  runArgs,
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
    candidate: { type: 'string', multiple: true, default: [] },
    'merge-only': { type: 'boolean', default: false },
  },
});
const DIGITS = Number(values.digits);
const BIG = Number(values['big-digits']);
const CHUNK = Number(values.chunk);
const runs = CERTIFY_RUNS.filter((r) => !values.only || values.only.split(',').includes(r.model));
const key = (r: CertifyRun) => `${r.model}-sigma${r.sigma}`;

/** model id -> the folder certified in its place (--candidate id=folder). */
const candidates = new Map(
  values.candidate!.map((c) => {
    const [id, folder] = c.split('=') as [string, string | undefined];
    if (!folder || !existsSync(join(folder, 'weights.bin')))
      throw new Error(`--candidate ${c}: no weights.bin in ${folder}`);
    return [id, folder];
  }),
);
const folderOf = (r: CertifyRun) => candidates.get(r.model) ?? join('models', r.model);
/** The certify CLI's flags that name the model (a candidate is read from its own folder). */
function modelArgs(r: CertifyRun): string[] {
  const folder = candidates.get(r.model);
  if (!folder) return ['--model', r.model];
  return ['--model', basename(folder), '--models-dir', dirname(folder)];
}

const sha = (r: CertifyRun) =>
  createHash('sha256')
    .update(readFileSync(join(folderOf(r), 'weights.bin')))
    .digest('hex');

/** Discards a run's rows when they were made with other weights than the model's now. */
function checkWeights(r: CertifyRun, dir: string, files: string[]): void {
  mkdirSync(dir, { recursive: true });
  const stamp = join(dir, 'weights.sha256');
  const now = sha(r);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === now) return;
  for (const f of readdirSync(dir)) if (f.endsWith('.tsv') || f.endsWith('.part')) rmSync(join(dir, f));
  // A candidate's rows go to its parts only: the shipped TSVs stay until the weights are swapped.
  if (!candidates.has(r.model)) for (const f of files) rmSync(f, { force: true });
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
  const big = join(dir, 'n100000.tsv');
  if (!existsSync(big) && existsSync(bigTsvPath(r)) && !candidates.has(r.model))
    writeFileSync(big, readFileSync(bigTsvPath(r)));
  // Rows of a complete 2,000-digit TSV seed its ranges (the merge is then a no-op).
  for (let from = 0; from < DIGITS; from += CHUNK) {
    const to = Math.min(DIGITS, from + CHUNK);
    const out = join(dir, `${from}-${to}.tsv`);
    if (!existsSync(out) && existsSync(tsvPath(r)) && !candidates.has(r.model)) {
      const lines = readFileSync(tsvPath(r), 'utf8').split('\n');
      const keep = lines
        .slice(1)
        .filter((l) => l.trim() && Number(l.split('\t')[0]) >= from && Number(l.split('\t')[0]) < to);
      if (keep.length > 0) writeFileSync(out, `${lines[0]}\n${keep.map((l) => `${l}\n`).join('')}`);
    }
    tasks.push({ run: r, n: 10_000, from, to, out });
  }
  tasks.push({ run: r, n: 100_000, from: 0, to: BIG, out: big });
}

const t0 = Date.now();
const mergeOnly = values['merge-only'] === true;
if (!mergeOnly)
  await inParallel(tasks, Number(values.jobs), async (t) => {
    const args = runArgs(t.run, t.n, modelArgs(t.run));
    await certifyResumable(args, t.out, t.from, t.to, `${key(t.run)} n=${t.n} ${t.from}-${t.to}`);
  });
/** Rows a range file holds (0 when it is missing). */
const rowCount = (path: string) =>
  existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .slice(1)
        .filter((l) => l.trim()).length
    : 0;
for (const r of runs) {
  if (candidates.has(r.model)) {
    console.error(
      `certify-table: ${r.model}: candidate rows are in models/certify/parts/${key(r)}/; copy the weights in and rerun to merge`,
    );
    continue;
  }
  const parts = tasks.filter((t) => t.run === r && t.n === 10_000);
  const missing = parts.filter((t) => rowCount(t.out) < t.to - t.from).map((t) => `${t.from}-${t.to}`);
  if (missing.length > 0)
    console.error(`certify-table: ${key(r)}: n = 10,000 ranges not complete: ${missing.join(', ')}`);
  else
    mergeTsvs(
      parts.map((t) => t.out),
      tsvPath(r),
      DIGITS,
    );
  const bigParts = join(`models/certify/parts/${key(r)}`, 'n100000.tsv');
  if (rowCount(bigParts) < BIG)
    console.error(`certify-table: ${key(r)}: n = 100,000 not complete (${rowCount(bigParts)} of ${BIG})`);
  else mergeTsvs([bigParts], bigTsvPath(r), BIG);
}
console.error(`certify-table: done in ${((Date.now() - t0) / 60000).toFixed(1)} min`);
const done = runs.filter((r) => !candidates.has(r.model));
console.log(tableFor(done.map((r) => ({ label: `${r.model} (${r.sigma})`, path: tsvPath(r) }))));
const big = done.filter((r) => existsSync(bigTsvPath(r)));
console.log(
  tableFor(big.map((r) => ({ label: `${r.model} (${r.sigma}), n = 100,000`, path: bigTsvPath(r) }))),
);
