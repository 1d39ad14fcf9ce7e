/**
 * The bench's "firstrun" part (scripts/bench.ts): the student's first slider step right after the
 * first certificate, against the steady rate, on a plain static host (dist/ with no headers, so no
 * wasm threads), cnn-0.25 at n = 10,000, each variant in a fresh Chromium (empty cache, no service
 * worker, nothing remembered). Two things start once the first certificate is on screen, and each
 * variant turns them off in turn:
 *  - the engine's timing of the backends (WebGL against wasm): `backend=wasm` in the URL pins the
 *    backend, so nothing is timed;
 *  - the service worker's download of the offline copy: sw.js answered with a 404, so none is
 *    registered.
 * Each run is one sigma step from the keyboard, timed by the page's own clock from the key press to
 * `done` (timeSliderStep: a time read after a Playwright wait is rounded up to its next poll). The
 * ratio is the third run's time over the first's (1 = the first run as fast as the rest).
 */
import { chromium } from '@playwright/test';
import { loadavg } from 'node:os';
import { serveDistUnder } from '../../e2e/staticServer';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../lib/chromium';
import { timeSliderStep } from './page';

export interface FirstRunRow {
  variant: string;
  /** Seconds from the navigation to the first certificate. */
  firstCertificateSeconds: number;
  /** Seconds of the three runs after it, each from its key press to `done`. */
  runs: number[];
  /** runs[2] / runs[0]: the first run's speed as a share of the steady one. */
  ratio: number;
  load: number;
}

export interface FirstRunBench {
  query: string;
  rows: FirstRunRow[];
}

const VARIANTS = [
  { variant: 'as shipped', pin: false, noSw: false },
  { variant: 'backend pinned (no timing)', pin: true, noSw: false },
  { variant: 'no offline copy', pin: false, noSw: true },
  { variant: 'neither', pin: true, noSw: true },
] as const;

async function measure(url: string, v: (typeof VARIANTS)[number]): Promise<FirstRunRow> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const ctx = await browser.newContext();
    if (v.noSw) await ctx.route(/\/sw\.js$/, (r) => r.fulfill({ status: 404, body: '' }));
    // The first certificate, by the page's clock from the navigation (polled every 10 ms).
    await ctx.addInitScript(() => {
      const w = window as unknown as { __firstDone?: number };
      const timer = setInterval(() => {
        if (document.querySelector('[data-testid="run-status"]')?.textContent !== 'done') return;
        w.__firstDone = performance.now();
        clearInterval(timer);
      }, 10);
    });
    const page = await ctx.newPage();
    await page.goto(`${url}#/lab?model=cnn-0.25&n=10000${v.pin ? '&backend=wasm' : ''}`);
    await page.waitForFunction(() => (window as unknown as { __firstDone?: number }).__firstDone, null, {
      timeout: 180_000,
    });
    const firstCertificateSeconds =
      (await page.evaluate(() => (window as unknown as { __firstDone: number }).__firstDone)) / 1000;
    const runs: number[] = [];
    for (let i = 0; i < 3; i++)
      runs.push((await timeSliderStep(page, i % 2 ? 'ArrowLeft' : 'ArrowRight')).doneMs / 1000);
    return {
      variant: v.variant,
      firstCertificateSeconds,
      runs,
      ratio: runs[2]! / runs[0]!,
      load: loadavg()[0]!,
    };
  } finally {
    await browser.close();
  }
}

/** Runs every variant `rounds` times, the order turned around each round. */
export async function benchFirstRun(rounds = 3, log = console.error): Promise<FirstRunBench> {
  const host = await serveDistUnder('/');
  try {
    const rows: FirstRunRow[] = [];
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 ? [...VARIANTS].reverse() : VARIANTS;
      for (const v of order) {
        const r = await measure(host.url, v);
        log(
          `bench firstrun: ${r.variant}: first run ${r.runs[0]!.toFixed(2)} s, steady ${r.runs[2]!.toFixed(2)} s`,
        );
        rows.push(r);
      }
    }
    return { query: 'model=cnn-0.25&n=10000, plain static host', rows };
  } finally {
    await host.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

/** The median ratio of each variant. */
export function firstRunSummary(b: FirstRunBench) {
  return VARIANTS.map(({ variant }) => {
    const rows = b.rows.filter((r) => r.variant === variant);
    return {
      variant,
      first: median(rows.map((r) => r.runs[0]!)),
      steady: median(rows.map((r) => r.runs[2]!)),
      ratio: median(rows.map((r) => r.ratio)),
    };
  });
}

export function printFirstRun(b: FirstRunBench): void {
  console.log(
    `\nThe first slider step after the first certificate (${b.query}; medians of ${b.rows.length / VARIANTS.length} rounds):\n`,
  );
  console.log(
    '| what starts after the first certificate | first run | third run | first run speed / steady |',
  );
  console.log('|---|---:|---:|---:|');
  for (const s of firstRunSummary(b))
    console.log(
      `| ${s.variant} | ${s.first.toFixed(2)} s | ${s.steady.toFixed(2)} s | ${s.ratio.toFixed(2)}x |`,
    );
  const load = b.rows.map((r) => r.load);
  console.log(
    `Load average (1 min) during these runs: ${Math.min(...load).toFixed(2)}–${Math.max(...load).toFixed(2)}.`,
  );
}

/** The target as a row of the bench's targets table: the first run as fast as the rest. */
export function firstRunTargets(b: FirstRunBench | null) {
  const shipped = b && firstRunSummary(b).find((s) => s.variant === 'as shipped');
  if (!shipped) return [];
  return [
    {
      target: 'first slider step after the first certificate, speed / steady speed',
      measured: `${shipped.ratio.toFixed(2)}x`,
      goal: '>= 0.9x',
      met: shipped.ratio >= 0.9,
    },
  ];
}
