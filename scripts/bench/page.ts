/**
 * What the bench's sections share (scripts/bench.ts runs them): the served app's base URL, the
 * browser, the number formatter, and waiting on the lab or on bench.html.
 */
import type { Browser, Page } from '@playwright/test';

/** One bench run's setting: the served build's base URL (ends in '/'), the browser, --quick. */
export interface BenchContext {
  base: string;
  browser: Browser;
  quick: boolean;
}

export interface ThroughputRow {
  model: string;
  samples: number;
  engineSamplesPerSecond: number;
  naiveSamplesPerSecond: number;
  ratio: number;
  /** The engine with its noise made on its own thread instead of the helper worker (null on WebGL). */
  engineInThreadNoiseSamplesPerSecond?: number | null;
  /** The engine's full batch on this backend. */
  batchSize?: number;
}

export interface Counters {
  readsPer10k: number;
  bytesUploadedPer10k: number;
  programsCompiledPer10k: number;
  batchesInFlight: number;
}

export interface BenchPage {
  backend?: string;
  /** On wasm: whether it ran with SIMD and with threads. */
  wasmFeatures?: { simd: boolean; threads: boolean };
  /** On wasm: the XNNPACK threads it runs on. */
  wasmThreads?: number;
  crossOriginIsolated?: boolean;
  rows?: ThroughputRow[];
  counters?: Record<string, Counters | null>;
  error?: string;
}

/** Opens bench.html with a query and returns what it reports in window.__bench. */
export async function benchPage(page: Page, base: string, query: string): Promise<BenchPage> {
  await page.goto('about:blank');
  await page.goto(`${base}bench.html?${query}`);
  await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench, null, {
    timeout: 900_000,
  });
  return (await page.evaluate(() => (window as unknown as { __bench: unknown }).__bench)) as BenchPage;
}

/** Waits until the lab's run status reads 'done'. */
export async function waitDone(page: Page, timeout = 600_000) {
  await page
    .getByTestId('run-status')
    .filter({ hasText: /^done$/ })
    .waitFor({ timeout });
}

/**
 * One slider step (a key press on the slider, once focused), timed by the page's own clock: from the key
 * press to the first counts on the histogram (`firstMs`) and to the run's `done` (`doneMs`). Read
 * after a Playwright wait, a time is rounded up to that wait's next poll, and the polls grow to
 * 500 ms apart: a 1.3 s run read as 1.33 s or 1.84 s, depending on which side of a poll it ended.
 */
export async function timeSliderStep(
  page: Page,
  key: 'ArrowLeft' | 'ArrowRight',
  slider = 'slider-sigma',
): Promise<{ firstMs: number; doneMs: number }> {
  type Marks = { key?: number; first?: number; running?: boolean; done?: number };
  // Focusing scrolls the slider into view: let that scroll's paint finish before the clock starts,
  // as it does for a student, who scrolls to the slider before dragging it.
  await page.getByTestId(slider).focus();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForTimeout(300);
  await page.evaluate(() => {
    const w = window as unknown as { __step: Marks };
    const t: Marks = (w.__step = {});
    const votes = document.querySelector('[data-testid="votes"]')!;
    const status = document.querySelector('[data-testid="run-status"]')!;
    document.addEventListener('keydown', () => (t.key ??= performance.now()), { capture: true, once: true });
    const first = new MutationObserver(() => {
      const c = JSON.parse(votes.getAttribute('data-selection-counts') ?? '[]') as number[];
      if (t.key !== undefined && c.some((v) => v > 0)) {
        t.first = performance.now();
        first.disconnect();
      }
    });
    first.observe(votes, { attributes: true });
    // Done only once the new run has shown a status other than done (the old run reads done).
    const done = new MutationObserver(() => {
      if (t.key === undefined) return;
      if (status.textContent !== 'done') t.running = true;
      else if (t.running) {
        t.done = performance.now();
        done.disconnect();
      }
    });
    done.observe(status, { childList: true, characterData: true, subtree: true });
  });
  await page.keyboard.press(key);
  await page.waitForFunction(() => (window as unknown as { __step: Marks }).__step.done, null, {
    timeout: 900_000,
  });
  const t = await page.evaluate(() => (window as unknown as { __step: Marks }).__step);
  return { firstMs: t.first! - t.key!, doneMs: t.done! - t.key! };
}

/** A number in English with exactly `d` decimals. */
export const f = (x: number, d = 0) =>
  x.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
