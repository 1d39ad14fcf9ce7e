/**
 * The bench's "pytorch" part: the same certificate's samples/s in PyTorch on the CPU
 * (scripts/torch_reference.py, same weights) where python3 can import torch.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { f } from './page';

export interface TorchResult {
  skipped?: string;
  version?: string;
  threads?: number;
  rows: { model: string; samples: number; samplesPerSecond: number }[];
}

/** The first python3 that imports torch: the one on PATH, then Debian's. */
export function torchPython(): string | null {
  for (const py of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(py, ['-c', 'import torch'], { stdio: 'ignore' });
    if (r.status === 0) return py;
  }
  return null;
}

/** One run of torch_reference.py's JSON line. */
export interface TorchRun {
  samples: number;
  samplesPerSecond: number;
  torch: string;
  threads: number;
  batch: number;
}

/**
 * scripts/torch_reference.py once: `n0` selection votes plus `samples` (timed together), in batches
 * of `batch` (its default where omitted), on `threads` intra-op threads (torch's default where
 * omitted), on `digit` (784 comma-separated intensities; a flat 0.5 where omitted).
 */
export function torchOnce(
  py: string,
  model: string,
  samples: number,
  opts: { n0?: number; batch?: number; threads?: number; digit?: string } = {},
): TorchRun | { error: string } {
  const args = ['scripts/torch_reference.py', '--model', model, '--samples', String(samples)];
  if (opts.n0 !== undefined) args.push('--n0', String(opts.n0));
  if (opts.batch !== undefined) args.push('--batch', String(opts.batch));
  if (opts.threads !== undefined) args.push('--threads', String(opts.threads));
  if (opts.digit !== undefined) args.push('--digit', opts.digit);
  const r = spawnSync(py, args, { encoding: 'utf8' });
  if (r.status !== 0) return { error: `torch_reference.py failed: ${r.stderr.trim().split('\n').pop()}` };
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as TorchRun;
}

/** Why PyTorch cannot run here, or null where it can. */
export function torchMissing(py: string | null): string | null {
  if (!py) return 'python3-torch is not installed (neither python3 nor /usr/bin/python3 imports torch)';
  if (!existsSync('scripts/torch_reference.py')) return 'scripts/torch_reference.py is missing';
  return null;
}

/** scripts/torch_reference.py on the CNN and the MLP: n0 = 100 plus the wasm run's sample counts. */
export function runTorch([cnn, mlp]: [number, number]): TorchResult {
  const py = torchPython();
  const missing = torchMissing(py);
  if (missing) return { skipped: missing, rows: [] };
  const out: TorchResult = { rows: [] };
  for (const [model, n] of [
    ['cnn-0.25', cnn],
    ['mlp-0.25', mlp],
  ] as const) {
    console.error(`bench: PyTorch, ${model}…`);
    const j = torchOnce(py!, model, n);
    if ('error' in j) return { skipped: j.error, rows: [] };
    out.version = j.torch;
    out.threads = j.threads;
    out.rows.push({ model, samples: j.samples, samplesPerSecond: j.samplesPerSecond });
  }
  return out;
}

export function printTorch(torch: TorchResult) {
  if (torch.skipped) console.log(`\nPyTorch: skipped (${torch.skipped})`);
  else {
    console.log(`\nPyTorch ${torch.version} on the CPU (${torch.threads} threads), same weights:`);
    for (const r of torch.rows)
      console.log(`  ${r.model}: ${f(r.samplesPerSecond)} samples/s (${f(r.samples)} samples)`);
  }
}
