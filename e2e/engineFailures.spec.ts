import { dropExpected, FAST, waitDone } from './failureHelpers';
import { expect, test } from './fixtures';

/**
 * Failure injection inside the engine's run (see failures.spec.ts for assets and browsers): a
 * noise helper worker that never answers, a WebGL context lost in the middle of the trade-off
 * view's run. Each run must end, with the same results, and a notice that names what failed.
 */

// Requests are intercepted with page.route, which a service worker would bypass.
test.use({ serviceWorkers: 'block' });

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

test('the WebGL context is lost during the trade-off run: the curves finish on another backend, with a notice', async ({
  page,
  problems,
}) => {
  test.setTimeout(180_000);
  await page.goto('./#/tradeoff?n=400&n0=10&seed=3&backend=webgl&tarch=mlp&tcount=10');
  await expect(page.getByTestId('backend')).toHaveText('webgl', { timeout: 30_000 });
  await page.getByTestId('tradeoff-run').click();
  await expect(page.getByTestId('tradeoff-status')).toHaveAttribute('data-status', 'running');
  // Lost once some rows are in and the run is mid-set (40 rows: 4 sigmas x 10 digits).
  await expect
    .poll(async () => Number(await page.getByTestId('tradeoff-progress').getAttribute('value')), {
      timeout: 60_000,
    })
    .toBeGreaterThan(2);
  await page.evaluate(() =>
    (window as unknown as { __smoothingLab: { loseContext: () => void } }).__smoothingLab.loseContext(),
  );
  await expect(page.getByTestId('backend')).toHaveText(/^(wasm|cpu)$/, { timeout: 60_000 });
  await expect(page.getByTestId('backend-notice')).toContainText('the WebGL context was lost');
  await expect(page.getByTestId('tradeoff-status')).toHaveAttribute('data-status', 'done', {
    timeout: 120_000,
  });
  await expect(page.getByTestId('tradeoff-progress')).toHaveAttribute('value', '40');
  // Every digit of every curve once: the rows sent before the loss stay, none is sent twice.
  const results = JSON.parse(
    (await page.getByTestId('tradeoff-results').getAttribute('data-results'))!,
  ) as Record<string, [number, number, number][]>;
  expect(Object.keys(results)).toHaveLength(4);
  for (const rows of Object.values(results))
    expect(rows.map(([idx]) => idx)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  dropExpected(problems, /CONTEXT_LOST|context lost/i);
});
