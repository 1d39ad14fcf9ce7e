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
 *     the first certificate and the browser's memory (scripts/benchSharedEngine.ts);
 *  9. the first slider step right after the first certificate against the steady rate, with the
 *     backend timing and the offline copy turned off in turn (scripts/benchFirstRun.ts).
 * Prints tables and the ratios against the targets, and writes .reports/bench.json. Timings depend
 * on the machine and its load: on this one WebGL is SwiftShader, a CPU rasterizer.
 */
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './lib/chromium';
import { chromium, type Page } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { benchFirstRun, firstRunTargets, printFirstRun, type FirstRunBench } from './benchFirstRun';
import { benchWidgets, printWidgets, widgetTargets, type WidgetsBench } from './benchSharedEngine';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    /** Also time the parts of one batch (noise, forward pass, count and read-back) alone. */
    profile: { type: 'boolean', default: false },
    /**
     * Only these parts, comma-separated (throughput, selection, pytorch, cold, latency, longtasks,
     * counters, widgets, firstrun); the default is all. The targets table then lists only what was measured.
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

/** Slider steps timed per model and n; the table gives their median (and the range in the JSON). */
const STEPS = 5;

/**
 * Time from a slider change (a key press on the sigma slider) to the first histogram update and to
 * done, in the real app, after a first run has warmed the engine up and the service worker has
 * finished caching the app (on a first visit it copies about 8 MB, which competes for the CPU).
 */
async function measureLatency(page: Page, label: string) {
  const latency: {
    model: string;
    n: number;
    firstUpdateMs: number;
    doneSeconds: number;
    firstUpdateRangeMs: [number, number];
  }[] = [];
  for (const model of ['mlp-0.25', 'cnn-0.25']) {
    for (const n of values.quick ? [1000] : [1000, 10_000]) {
      console.error(`bench: slider latency, ${model}, n = ${n}${label}…`);
      await page.goto('about:blank'); // a real reload: a hash-only goto keeps the old page
      await page.goto(`${base}#/lab?model=${model}&n=${n}&n0=100`);
      await waitDone(page);
      await page.evaluate(() => navigator.serviceWorker?.ready);
      await page.waitForLoadState('networkidle');
      const first: number[] = [];
      const done: number[] = [];
      for (let step = 0; step < STEPS; step++) {
        await page.waitForTimeout(500);
        await page.evaluate(() => {
          const w = window as unknown as { __t: Record<string, number> };
          w.__t = {};
          const votes = document.querySelector('[data-testid="votes"]')!;
          const status = document.querySelector('[data-testid="run-status"]')!;
          document.addEventListener('keydown', () => (w.__t.key ??= performance.now()), {
            capture: true,
            once: true,
          });
          const firstObserver = new MutationObserver(() => {
            const c = JSON.parse(votes.getAttribute('data-selection-counts') ?? '[]') as number[];
            if (w.__t.key && !w.__t.first && c.some((v) => v > 0)) {
              w.__t.first = performance.now();
              firstObserver.disconnect();
            }
          });
          firstObserver.observe(votes, { attributes: true });
          const doneObserver = new MutationObserver(() => {
            if (w.__t.key && status.textContent === 'done') {
              w.__t.done ??= performance.now();
              doneObserver.disconnect();
            }
          });
          doneObserver.observe(status, { childList: true, characterData: true, subtree: true });
        });
        await page.getByTestId('slider-sigma').focus();
        await page.keyboard.press(step % 2 ? 'ArrowLeft' : 'ArrowRight');
        await page.waitForFunction(() => (window as unknown as { __t: { done?: number } }).__t.done, null, {
          timeout: 900_000,
        });
        const t = await page.evaluate(() => (window as unknown as { __t: Record<string, number> }).__t);
        first.push(t.first! - t.key!);
        done.push((t.done! - t.key!) / 1000);
      }
      const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
      latency.push({
        model,
        n,
        firstUpdateMs: median(first),
        doneSeconds: median(done),
        firstUpdateRangeMs: [Math.min(...first), Math.max(...first)],
      });
    }
  }

  return latency;
}

/**
 * Main-thread long tasks (over 50 ms) during an `n`-sample MLP run in the lab (n0 = 100), with what
 * the browser attributes each long animation frame over 50 ms to (its longest scripts).
 */
async function measureLongTasks(page: Page, n: number) {
  console.error(`bench: main-thread long tasks during a ${n}-sample MLP run…`);
  // Open the lab first (its first render is not part of the run), then change n through the URL.
  await page.goto('about:blank');
  await page.goto(`${base}#/lab?model=mlp-0.25&n=10&n0=100`);
  await waitDone(page);
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[]; __frames: unknown[] };
    w.__long = [];
    w.__frames = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push(e.duration);
    }).observe({ type: 'longtask' });
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & {
          scripts?: { invoker: string; duration: number; sourceFunctionName: string }[];
        })[]) {
          if (e.duration <= 50) continue;
          w.__frames.push({
            ms: Math.round(e.duration),
            scripts: (e.scripts ?? []).map((x) => `${x.invoker} ${Math.round(x.duration)} ms`),
          });
        }
      }).observe({ type: 'long-animation-frame' });
    } catch {
      // no Long Animation Frames API here: the long tasks alone
    }
  });
  await page.evaluate((v) => (location.hash = `#/lab?model=mlp-0.25&n=${v}&n0=100`), n);
  await page
    .getByTestId('run-status')
    .filter({ hasText: /^running$/ })
    .waitFor({ timeout: 60_000 });
  const t0 = Date.now();
  await waitDone(page);
  const runSeconds = (Date.now() - t0) / 1000;
  const { long, frames } = await page.evaluate(() => {
    const w = window as unknown as { __long: number[]; __frames: unknown[] };
    return { long: w.__long, frames: w.__frames };
  });
  return {
    samples: n + 100,
    runSeconds,
    count: long.length,
    over50ms: long.filter((d) => d > 50).length,
    maxMs: Math.max(0, ...long),
    longFrames: frames,
  };
}

interface ThroughputRow {
  model: string;
  samples: number;
  engineSamplesPerSecond: number;
  naiveSamplesPerSecond: number;
  ratio: number;
  /** The engine with its noise made on its own thread instead of the helper worker (null on WebGL). */
  engineInThreadNoiseSamplesPerSecond?: number | null;
}

interface Counters {
  readsPer10k: number;
  bytesUploadedPer10k: number;
  programsCompiledPer10k: number;
  batchesInFlight: number;
}

interface BenchPage {
  backend?: string;
  /** On wasm: whether it ran with SIMD and with threads. */
  wasmFeatures?: { simd: boolean; threads: boolean };
  crossOriginIsolated?: boolean;
  rows?: ThroughputRow[];
  counters?: Record<string, Counters | null>;
  error?: string;
}

/** Opens bench.html with a query and returns what it reports in window.__bench. */
async function benchPage(page: Page, query: string): Promise<BenchPage> {
  await page.goto('about:blank');
  await page.goto(`${base}bench.html?${query}`);
  await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench, null, {
    timeout: 900_000,
  });
  return (await page.evaluate(() => (window as unknown as { __bench: unknown }).__bench)) as BenchPage;
}

/** The first python3 that imports torch: the one on PATH, then Debian's. */
function torchPython(): string | null {
  for (const py of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(py, ['-c', 'import torch'], { stdio: 'ignore' });
    if (r.status === 0) return py;
  }
  return null;
}

interface TorchResult {
  skipped?: string;
  version?: string;
  threads?: number;
  rows: { model: string; samples: number; samplesPerSecond: number }[];
}

/** scripts/torch_reference.py on the CNN and the MLP: n0 = 100 plus the wasm run's sample counts. */
function runTorch([cnn, mlp]: [number, number]): TorchResult {
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

interface ColdLoad {
  backend: string;
  firstVisitSeconds: number;
  laterVisitSeconds: number;
  bytesBeforeFirstCertificate: number;
  requestsBeforeFirstCertificate: number;
  bytesTotal: number;
  requestsTotal: number;
  /** The largest transfers before the first certificate. */
  largestBefore: { url: string; bytes: number }[];
}

/**
 * A first visit in a fresh profile (empty cache, no service worker yet, nothing remembered): the
 * lab's default view (CNN, n = 1,000) from navigation to the first 'done', and every response's
 * transferred bytes (page, workers and service worker) before it and once the offline copy is in.
 * Then a later visit in the same profile.
 */
async function coldLoad(): Promise<ColdLoad> {
  const ctx = await browser.newContext();
  const seen: { url: string; bytes: number; at: number }[] = [];
  ctx.on('requestfinished', (r) => {
    void r.sizes().then(
      (sz) =>
        seen.push({ url: r.url(), bytes: sz.responseBodySize + sz.responseHeadersSize, at: Date.now() }),
      () => undefined,
    );
  });
  await ctx.addInitScript(() => {
    // Polled every 10 ms (a MutationObserver set up this early missed the change here).
    const w = window as unknown as { __firstDone?: number };
    const timer = setInterval(() => {
      const all = document.querySelectorAll('[data-testid="run-status"]');
      if (Array.from(all).some((el) => el.textContent === 'done')) {
        w.__firstDone = performance.now();
        clearInterval(timer);
      }
    }, 10);
  });
  const page = await ctx.newPage();
  await page.goto(`${base}#/lab`);
  await page.waitForFunction(() => (window as unknown as { __firstDone?: number }).__firstDone, null, {
    timeout: 600_000,
  });
  const { firstDone, origin } = await page.evaluate(() => ({
    firstDone: (window as unknown as { __firstDone: number }).__firstDone,
    origin: performance.timeOrigin,
  }));
  const backend = (await page.getByTestId('backend').textContent()) ?? '';
  await page.evaluate(() => navigator.serviceWorker?.ready);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(2000);
  const doneAt = origin + firstDone;
  const before = seen.filter((r) => r.at <= doneAt);
  const sum = (rs: typeof seen) => rs.reduce((a, r) => a + r.bytes, 0);
  // A later visit: HTTP and service-worker caches warm, the backend remembered.
  const later = await ctx.newPage();
  await later.goto(`${base}#/lab`);
  await later.waitForFunction(() => (window as unknown as { __firstDone?: number }).__firstDone, null, {
    timeout: 600_000,
  });
  const laterDone = await later.evaluate(() => (window as unknown as { __firstDone: number }).__firstDone);
  await ctx.close();
  return {
    backend,
    firstVisitSeconds: firstDone / 1000,
    laterVisitSeconds: laterDone / 1000,
    bytesBeforeFirstCertificate: sum(before),
    requestsBeforeFirstCertificate: before.length,
    bytesTotal: sum(seen),
    requestsTotal: seen.length,
    largestBefore: [...before]
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 8)
      .map((r) => ({ url: r.url.replace(base, ''), bytes: r.bytes })),
  };
}

interface Target {
  target: string;
  measured: string;
  goal: string;
  met: boolean;
}

/** The issue's targets as ratios of this run's own figures. */
function targetRows(r: {
  selection: Record<string, { backend: string }>;
  throughput: Record<string, BenchPage>;
  pytorch: TorchResult;
  coldLoad: ColdLoad | null;
  latency: { model: string; n: number; firstUpdateMs: number }[] | null;
  longTasks: { over50ms: number; maxMs: number } | null;
  widgets: WidgetsBench | null;
  firstRun: FirstRunBench | null;
}): Target[] {
  const out: Target[] = [];
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

async function waitDone(page: Page, timeout = 600_000) {
  await page
    .getByTestId('run-status')
    .filter({ hasText: /^done$/ })
    .waitFor({ timeout });
}

try {
  const page = await browser.newPage();
  // 1. Throughput on every backend that starts.
  const sizes: Record<string, [number, number]> = values.quick
    ? { webgl: [100, 1000], wasm: [500, 2000], cpu: [50, 500] }
    : { webgl: [1000, 10_000], wasm: [5000, 20_000], cpu: [200, 2000] };
  const throughput: Record<string, BenchPage> = {};
  // 'wasm' is what the lab runs (threads where the page is cross-origin isolated, as npm start
  // serves it); 'wasm-simd' is the same backend with threads turned off, for the ratio.
  const candidates: [string, string, string][] = [
    ['webgl', 'webgl', ''],
    ['wasm', 'wasm', ''],
    ['wasm-simd', 'wasm', '&threads=0'],
    ['cpu', 'cpu', ''],
  ];
  const wanted = values.backends ? new Set(values.backends.split(',')) : null;
  for (const [label, backend, extra] of runs('throughput') ? candidates : []) {
    if (wanted && !wanted.has(label)) continue;
    console.error(`bench: engine against the naive port on ${label}…`);
    const [cnn, mlp] = sizes[backend]!;
    const r = await benchPage(page, `backend=${backend}&cnn=${cnn}&mlp=${mlp}${extra}`);
    if (r.error || r.backend !== backend) {
      console.error(`bench: ${label} did not start (${r.error ?? `got ${r.backend}`}); skipped`);
      continue;
    }
    throughput[label] = r;
  }
  /** wasm with threads against wasm with SIMD alone, engine samples/s, per model (null: no threads here). */
  const threadsVsSimd: Record<string, number> | null =
    throughput.wasm?.wasmFeatures?.threads && throughput['wasm-simd']
      ? Object.fromEntries(
          (throughput.wasm.rows ?? []).map((r) => {
            const s = throughput['wasm-simd']!.rows?.find((q) => q.model === r.model);
            return [r.model, s ? r.engineSamplesPerSecond / s.engineSamplesPerSecond : NaN];
          }),
        )
      : null;

  // 2. The lab's own choice, in a fresh profile (nothing remembered): what the start-up measurement picked.
  const selection: Record<string, { backend: string; timings: Record<string, number> }> = {};
  if (runs('selection')) {
    console.error('bench: the backend the lab picks…');
    const ctx = await browser.newContext({ serviceWorkers: 'block' });
    const p = await ctx.newPage();
    for (const model of ['cnn-0.25', 'mlp-0.25']) {
      await p.goto('about:blank');
      await p.goto(`${base}#/lab?model=${model}&n=100`);
      // A first visit starts on wasm, certifies, then times the backends: wait for that.
      await p.getByTestId('backend-reason').filter({ hasText: 'measured now' }).waitFor({ timeout: 600_000 });
      const stored = await p.evaluate(() => localStorage.getItem('smoothing-lab:backend-choice'));
      const family = model.slice(0, 3);
      const entry = (
        JSON.parse(stored ?? '{}') as {
          families?: Record<string, { backend: string; timings: Record<string, number> }>;
        }
      ).families?.[family];
      if (entry) selection[family] = { backend: entry.backend, timings: entry.timings };
      await p.evaluate(() => localStorage.clear()); // the next family measures afresh too
    }
    await ctx.close();
  }

  // 3. PyTorch on the CPU, same weights, same number of samples as the selected backend's engine run.
  const torch: TorchResult = runs('pytorch')
    ? runTorch(sizes.wasm!)
    : { skipped: 'not measured in this run (--only)', rows: [] };

  // 4. Cold load to the first certificate, and the bytes before it and in total.
  if (runs('cold')) console.error('bench: cold load to the first certificate…');
  const cold = runs('cold') ? await coldLoad() : null;

  // 5. Latency of a slider change in the app. On SwiftShader the page's own compositing shares
  // the emulated GPU with the engine's WebGL, so a repaint after the change delays the first batch;
  // a second browser composites the page in software (--disable-gpu-compositing) to show the engine
  // alone, as on a machine whose GPU composites a page in well under a millisecond.
  let latency: Awaited<ReturnType<typeof measureLatency>> | null = null;
  let latencySoft: Awaited<ReturnType<typeof measureLatency>> | null = null;
  if (runs('latency')) {
    latency = await measureLatency(page, '');
    const soft = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, '--disable-gpu-compositing'],
    });
    latencySoft = await measureLatency(await soft.newPage(), ', page composited in software').finally(() =>
      soft.close(),
    );
  }

  // 6. Long tasks on the main thread during a 100,000-sample run (also with --quick: on wasm the
  // MLP does it in a few seconds).
  const longTasks = runs('longtasks') ? await measureLongTasks(page, 100_000) : null;

  // 7. The GPU path's counters, and where a batch's time goes.
  if (runs('counters')) console.error('bench: GPU-path counters…');
  const counters =
    throughput.webgl && runs('counters')
      ? ((await benchPage(page, `backend=webgl&counters=1&samples=${values.quick ? 2000 : 10_000}`))
          .counters ?? null)
      : null;
  let profile: Record<string, Record<string, number>> | null = null;
  if (values.profile) {
    profile = {};
    for (const backend of Object.keys(throughput).filter((b) => b !== 'cpu')) {
      console.error(`bench: profile of one batch on ${backend}…`);
      const query = backend === 'wasm-simd' ? 'backend=wasm&threads=0' : `backend=${backend}`;
      const r = (await benchPage(page, `${query}&profile=1`)) as {
        profile?: Record<string, Record<string, number>>;
      };
      for (const [k, v] of Object.entries(r.profile ?? {})) profile[`${backend} ${k}`] = v;
    }
  }

  const widgets = runs('widgets') ? await benchWidgets(base, values.quick ? 1 : 2) : null;
  const firstRun = runs('firstrun') ? await benchFirstRun(values.quick ? 1 : 2) : null;

  const result = {
    profile,
    date: new Date().toISOString(),
    machine: `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Chromium headless, WebGL via SwiftShader unless a GPU is present`,
    selection,
    throughput,
    threadsVsSimd,
    pytorch: torch,
    coldLoad: cold,
    gpuCounters: counters,
    latency,
    latencySoftwareCompositing: latencySoft,
    longTasks,
    widgets,
    firstRun,
  };
  const f = (x: number, d = 0) =>
    x.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
  const targets = targetRows(result);
  mkdirSync('.reports', { recursive: true });
  writeFileSync('.reports/bench.json', JSON.stringify({ ...result, targets }, null, 2));
  console.log(`\nBenchmark on ${result.machine}\n`);
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
  for (const [family, sel] of Object.entries(selection)) {
    const t = Object.entries(sel.timings)
      .map(([b, v]) => `${b} ${f(v)}/s`)
      .join(', ');
    console.log(`\nStart-up measurement, ${family}: picked ${sel.backend} (${t})`);
  }
  if (torch.skipped) console.log(`\nPyTorch: skipped (${torch.skipped})`);
  else {
    console.log(`\nPyTorch ${torch.version} on the CPU (${torch.threads} threads), same weights:`);
    for (const r of torch.rows)
      console.log(`  ${r.model}: ${f(r.samplesPerSecond)} samples/s (${f(r.samples)} samples)`);
  }
  if (cold) {
    console.log(
      `\nCold load (empty cache) to the first certificate (CNN, n = 1,000): ${f(cold.firstVisitSeconds, 2)} s on ${cold.backend}; ` +
        `${f(cold.bytesBeforeFirstCertificate / 1e6, 2)} MB transferred before it, ${f(cold.bytesTotal / 1e6, 2)} MB in total with the offline copy ` +
        `(${cold.requestsBeforeFirstCertificate} and ${cold.requestsTotal} requests). A later visit: ${f(cold.laterVisitSeconds, 2)} s.`,
    );
  }
  if (counters) {
    console.log('\nGPU path (WebGL), per 10,000 samples after warm-up:');
    console.log('| model | reads | bytes uploaded | programs compiled | batches in flight |');
    console.log('|---|---:|---:|---:|---:|');
    for (const [m, c] of Object.entries(counters)) {
      if (c) {
        console.log(
          `| ${m} | ${f(c.readsPer10k)} | ${f(c.bytesUploadedPer10k)} | ${f(c.programsCompiledPer10k)} | ${c.batchesInFlight} |`,
        );
      }
    }
  }
  if (latency) {
    console.log(
      `\n| model | n | slider change to first histogram update (median of ${STEPS}) | to done | first update, page composited in software | to done |`,
    );
    console.log('|---|---:|---:|---:|---:|---:|');
    latency.forEach((l, k) => {
      const q = latencySoft![k]!;
      console.log(
        `| ${l.model} | ${f(l.n)} | ${f(l.firstUpdateMs)} ms (${l.firstUpdateRangeMs.map((v) => f(v)).join('–')}) | ${f(l.doneSeconds, 2)} s | ${f(q.firstUpdateMs)} ms (${q.firstUpdateRangeMs.map((v) => f(v)).join('–')}) | ${f(q.doneSeconds, 2)} s |`,
      );
    });
  }
  const lt = result.longTasks;
  if (lt) {
    console.log(
      `\nMain thread during a ${f(lt.samples)}-sample MLP run (${f(lt.runSeconds, 1)} s): ${lt.count} long tasks, ${lt.over50ms} over 50 ms, longest ${f(lt.maxMs)} ms`,
    );
    // The first few; every one is in the JSON.
    for (const fr of lt.longFrames.slice(0, 8)) console.log(`  frame over 50 ms: ${JSON.stringify(fr)}`);
  }
  if (profile) {
    const cols = [
      'gpuNoise',
      'jsNoiseUpload',
      'jsNoisyRows',
      'tfRandomNormal',
      'forward',
      'countBatch',
      'countBatchJsNoise',
      'pipelined',
      'nothing',
    ];
    console.log(
      '\nOne batch, microseconds per sample (each part alone, ending with a one-number read-back):\n',
    );
    console.log(
      '| backend model x rows | noise on the GPU | z in JS + upload | x + sigma z in JS (fused) + upload | tf.randomNormal | forward pass | whole batch, GPU or helper noise | whole batch, JS noise | batches with the helper worker one ahead | empty op + read-back |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const [k, r] of Object.entries(profile)) {
      console.log(`| ${k} | ${cols.map((c) => (r[c] === undefined ? '–' : f(r[c], 1))).join(' | ')} |`);
    }
  }
  if (widgets) printWidgets(widgets);
  if (firstRun) printFirstRun(firstRun);
  console.log('\nTargets (ratios in this one run):\n');
  console.log('| target | measured | goal | met |');
  console.log('|---|---:|---:|---|');
  for (const t of targets)
    console.log(`| ${t.target} | ${t.measured} | ${t.goal} | ${t.met ? 'yes' : 'no'} |`);
  console.log('\nJSON: .reports/bench.json');
} finally {
  await browser.close();
  server.kill();
}
