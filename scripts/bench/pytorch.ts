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
function torchPython(): string | null {
  for (const py of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(py, ['-c', 'import torch'], { stdio: 'ignore' });
    if (r.status === 0) return py;
  }
  return null;
}

/** scripts/torch_reference.py on the CNN and the MLP: n0 = 100 plus the wasm run's sample counts. */
export function runTorch([cnn, mlp]: [number, number]): TorchResult {
  const py = torchPython();
  if (!py)
    return {
      skipped: 'python3-torch is not installed (neither python3 nor /usr/bin/python3 imports torch)',
      rows: [],
    };
  if (!existsSync('scripts/torch_reference.py'))
    return { skipped: 'scripts/torch_reference.py is missing', rows: [] };
  const out: TorchResult = { rows: [] };
  for (const [model, n] of [
    ['cnn-0.25', cnn],
    ['mlp-0.25', mlp],
  ] as const) {
    console.error(`bench: PyTorch, ${model}…`);
    const r = spawnSync(py, ['scripts/torch_reference.py', '--model', model, '--samples', String(n)], {
      encoding: 'utf8',
    });
    if (r.status !== 0)
      return { skipped: `torch_reference.py failed: ${r.stderr.trim().split('\n').pop()}`, rows: [] };
    const j = JSON.parse(r.stdout.trim().split('\n').pop()!) as {
      samples: number;
      samplesPerSecond: number;
      torch: string;
      threads: number;
    };
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
