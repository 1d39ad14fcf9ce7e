import type { Page, Request, Response } from '@playwright/test';
import { expect, test } from './fixtures';

const FAST = 'model=mlp-0.25&n=200&n0=20&seed=5';

/** Waits until the service worker has precached everything and controls the page. */
async function waitForServiceWorker(page: Page) {
  const state = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state);
  expect(state === 'activating' || state === 'activated').toBe(true);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

async function votes(page: Page) {
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  return {
    counts: await page.getByTestId('votes').getAttribute('data-counts'),
    pLower: await page.getByTestId('p-lower').textContent(),
    radius: await page.getByTestId('radius').textContent(),
  };
}

test('after one visit the lab reloads and certifies with no network, from the service worker cache', async ({
  page,
  context,
  problems,
}) => {
  // Three loads, the last a lesson page whose two frames start TF.js on SwiftShader (40 to 50 s at
  // load 10, measured on this build and the session's first alike): the test is about what works
  // offline, not how fast.
  test.setTimeout(180_000);
  await page.goto(`./#/lab?${FAST}`);
  const online = await votes(page);
  await waitForServiceWorker(page);

  const responses: Response[] = [];
  const failed: string[] = [];
  context.on('response', (r) => responses.push(r));
  context.on('requestfailed', (r: Request) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
  await context.setOffline(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);

  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker(), 'the page itself came from the service worker').toBe(true);
  // The cached page kept the headers it came with: still cross-origin isolated (wasm threads).
  expect(await page.evaluate(() => crossOriginIsolated), 'isolated when served offline').toBe(true);
  await expect(page.getByRole('heading', { level: 1, name: 'Smoothing Lab' })).toBeVisible();
  await expect(page.getByTestId('backend')).toHaveText('webgl');
  // Same seed, same model, same digit: the same numbers as online.
  expect(await votes(page)).toEqual(online);

  // A digit past the small first-digits file needs the whole set: it comes from the cache too.
  const allDigits = page.waitForResponse((r) => r.url().includes('data/mnist-test.bin'));
  await page.evaluate(() => (location.hash = location.hash.replace('seed=5', 'seed=5&digit=100')));
  expect((await allDigits).fromServiceWorker()).toBe(true);
  await expect(page.getByTestId('true-label')).toBeVisible();
  await votes(page);

  const fromCache = (part: string) =>
    responses.filter((r) => r.url().includes(part)).map((r) => r.fromServiceWorker());
  for (const part of [
    'models/mlp-0.25/weights.bin',
    'models/mlp-0.25/model.json',
    'data/mnist-test-first.bin',
    'data/mnist-test.bin',
  ]) {
    expect(fromCache(part), part).not.toEqual([]);
    expect(fromCache(part).every(Boolean), `${part} served by the service worker`).toBe(true);
  }
  expect(failed).toEqual([]);

  // The embed widgets and the example page open offline too.
  await page.goto('./embed-example.html');
  await expect(page.frameLocator('#frame-grid').getByTestId('noisy-grid')).toBeVisible();
  await expect(page.frameLocator('#frame-histogram').getByTestId('run-status')).toHaveText('done', {
    timeout: 60_000,
  });
  expect(failed).toEqual([]);
  await context.setOffline(false);
  expect(problems).toEqual([]);
});

test('every request of a visit, the service worker’s and the engine worker’s included, stays on the app’s origin', async ({
  page,
  context,
  baseURL,
  problems,
}) => {
  const own = new URL(baseURL!).origin;
  const seen: string[] = [];
  context.on('request', (r) => seen.push(r.url()));
  await page.goto(`./#/lab?${FAST}`);
  await votes(page);
  // Every view, so their lazy chunks load too.
  for (const id of ['why', 'geometry', 'tradeoff', 'limits', 'check']) {
    await page.goto(`./#/${id}`);
    await expect(page.getByRole('main')).not.toBeEmpty();
  }
  // The service worker has fetched everything it precaches once it is active.
  await waitForServiceWorker(page);
  expect(seen.some((u) => u.endsWith('/sw.js'))).toBe(true);
  expect(seen.some((u) => u.includes('/models/cnn-1.00/weights.bin'))).toBe(true);
  const foreign = seen.filter(
    (u) => !u.startsWith(`${own}/`) && !u.startsWith('data:') && !u.startsWith('blob:'),
  );
  expect(foreign).toEqual([]);
  expect(problems).toEqual([]);
});
