import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Failure injection inside the engine's run (see failures.spec.ts for assets and browsers): a
 * noise helper worker that never answers. Each run must end, with the same results, and a notice
 * that names what failed.
 */

// Requests are intercepted with page.route, which a service worker would bypass.
test.use({ serviceWorkers: 'block' });

const FAST = 'model=mlp-0.25&n=200&n0=20';

async function waitDone(page: Page) {
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
}

test('a noise helper that never answers: the run ends on the engine thread, naming its script', async ({
  page,
  problems,
}) => {
  // On wasm the engine asks a helper worker for the noise. Playwright cannot hold back a worker's
  // own worker script (its request is seen but not routed), so the engine's script is rewritten
  // to start, as its helper, a script that loads and never answers a request for rows: the
  // engine's own (it waits for an init that never comes). The engine stops waiting after 8 s,
  // makes the noise itself and says so, naming the script it started.
  let helper = '';
  await page.route(/\/assets\/worker-[^/]*\.js$/, async (r) => {
    const own = new URL(r.request().url()).pathname.split('/').pop()!;
    const response = await r.fetch();
    const body = await response.text();
    const noise = /noiseWorker-[\w-]+\.js/.exec(body)?.[0];
    helper = noise ? own : '';
    await r.fulfill({ response, body: noise ? body.replaceAll(noise, own) : body });
  });
  await page.goto(`./#/lab?${FAST}&backend=wasm`);
  await waitDone(page);
  expect(helper).toMatch(/^worker-[\w-]+\.js$/);
  await expect(page.getByTestId('engine-notice')).toContainText(
    `The engine's noise helper (${helper}) did not answer within 8 s`,
  );
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  const counts = JSON.parse((await page.getByTestId('votes').getAttribute('data-counts'))!) as number[];
  expect(counts.reduce((a, b) => a + b, 0)).toBe(200);
  expect(problems).toEqual([]);
});
