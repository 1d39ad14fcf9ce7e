import type { Page } from '@playwright/test';
import { STALL_MS } from '../src/models/download';
import { dropExpected, FAST, watchTexts } from './failureHelpers';
import { expect, test } from './fixtures';

/**
 * Slow and stalled networks: a first visit on slow 3G is told to wait, never to reload, and
 * reaches its certificate; a file that stops arriving fails like a 404, naming the file.
 */

// Requests are intercepted with page.route, which a service worker would bypass; a first visit has
// no service worker yet either.
test.use({ serviceWorkers: 'block' });

/**
 * Chrome DevTools' "Slow 3G" preset (named "3G" since 2024), from Chromium's
 * front_end/core/sdk/NetworkManager.ts: download and upload 500 * 1000 / 8 * 0.8 = 50,000 bytes/s,
 * latency 400 * 5 = 2,000 ms. CDP's throttling reaches the engine's dedicated worker too: measured
 * here, the worker's .wasm (436 kB) and weights.bin (941 kB) each took 2 s + size / 50 kB/s.
 */
const SLOW_3G = { offline: false, latency: 2000, downloadThroughput: 50_000, uploadThroughput: 50_000 };

/**
 * What the page shows while it is not done, sampled: the boot note, the engine's notice, the
 * backend badge ("starting…" until the engine has a backend) and the run's status.
 */
async function sample(page: Page) {
  return page.evaluate(() => ({
    boot: document.querySelector('[data-testid="boot-note"]')?.textContent ?? null,
    notice: document.querySelector('[data-testid="engine-notice"]')?.textContent ?? null,
    backend: document.querySelector('[data-testid="backend"]')?.textContent ?? null,
    status: document.querySelector('[data-testid="run-status"]')?.textContent ?? null,
  }));
}

test('a first visit on slow 3G says it is loading, with the MB so far, never "reload", and certifies', async ({
  page,
  problems,
}) => {
  test.setTimeout(300_000);
  // Every text the page ever shows that suggests a reload (a notice that comes and goes included).
  const reloads = await watchTexts(page, /reload|refresh/i);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  const t0 = Date.now();
  await page.goto(`./#/lab?${FAST}`, { waitUntil: 'commit' });
  let quietMs = 0;
  let last = Date.now();
  const notices = new Set<string>();
  const quiet: string[] = [];
  for (;;) {
    const s = await sample(page);
    const now = Date.now();
    if (s.status === 'done') break;
    if (s.notice) notices.add(s.notice.replace(/[\d.]+ of/, 'x of'));
    const saysLoading =
      (s.boot?.includes('Loading Smoothing Lab') ?? false) ||
      /still loading|Still downloading/.test(s.notice ?? '') ||
      s.backend === 'starting…' ||
      s.status === 'running';
    if (!saysLoading) {
      quiet.push(`${((now - t0) / 1000).toFixed(1)} s: ${JSON.stringify(s)}`);
      quietMs += now - last;
    }
    expect(s.status).not.toBe('error');
    expect(now - t0, 'the first certificate within 4 min').toBeLessThan(240_000);
    last = now;
    await page.waitForTimeout(250);
  }
  // A sample may fall on a change of state (one sign going as the next comes): at most 1 s of those.
  expect(quietMs, `time that said nothing about loading:\n${quiet.join('\n')}`).toBeLessThan(1_000);
  const said = [...notices].join('\n');
  expect(said).toContain('The engine is still loading after 10 s');
  expect(said).toMatch(/Still downloading models\/mlp-0.25\/weights.bin: x of 0.94 MB so far/);
  expect(await reloads()).toEqual([]);
  await expect(page.getByTestId('radius')).toHaveText(/\d/);
  expect(problems).toEqual([]);
});

test('model.json that never arrives fails the run within the download deadline, naming it, not "reload"', async ({
  page,
  problems,
}) => {
  test.setTimeout(90_000);
  const reloads = await watchTexts(page, /reload|refresh/i);
  let askedAt = 0;
  await page.route('**/models/mlp-0.25/model.json', () => {
    askedAt ||= Date.now(); // never answered
  });
  await page.goto(`./#/lab?${FAST}`);
  const failed = page.getByText(
    /The run failed: .*models\/mlp-0.25\/model.json stopped arriving: nothing for 20 s/,
  );
  await expect(failed).toBeVisible({ timeout: STALL_MS + 25_000 });
  expect(askedAt).toBeGreaterThan(0);
  // Within the deadline of silence (STALL_MS from the request), plus the time to say so.
  expect(Date.now() - askedAt).toBeLessThan(STALL_MS + 5_000);
  await expect(page.getByTestId('radius')).not.toHaveText(/\d/);
  expect(await reloads()).toEqual([]);
  dropExpected(problems, /model.json/);
});
