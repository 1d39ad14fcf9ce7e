/**
 * Samples saved by stopping on the anytime-valid bound, measured on the shipped test digits and a
 * shipped model. For each digit: n0 selection votes pick the class c_A (as CERTIFY does), then one
 * stream of estimation votes is read at a fixed schedule (every 100 votes up to 1,000, then every
 * 1,000) up to 100,000. On that one stream:
 *
 * - the anytime-valid stop: the first check at which the radius from `confidenceSequenceLower`
 *   reaches the target r (valid at any stopping time, Howard et al. 2021);
 * - the futility stop: the first check, before the anytime stop, at which the radius from the
 *   anytime-valid upper bound `confidenceSequenceUpper` is below r (r out of reach); the summary gives
 *   mean and median votes per digit for both decisions (lib/futilitySummary.ts);
 * - fixed-n CERTIFY at n = 10,000 and at n = 100,000: the Clopper-Pearson radius of the first n votes.
 *
 * A digit counts as certified by a method when that method's radius is at least r (and as certified
 * correctly when c_A is also its label). Digit i uses the certify CLI's seed for i and the noise is
 * counter-based (sample j of a stream depends only on the seed, the stream and j), so the n = 10,000
 * column must equal the shipped `models/certify/<model>-sigma<sigma>.tsv` (`npm run certify-table`,
 * same seed, n0 and alpha) digit by digit: the script checks that and records the result.
 *
 * The stream of each digit is read in passes, one per fixed n (smallest first): a pass reads it up
 * to that n and on until the anytime stop has decided (reached r or used 100,000 votes), so a
 * smaller n is known for every digit before the larger one costs anything. Each digit's counts are
 * appended to a log after every pass and `--resume` continues from them (the same votes, since the
 * noise is counter-based). Shares of digits certified come with a 95% Clopper-Pearson interval.
 *
 *   npm run samples-saved -- [--model cnn-0.25] [--sigma 0.25] [--radius 0.5] [--digits 100]
 *                            [--fixed 10000,100000] [--max 100000] [--log file.jsonl] [--resume]
 *
 * Writes models/certify/samples-saved.json (read by the trade-off view) after every pass, then the
 * table between the `samples-saved` markers in docs/anytime.md (`--readme-only` redoes just that from the
 * JSON).
 *
 * With `--big-tsv FILE` it also writes the n = 100,000 column as a certify TSV: the same rows the
 * certify CLI gives with --n 100000 (same seed per digit, n0 and alpha; CERTIFY abstains exactly when
 * the radius is 0), so `npm run certify-table` can take them as its n = 100,000 part
 * (models/certify/parts/<run>/n100000.tsv) instead of reading the same 10 million votes again.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { digitAsFloats, type DigitSet } from '../src/data/digits';
import { countBatch, type VoteSamplerOptions } from '../src/engine/worker/votes';
import {
  argmax,
  certifiedRadius,
  clopperPearsonLower,
  confidenceSequenceLower,
  mixSeed,
  reachedRadius,
  unreachableRadius,
} from '../src/smoothing';
import { futilityLines, futilitySummary } from './lib/futilitySummary';
import { initBackend, loadModelFromDisk, readCards, readTestDigits } from './lib/node-tf';
import {
  anytimeOk,
  anytimeSummary,
  bigTsv,
  certifiedBy,
  checkAgainstTsv,
  type DigitRow,
} from './lib/samplesSavedRows';
import { prettierWrite } from './lib/prettierWrite';
import { readFixedFrom, readLog, shippedTsv } from './lib/samplesSavedInputs';
import { writeReadme } from './lib/samplesSavedTable';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'cnn-0.25' },
    sigma: { type: 'string', default: '0.25' },
    radius: { type: 'string', default: '0.5' },
    alpha: { type: 'string', default: '0.001' },
    n0: { type: 'string', default: '100' },
    digits: { type: 'string', default: '100' },
    /** Read only digits first .. digits-1 (to share the work between processes; merge their logs). */
    first: { type: 'string', default: '0' },
    seed: { type: 'string', default: '0' },
    /** The fixed n of CERTIFY to compare with, comma-separated, each a multiple of 1,000 <= 100,000. */
    fixed: { type: 'string', default: '10000,100000' },
    /** The most estimation votes one stream reads (a multiple of 1,000 up to 100,000): the full n. */
    max: { type: 'string', default: '100000' },
    out: { type: 'string', default: 'models/certify/samples-saved.json' },
    /** One JSON line per digit and pass (its counts so far), for --resume and --from-log. */
    log: { type: 'string', default: 'samples-saved.log.jsonl' },
    /** Continue from the log instead of starting it afresh. */
    resume: { type: 'boolean', default: false },
    /** Leave docs/anytime.md alone (e.g. for a process reading only part of the digits). */
    'no-readme': { type: 'boolean', default: false },
    /** Sample nothing: summarize the digits already in the log (e.g. several processes' logs). */
    'from-log': { type: 'boolean', default: false },
    /** Only rewrite the docs/anytime.md block from the JSON already written. */
    'readme-only': { type: 'boolean', default: false },
    /** Also write the n = 100,000 column as a certify TSV (rows of the first digits that have it). */
    'big-tsv': { type: 'string' },
    /**
     * Take the fixed-n columns from an earlier JSON of the same settings and read each stream only
     * until the anytime stop decides (see fixedFrom below).
     */
    'fixed-from': { type: 'string' },
  },
});
const o = {
  model: values.model,
  sigma: Number(values.sigma),
  radius: Number(values.radius),
  alpha: Number(values.alpha),
  n0: Number(values.n0),
  digits: Number(values.digits),
  seed: Number(values.seed),
};
const MAX_N = Number(values.max);
if (!(Number.isInteger(MAX_N) && MAX_N % 1000 === 0 && MAX_N > 0 && MAX_N <= 100_000)) {
  throw new Error(`--max takes a multiple of 1,000 up to 100,000, got "${values.max}"`);
}
/**
 * An earlier result of the same settings whose fixed-n columns are kept (`--fixed-from`): the noise
 * is counter-based, so its fixed-n radii are those of the very votes read here. A stream read past
 * a fixed n (one the anytime stop never decided early) is checked against the kept radius, and
 * every digit's class and anytime stop against the earlier ones; any difference is an error.
 */
const fixedFrom = values['fixed-from'] ? readFixedFrom(values['fixed-from'], o) : null;
const FIXED = (fixedFrom ? fixedFrom.fixed.join(',') : values.fixed!)
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
if (FIXED.some((n) => !(Number.isInteger(n) && n % 1000 === 0 && n > 0 && n <= MAX_N))) {
  throw new Error(`--fixed takes multiples of 1,000 up to ${MAX_N}, got "${values.fixed}"`);
}
/** The vote counts at which the anytime-valid bound is read. */
const SCHEDULE = [
  ...Array.from({ length: 10 }, (_, i) => (i + 1) * 100),
  ...Array.from({ length: 99 }, (_, i) => (i + 2) * 1000),
].filter((v) => v <= MAX_N);
/** Votes per forward pass. */
const BATCH = 1000;

/** The parameters a logged row must share to be resumed. */
const key = JSON.stringify([
  o.model,
  o.sigma,
  o.radius,
  o.alpha,
  o.n0,
  o.seed,
  ...(MAX_N < 100_000 ? [MAX_N] : []),
]);

async function main() {
  const card = readCards().find((c) => c.id === o.model);
  if (!card) throw new Error(`unknown model "${o.model}"`);
  const backend = await initBackend('wasm');
  const model = await loadModelFromDisk(join('models', card.id));
  const set = readTestDigits();
  if (o.digits > set.count) throw new Error(`--digits ${o.digits}: only ${set.count} test digits ship`);
  const logged = readLog(values.resume || values['from-log'] ? values.log! : null, key);
  if (!values.resume && !values['from-log']) writeFileSync(values.log!, '');
  const t0 = performance.now();
  const rows: DigitRow[] = [];
  for (let i = Number(values.first); i < o.digits; i++) {
    rows.push(
      logged.get(i) ?? {
        idx: i,
        label: set.labels[i]!,
        candidate: -1,
        anytimeSamples: null,
        anytimeRadius: 0,
        futileSamples: null,
        fixedRadius: {},
        read: 0,
        counts: new Array<number>(10).fill(0),
        seconds: 0,
      },
    );
  }
  if (values['from-log']) {
    const missing = rows.filter((r) => r.candidate < 0).map((r) => r.idx);
    if (missing.length > 0) throw new Error(`the log has no row for digits ${missing.join(', ')}`);
    writeResult(rows, backend);
    model.dispose();
    return;
  }
  if (fixedFrom) {
    for (const row of rows) {
      const kept = fixedFrom.rows.get(row.idx);
      if (!kept) throw new Error(`--fixed-from: ${values['fixed-from']} has no row for digit ${row.idx}`);
      row.fixedRadius = { ...kept.fixedRadius };
    }
  }
  // With --fixed-from one pass reads each stream until the anytime stop decides (or the full n).
  for (const pass of fixedFrom ? [0] : FIXED) {
    for (const row of rows) {
      if (row.read >= pass && (row.anytimeSamples !== null || row.read >= MAX_N)) continue;
      await readStream(model, set, row, pass);
      appendFileSync(values.log!, `${JSON.stringify({ key, row })}\n`);
      const s = (performance.now() - t0) / 1000;
      const fixedText = FIXED.filter((n) => n in row.fixedRadius)
        .map((n) => `CP radius at ${n} ${row.fixedRadius[n]!.toFixed(3)}`)
        .join(', ');
      process.stderr.write(
        `samples-saved: pass ${pass}, digit ${row.idx} (label ${row.label}): anytime stop at ${row.anytimeSamples ?? 'never'}, ` +
          `${fixedText} (${s.toFixed(0)} s)\n`,
      );
    }
    writeResult(rows, backend);
  }
  model.dispose();
}

/**
 * Reads digit `row.idx`'s estimation stream on from `row.read` (the selection votes first when
 * not done yet) until it has reached `upTo` votes and the anytime stop has decided; updates `row`.
 */
async function readStream(model: LayersModel, set: DigitSet, row: DigitRow, upTo: number) {
  const started = performance.now();
  const vo: VoteSamplerOptions = {
    x: digitAsFloats(set, row.idx),
    inputShape: [set.rows, set.cols, 1],
    sigma: o.sigma,
    seed: mixSeed(o.seed, row.idx),
  };
  if (row.candidate < 0) row.candidate = argmax(await countBatch(model, vo, 'selection', 0, o.n0));
  for (const next of SCHEDULE) {
    if (next <= row.read) continue;
    if (row.read >= upTo && (row.anytimeSamples !== null || row.read >= MAX_N)) break;
    while (row.read < next) {
      const size = Math.min(BATCH, next - row.read);
      const c = await countBatch(model, vo, 'estimation', row.read, size);
      c.forEach((v, k) => (row.counts[k]! += v));
      row.read += size;
    }
    const nA = row.counts[row.candidate]!;
    if (row.anytimeSamples === null && reachedRadius(nA, next, o.alpha, o.sigma, o.radius)) {
      row.anytimeSamples = next;
      row.anytimeRadius = certifiedRadius(o.sigma, confidenceSequenceLower(nA, next, o.alpha));
    } else if (
      row.anytimeSamples === null &&
      row.futileSamples === null &&
      unreachableRadius(nA, next, o.alpha, o.sigma, o.radius)
    ) {
      row.futileSamples = next;
    }
    if (FIXED.includes(next)) {
      const r = certifiedRadius(o.sigma, clopperPearsonLower(nA, next, o.alpha));
      if (fixedFrom && row.fixedRadius[next] !== r)
        throw new Error(
          `--fixed-from: digit ${row.idx} at n = ${next}: radius ${r}, kept ${row.fixedRadius[next]}`,
        );
      row.fixedRadius[next] = r;
    }
  }
  row.seconds += (performance.now() - started) / 1000;
  const kept = fixedFrom?.rows.get(row.idx);
  if (kept && (kept.candidate !== row.candidate || kept.anytimeSamples !== row.anytimeSamples))
    throw new Error(
      `--fixed-from: digit ${row.idx}: class ${row.candidate}, anytime stop ${row.anytimeSamples}; kept ${kept.candidate}, ${kept.anytimeSamples}`,
    );
}

/**
 * Writes the JSON, then the docs/anytime.md table. Each fixed n is summarized over the first digits whose
 * streams reached it (all of them once its pass is done), beside the anytime stop on those digits.
 */
function writeResult(rows: DigitRow[], backend: string) {
  const futility = futilitySummary(rows, MAX_N);
  process.stderr.write(`${futilityLines(futility).join('\n')}\n`);
  const summary = {
    anytime: anytimeSummary(rows, MAX_N),
    /** Stop mode with the futility stop: votes per digit for each decision, beside the full n. */
    futility,
    fixed: FIXED.flatMap((f) => {
      // The digits from the first up to the first one whose stream has not reached f: a prefix, so
      // which digits count never depends on their results (the streams that reached 100,000 first
      // are those on which the anytime stop failed).
      const upTo = rows.findIndex((r) => !(f in r.fixedRadius));
      const measured = upTo < 0 ? rows : rows.slice(0, upTo);
      if (measured.length === 0) return [];
      const ok = (r: DigitRow) => r.fixedRadius[f]! >= o.radius;
      return [
        {
          n: f,
          digits: measured.length,
          ...certifiedBy(measured, ok),
          /** The anytime stop on the same digits. */
          anytimeSame: anytimeSummary(measured, MAX_N),
          /** Digits this n certifies and the anytime stop does not, and the other way round. */
          onlyFixed: measured.filter((r) => ok(r) && !anytimeOk(r)).length,
          onlyAnytime: measured.filter((r) => !ok(r) && anytimeOk(r)).length,
        },
      ];
    }),
  };
  const tsv = shippedTsv(o);
  const out = {
    what: 'Samples the anytime-valid stop needs against fixed-n CERTIFY (npm run samples-saved)',
    model: o.model,
    sigma: o.sigma,
    radius: o.radius,
    alpha: o.alpha,
    n0: o.n0,
    digits: rows.length,
    firstDigit: rows[0]?.idx ?? 0,
    seed: o.seed,
    backend,
    schedule: 'every 100 votes up to 1,000, then every 1,000 up to 100,000',
    /** Wall-clock seconds spent reading the votes, summed over the digits and passes (whatever processes did them). */
    seconds: Math.round(rows.reduce((t, r) => t + r.seconds, 0) + (fixedFrom?.seconds ?? 0)),
    /** Where the fixed-n columns were read (`--fixed-from`): this run read only up to each anytime stop. */
    ...(fixedFrom ? { fixedFrom: { file: values['fixed-from'], seconds: fixedFrom.seconds } } : {}),
    /** The n = 10,000 column against the shipped certify run of the same digits, seed, n0 and alpha. */
    shippedTsvCheck: tsv ? checkAgainstTsv(rows, tsv) : null,
    summary,
    rows: rows.map((r) => ({
      idx: r.idx,
      label: r.label,
      candidate: r.candidate,
      anytimeSamples: r.anytimeSamples,
      anytimeRadius: r.anytimeRadius,
      futileSamples: r.futileSamples ?? null,
      fixedRadius: r.fixedRadius,
    })),
  };
  writeFileSync(values.out!, `${JSON.stringify(out, null, 2)}\n`);
  process.stderr.write(`samples-saved: wrote ${values.out}\n`);
  if (values['big-tsv']) writeBigTsv(rows, values['big-tsv']);
  if (!values['no-readme']) writeReadme(values.out!, MAX_N);
}

/** Writes the n = 100,000 column as a certify TSV at `path` (the shipped settings only). */
function writeBigTsv(rows: DigitRow[], path: string) {
  if (o.n0 !== 100 || o.alpha !== 0.001 || o.seed !== 0 || !FIXED.includes(MAX_N))
    throw new Error('--big-tsv needs the shipped settings: n0 100, alpha 0.001, seed 0, --fixed with 100000');
  const { text, count } = bigTsv(rows, MAX_N);
  writeFileSync(path, text);
  process.stderr.write(`samples-saved: wrote ${count} rows at n = ${MAX_N} to ${path}\n`);
}

(values['readme-only'] ? Promise.resolve(writeReadme(values.out, MAX_N)) : main())
  .then(() => prettierWrite([values.out!, ...(values['no-readme'] ? [] : ['docs/anytime.md'])]))
  .catch((e: unknown) => {
    process.stderr.write(`samples-saved: error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
