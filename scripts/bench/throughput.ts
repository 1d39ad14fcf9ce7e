/**
 * The bench's "throughput" part: engine samples/s against a naive port of the lesson's loop
 * (bench.html), CNN and MLP, on every backend that starts; and wasm with threads against wasm with
 * SIMD alone.
 */
import type { Page } from '@playwright/test';
import { benchPage, f, type BenchContext, type BenchPage } from './page';

/** Samples per backend, [CNN, MLP]: the throughput runs' sizes (PyTorch reuses wasm's). */
export function benchSizes(quick: boolean): Record<string, [number, number]> {
  return quick
    ? { webgl: [100, 1000], wasm: [500, 2000], cpu: [50, 500] }
    : { webgl: [1000, 10_000], wasm: [5000, 20_000], cpu: [200, 2000] };
}

export interface Throughput {
  /** bench.html's report per backend label that started (webgl, wasm, wasm-simd, cpu). */
  throughput: Record<string, BenchPage>;
  /** wasm with threads against wasm with SIMD alone, engine samples/s, per model (null: no threads here). */
  threadsVsSimd: Record<string, number> | null;
}

/** Runs bench.html on each backend (all, or those in `wanted`); a backend that does not start is skipped. */
export async function measureThroughput(
  ctx: BenchContext,
  page: Page,
  wanted: Set<string> | null,
): Promise<Throughput> {
  const sizes = benchSizes(ctx.quick);
  const throughput: Record<string, BenchPage> = {};
  // 'wasm' is what the lab runs (threads where the page is cross-origin isolated, as npm start
  // serves it); 'wasm-simd' is the same backend with threads turned off, for the ratio.
  const candidates: [string, string, string][] = [
    ['webgl', 'webgl', ''],
    ['wasm', 'wasm', ''],
    ['wasm-simd', 'wasm', '&threads=0'],
    ['cpu', 'cpu', ''],
  ];
  for (const [label, backend, extra] of candidates) {
    if (wanted && !wanted.has(label)) continue;
    console.error(`bench: engine against the naive port on ${label}…`);
    const [cnn, mlp] = sizes[backend]!;
    const r = await benchPage(page, ctx.base, `backend=${backend}&cnn=${cnn}&mlp=${mlp}${extra}`);
    if (r.error || r.backend !== backend) {
      console.error(`bench: ${label} did not start (${r.error ?? `got ${r.backend}`}); skipped`);
      continue;
    }
    throughput[label] = r;
  }
  const threadsVsSimd: Record<string, number> | null =
    throughput.wasm?.wasmFeatures?.threads && throughput['wasm-simd']
      ? Object.fromEntries(
          (throughput.wasm.rows ?? []).map((r) => {
            const s = throughput['wasm-simd']!.rows?.find((q) => q.model === r.model);
            return [r.model, s ? r.engineSamplesPerSecond / s.engineSamplesPerSecond : NaN];
          }),
        )
      : null;
  return { throughput, threadsVsSimd };
}

/** Prints the throughput table (marking the backend the lab picked per family) and the wasm lines. */
export function printThroughput(
  { throughput, threadsVsSimd }: Throughput,
  selection: Record<string, { backend: string }>,
) {
  console.log(
    '| backend | model | samples | engine samples/s | naive port samples/s | engine / naive | picked | engine, noise in its own thread |',
  );
  console.log('|---|---|---:|---:|---:|---:|---|---:|');
  for (const [backend, page] of Object.entries(throughput)) {
    for (const r of page.rows ?? []) {
      const picked = selection[r.model.slice(0, 3)]?.backend === backend ? 'yes' : '';
      console.log(
        `| ${backend} | ${r.model} | ${f(r.samples)} | ${f(r.engineSamplesPerSecond)} | ${f(r.naiveSamplesPerSecond)} | ${f(r.ratio, 2)}x | ${picked} | ${r.engineInThreadNoiseSamplesPerSecond ? f(r.engineInThreadNoiseSamplesPerSecond) : '–'} |`,
      );
    }
  }
  const w = throughput.wasm;
  if (w) {
    console.log(
      `\nwasm here: cross-origin isolated ${w.crossOriginIsolated ? 'yes' : 'no'}, SIMD ${w.wasmFeatures?.simd ? 'on' : 'off'}, threads ${w.wasmFeatures?.threads ? 'on' : 'off'}.`,
    );
  }
  if (threadsVsSimd) {
    console.log(
      `wasm with threads / wasm with SIMD alone (engine samples/s): ${Object.entries(threadsVsSimd)
        .map(([m, v]) => `${m} ${f(v, 2)}x`)
        .join(', ')}`,
    );
  }
}
