/** The bench's "longtasks" part: main-thread long tasks (> 50 ms) during a 100,000-sample MLP run. */
import type { Page } from '@playwright/test';
import { f, waitDone } from './page';

export type LongTasks = Awaited<ReturnType<typeof measureLongTasks>>;

/**
 * Main-thread long tasks (over 50 ms) during an `n`-sample MLP run in the lab (n0 = 100), with what
 * the browser attributes each long animation frame over 50 ms to (its longest scripts).
 */
export async function measureLongTasks(page: Page, base: string, n: number) {
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

export function printLongTasks(lt: LongTasks) {
  console.log(
    `\nMain thread during a ${f(lt.samples)}-sample MLP run (${f(lt.runSeconds, 1)} s): ${lt.count} long tasks, ${lt.over50ms} over 50 ms, longest ${f(lt.maxMs)} ms`,
  );
  // The first few; every one is in the JSON.
  for (const fr of lt.longFrames.slice(0, 8)) console.log(`  frame over 50 ms: ${JSON.stringify(fr)}`);
}
