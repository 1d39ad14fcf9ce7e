import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parseTsv, TSV_HEADER } from '../../src/smoothing';
/**
 * The certifications behind the table in models/README.md: each CNN at its own sigma_train
 * (cnn-0.00, trained without noise, at 0.12). Shared by certify-table.ts and models-readme.ts.
 */
export const CERTIFY_RUNS = [
  { model: 'cnn-0.00', sigma: '0.12' },
  { model: 'cnn-0.12', sigma: '0.12' },
  { model: 'cnn-0.25', sigma: '0.25' },
  { model: 'cnn-0.50', sigma: '0.50' },
  { model: 'cnn-1.00', sigma: '1.00' },
] as const;

export type CertifyRun = (typeof CERTIFY_RUNS)[number];

/**
 * The certify CLI's flags for a run at `n` (every shipped run: n0 100, alpha 0.001, seed 0), without
 * the digit range and the output file. `modelArgs` names the model (default: the shipped folder).
 */
export function runArgs(r: CertifyRun, n: number, modelArgs: string[] = ['--model', r.model]): string[] {
  return [
    ...modelArgs,
    '--sigma',
    r.sigma,
    '--n0',
    '100',
    '--n',
    String(n),
    '--alpha',
    '0.001',
    '--seed',
    '0',
  ];
}

/** Where the TSV of a run is kept. */
export const tsvPath = (r: CertifyRun) => `models/certify/${r.model}-sigma${r.sigma}.tsv`;

/** The same run's first 100 digits at n = 100,000 (Cohen et al.'s N). */
export const bigTsvPath = (r: CertifyRun) => `models/certify/n100000/${r.model}-sigma${r.sigma}.tsv`;

/** Runs the certify CLI (scripts/certify.ts) with these arguments; its progress lines are prefixed. */
export function runCertifyCli(args: string[], label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'scripts/certify.ts', ...args], {
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    child.stderr.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n'))
        if (line.startsWith('certify:')) console.error(`[${label}] ${line}`);
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${label} exited with ${code}`))));
  });
}

/** Runs `task` on every item, `jobs` at a time. */
export async function inParallel<T>(items: readonly T[], jobs: number, task: (t: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      for (let t = queue.shift(); t !== undefined; t = queue.shift()) await task(t);
    }),
  );
}

/**
 * Certifies digits from..to-1 into `out`, resumably: rows already in `out` (and in `out.part`, what
 * an interrupted run left) are kept, and only the missing digits are certified, from the first one
 * missing. Each digit's noise depends only on its index and the seed, so the rows are the same as
 * one uninterrupted run's. `args` are the certify CLI's flags without --start, --max and --out.
 */
export async function certifyResumable(args: string[], out: string, from: number, to: number, label: string) {
  const part = `${out}.part`;
  const rows = new Map<number, string>();
  for (const path of [out, part]) {
    if (!existsSync(path)) continue;
    let text = readFileSync(path, 'utf8');
    // An interrupted run (or a copy taken while it ran) can end in a torn line: drop it.
    if (path === part && !text.endsWith('\n')) text = text.slice(0, text.lastIndexOf('\n') + 1);
    parseTsv(text, path); // refuses a malformed file instead of merging it
    for (const line of text.split('\n').slice(1))
      if (line.trim()) rows.set(Number(line.split('\t')[0]), line);
  }
  const write = () => {
    const ordered = [...rows.entries()].filter(([i]) => i >= from && i < to).sort((a, b) => a[0] - b[0]);
    writeFileSync(out, `${TSV_HEADER.join('\t')}\n${ordered.map(([, l]) => `${l}\n`).join('')}`);
    rmSync(part, { force: true });
  };
  let next = from;
  while (next < to && rows.has(next)) next++;
  write();
  if (next >= to) return;
  await runCertifyCli([...args, '--start', String(next), '--max', String(to), '--out', part], label);
  for (const line of readFileSync(part, 'utf8').split('\n').slice(1))
    if (line.trim()) rows.set(Number(line.split('\t')[0]), line);
  write();
}

/** Merges range TSVs (each sorted, disjoint) into one TSV in index order; throws on a gap or overlap. */
export function mergeTsvs(parts: string[], out: string, expected: number): void {
  const lines: [number, string][] = [];
  for (const p of parts) {
    const text = readFileSync(p, 'utf8');
    parseTsv(text, p);
    for (const line of text.split('\n').slice(1))
      if (line.trim()) lines.push([Number(line.split('\t')[0]), line]);
  }
  lines.sort((a, b) => a[0] - b[0]);
  lines.forEach(([i], k) => {
    if (i !== k) throw new Error(`merge into ${out}: expected digit ${k}, found ${i}`);
  });
  if (lines.length !== expected)
    throw new Error(`merge into ${out}: ${lines.length} rows, expected ${expected}`);
  writeFileSync(out, `${TSV_HEADER.join('\t')}\n${lines.map(([, l]) => `${l}\n`).join('')}`);
}
