/**
 * The bench's "peak" part: on wasm (SIMD), the practical peak from square float32 tf.matMul in
 * bench.html (?peak=1) and the share of it the CNN's and the MLP's forward passes reach on a batch
 * of the engine's size, with each layer's time; once as the page has threads (on where it is
 * cross-origin isolated, as `vite preview` serves it) and once with threads off.
 */
import type { Page } from '@playwright/test';
import type { PeakReport } from '../../src/bench/peak';
import { benchPage, f, type BenchContext } from './page';

export interface PeakRun {
  /** 'wasm' (threads as the page has them) or 'wasm-simd' (threads off). */
  label: string;
  threads: boolean;
  wasmThreads?: number;
  peak: PeakReport;
}

export async function measurePeak(ctx: BenchContext, page: Page): Promise<PeakRun[]> {
  const runs: PeakRun[] = [];
  for (const [label, extra] of [
    ['wasm', ''],
    ['wasm-simd', '&threads=0'],
  ] as const) {
    // Threads off is only a second condition where the first had them on.
    if (label === 'wasm-simd' && !runs[0]?.threads) break;
    console.error(`bench: matmul peak and forward passes on ${label}…`);
    const r = (await benchPage(
      page,
      ctx.base,
      `backend=wasm&peak=1${ctx.quick ? '&quick=1' : ''}${extra}`,
    )) as {
      backend?: string;
      error?: string;
      peak?: PeakReport;
      wasmFeatures?: { simd: boolean; threads: boolean };
      wasmThreads?: number;
    };
    if (r.error || r.backend !== 'wasm' || !r.peak) {
      console.error(`bench: peak on ${label} did not run (${r.error ?? `got ${r.backend}`}); skipped`);
      continue;
    }
    const threads = r.wasmFeatures?.threads ?? false;
    runs.push({ label, threads, wasmThreads: r.wasmThreads, peak: r.peak });
  }
  return runs;
}

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

export function printPeak(runs: PeakRun[]) {
  for (const { label, threads, wasmThreads, peak } of runs) {
    console.log(
      `\nwasm peak (${label}: SIMD on, threads ${threads ? `on, ${wasmThreads ?? '?'}` : 'off'}): square float32 tf.matMul`,
    );
    console.log('| m = n = k | products timed | ms each | GFLOP/s |');
    console.log('|---:|---:|---:|---:|');
    for (const m of peak.matmul)
      console.log(`| ${m.size} | ${m.reps} | ${f(m.msPerProduct, 2)} | ${f(m.gflops, 1)} |`);
    console.log('\n| model | batch | MFLOP per image | ms per batch | GFLOP/s | share of the matmul peak |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const m of peak.models)
      console.log(
        `| ${m.model} | ${m.batch} | ${f(m.flopsPerImage / 1e6, 3)} | ${f(m.msPerBatch, 2)} | ${f(m.gflops, 1)} | ${pct(m.fractionOfPeak)} |`,
      );
    for (const m of peak.models) {
      const layers = m.layers
        .map((l) => `${l.name} ${pct(l.share)}${l.gflops ? ` (${f(l.gflops, 1)} GFLOP/s)` : ''}`)
        .join(', ');
      console.log(`Per layer, ${m.model} (each alone, share of time): ${layers}`);
    }
  }
}

/** The CNN's share of the matmul peak as a row of the targets table (the issue sets no bar). */
export function peakTargets(runs: PeakRun[] | null) {
  return (runs ?? []).flatMap(({ label, peak }) => {
    const cnn = peak.models.find((m) => m.model.startsWith('cnn'));
    if (!cnn) return [];
    return [
      {
        target: `CNN forward pass GFLOP/s / tf.matMul peak on ${label} (${f(cnn.gflops, 1)} / ${f(peak.peakGflops, 1)})`,
        measured: pct(cnn.fractionOfPeak),
        goal: 'reported',
        met: null,
      },
    ];
  });
}
