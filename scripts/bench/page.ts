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

/** A number in English with exactly `d` decimals. */
export const f = (x: number, d = 0) =>
  x.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
