/**
 * The bench's "widgets" part (scripts/bench.ts): one lesson page embedding 1 and then 4 histogram
 * widgets of the built app (a page on another loopback port, as an author's page is), before and
 * after the shared engine, in one run.
 *
 * - "before": every frame runs its own engine in a dedicated worker, as the app did before the
 *   shared engine. Measured on the same build by removing SharedWorker from every frame (an init
 *   script), which is the fallback path: exactly the old code path, so both sit in one run.
 * - "after": the frames share one engine, a SharedWorker.
 *
 * Each measurement starts a fresh Chromium (no worker, cache or process left from the one before).
 * Time: from the lesson page's navigation to the moment the last frame shows its first certificate
 * (run-status `done`). Memory: the proportional set size (PSS, /proc/PID/smaps_rollup) summed over
 * every process of that browser (browser, renderers, GPU, utility), whose ids come from CDP's
 * `SystemInfo.getProcessInfo`, taken at that moment and again 2 s later. Why not the alternatives:
 * CDP's Performance.getMetrics gives one target's JS heap and misses the workers, where TF.js lives
 * (wasm memory, WebGL buffers in the GPU process); measureUserAgentSpecificMemory needs a
 * cross-origin-isolated lesson page and does not count shared workers. PSS shares each shared page
 * among the processes that map it, so the sum is not inflated by the one Chromium binary.
 * The figures: total, and above the same lesson page with no widget (same browser, measured first).
 */
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../lib/chromium';
import { serveLessonPage, widgetUrl } from '../lib/lessonHost';

export interface WidgetRun {
  mode: 'before' | 'after';
  widgets: number;
  /** Engines the frames report (distinct engine ids). */
  engines: number;
  firstCertificateSeconds: number;
  /** From the navigation to the first certificate of any frame (the page's first number on screen). */
  firstOnPageSeconds: number;
  /** Summed PSS of the browser's processes, MB: at the last first certificate, and 2 s later. */
  memoryMB: number;
  memorySettledMB: number;
  /** The same lesson page with no widget, MB (the baseline). */
  baselineMB: number;
  processes: number;
  load: number[];
}

export interface WidgetsBench {
  /** What each widget certifies (model, n, backend), with its digit. */
  query: string;
  runs: WidgetRun[];
  /** Medians per mode and widget count. */
  summary: {
    mode: string;
    widgets: number;
    seconds: number;
    firstOnPageSeconds: number;
    memoryMB: number;
    aboveBaselineMB: number;
    engines: number;
  }[];
  ratios: { mode: string; time: number; memory: number; memoryAboveBaseline: number }[];
}

/** Four test digits of four classes, so every frame certifies something of its own. */
const DIGITS = [0, 2, 3, 4];

function pssMB(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = /^Pss:\s+(\d+) kB/m.exec(rollup);
    if (kb) return Number(kb[1]) / 1024;
  } catch {
    // gone, or not readable: fall back to the resident set
  }
  try {
    const pages = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
    return (pages * 4096) / 2 ** 20;
  } catch {
    return 0;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

async function measure(
  lab: string,
  query: string,
  mode: 'before' | 'after',
  widgets: number,
): Promise<WidgetRun> {
  const host = await serveLessonPage(DIGITS.map((d) => widgetUrl(lab, 'histogram', `${query}&digit=${d}`)));
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const cdp = await browser.newBrowserCDPSession();
    const memory = async () => {
      const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
        processInfo: { id: number; type: string }[];
      };
      return { mb: processInfo.reduce((a, p) => a + pssMB(p.id), 0), processes: processInfo.length };
    };
    const ctx = await browser.newContext();
    await ctx.addInitScript((noShared: boolean) => {
      const w = window as unknown as { __smoothingLabTestHooks: boolean; __firstDone?: number };
      w.__smoothingLabTestHooks = true; // engine-info, to count the engines
      if (noShared) delete (window as unknown as { SharedWorker?: unknown }).SharedWorker;
      const timer = setInterval(() => {
        if (document.querySelector('[data-testid="run-status"]')?.textContent === 'done') {
          w.__firstDone = performance.timeOrigin + performance.now();
          clearInterval(timer);
        }
      }, 10);
    }, mode === 'before');
    const page = await ctx.newPage();
    await page.goto(host.url(0));
    await page.waitForTimeout(1000);
    const baseline = await memory();
    const start = Date.now();
    await page.goto(host.url(widgets));
    const frames = () => page.frames().filter((f) => f.url().includes('#/embed/'));
    const done: number[] = [];
    const deadline = Date.now() + 600_000;
    while (done.length < widgets) {
      if (Date.now() > deadline)
        throw new Error(`bench widgets: no certificate after 600 s (${mode}, ${widgets})`);
      await page.waitForTimeout(50);
      done.length = 0;
      for (const f of frames()) {
        const t = await f
          .evaluate(() => (window as unknown as { __firstDone?: number }).__firstDone)
          .catch(() => undefined);
        if (t) done.push(t);
      }
    }
    const firstCertificateSeconds = (Math.max(...done) - start) / 1000;
    const firstOnPageSeconds = (Math.min(...done) - start) / 1000;
    const at = await memory();
    await page.waitForTimeout(2000);
    const settled = await memory();
    const ids = new Set<string>();
    for (const f of frames()) {
      ids.add(
        await f.evaluate(async () => {
          const hooks = (
            window as unknown as { __smoothingLab: { engineInfo: () => Promise<{ engineId: string }> } }
          ).__smoothingLab;
          return (await hooks.engineInfo()).engineId;
        }),
      );
    }
    return {
      mode,
      widgets,
      engines: ids.size,
      firstCertificateSeconds,
      firstOnPageSeconds,
      memoryMB: at.mb,
      memorySettledMB: settled.mb,
      baselineMB: baseline.mb,
      processes: at.processes,
      load: loadavg(),
    };
  } finally {
    await browser.close();
    await host.close();
  }
}

/**
 * Runs `rounds` rounds of the four measurements (before/after x 1/4 widgets), the order turned
 * around each round so slow drift in the machine's load does not favour one side.
 * @param lab the built app's URL (ending in /)
 */
export async function benchWidgets(lab: string, rounds = 2, log = console.error): Promise<WidgetsBench> {
  // Each widget: the default CNN at n = 1,000, on wasm (the first visit's own choice, pinned so
  // the start-up measurement of the backends does not run inside the window measured).
  const query = 'model=cnn-0.25&n=1000&n0=100&seed=0&backend=wasm';
  const plan: ['before' | 'after', number][] = [
    ['before', 1],
    ['before', 4],
    ['after', 1],
    ['after', 4],
  ];
  const runs: WidgetRun[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [mode, widgets] of r % 2 ? [...plan].reverse() : plan) {
      log(`bench: widgets ${mode}, ${widgets} on one page (round ${r + 1} of ${rounds})…`);
      runs.push(await measure(lab, query, mode, widgets));
    }
  }
  const summary = plan.map(([mode, widgets]) => {
    const mine = runs.filter((x) => x.mode === mode && x.widgets === widgets);
    return {
      mode,
      widgets,
      seconds: median(mine.map((x) => x.firstCertificateSeconds)),
      firstOnPageSeconds: median(mine.map((x) => x.firstOnPageSeconds)),
      memoryMB: median(mine.map((x) => x.memoryMB)),
      aboveBaselineMB: median(mine.map((x) => x.memoryMB - x.baselineMB)),
      engines: Math.max(...mine.map((x) => x.engines)),
    };
  });
  const ratios = (['before', 'after'] as const).map((mode) => {
    const [one, four] = [1, 4].map((w) => summary.find((s) => s.mode === mode && s.widgets === w)!);
    return {
      mode,
      time: four!.seconds / one!.seconds,
      memory: four!.memoryMB / one!.memoryMB,
      memoryAboveBaseline: four!.aboveBaselineMB / one!.aboveBaselineMB,
    };
  });
  return { query, runs, summary, ratios };
}

/** The part's tables, for the bench's report. */
export function printWidgets(b: WidgetsBench): void {
  const f = (x: number, d = 0) =>
    x.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
  console.log(
    `\nOne lesson page, 1 and 4 histogram widgets (${b.query}; medians of ${b.runs.length / 4} rounds):\n`,
  );
  console.log(
    '| engine | widgets | engines | to the first certificate of every widget | of any widget | memory (PSS, all processes) | above the page alone |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const s of b.summary)
    console.log(
      `| ${s.mode === 'before' ? 'before: one per widget' : 'after: shared'} | ${s.widgets} | ${s.engines} | ${f(s.seconds, 2)} s | ${f(s.firstOnPageSeconds, 2)} s | ${f(s.memoryMB)} MB | ${f(s.aboveBaselineMB)} MB |`,
    );
  console.log('\n| engine | 4 / 1 widgets: time | memory | memory above the page alone | goal |');
  console.log('|---|---:|---:|---:|---|');
  for (const r of b.ratios)
    console.log(
      `| ${r.mode} | ${f(r.time, 2)}x | ${f(r.memory, 2)}x | ${f(r.memoryAboveBaseline, 2)}x | <= 1.5x |`,
    );
  console.log(
    'Time: the shared engine runs the four certificates on one thread (its wasm noise too: Chromium gives a SharedWorker no Worker of its own for the noise helper); four dedicated engines spread over every core, and start four times.',
  );
  const load = b.runs.map((r) => r.load[0]!);
  console.log(
    `Load average (1 min) during these runs: ${f(Math.min(...load), 2)}–${f(Math.max(...load), 2)}.`,
  );
}

/** The target as rows for the bench's targets table: 4 widgets at most 1.5x of 1, shared engine. */
export function widgetTargets(b: WidgetsBench | null) {
  const after = b?.ratios.find((r) => r.mode === 'after');
  if (!after) return [];
  return (
    [
      ['time to the first certificates', after.time],
      ['memory above the page alone', after.memoryAboveBaseline],
    ] as const
  ).map(([what, v]) => ({
    target: `4 widgets / 1 widget on one page, ${what}`,
    measured: `${v.toFixed(2)}x`,
    goal: '<= 1.5x',
    met: v <= 1.5,
  }));
}
