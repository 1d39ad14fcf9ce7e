/**
 * Samples saved by stopping on the anytime-valid bound, measured on the shipped test digits and a
 * shipped model. For each digit: n0 selection votes pick the class c_A (as CERTIFY does), then one
 * stream of estimation votes is read at a fixed schedule (every 100 votes up to 1,000, then every
 * 1,000) up to 100,000. On that one stream:
 *
 * - the anytime-valid stop: the first check at which the radius from `confidenceSequenceLower`
 *   reaches the target r (valid at any stopping time, Howard et al. 2021);
 * - fixed-n CERTIFY at n = 10,000 and at n = 100,000: the Clopper-Pearson radius of the first n votes.
 *
 * A digit counts as certified by a method when that method's radius is at least r (and as certified
 * correctly when c_A is also its label). Digit i uses the certify CLI's seed for i, so the
 * n = 100,000 column equals `npm run certify -- --n 100000` on the same digits.
 *
 *   npm run samples-saved -- [--model cnn-0.25] [--sigma 0.25] [--radius 0.5] [--digits 10]
 *
 * Writes models/certify/samples-saved.json (read by the trade-off view), then the table between the
 * `samples-saved` markers in README.md (`--readme-only` redoes just that from the JSON).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { digitAsFloats } from '../src/data/digits';
import { modelVoteSampler } from '../src/engine/worker/votes';
import { median } from '../src/lesson/peeking';
import {
  argmax,
  certifiedRadius,
  clopperPearsonLower,
  confidenceSequenceLower,
  mixSeed,
  reachedRadius,
} from '../src/smoothing';
import { initBackend, loadModelFromDisk, readCards, readTestDigits } from './lib/node-tf';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'cnn-0.25' },
    sigma: { type: 'string', default: '0.25' },
    radius: { type: 'string', default: '0.5' },
    alpha: { type: 'string', default: '0.001' },
    n0: { type: 'string', default: '100' },
    digits: { type: 'string', default: '10' },
    seed: { type: 'string', default: '0' },
    out: { type: 'string', default: 'models/certify/samples-saved.json' },
    /** Only rewrite the README block from the JSON already written. */
    'readme-only': { type: 'boolean', default: false },
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
const FIXED = [10_000, 100_000] as const;
const MAX_N = 100_000;
/** The vote counts at which the anytime-valid bound is read. */
const SCHEDULE = [
  ...Array.from({ length: 10 }, (_, i) => (i + 1) * 100),
  ...Array.from({ length: 99 }, (_, i) => (i + 2) * 1000),
];

interface DigitRow {
  idx: number;
  label: number;
  candidate: number;
  /** Votes the anytime-valid stop needed, or null when it had not reached r by 100,000. */
  anytimeSamples: number | null;
  anytimeRadius: number;
  /** Clopper-Pearson radius after the first 10,000 and 100,000 votes. */
  fixedRadius: Record<string, number>;
}

async function main() {
  const card = readCards().find((c) => c.id === o.model);
  if (!card) throw new Error(`unknown model "${o.model}"`);
  const backend = await initBackend('wasm');
  const model = await loadModelFromDisk(join('models', card.id));
  const set = readTestDigits();
  const t0 = performance.now();
  const rows: DigitRow[] = [];
  for (let i = 0; i < o.digits; i++) {
    const sampler = modelVoteSampler(model, {
      x: digitAsFloats(set, i),
      inputShape: [set.rows, set.cols, 1],
      sigma: o.sigma,
      seed: mixSeed(o.seed, i),
      batchSize: 1000,
    });
    const candidate = argmax(await sampler(o.n0, 'selection'));
    const counts = new Array<number>(10).fill(0);
    let m = 0;
    let anytimeSamples: number | null = null;
    let anytimeRadius = 0;
    const fixedRadius: Record<string, number> = {};
    for (const next of SCHEDULE) {
      const c = await sampler(next - m, 'estimation');
      c.forEach((v, k) => (counts[k]! += v));
      m = next;
      const nA = counts[candidate]!;
      if (anytimeSamples === null && reachedRadius(nA, m, o.alpha, o.sigma, o.radius)) {
        anytimeSamples = m;
        anytimeRadius = certifiedRadius(o.sigma, confidenceSequenceLower(nA, m, o.alpha));
      }
      if ((FIXED as readonly number[]).includes(m)) {
        fixedRadius[m] = certifiedRadius(o.sigma, clopperPearsonLower(nA, m, o.alpha));
      }
    }
    rows.push({ idx: i, label: set.labels[i]!, candidate, anytimeSamples, anytimeRadius, fixedRadius });
    const s = (performance.now() - t0) / 1000;
    process.stderr.write(
      `samples-saved: digit ${i} (label ${set.labels[i]}): anytime stop at ${anytimeSamples ?? 'never'}, ` +
        `CP radius at 10k ${fixedRadius[10_000]!.toFixed(3)}, at 100k ${fixedRadius[100_000]!.toFixed(3)} (${s.toFixed(0)} s)\n`,
    );
  }
  model.dispose();

  const certifiedBy = (ok: (r: DigitRow) => boolean) => ({
    certified: rows.filter(ok).length,
    certifiedCorrect: rows.filter((r) => ok(r) && r.candidate === r.label).length,
  });
  const stops = rows.map((r) => r.anytimeSamples);
  const reached = stops.filter((x): x is number => x !== null);
  const summary = {
    anytime: {
      ...certifiedBy((r) => r.anytimeSamples !== null),
      /** Median over every digit, a digit that never reached r counting as 100,000 (all it used). */
      medianSamples: median(stops.map((x) => x ?? MAX_N)),
      /** Median over the digits it certified. */
      medianSamplesCertified: median(reached),
    },
    fixed: FIXED.map((n) => ({ n, ...certifiedBy((r) => r.fixedRadius[n]! >= o.radius) })),
  };
  const out = {
    what: 'Samples the anytime-valid stop needs against fixed-n CERTIFY (npm run samples-saved)',
    model: o.model,
    sigma: o.sigma,
    radius: o.radius,
    alpha: o.alpha,
    n0: o.n0,
    digits: o.digits,
    seed: o.seed,
    backend,
    schedule: 'every 100 votes up to 1,000, then every 1,000 up to 100,000',
    seconds: Math.round((performance.now() - t0) / 1000),
    summary,
    rows,
  };
  writeFileSync(values.out, `${JSON.stringify(out, null, 2)}\n`);
  process.stderr.write(`samples-saved: wrote ${values.out} in ${out.seconds} s\n`);
  writeReadme(values.out);
}

/** Rewrites the README table from the JSON file at `path`. */
function writeReadme(path: string) {
  const d = JSON.parse(readFileSync(path, 'utf8')) as {
    model: string;
    sigma: number;
    radius: number;
    alpha: number;
    n0: number;
    digits: number;
    seconds: number;
    schedule: string;
    summary: {
      anytime: {
        certified: number;
        certifiedCorrect: number;
        medianSamples: number;
        medianSamplesCertified: number;
      };
      fixed: { n: number; certified: number; certifiedCorrect: number }[];
    };
  };
  const int = (x: number) => x.toLocaleString('en-US');
  const a = d.summary.anytime;
  const table = [
    `${d.model}, sigma ${d.sigma}, target radius r = ${d.radius}, alpha ${d.alpha}, n0 ${d.n0}, the first ${d.digits} test digits (${d.seconds} s on this machine); the anytime-valid bound read ${d.schedule}:`,
    '',
    '| method | estimation votes per digit | certified at r (of which correct) |',
    '| --- | --: | --: |',
    `| anytime-valid stop | median ${int(a.medianSamples)} (a digit that never reached r counts as the ${int(MAX_N)} it used; over the digits it certified: ${int(a.medianSamplesCertified)}) | ${a.certified} of ${d.digits} (${a.certifiedCorrect}) |`,
    ...d.summary.fixed.map(
      (f) =>
        `| fixed-n CERTIFY, n = ${int(f.n)} | ${int(f.n)} | ${f.certified} of ${d.digits} (${f.certifiedCorrect}) |`,
    ),
  ].join('\n');
  const start = '<!-- samples-saved:start -->';
  const end = '<!-- samples-saved:end -->';
  const readme = readFileSync('README.md', 'utf8');
  const i = readme.indexOf(start);
  const j = readme.indexOf(end);
  if (i < 0 || j < i) throw new Error(`README.md has no ${start} ... ${end} block`);
  writeFileSync('README.md', `${readme.slice(0, i + start.length)}\n\n${table}\n\n${readme.slice(j)}`);
  process.stderr.write('samples-saved: README.md table rewritten\n');
}

(values['readme-only'] ? Promise.resolve(writeReadme(values.out)) : main()).catch((e: unknown) => {
  process.stderr.write(`samples-saved: error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
