/**
 * The bench's "pytorch" pair, quiet and loaded: the CNN's steady engine rate in bench.html on wasm
 * against PyTorch on the CPU, once on the machine as it is and once while a fixed synthetic load
 * runs (SPINNERS child processes, each spinning one core, started and stopped here). Both sides:
 * the same weights (models/cnn-0.25), the same digit (test digit 0), the same n (no separate
 * selection votes), the same batch (the engine's on wasm) and at most 2 threads (XNNPACK's pool,
 * torch's intra-op threads). The engine's helper noise worker is part of the engine and runs too.
 */
import type { Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { decodeDigits, digitAsFloats } from '../../src/data/digits';
import { benchPage, f, type BenchContext } from './page';
import { torchMissing, torchOnce, torchPython } from './pytorch';

/** Threads on each side. */
export const THREADS = 2;
/** Child processes of the loaded condition, each a busy loop. */
export const SPINNERS = 2;

export interface TorchPairRow {
  condition: 'quiet' | 'loaded';
  /** The engine's CNN samples/s in bench.html (warmed up, steady). */
  browserSamplesPerSecond: number;
  torchSamplesPerSecond: number;
  /** browser / PyTorch. */
  ratio: number;
  /** 1-minute load average when the pair ended. */
  load: number;
}

export interface TorchPair {
  skipped?: string;
  model: string;
  samples: number;
  batch?: number;
  threads: number;
  browserThreads?: number;
  spinners: number;
  torch?: string;
  rows: TorchPairRow[];
}

function startSpinners(): ChildProcess[] {
  return Array.from({ length: SPINNERS }, () =>
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
  );
}

/** The engine's CNN rate and PyTorch's on `samples` votes, quiet then loaded. */
export async function measureTorchPair(ctx: BenchContext, page: Page, samples: number): Promise<TorchPair> {
  const model = 'cnn-0.25';
  const base: TorchPair = { model, samples, threads: THREADS, spinners: SPINNERS, rows: [] };
  const py = torchPython();
  const missing = torchMissing(py);
  if (missing) return { ...base, skipped: missing };
  const digits = decodeDigits(new Uint8Array(readFileSync('public/data/mnist-test.bin')));
  const digit = Array.from(digitAsFloats(digits, 0)).join(',');
  const out: TorchPair = { ...base };
  for (const condition of ['quiet', 'loaded'] as const) {
    const spinners = condition === 'loaded' ? startSpinners() : [];
    try {
      if (spinners.length) await new Promise((r) => setTimeout(r, 3000)); // let the load settle in
      console.error(`bench: CNN in the browser and in PyTorch, ${condition}…`);
      const r = await benchPage(page, ctx.base, `backend=wasm&wasmThreads=${THREADS}&cnn=${samples}&mlp=0`);
      const row = r.rows?.find((q) => q.model === model);
      if (r.error || r.backend !== 'wasm' || !row)
        return { ...out, skipped: `bench.html on wasm did not run (${r.error ?? `got ${r.backend}`})` };
      const batch = row.batchSize;
      const t = torchOnce(py!, model, samples, { n0: 0, batch, threads: THREADS, digit });
      if ('error' in t) return { ...out, skipped: t.error };
      Object.assign(out, {
        batch,
        browserThreads: r.wasmThreads,
        torch: `${t.torch}, ${t.threads} threads`,
      });
      out.rows.push({
        condition,
        browserSamplesPerSecond: row.engineSamplesPerSecond,
        torchSamplesPerSecond: t.samplesPerSecond,
        ratio: row.engineSamplesPerSecond / t.samplesPerSecond,
        load: loadavg()[0]!,
      });
    } finally {
      for (const s of spinners) s.kill();
    }
  }
  return out;
}

export function printTorchPair(p: TorchPair) {
  if (p.skipped) {
    console.log(`\nCNN beside PyTorch, quiet and loaded: skipped (${p.skipped})`);
    return;
  }
  console.log(
    `\nCNN (${p.model}) steady engine rate on wasm (${p.browserThreads ?? '?'} threads) beside PyTorch ${p.torch}: n = ${f(p.samples)}, batch ${p.batch}, same weights and digit; loaded = ${p.spinners} busy-loop processes:\n`,
  );
  console.log(
    '| condition | browser samples/s | PyTorch samples/s | browser / PyTorch | load average (1 min) |',
  );
  console.log('|---|---:|---:|---:|---:|');
  for (const r of p.rows)
    console.log(
      `| ${r.condition} | ${f(r.browserSamplesPerSecond)} | ${f(r.torchSamplesPerSecond)} | ${f(r.ratio, 2)}x | ${f(r.load, 2)} |`,
    );
}

/** Both ratios as rows of the targets table (the bar is the CNN's >= 3x of the selected-backend row). */
export function torchPairTargets(p: TorchPair | null) {
  return (p?.rows ?? []).map((r) => ({
    target: `CNN: wasm engine / PyTorch CPU, ${THREADS} threads each, ${r.condition} (load ${f(r.load, 2)})`,
    measured: `${f(r.ratio, 2)}x`,
    goal: '>= 3x',
    met: r.ratio >= 3,
  }));
}
