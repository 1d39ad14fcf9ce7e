import AxeBuilder from '@axe-core/playwright';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FrameLocator, Locator, Page } from '@playwright/test';
import { argmax, certifiedRadius, clopperPearsonLower, formatPLower, formatRadius } from '../src/smoothing';
import { expect, test } from './fixtures';
import { serveDistUnder } from './staticServer';

/** Small runs on the fast MLP keep the suite quick on SwiftShader. */
const FAST = 'model=mlp-0.25&n=200&n0=20';
const CONTRACT_IDS = ['slider-sigma', 'votes', 'prediction', 'p-lower', 'radius', 'run-status', 'backend'];

type Scope = Page | FrameLocator;

async function readResult(scope: Scope) {
  const votes = scope.getByTestId('votes');
  return {
    counts: JSON.parse((await votes.getAttribute('data-counts'))!) as number[],
    selection: JSON.parse((await votes.getAttribute('data-selection-counts'))!) as number[],
    prediction: (await scope.getByTestId('prediction').textContent())!,
    pLower: (await scope.getByTestId('p-lower').textContent())!,
    radius: (await scope.getByTestId('radius').textContent())!,
  };
}

/**
 * The certificate shown must follow from the counts shown at this sigma (alpha at its default),
 * written as the lab writes certified numbers: rounded down.
 */
function expectConsistent(r: Awaited<ReturnType<typeof readResult>>, sigma: number) {
  const n = r.counts.reduce((a, b) => a + b, 0);
  const cA = argmax(r.selection);
  const pLower = clopperPearsonLower(r.counts[cA]!, n, 0.001);
  expect(r.pLower).toBe(formatPLower(pLower));
  expect(r.radius).toBe(pLower > 0.5 ? formatRadius(certifiedRadius(sigma, pLower)) : 'no radius (ABSTAIN)');
}

async function expectNoChrome(scope: Scope) {
  await expect(scope.getByRole('banner')).toHaveCount(0);
  await expect(scope.getByRole('navigation')).toHaveCount(0);
  await expect(scope.getByRole('contentinfo')).toHaveCount(0);
  await expect(scope.getByText('Smoothing Lab', { exact: true })).toHaveCount(0);
  await expect(scope.locator('.summary, .lesson, .masthead, .footer')).toHaveCount(0);
}

/** The frame's height on the page (its border excluded) follows the widget's own height. */
async function expectSizedToContent(frame: Locator, inner: FrameLocator) {
  await expect
    .poll(async () => {
      const want = await inner
        .getByTestId('embed')
        .evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
      const got = await frame.evaluate((f) => (f as HTMLIFrameElement).clientHeight);
      return got - want;
    })
    .toBe(0);
  // Nothing is cut off: the frame's document does not scroll.
  expect(await inner.locator('html').evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(
    0,
  );
}

test('the example lesson page embeds the widgets, with matched defaults, sizes them and sends set-params', async ({
  page,
  problems,
}) => {
  // Two frames start TF.js on SwiftShader and certify twice: 30 to 50 s of the machine under load.
  // The test is about what the page shows, not how fast (the widgets bench times it).
  test.setTimeout(150_000);
  await page.goto('./embed-example.html');
  const histogramFrame = page.locator('#frame-histogram');
  const gridFrame = page.locator('#frame-grid');
  const histogram = page.frameLocator('#frame-histogram');
  const grid = page.frameLocator('#frame-grid');

  for (const frame of [histogramFrame, gridFrame]) {
    // A widget that certifies is ready once its first run has ended (its final layout).
    await expect(frame).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
    await expect(frame).not.toHaveAttribute('data-height-messages', '0');
  }
  await expect(histogram.getByTestId('embed')).toHaveAttribute('data-widget', 'histogram');
  await expect(grid.getByTestId('embed')).toHaveAttribute('data-widget', 'grid');
  await expect(grid.getByTestId('noisy-grid')).toBeVisible();
  await expect(histogram.getByTestId('backend')).toHaveText('webgl');
  await expect(histogram.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  await expectNoChrome(histogram);
  await expectNoChrome(grid);
  // The first guess in the page's CSS was 320px: both frames now fit their widget exactly.
  await expectSizedToContent(histogramFrame, histogram);
  await expectSizedToContent(gridFrame, grid);
  await expect(page.locator('#log')).toContainText('histogram: height');
  await expect(page.locator('#log')).toContainText('grid: height');

  // Matched defaults: the model trained at the sigma it certifies at.
  await expect(histogram.getByTestId('slider-sigma')).toHaveValue('0.25');
  await expect(histogram.getByText('model mlp-0.25')).toBeVisible();
  // The page's own control sends { type: 'set-params', params: { sigma, model } } to the frames.
  await page.getByLabel(/Noise level σ for every widget/).selectOption('0.5');
  await page.getByRole('button', { name: 'Send to the widgets' }).click();
  for (const inner of [histogram, grid]) {
    await expect(inner.getByTestId('slider-sigma')).toHaveValue('0.5');
    await expect(inner.getByTestId('embed')).toHaveAttribute('data-messages-accepted', '1');
    await expect(inner.getByTestId('embed')).toHaveAttribute('data-messages-rejected', '0');
  }
  await expect(grid.getByRole('img', { name: 'noisy copy 1 at sigma 0.50' })).toBeVisible();
  await expect(histogram.getByText('model mlp-0.50')).toBeVisible();
  await expect(histogram.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  expectConsistent(await readResult(histogram), 0.5);
  // The log shows the messages coming back, certificate included.
  await expect(page.locator('#log')).toContainText('histogram: certificate (fixed-n): With probability');
  await expectSizedToContent(histogramFrame, histogram);
  expect(problems).toEqual([]);
});

test('set-params is ignored unless the sender is an origin the frame lists, exactly', async ({
  page,
  origins,
  baseURL,
  problems,
}) => {
  // A lesson page on its own origin (a tiny server on another loopback port) embedding two widgets
  // from the app's origin: a real cross-origin embed.
  const lab = new URL(baseURL!).origin;
  const frame = (id: string, allow: string) =>
    `<iframe id="${id}" title="${id}" style="width:600px;height:400px"
      src="${lab}/index.html#/embed/grid?sigma=0.25&origin=${encodeURIComponent(allow)}"></iframe>`;
  let body = '';
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const lesson = `http://127.0.0.1:${port}`;
  origins.push(lesson);
  // Another port, another scheme, another name for the same machine and the widget's own origin.
  const near = [`http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`, `http://localhost:${port}`, lab];
  body = `<!doctype html><html lang="en"><title>Lesson</title><body>${frame('listed', lesson)}${frame('unlisted', near.join(','))}</body></html>`;
  try {
    await page.goto(`${lesson}/lesson-page.html`);
    const listed = page.frameLocator('#listed');
    const unlisted = page.frameLocator('#unlisted');
    await expect(listed.getByTestId('noisy-grid')).toBeVisible();
    await expect(unlisted.getByTestId('noisy-grid')).toBeVisible();

    const send = (id: string, data: unknown) =>
      page.evaluate(
        ([id, data, target]) =>
          (document.getElementById(id) as HTMLIFrameElement).contentWindow!.postMessage(data, target),
        [id, data, lab] as const,
      );
    const setSigma = (sigma: unknown) => ({ source: 'smoothing-lab', type: 'set-params', params: { sigma } });

    // This frame lists origins near the lesson page's, but not it: rejected, nothing changes.
    await send('unlisted', setSigma(0.9));
    await expect(unlisted.getByTestId('embed')).toHaveAttribute('data-messages-rejected', '1');
    await expect(unlisted.getByTestId('embed')).toHaveAttribute(
      'data-last-rejection',
      /not one of the allowed origins/,
    );
    await expect(unlisted.getByTestId('slider-sigma')).toHaveValue('0.25');

    // From the listed origin: bad shapes are rejected whole, good ones are clamped and applied.
    await send('listed', { source: 'smoothing-lab', type: 'set-params', params: { sigma: '0.9' } });
    await send('listed', { source: 'smoothing-lab', type: 'set-params', params: { sigma: 0.9, bogus: 1 } });
    await send('listed', { type: 'set-params', params: { sigma: 0.9 } });
    await expect(listed.getByTestId('embed')).toHaveAttribute('data-messages-rejected', '3');
    await expect(listed.getByTestId('slider-sigma')).toHaveValue('0.25');
    await send('listed', setSigma(7));
    await expect(listed.getByTestId('embed')).toHaveAttribute('data-messages-accepted', '1');
    await expect(listed.getByTestId('slider-sigma')).toHaveValue('1.5');
    await expect(listed.getByTestId('url-notice')).toContainText('using 1.5');
    await expect(unlisted.getByTestId('slider-sigma')).toHaveValue('0.25');
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  expect(problems).toEqual([]);
});

test('the embedded histogram: no app chrome, the DOM contract, axe-clean, and the lab’s numbers', async ({
  page,
  problems,
}) => {
  const query = `${FAST}&sigma=0.5&seed=3`;
  await page.goto(`./#/embed/histogram?${query}&origin=https://example.edu`);
  for (const id of CONTRACT_IDS) await expect(page.getByTestId(id)).toHaveCount(1);
  await expect(page.getByTestId('slider-sigma')).toHaveAccessibleName(/noise level sigma/);
  await expect(page.getByTestId('slider-sigma')).toHaveValue('0.5');
  await expect(page.getByTestId('backend')).toHaveText('webgl');
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  await expectNoChrome(page);
  await expect(page).toHaveTitle('Vote histograms and certificate · Smoothing Lab');
  const embedded = await readResult(page);
  expectConsistent(embedded, 0.5);

  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // Keyboard: the sliders are reachable and move the value.
  await page.getByTestId('slider-sigma').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('slider-sigma')).toHaveValue('0.51');

  // The same query in the full lab gives the same numbers (same seed, same samples).
  await page.goto('about:blank');
  await page.goto(`./#/lab?${query}`);
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  expect(await readResult(page)).toEqual(embedded);
  expect(problems).toEqual([]);
});

test('grid, geometry and trade-off widgets render alone; only the histogram starts the engine', async ({
  page,
  problems,
}) => {
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));

  await page.goto('./#/embed/grid?sigma=0.5&digit=7');
  await expect(page.getByTestId('noisy-grid')).toBeVisible();
  await expect(page.getByRole('img', { name: 'noisy copy 16 at sigma 0.50' })).toBeVisible();
  await expect(page.getByTestId('slider-sigma')).toHaveValue('0.5');
  await expectNoChrome(page);
  expect(await page.evaluate(() => '__smoothingLab' in window)).toBe(false);

  await page.goto('about:blank');
  await page.goto('./#/embed/geometry?sigma=0.5');
  await expect(page.getByTestId('embed')).toHaveAttribute('data-widget', 'geometry');
  await expect(page.getByRole('heading', { name: 'Certificate', exact: true })).toBeVisible();
  await expectNoChrome(page);
  // The geometry widget trains its 2D classifier in its own TF.js worker (src/toy2d/tfWorker.ts);
  // it starts no engine.
  expect(workers.filter((url) => !/\/assets\/tfWorker-[^/]*\.js$/.test(url))).toEqual([]);
  expect(await page.evaluate(() => '__smoothingLab' in window)).toBe(false);

  await page.goto('about:blank');
  await page.goto('./#/embed/tradeoff');
  await expect(page.getByTestId('embed')).toHaveAttribute('data-widget', 'tradeoff');
  await expect(page.getByTestId('tradeoff-run')).toBeVisible();
  await expect(page.getByTestId('mismatch-shipped')).toBeVisible();
  await expectNoChrome(page);

  await page.goto('about:blank');
  await page.goto('./#/embed/histogramm?sigma=0.5');
  const error = page.getByTestId('embed-error');
  await expect(error).toContainText('There is no widget called “histogramm”');
  for (const id of [
    'histogram',
    'compact',
    'grid',
    'input',
    'anytime',
    'attack',
    'geometry',
    'tradeoff',
    'coverage',
    'peeking',
    'checkpoint',
  ])
    await expect(error).toContainText(`#/embed/${id}`);
  await expectNoChrome(page);
  expect(problems).toEqual([]);
});

test('the example page and its widgets work from a sub-path of a plain static server', async ({
  page,
  origins,
  problems,
}) => {
  // The page now starts two certifying widgets (histogram and compact) at once.
  test.setTimeout(120_000);
  const server = await serveDistUnder('/courses/certified-defenses/lab/');
  origins.push(new URL(server.url).origin);
  try {
    await page.goto(`${server.url}embed-example.html`);
    for (const id of ['#frame-histogram', '#frame-grid']) {
      // A widget that certifies is ready once its first run has ended (its final layout).
      await expect(page.locator(id)).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
      await expect(page.locator(id)).not.toHaveAttribute('data-height-messages', '0');
    }
    await expect(page.frameLocator('#frame-grid').getByTestId('noisy-grid')).toBeVisible();
    await expect(page.frameLocator('#frame-histogram').getByTestId('run-status')).toHaveText('done', {
      timeout: 60_000,
    });
    expect(server.misses).toEqual([]);
  } finally {
    await server.close();
  }
  expect(problems).toEqual([]);
});
