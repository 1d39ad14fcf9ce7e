/**
 * `npm run bench`: builds the app, serves it (`vite preview`, as `npm start` does), and measures in
 * headless Chromium, in one run:
 *  1. engine samples/s against a naive port of the lesson's loop (bench.html), CNN and MLP, on every
 *     backend that starts (webgl, wasm, cpu), and the backend the lab's start-up measurement picks;
 *  2. the same certificate's samples/s in PyTorch on the CPU (scripts/torch_reference.py, same
 *     weights) where python3 can import torch, and the ratio in-browser / PyTorch;
 *  3. a cold load (empty cache) to the first certificate (default digit, CNN, n = 1,000), and the
 *     bytes transferred before it and in total (the offline copy included);
 *  4. in the real app, time from a slider change to the first histogram update and to done (median
 *     of 5), for n = 1,000 and 10,000, CNN and MLP;
 *  5. main-thread long tasks (> 50 ms) during a 100,000-sample MLP run;
 *  6. the GPU path's counters per 10,000 samples (reads, bytes uploaded, programs compiled);
 *  7. with --profile, where one batch's time goes (bench.html?profile=1), per sample;
 *  8. one lesson page with 1 and with 4 embedded widgets, before and after the shared engine: time to
 *     the first certificate and the browser's memory (scripts/bench/widgets.ts);
 *  9. the first slider step right after the first certificate against the steady rate, with the
 *     backend timing and the offline copy turned off in turn (scripts/bench/firstRun.ts);
 * 10. the tf.matMul peak on wasm and the share of it the CNN's forward pass reaches, per layer
 *     (scripts/bench/peak.ts); part 2 also pairs the CNN's steady rate with PyTorch's, 2 threads
 *     each, quiet and under a fixed load (scripts/bench/torchLoad.ts).
 * Each part is a module of scripts/bench/; this entry parses the arguments, serves the build, runs
 * the parts asked for and prints their tables and the targets table.
 * Prints tables and the ratios against the targets, and writes .reports/bench.json. Timings depend
 * on the machine and its load: on this one WebGL is SwiftShader, a CPU rasterizer.
 */
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './lib/chromium';
import { chromium } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { coldLoad, printColdLoad, type ColdLoad } from './bench/cold';
import { measureCounters, measureProfile, printCounters, printProfile } from './bench/counters';
import { benchFirstRun, firstRunTargets, printFirstRun, type FirstRunBench } from './bench/firstRun';
import { measureLatencies, printLatency } from './bench/latency';
import { measureLongTasks, printLongTasks } from './bench/longtasks';
import type { BenchContext, BenchPage } from './bench/page';
import { measurePeak, peakTargets, printPeak, type PeakRun } from './bench/peak';
import { printTorch, runTorch, type TorchResult } from './bench/pytorch';
import { measureSelection, printSelection, type Selection } from './bench/selection';
import { benchSizes, measureThroughput, printThroughput, type Throughput } from './bench/throughput';
import { measureTorchPair, printTorchPair, torchPairTargets, type TorchPair } from './bench/torchLoad';
import { benchWidgets, printWidgets, widgetTargets, type WidgetsBench } from './bench/widgets';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    /** Also time the parts of one batch (noise, forward pass, count and read-back) alone. */
    profile: { type: 'boolean', default: false },
    /**
     * Only these parts, comma-separated (throughput, selection, pytorch, cold, latency, longtasks,
     * counters, widgets, firstrun, peak); the default is all. The targets table then lists only what was measured.
     */
    only: { type: 'string', default: '' },
    /** Throughput only on these (comma-separated: webgl, wasm, wasm-simd, cpu); the default is all. */
    backends: { type: 'string', default: '' },
  },
});
const SECTIONS = [
  'throughput',
  'selection',
  'pytorch',
  'cold',
  'latency',
  'longtasks',
  'counters',
  'widgets',
  'firstrun',
  'peak',
] as const;
const only = new Set(values.only ? values.only.split(',').map((s) => s.trim()) : SECTIONS);
for (const s of only) {
  if (!(SECTIONS as readonly string[]).includes(s)) {
    console.error(`bench: unknown part "${s}" in --only (known: ${SECTIONS.join(', ')})`);
    process.exit(2);
  }
}
/** Whether this run measures the part `s` (see --only). */
const runs = (s: (typeof SECTIONS)[number]) => only.has(s);
const port = 4300 + Math.floor(Math.random() * 500);
const base = `http://127.0.0.1:${port}/`;
if (
  !values['skip-build'] &&
  spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' }).status !== 0
) {
  process.exit(1);
}
// Vite's own entry point run by this Node (not through npx), so server.kill() stops the server itself.
const server = spawn(
  process.execPath,
  ['node_modules/vite/bin/vite.js', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
  { stdio: 'ignore' },
);
await new Promise((r) => setTimeout(r, 2500));
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_ARGS,
});

interface Target {
  target: string;
  measured: string;
  goal: string;
  /** null: a figure reported with no bar set. */
  met: boolean | null;
}

/** The targets as ratios of this run's own figures. */
function targetRows(r: {
  selection: Record<string, { backend: string }>;
  throughput: Record<string, BenchPage>;
  pytorch: TorchResult;
  coldLoad: ColdLoad | null;
  latency: { model: string; n: number; firstUpdateMs: number }[] | null;
  longTasks: { over50ms: number; maxMs: number } | null;
  widgets: WidgetsBench | null;
  firstRun: FirstRunBench | null;
  peak: PeakRun[] | null;
  pytorchQuietLoaded: TorchPair | null;
}): Target[] {
  const out: Target[] = [];
  out.push(...torchPairTargets(r.pytorchQuietLoaded));
  out.push(...peakTargets(r.peak));
  out.push(...widgetTargets(r.widgets));
  out.push(...firstRunTargets(r.firstRun));
  const x = (v: number) => `${v.toFixed(2)}x`;
  for (const [family, min] of [
    ['cnn', 3],
    ['mlp', 1],
  ] as const) {
    // Without the selection part (--only), the ratios are read on wasm, the pick on this machine.
    const picked = r.selection[family]?.backend ?? (r.throughput.wasm ? 'wasm' : undefined);
    const row = picked ? r.throughput[picked]?.rows?.find((t) => t.model.startsWith(family)) : undefined;
    const torch = r.pytorch.rows.find((t) => t.model.startsWith(family));
    if (row && torch) {
      const ratio = row.engineSamplesPerSecond / torch.samplesPerSecond;
      out.push({
        target: `${family.toUpperCase()}: selected backend (${picked}) / PyTorch CPU`,
        measured: x(ratio),
        goal: `>= ${min}x`,
        met: ratio >= min,
      });
    }
    if (row) {
      out.push({
        target: `${family.toUpperCase()}: engine / naive loop on ${picked}`,
        measured: x(row.ratio),
        goal: '>= 1.2x',
        met: row.ratio >= 1.2,
      });
    }
  }
  if (r.latency) {
    const worst = Math.max(...r.latency.map((l) => l.firstUpdateMs));
    out.push({
      target: 'slider step to first histogram update (worst median)',
      measured: `${worst.toFixed(0)} ms`,
      goal: '<= 50 ms',
      met: worst <= 50,
    });
  }
  if (r.coldLoad) {
    out.push({
      target: 'cold load to first certificate',
      measured: `${r.coldLoad.firstVisitSeconds.toFixed(2)} s`,
      goal: '<= 2 s',
      met: r.coldLoad.firstVisitSeconds <= 2,
    });
  }
  if (r.longTasks) {
    out.push({
      target: 'main-thread tasks over 50 ms during a 100,000-sample run',
      measured: `${r.longTasks.over50ms} (longest ${r.longTasks.maxMs.toFixed(0)} ms)`,
      goal: '0',
      met: r.longTasks.over50ms === 0,
    });
  }
  if (r.coldLoad) {
    const mb = r.coldLoad.bytesBeforeFirstCertificate / 1e6;
    out.push({
      target: 'transferred before the first certificate',
      measured: `${mb.toFixed(2)} MB`,
      goal: '<= 3 MB',
      met: mb <= 3,
    });
  }
  return out;
}

try {
  const ctx: BenchContext = { base, browser, quick: values.quick };
  const page = await browser.newPage();
  // 1. Throughput on every backend that starts.
  const { throughput, threadsVsSimd }: Throughput = runs('throughput')
    ? await measureThroughput(ctx, page, values.backends ? new Set(values.backends.split(',')) : null)
    : { throughput: {}, threadsVsSimd: null };
  // 2. The lab's own choice, in a fresh profile (nothing remembered): what the start-up measurement picked.
  const selection: Selection = runs('selection') ? await measureSelection(ctx) : {};
  // 3. PyTorch on the CPU, same weights, same number of samples as the selected backend's engine run.
  const torch: TorchResult = runs('pytorch')
    ? runTorch(benchSizes(values.quick).wasm!)
    : { skipped: 'not measured in this run (--only)', rows: [] };
  // ... and the CNN's steady rate beside it, 2 threads each, quiet and under a fixed load.
  const torchPair = runs('pytorch')
    ? await measureTorchPair(ctx, page, benchSizes(values.quick).wasm![0])
    : null;
  // 4. Cold load to the first certificate, and the bytes before it and in total.
  if (runs('cold')) console.error('bench: cold load to the first certificate…');
  const cold = runs('cold') ? await coldLoad(ctx) : null;
  // 5. Latency of a slider change in the app, composited as usual and in software.
  const { latency, latencySoft } = runs('latency')
    ? await measureLatencies(ctx, page)
    : { latency: null, latencySoft: null };
  // 6. Long tasks on the main thread during a 100,000-sample run (also with --quick: on wasm the
  // MLP does it in a few seconds).
  const longTasks = runs('longtasks') ? await measureLongTasks(page, base, 100_000) : null;
  // 7. The GPU path's counters, and where a batch's time goes.
  if (runs('counters')) console.error('bench: GPU-path counters…');
  const counters = throughput.webgl && runs('counters') ? await measureCounters(ctx, page) : null;
  const profile = values.profile ? await measureProfile(base, page, Object.keys(throughput)) : null;
  // 8. One lesson page with 1 and 4 widgets; 9. the first run after load against the steady rate.
  const widgets = runs('widgets') ? await benchWidgets(base, values.quick ? 1 : 2) : null;
  const firstRun = runs('firstrun') ? await benchFirstRun(values.quick ? 1 : 3) : null;
  // 10. The matmul peak on wasm and the forward passes' share of it.
  const peak = runs('peak') ? await measurePeak(ctx, page) : null;

  const result = {
    profile,
    date: new Date().toISOString(),
    machine: `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Chromium headless, WebGL via SwiftShader unless a GPU is present`,
    selection,
    throughput,
    threadsVsSimd,
    pytorch: torch,
    pytorchQuietLoaded: torchPair,
    peak,
    coldLoad: cold,
    gpuCounters: counters,
    latency,
    latencySoftwareCompositing: latencySoft,
    longTasks,
    widgets,
    firstRun,
  };
  const targets = targetRows(result);
  mkdirSync('.reports', { recursive: true });
  writeFileSync('.reports/bench.json', JSON.stringify({ ...result, targets }, null, 2));
  console.log(`\nBenchmark on ${result.machine}\n`);
  printThroughput({ throughput, threadsVsSimd }, selection);
  printSelection(selection);
  printTorch(torch);
  if (torchPair) printTorchPair(torchPair);
  if (cold) printColdLoad(cold);
  if (counters) printCounters(counters);
  if (latency && latencySoft) printLatency(latency, latencySoft);
  if (longTasks) printLongTasks(longTasks);
  if (profile) printProfile(profile);
  if (widgets) printWidgets(widgets);
  if (firstRun) printFirstRun(firstRun);
  if (peak) printPeak(peak);
  console.log('\nTargets (ratios in this one run):\n');
  console.log('| target | measured | goal | met |');
  console.log('|---|---:|---:|---|');
  for (const t of targets)
    console.log(
      `| ${t.target} | ${t.measured} | ${t.goal} | ${t.met === null ? '–' : t.met ? 'yes' : 'no'} |`,
    );
  console.log('\nJSON: .reports/bench.json');
} finally {
  await browser.close();
  server.kill();
}
