import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { serveDistUnder } from './staticServer';

const FAST = 'model=mlp-0.25&n=300&n0=30&seed=5';
const MEMORY = 'smoothing-lab:backend-choice';

interface Stored {
  version: number;
  stamp: { app: string; browser: string; device: string };
  families: Record<string, { backend: string; timings: Record<string, number> }>;
}

async function counts(page: Page) {
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 120_000 });
  const votes = page.getByTestId('votes');
  return {
    selection: JSON.parse((await votes.getAttribute('data-selection-counts'))!) as number[],
    estimation: JSON.parse((await votes.getAttribute('data-counts'))!) as number[],
  };
}

/**
 * A page in a fresh context where every .wasm file fails to load, so the wasm backend cannot start.
 * No service worker: it would serve the .wasm files from its cache, past the blocked route.
 */
async function pageWithoutWasm(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.route('**/*.wasm', (route) => route.abort());
  return { context, page };
}

/** Opens the lab on `backend` (forced by the URL) and waits until that backend runs. */
async function openOn(page: Page, backend: string, base = './') {
  await page.goto(`${base}#/lab?${FAST}&backend=${backend}`);
  await expect(page.getByTestId('backend')).toHaveText(backend, { timeout: 60_000 });
}

test.describe('measured choice', () => {
  test.use({ backendPin: null });

  test('times each backend at start-up, runs the fastest, says why, and remembers it until the build changes', async ({
    page,
    problems,
  }) => {
    await page.goto(`./#/lab?${FAST}`);
    const backend = page.getByTestId('backend');
    const reason = page.getByTestId('backend-reason');
    // A first visit starts on wasm at once, certifies, then times the backends.
    await expect(reason).toContainText('started first, so the first certificate comes at once', {
      timeout: 60_000,
    });
    await expect(reason).toContainText('measured now', { timeout: 120_000 });
    await expect(backend).toHaveText(/^(webgl|wasm)$/);
    const chosen = (await backend.textContent())!;
    await expect(reason).toContainText(/faster than|as fast as/);
    await expect(reason).toContainText('samples/s on one small MLP batch');

    const stored = await page.evaluate((k) => localStorage.getItem(k), MEMORY);
    const memory = JSON.parse(stored!) as Stored;
    const entry = memory.families.mlp!;
    expect(entry.backend).toBe(chosen);
    // The choice is the fastest of those measured, and both main backends were measured.
    expect(Object.keys(entry.timings).sort()).toEqual(['wasm', 'webgl']);
    const fastest = Object.entries(entry.timings).sort((a, b) => b[1] - a[1])[0]![0];
    expect(chosen).toBe(fastest);
    await counts(page);

    // A later visit starts on the remembered backend without measuring.
    await page.reload();
    await expect(backend).toHaveText(chosen, { timeout: 60_000 });
    await expect(reason).toContainText('measured earlier on this device');
    await counts(page);

    // Another build (or browser) means measuring again.
    await page.evaluate((k) => {
      const v = JSON.parse(localStorage.getItem(k)!) as Stored;
      v.stamp.app = 'an older build';
      localStorage.setItem(k, JSON.stringify(v));
    }, MEMORY);
    await page.reload();
    await expect(reason).toContainText('measured now', { timeout: 120_000 });
    const again = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), MEMORY))!) as Stored;
    expect(again.stamp.app).not.toBe('an older build');
    expect(problems).toEqual([]);
  });

  test('a backend that cannot start is left out of the measurement, with a notice', async ({
    browser,
    baseURL,
    problems,
  }) => {
    const { context, page } = await pageWithoutWasm(browser, baseURL);
    await page.goto(`./#/lab?${FAST}`);
    await expect(page.getByTestId('backend-reason')).toContainText('the only backend', { timeout: 120_000 });
    await expect(page.getByTestId('backend')).toHaveText('webgl');
    await expect(page.getByTestId('backend-notice')).toContainText('wasm:');
    await counts(page);
    await context.close();
    expect(problems).toEqual([]);
  });
});

test.describe('forced by the URL', () => {
  test.use({ backendPin: null });

  test('backend=wasm runs on wasm, keeps the key in the URL, and the badge moves to WebGL on request', async ({
    page,
    problems,
  }) => {
    await openOn(page, 'wasm');
    await expect(page.getByTestId('backend-reason')).toContainText('asked for by the link');
    await expect(page.getByTestId('backend-reason')).toContainText(/SIMD (on|off) and threads (on|off)/);
    const onWasm = await counts(page);
    const memory = () =>
      page.evaluate(() =>
        (
          window as unknown as { __smoothingLab: { memory: () => Promise<{ numTensors: number }> } }
        ).__smoothingLab
          .memory()
          .then((m) => m.numTensors),
      );
    const tensors = await memory();
    await page.getByTestId('slider-sigma').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page).toHaveURL(/backend=wasm/);
    await page.keyboard.press('ArrowLeft');
    await expect(page).toHaveURL(/backend=wasm/);
    // The same parameters again: the same votes, and no tensor left behind by the wasm path.
    expect(await counts(page)).toEqual(onWasm);
    expect(await memory()).toBe(tensors);

    await page.getByRole('button', { name: 'Use WebGL instead' }).click();
    await expect(page.getByTestId('backend')).toHaveText('webgl', { timeout: 60_000 });
    await expect(page).toHaveURL(/backend=webgl/);
    const onWebgl = await counts(page);
    expect(onWebgl.selection.reduce((a, b) => a + b)).toBe(30);
    // Same seed and parameters: the same votes (GPU noise agrees with the reference to float32 rounding).
    expect(onWebgl).toEqual(onWasm);
    expect(problems).toEqual([]);
  });

  test('a value that is not a backend gives a notice and the lab measures', async ({ page, problems }) => {
    await page.goto(`./#/lab?${FAST}&backend=gpu`);
    await expect(
      page.getByText('"gpu" is not a TF.js backend (one of auto, webgl, wasm, cpu)'),
    ).toBeVisible();
    await expect(page.getByTestId('backend-reason')).toContainText('measured now', { timeout: 120_000 });
    await expect(page.getByTestId('backend')).toHaveText(/^(webgl|wasm)$/);
    expect(problems).toEqual([]);
  });

  test('a forced backend that cannot start falls back, and says so', async ({
    browser,
    baseURL,
    problems,
  }) => {
    const { context, page } = await pageWithoutWasm(browser, baseURL);
    await page.goto(`./#/lab?${FAST}&backend=wasm`);
    await expect(page.getByTestId('backend')).toHaveText('webgl', { timeout: 60_000 });
    await expect(page.getByTestId('backend-notice')).toContainText('wasm could not be used (wasm:');
    await expect(page.getByTestId('backend-notice')).toContainText('so the lab runs on webgl instead');
    await counts(page);
    await context.close();
    expect(problems).toEqual([]);
  });

  test('the same seed gives the same votes on webgl, wasm and cpu', async ({ page, problems }) => {
    const seen: Record<string, { selection: number[]; estimation: number[] }> = {};
    for (const b of ['webgl', 'wasm', 'cpu']) {
      await page.goto('about:blank');
      await openOn(page, b);
      seen[b] = await counts(page);
    }
    expect(seen.wasm).toEqual(seen.cpu);
    expect(seen.webgl).toEqual(seen.wasm);
    expect(problems).toEqual([]);
  });

  test('npm start makes the page cross-origin isolated, so wasm runs with threads; a plain static host gets SIMD only, with the same votes', async ({
    page,
    origins,
    problems,
  }) => {
    const reason = page.getByTestId('backend-reason');
    await openOn(page, 'wasm');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await expect(reason).toContainText('SIMD on and threads on');
    const threaded = await counts(page);
    // The same build from a server that sends no headers: not isolated, so no threads.
    const plain = await serveDistUnder('/plain/');
    origins.push(new URL(plain.url).origin);
    try {
      await page.goto('about:blank');
      await openOn(page, 'wasm', `${plain.url}index.html`);
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
      await expect(reason).toContainText('SIMD on and threads off');
      expect(await counts(page)).toEqual(threaded);
    } finally {
      await plain.close();
    }
    expect(problems).toEqual([]);
  });
});
