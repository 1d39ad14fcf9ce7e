import type { Route } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dropExpected, expectNotBlank, FAST, waitDone, watchTexts } from './failureHelpers';
import { expect, test } from './fixtures';

/**
 * Failure injection: assets that fail to load or arrive damaged, a browser without WebGL or wasm, a
 * GPU context lost mid-run, storage that refuses. Each case must end in a clear message that names
 * what failed, never in a hang or a blank page.
 */

// Requests are intercepted with page.route, which a service worker would bypass.
test.use({ serviceWorkers: 'block' });

const blockWebgl = () => {
  const block = (proto: { getContext: (...a: never[]) => unknown }) => {
    const original = proto.getContext;
    proto.getContext = function (this: unknown, ...args: never[]) {
      const kind = String(args[0]);
      return kind.startsWith('webgl') || kind === 'experimental-webgl' ? null : original.apply(this, args);
    } as typeof original;
  };
  block(HTMLCanvasElement.prototype as never);
  if (typeof OffscreenCanvas !== 'undefined') block(OffscreenCanvas.prototype as never);
};

test('the engine worker script 404s: the lab runs on the main thread, says so, and certifies', async ({
  page,
  problems,
}) => {
  let blocked = 0;
  await page.route(/\/assets\/worker-[^/]*\.js$/, (r: Route) => {
    blocked++;
    return r.fulfill({ status: 404, body: 'not found' });
  });
  await page.goto(`./#/lab?${FAST}`);
  await expect(page.getByTestId('engine-notice')).toContainText(
    "The engine's worker script could not be loaded",
    { timeout: 10_000 },
  );
  expect(blocked).toBeGreaterThan(0);
  await expect(page.getByTestId('backend')).toHaveText(/^(webgl|wasm|cpu)$/);
  await waitDone(page);
  expect(
    await page.evaluate(
      () => (window as unknown as { __smoothingLab: { mode: string } }).__smoothingLab.mode,
    ),
  ).toBe('main-thread');
  dropExpected(problems, /404|Failed to load resource/);
});

test('the engine worker script 404s in an embed: the widget says so and certifies', async ({
  page,
  problems,
}) => {
  await page.route(/\/assets\/worker-[^/]*\.js$/, (r) => r.abort('blockedbyclient'));
  await page.goto(`./#/embed/histogram?${FAST}`);
  await expect(page.getByTestId('engine-notice')).toContainText(
    "The engine's worker script could not be loaded",
    { timeout: 10_000 },
  );
  await waitDone(page);
  dropExpected(problems, /ERR_BLOCKED_BY_CLIENT|Failed to load resource/);
});

test('the engine worker script never arrives: after 10 s the page says it is still loading, not "reload"', async ({
  page,
  problems,
}) => {
  // A request that hangs (a stalled proxy, or a very slow network): no error event ever comes.
  await page.route(/\/assets\/worker-[^/]*\.js$/, () => undefined);
  await page.goto(`./#/lab?${FAST}`);
  const notice = page.getByTestId('engine-notice');
  await expect(notice).toContainText('The engine is still loading after 10 s', { timeout: 14_000 });
  await expect(notice).toContainText('slow connection');
  await expect(notice).not.toContainText(/reload/i); // only after 60 s (client unit tests)
  await expectNotBlank(page);
  expect(problems).toEqual([]);
});

test('a .wasm binary that never arrives counts as missing: named, and the lab falls back', async ({
  page,
  problems,
}) => {
  test.setTimeout(90_000);
  // The notice once blamed the worker script (and "reload") for a stalled .wasm: never again.
  const blamed = await watchTexts(page, /worker script|reload/i);
  await page.route(/\.wasm$/, () => undefined); // never answered
  await page.goto(`./#/lab?${FAST}&backend=wasm`);
  await expect(page.getByTestId('backend')).toHaveText(/^(webgl|cpu)$/, { timeout: 45_000 });
  await expect(page.getByTestId('backend-notice')).toContainText(
    /wasm: tfjs-backend-wasm[-a-z]*\.wasm stopped arriving: nothing for 20 s/,
  );
  await waitDone(page);
  expect(await blamed()).toEqual([]);
  dropExpected(problems, /wasm|WebAssembly|Aborted/i);
});

test('model weights that stop arriving fail the run, naming the file; a slow download shows its progress', async ({
  page,
  problems,
}) => {
  test.setTimeout(120_000);
  await page.route('**/models/mlp-0.25/weights.bin', () => undefined); // never answered
  await page.goto(`./#/lab?${FAST}`);
  await expect(
    page.getByText(/The run failed: .*models\/mlp-0.25\/weights.bin stopped arriving: nothing for 20 s/),
  ).toBeVisible({
    timeout: 45_000,
  });
  await expect(page.getByTestId('radius')).not.toHaveText(/\d/);
  // A slow network that keeps sending: progress, then the certificate (Chromium's own throttling).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 200,
    downloadThroughput: 40 * 1024,
    uploadThroughput: 40 * 1024,
  });
  await page.goto(`./#/lab?model=cnn-0.50&sigma=0.5&n=200&n0=20`);
  await expect(page.getByTestId('engine-notice')).toContainText(
    /Still downloading models\/cnn-0.50\/weights.bin: [\d.]+ of 0.32 MB so far/,
    { timeout: 60_000 },
  );
  await waitDone(page);
  await expect(page.getByTestId('engine-notice')).toHaveCount(0);
  dropExpected(problems, /weights.bin/);
});

test('model weights truncated: the run fails with a message naming the file', async ({ page, problems }) => {
  const full = readFileSync('models/mlp-0.25/weights.bin');
  await page.route('**/models/mlp-0.25/weights.bin', (r) =>
    r.fulfill({ status: 200, contentType: 'application/octet-stream', body: full.subarray(0, 1000) }),
  );
  await page.goto(`./#/lab?${FAST}`);
  await expect(page.getByText(/The run failed: .*models\/mlp-0.25\/weights.bin has 1000 bytes/)).toBeVisible({
    timeout: 30_000,
  });
  await expectNotBlank(page);
  dropExpected(problems, /weights.bin/);
});

test('model weights of the right size but NaN: refused with a message, and no certificate', async ({
  page,
  problems,
}) => {
  const nan = new Float32Array(readFileSync('models/mlp-0.25/weights.bin').length / 4).fill(Number.NaN);
  await page.route('**/models/mlp-0.25/weights.bin', (r) =>
    r.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.from(nan.buffer) }),
  );
  await page.goto(`./#/lab?${FAST}`);
  await expect(
    page.getByText(/The run failed: .*models\/mlp-0.25\/weights.bin cannot be trusted: .* holds NaN/),
  ).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('radius')).not.toHaveText(/\d/);
  await expect(page.getByTestId('prediction')).not.toHaveText(/\d/);
  dropExpected(problems, /weights.bin/);
});

test('model.json of the wrong shape: the message names the file and the problem', async ({
  page,
  problems,
}) => {
  const json = JSON.parse(readFileSync('models/mlp-0.25/model.json', 'utf8')) as {
    weightsManifest: { weights: { shape?: number[] }[] }[];
  };
  delete json.weightsManifest[0]!.weights[0]!.shape;
  await page.route('**/models/mlp-0.25/model.json', (r) =>
    r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(json) }),
  );
  await page.goto(`./#/lab?${FAST}`);
  await expect(
    page.getByText(/The run failed: .*models\/mlp-0.25\/model.json has the wrong shape: .*has no shape/),
  ).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Cannot read properties/)).toHaveCount(0);
  dropExpected(problems, /model.json/);
});

test('digits truncated: the lab and the trade-off view both say why', async ({ page, problems }) => {
  const full = readFileSync('public/data/mnist-test.bin');
  // Both digit files: the lab asks for the small first-digits file first and falls back to the full one.
  await page.route('**/data/mnist-test*.bin', (r) =>
    r.fulfill({ status: 200, contentType: 'application/octet-stream', body: full.subarray(0, 5000) }),
  );
  await page.goto(`./#/lab?${FAST}`);
  const why = /data\/mnist-test.bin is not a valid Smoothing Lab digits file: it has 5000 bytes .*truncated/;
  await expect(page.getByRole('alert').filter({ hasText: why })).toBeVisible();
  await page.getByRole('link', { name: 'Sigma–radius trade-off' }).click();
  await expect(page.getByTestId('tradeoff-digits-error')).toContainText(why);
  await expect(page.getByTestId('tradeoff-run')).toBeDisabled();
  expect(problems).toEqual([]);
});

test('WebGL blocked: the lab runs on wasm and says why', async ({ page, problems }) => {
  await page.addInitScript(blockWebgl);
  await page.goto(`./#/lab?${FAST}`);
  await expect(page.getByTestId('backend')).toHaveText(/^(wasm|cpu)$/);
  await expect(page.getByTestId('backend-notice')).toContainText('WebGL could not be used');
  await waitDone(page);
  expect(problems).toEqual([]);
});

test('WebGL and wasm both blocked: the lab runs on cpu and names both failures', async ({
  page,
  problems,
}) => {
  await page.addInitScript(blockWebgl);
  await page.route(/\.wasm$/, (r) => r.fulfill({ status: 404, body: 'blocked' }));
  await page.goto(`./#/lab?${FAST}`);
  await expect(page.getByTestId('backend')).toHaveText('cpu', { timeout: 30_000 });
  await expect(page.getByTestId('backend-notice')).toContainText('webgl:');
  await expect(page.getByTestId('backend-notice')).toContainText('wasm:');
  await waitDone(page);
  dropExpected(problems, /404|Failed to load resource|wasm|WebAssembly|Aborted/i);
});

test('the WebGL context is lost mid-run: the run completes on another backend, with a notice', async ({
  page,
  problems,
}) => {
  await page.goto('./#/lab?model=mlp-0.25&n=20000&n0=20');
  await expect(page.getByTestId('run-status')).toHaveText('running', { timeout: 30_000 });
  await expect
    .poll(async () => Number(await page.getByTestId('run-status').getAttribute('data-samples-done')))
    .toBeGreaterThan(0);
  await page.evaluate(() =>
    (window as unknown as { __smoothingLab: { loseContext: () => void } }).__smoothingLab.loseContext(),
  );
  await expect(page.getByTestId('backend')).toHaveText(/^(wasm|cpu)$/, { timeout: 60_000 });
  await expect(page.getByTestId('backend-notice')).toContainText('the WebGL context was lost');
  // The notice names what failed, never the backend the lab now runs on (it once said "wasm could
  // not be used ... so the lab runs on wasm").
  const now = (await page.getByTestId('backend').textContent())!;
  await expect(page.getByTestId('backend-notice')).not.toContainText(`${now} could not be used`);
  await waitDone(page);
  const counts = JSON.parse((await page.getByTestId('votes').getAttribute('data-counts'))!) as number[];
  expect(counts.reduce((a, b) => a + b, 0)).toBe(20000);
  dropExpected(problems, /CONTEXT_LOST|context lost/i);
});

test('storage that throws on every access: a notice, and the lab works', async ({ page, problems }) => {
  await page.addInitScript(() => {
    const refuse = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    Storage.prototype.getItem = refuse;
    Storage.prototype.setItem = refuse;
  });
  await page.goto(`./#/lab?${FAST}`);
  await expect(page.getByTestId('progress-notice')).toContainText(
    'Your progress cannot be read or saved in this browser (storage refused: SecurityError)',
  );
  await waitDone(page);
  expect(problems).toEqual([]);
});

test('storage full: saving progress fails with a notice, and unreadable progress is not reported as kept aside', async ({
  page,
  problems,
}) => {
  await page.addInitScript(() => {
    if (sessionStorage.getItem('seeded') === null) {
      localStorage.setItem('smoothing-lab:progress', '{not json');
      sessionStorage.setItem('seeded', '1');
    }
    Storage.prototype.setItem = function (this: Storage, key: string) {
      if (key === 'seeded') return;
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.goto('./#/why');
  const notice = page.getByTestId('progress-notice');
  await expect(notice).toContainText('could not be kept aside');
  await expect(notice).toContainText('QuotaExceededError');
  await expect(notice).not.toContainText('was kept aside in this browser');
  // The unreadable value is left where it was, not overwritten by this visit's progress.
  await page.getByRole('navigation').getByRole('link', { name: 'Smoothing lab' }).click();
  expect(await page.evaluate(() => localStorage.getItem('smoothing-lab:progress'))).toBe('{not json');
  expect(problems).toEqual([]);
});
