/**
 * Turns the published MNIST certify logs of Jeong & Shin (NeurIPS 2020), kept in their repository
 * github.com/jh-jeong/smoothing-consistency under data/certify/mnist/, into the certified-accuracy
 * curves the trade-off view overlays: src/models/published.json (committed; this script is not
 * needed to build or run the app).
 *
 *   npx tsx scripts/published-curves.ts --repo PATH [--out src/models/published.json]
 *   npx prettier --write src/models/published.json
 *
 * PATH is a clone of that repository (a work tree, or a bare / mirror git directory: then the files
 * are read at HEAD with `git show`). Each log is one certify run over the 10,000 MNIST test digits
 * (columns idx, label, predict, radius, correct, time; N = 100,000, n0 = 100, alpha = 0.001). There
 * are five runs per curve (five trained models); a curve is the mean of their certified accuracies
 * at each radius. The script checks every curve against the figure the paper reports and stops
 * without writing if one is off by more than 0.05 points.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { certifiedAccuracy, radiusGrid, type CertifyRow } from '../src/smoothing';
import type { PublishedCurve, PublishedCurves } from '../src/models/published';

/** The step of the stored radius grid: fine enough for the chart's 0.02 grid to land on it. */
const STEP = 0.01;
const TEST_DIGITS = 10_000;

const REPOSITORY = 'github.com/jh-jeong/smoothing-consistency';
const CONSISTENCY_PAPER =
  'Jeong & Shin, "Consistency Regularization for Certified Robustness of Smoothed Classifiers", NeurIPS 2020';
const GAUSSIAN_PAPER =
  'Cohen, Rosenfeld & Kolter, "Certified Adversarial Robustness via Randomized Smoothing", ICML 2019';

/**
 * The six curves: which folder holds their runs, which runs (file names) belong to them, and the
 * certified accuracy the paper reports at one radius (percent), which the computed curve must match.
 * The Gaussian runs are named noise_<sigma>_<seed>; the consistency runs at the paper's settings
 * (m = 2, lambda 10 at sigma 0.25 and 5 at 0.5 and 1.0, eta 0.5) are runs 1 to 5 of
 * num_2/lbd_<lambda>/eta_0.5 (a run 0, where present, belongs to the lambda sweep at sigma 1).
 */
const CURVES = [
  { method: 'gaussian', sigma: 0.25, dir: 'cohen', check: [0.5, 96.7] },
  { method: 'gaussian', sigma: 0.5, dir: 'cohen', check: [1.0, 89.8] },
  { method: 'gaussian', sigma: 1.0, dir: 'cohen', check: [1.5, 59.5] },
  { method: 'consistency', sigma: 0.25, lambda: 10, check: [0.5, 97.9] },
  { method: 'consistency', sigma: 0.5, lambda: 5, check: [1.0, 92.9] },
  { method: 'consistency', sigma: 1.0, lambda: 5, check: [1.5, 63.5] },
] as const;

/** Reads files from a work tree, or from a git directory at HEAD. */
function repoReader(repo: string): { list: (dir: string) => string[]; read: (path: string) => string } {
  if (existsSync(join(repo, 'data', 'certify', 'mnist'))) {
    return {
      list: (dir) => (existsSync(join(repo, dir)) ? readdirSync(join(repo, dir)) : []),
      read: (path) => readFileSync(join(repo, path), 'utf8'),
    };
  }
  const git = (...args: string[]) =>
    execFileSync('git', ['--git-dir', repo, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return {
    list: (dir) =>
      git('ls-tree', '--name-only', `HEAD:${dir}`)
        .split('\n')
        .filter((l) => l !== ''),
    read: (path) => git('show', `HEAD:${path}`),
  };
}

/** The commit the files were read at (for the provenance), or null for a work tree without git. */
function headCommit(repo: string): string | null {
  for (const args of [
    ['--git-dir', repo],
    ['-C', repo],
  ]) {
    try {
      return execFileSync('git', [...args, 'rev-parse', 'HEAD'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    } catch {
      // try the next way of naming the repository
    }
  }
  return null;
}

/** One certify log as rows; its time column ("0:00:00.59") is not needed and read as 0. */
function parseLog(text: string, source: string): CertifyRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines[0]?.trim().split(/\s+/).join(' ') !== 'idx label predict radius correct time') {
    throw new Error(`${source}: unexpected header "${lines[0]}"`);
  }
  return lines.slice(1).map((line, k) => {
    const [idx, label, predict, radius, correct] = line.split('\t').slice(0, 5).map(Number);
    if ([idx, label, predict, radius, correct].some((v) => v === undefined || Number.isNaN(v))) {
      throw new Error(`${source}, line ${k + 2}: cannot read "${line}"`);
    }
    return { idx: idx!, label: label!, predict: predict!, radius: radius!, correct: correct === 1, time: 0 };
  });
}

function main(argv: string[]): void {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const repo = arg('--repo');
  const out = arg('--out') ?? 'src/models/published.json';
  if (!repo) {
    console.error('usage: npx tsx scripts/published-curves.ts --repo PATH [--out FILE]');
    process.exit(2);
  }
  const files = repoReader(repo);
  const commit = headCommit(repo);
  const sig = (s: number) => s.toFixed(2);

  const curves = CURVES.map((c): PublishedCurve => {
    const dir =
      c.method === 'gaussian'
        ? `data/certify/mnist/${c.dir}`
        : `data/certify/mnist/consistency/cohen/num_2/lbd_${c.lambda.toFixed(1)}/eta_0.5`;
    const names = files
      .list(dir)
      .filter((f) =>
        c.method === 'gaussian'
          ? new RegExp(`^noise_${sig(c.sigma)}_\\d+$`).test(f)
          : new RegExp(`^noise_${sig(c.sigma)}_[1-5]$`).test(f),
      )
      .sort();
    if (names.length !== 5) throw new Error(`${dir}: expected 5 runs at sigma ${c.sigma}, found ${names}`);
    const runs = names.map((f) => {
      const rows = parseLog(files.read(`${dir}/${f}`), `${dir}/${f}`);
      if (rows.length !== TEST_DIGITS)
        throw new Error(`${dir}/${f}: ${rows.length} rows, not ${TEST_DIGITS}`);
      return rows;
    });
    const maxRadius = Math.max(...runs.flatMap((rows) => rows.filter((r) => r.correct).map((r) => r.radius)));
    // Up to the first radius where every run is at zero.
    const radii = radiusGrid(Math.ceil(maxRadius / STEP) * STEP + STEP, STEP);
    const perRun = runs.map((rows) => certifiedAccuracy(rows, radii));
    const accuracy = radii.map((_, i) => {
      const mean = perRun.reduce((s, a) => s + a[i]!, 0) / perRun.length;
      return Number(mean.toFixed(6));
    });
    const [r, published] = c.check;
    const got = 100 * accuracy[Math.round(r / STEP)]!;
    console.log(
      `${c.method.padEnd(11)} sigma ${sig(c.sigma)}: r = ${r.toFixed(2)} ${got.toFixed(3)}% ` +
        `(paper ${published}%; runs ${perRun.map((a) => (100 * a[Math.round(r / STEP)]!).toFixed(2)).join(', ')})`,
    );
    if (Math.abs(got - published) > 0.05 + 1e-9) {
      throw new Error(
        `${c.method} at sigma ${c.sigma}: ${got.toFixed(3)}% at r = ${r}, the paper says ${published}%`,
      );
    }
    return {
      id: `${c.method}-${sig(c.sigma)}`,
      method: c.method,
      sigma: c.sigma,
      training:
        c.method === 'gaussian'
          ? { name: 'Gaussian augmentation', paper: GAUSSIAN_PAPER }
          : {
              name: 'Consistency regularisation',
              paper: CONSISTENCY_PAPER,
              m: 2,
              lambda: c.lambda,
              eta: 0.5,
            },
      reportedIn: CONSISTENCY_PAPER,
      source: { repository: REPOSITORY, commit, files: names.map((f) => `${dir}/${f}`) },
      model: 'LeNet',
      trainDigits: 60_000,
      testDigits: TEST_DIGITS,
      n0: 100,
      n: 100_000,
      alpha: 0.001,
      runs: runs.length,
      check: { radius: r, percent: published },
      radiusStep: STEP,
      accuracy,
    };
  });

  const data: PublishedCurves = {
    about:
      'Certified accuracy (share of the 10,000 MNIST test digits certified correct at L2 radius at least r) ' +
      'from the published certify logs, each curve the mean of 5 runs; accuracy[i] is at r = i * radiusStep. ' +
      'Made by scripts/published-curves.ts.',
    curves,
  };
  writeFileSync(out, `${JSON.stringify(data, null, 2)}\n`);
  console.log(`wrote ${out}`);
}

main(process.argv.slice(2));
