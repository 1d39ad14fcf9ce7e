/**
 * The bench's "cold" part: a cold load (empty cache) to the first certificate (default digit, CNN,
 * n = 1,000), and the bytes transferred before it and in total (the offline copy included).
 */
import { f, type BenchContext } from './page';

export interface ColdLoad {
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
export async function coldLoad({ base, browser }: BenchContext): Promise<ColdLoad> {
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

export function printColdLoad(cold: ColdLoad) {
  console.log(
    `\nCold load (empty cache) to the first certificate (CNN, n = 1,000): ${f(cold.firstVisitSeconds, 2)} s on ${cold.backend}; ` +
      `${f(cold.bytesBeforeFirstCertificate / 1e6, 2)} MB transferred before it, ${f(cold.bytesTotal / 1e6, 2)} MB in total with the offline copy ` +
      `(${cold.requestsBeforeFirstCertificate} and ${cold.requestsTotal} requests). A later visit: ${f(cold.laterVisitSeconds, 2)} s.`,
  );
}
