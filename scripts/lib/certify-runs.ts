import { spawn } from 'node:child_process';
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

/** Where the TSV of a run is kept. */
export const tsvPath = (r: CertifyRun) => `models/certify/${r.model}-sigma${r.sigma}.tsv`;

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
