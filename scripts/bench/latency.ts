/**
 * The bench's "latency" part: in the real app, time from a slider change to the first histogram
 * update and to done (median of STEPS), for n = 1,000 and 10,000, CNN and MLP; once as the browser
 * composites the page, once composited in software.
 */
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../lib/chromium';
import { f, timeSliderStep, waitDone, type BenchContext } from './page';

/** Slider steps timed per model and n; the table gives their median (and the range in the JSON). */
const STEPS = 5;

export interface LatencyRow {
  model: string;
  n: number;
  firstUpdateMs: number;
  doneSeconds: number;
  firstUpdateRangeMs: [number, number];
}

/**
 * Time from a slider change (a key press on the sigma slider) to the first histogram update and to
 * done, in the real app, after a first run has warmed the engine up and the service worker has
 * finished caching the app (on a first visit it copies about 8 MB, which competes for the CPU).
 */
async function measureLatency(page: Page, { base, quick }: BenchContext, label: string) {
  const latency: LatencyRow[] = [];
  for (const model of ['mlp-0.25', 'cnn-0.25']) {
    for (const n of quick ? [1000] : [1000, 10_000]) {
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
        const t = await timeSliderStep(page, step % 2 ? 'ArrowLeft' : 'ArrowRight');
        first.push(t.firstMs);
        done.push(t.doneMs / 1000);
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
 * Both latency runs. On SwiftShader the page's own compositing shares the emulated GPU with the
 * engine's WebGL, so a repaint after the change delays the first batch; a second browser composites
 * the page in software (--disable-gpu-compositing) to show the engine alone, as on a machine whose
 * GPU composites a page in well under a millisecond.
 */
export async function measureLatencies(ctx: BenchContext, page: Page) {
  const latency = await measureLatency(page, ctx, '');
  const soft = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--disable-gpu-compositing'],
  });
  const latencySoft = await measureLatency(
    await soft.newPage(),
    ctx,
    ', page composited in software',
  ).finally(() => soft.close());
  return { latency, latencySoft };
}

export function printLatency(latency: LatencyRow[], latencySoft: LatencyRow[]) {
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
}
