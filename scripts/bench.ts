/**
 * `npm run bench`: builds the app, serves it, and measures in headless Chromium:
 *  1. engine samples/s against a naive port of the lesson's loop (bench.html), CNN and MLP;
 *  2. in the real app, time from a slider change to the first histogram update and to done,
 *     for n = 1,000 and 10,000, CNN and MLP;
 *  3. main-thread long tasks (> 50 ms) during a 100,000-sample MLP run;
 *  4. with --profile, where one batch's time goes (bench.html?profile=1), per sample.
 * Prints a table and writes .reports/bench.json. Timings depend on the machine: on this one WebGL
 * is SwiftShader, a CPU rasterizer.
 */
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './lib/chromium';
import { chromium, type Page } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    /** Also time the parts of one batch (noise, forward pass, count and read-back) alone. */
    profile: { type: 'boolean', default: false },
  },
});
const port = 4300 + Math.floor(Math.random() * 500);
const base = `http://127.0.0.1:${port}/`;
if (
  !values['skip-build'] &&
  spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' }).status !== 0
) {
  process.exit(1);
}
const server = spawn(
  'npx',
  ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
  { stdio: 'ignore' },
);
await new Promise((r) => setTimeout(r, 2500));
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_ARGS,
});

/** Slider steps timed per model and n; the table gives their median (and the range in the JSON). */
const STEPS = 3;

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

async function waitDone(page: Page, timeout = 600_000) {
  await page
    .getByTestId('run-status')
    .filter({ hasText: /^done$/ })
    .waitFor({ timeout });
}

try {
  const page = await browser.newPage();
  // 1. Throughput.
  console.error('bench: engine against the naive port…');
  await page.goto(`${base}bench.html${values.quick ? '?cnn=500&mlp=2000' : ''}`);
  await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench, null, {
    timeout: 900_000,
  });
  const throughput = (await page.evaluate(() => (window as unknown as { __bench: unknown }).__bench)) as {
    backend: string;
    rows: {
      model: string;
      samples: number;
      engineSamplesPerSecond: number;
      naiveSamplesPerSecond: number;
      ratio: number;
    }[];
    error?: string;
  };
  if (throughput.error) throw new Error(throughput.error);

  // 2. Latency of a slider change in the app. On SwiftShader the page's own compositing shares
  // the emulated GPU with the engine's WebGL, so a repaint after the change delays the first batch;
  // a second browser composites the page in software (--disable-gpu-compositing) to show the engine
  // alone, as on a machine whose GPU composites a page in well under a millisecond.
  const latency = await measureLatency(page, '');
  const soft = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--disable-gpu-compositing'],
  });
  const latencySoft = await measureLatency(await soft.newPage(), ', page composited in software').finally(
    () => soft.close(),
  );

  // 3. Long tasks on the main thread during a 100,000-sample run.
  const nLong = values.quick ? 10_000 : 100_000;
  console.error(`bench: main-thread long tasks during a ${nLong}-sample MLP run…`);
  // Open the lab first (its first render is not part of the run), then change n through the URL.
  await page.goto('about:blank');
  await page.goto(`${base}#/lab?model=mlp-0.25&n=10&n0=100`);
  await waitDone(page);
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[] };
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push(e.duration);
    }).observe({ type: 'longtask' });
  });
  await page.evaluate((n) => (location.hash = `#/lab?model=mlp-0.25&n=${n}&n0=100`), nLong);
  await page
    .getByTestId('run-status')
    .filter({ hasText: /^running$/ })
    .waitFor({ timeout: 60_000 });
  const t0 = Date.now();
  await waitDone(page);
  const runSeconds = (Date.now() - t0) / 1000;
  const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);

  // 4. Where a batch's time goes.
  let profile: Record<string, Record<string, number>> | null = null;
  if (values.profile) {
    console.error('bench: profile of one batch…');
    await page.goto(`${base}bench.html?profile=1`);
    await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench, null, {
      timeout: 900_000,
    });
    profile = (
      (await page.evaluate(() => (window as unknown as { __bench: unknown }).__bench)) as {
        profile: Record<string, Record<string, number>>;
      }
    ).profile;
  }

  const result = {
    profile,
    date: new Date().toISOString(),
    machine: `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Chromium headless, WebGL via SwiftShader unless a GPU is present`,
    backend: throughput.backend,
    throughput: throughput.rows,
    latency,
    latencySoftwareCompositing: latencySoft,
    longTasks: {
      samples: nLong + 100,
      runSeconds,
      count: long.length,
      over50ms: long.filter((d) => d > 50).length,
      maxMs: Math.max(0, ...long),
    },
  };
  mkdirSync('.reports', { recursive: true });
  writeFileSync('.reports/bench.json', JSON.stringify(result, null, 2));
  const f = (x: number, d = 0) =>
    x.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
  console.log(`\nBenchmark on ${result.machine}; backend ${result.backend}\n`);
  console.log('| model | samples | engine samples/s | naive port samples/s | engine / naive |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of throughput.rows) {
    console.log(
      `| ${r.model} | ${f(r.samples)} | ${f(r.engineSamplesPerSecond)} | ${f(r.naiveSamplesPerSecond)} | ${f(r.ratio, 2)}x |`,
    );
  }
  console.log(
    `\n| model | n | slider change to first histogram update (median of ${STEPS}) | to done | first update, page composited in software | to done |`,
  );
  console.log('|---|---:|---:|---:|---:|---:|');
  latency.forEach((l, k) => {
    const q = latencySoft[k]!;
    console.log(
      `| ${l.model} | ${f(l.n)} | ${f(l.firstUpdateMs)} ms (${l.firstUpdateRangeMs.map((v) => f(v)).join('–')}) | ${f(l.doneSeconds, 2)} s | ${f(q.firstUpdateMs)} ms (${q.firstUpdateRangeMs.map((v) => f(v)).join('–')}) | ${f(q.doneSeconds, 2)} s |`,
    );
  });
  const lt = result.longTasks;
  console.log(
    `\nMain thread during a ${f(lt.samples)}-sample MLP run (${f(lt.runSeconds, 1)} s): ${lt.count} long tasks, ${lt.over50ms} over 50 ms, longest ${f(lt.maxMs)} ms`,
  );
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
      '| model x rows | noise on the GPU | noise in JS + upload | tf.randomNormal | forward pass | whole engine batch | empty op + read-back |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const [k, r] of Object.entries(profile)) {
      console.log(`| ${k} | ${cols.map((c) => (r[c] === undefined ? '–' : f(r[c], 1))).join(' | ')} |`);
    }
  }
  console.log('\nJSON: .reports/bench.json');
} finally {
  await browser.close();
  server.kill();
}
