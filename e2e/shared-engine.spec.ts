import type { Frame, Page } from '@playwright/test';
import { serveLessonPage, widgetUrl, type LessonHost } from '../scripts/lib/lessonHost';
import { argmax, certifiedRadius, clopperPearsonLower, formatPLower, formatRadius } from '../src/smoothing';
import type { EngineInfo } from '../src/engine/protocol';
import { expect, test } from './fixtures';

/**
 * One engine per lesson page: the widgets of the lab's origin embedded in one page (on another
 * origin) share one engine, a SharedWorker; each still gets its own certificate, and a frame that
 * leaves takes its jobs with it. Where SharedWorker is missing, each widget runs its own worker.
 */

const SIGMA = 0.25;
const FAST = `model=mlp-0.25&sigma=${SIGMA}&n=200&n0=20&seed=3`;

type Hooks = { __smoothingLab: { engineInfo: () => Promise<EngineInfo>; mode: string } };

async function frameOf(page: Page, i: number): Promise<Frame> {
  const handle = await page.locator(`#w${i}`).elementHandle();
  const frame = await handle!.contentFrame();
  if (!frame) throw new Error(`no frame w${i}`);
  return frame;
}

/** The frame's certificate once its run is done, checked against the counts it shows. */
async function certificate(page: Page, i: number) {
  const f = page.frameLocator(`#w${i}`);
  await expect(f.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  const votes = f.getByTestId('votes');
  const counts = JSON.parse((await votes.getAttribute('data-counts'))!) as number[];
  const selection = JSON.parse((await votes.getAttribute('data-selection-counts'))!) as number[];
  const pLower = (await f.getByTestId('p-lower').textContent())!;
  const radius = (await f.getByTestId('radius').textContent())!;
  const n = counts.reduce((a, b) => a + b, 0);
  expect(n).toBe(200);
  const p = clopperPearsonLower(counts[argmax(selection)]!, n, 0.001);
  expect(pLower).toBe(formatPLower(p));
  expect(radius).toBe(p > 0.5 ? formatRadius(certifiedRadius(SIGMA, p)) : 'no radius (ABSTAIN)');
  return { counts, selection, pLower, radius, prediction: await f.getByTestId('prediction').textContent() };
}

async function engineOf(page: Page, i: number) {
  const frame = await frameOf(page, i);
  await frame.waitForFunction(
    () => 'engineInfo' in ((window as unknown as Partial<Hooks>).__smoothingLab ?? {}),
  );
  return frame.evaluate(async () => {
    const hooks = (window as unknown as Hooks).__smoothingLab;
    return { mode: hooks.mode, info: await hooks.engineInfo() };
  });
}

/** A page whose frames have no SharedWorker (as in a browser without one), hooks on, WebGL pinned. */
async function withoutSharedWorker(page: Page): Promise<Page> {
  const p = await page.context().newPage();
  await p.addInitScript(() => {
    const w = window as unknown as { __smoothingLabTestHooks: boolean; __smoothingLabBackend: string };
    w.__smoothingLabTestHooks = true;
    w.__smoothingLabBackend = 'webgl';
    delete (window as unknown as { SharedWorker?: unknown }).SharedWorker;
  });
  return p;
}

let host: LessonHost | null = null;

async function lesson(baseURL: string, origins: string[], queries: string[]) {
  host = await serveLessonPage(queries.map((q) => widgetUrl(baseURL, 'histogram', q)));
  origins.push(host.origin);
  return host;
}

test.afterEach(async () => {
  await host?.close();
  host = null;
});

test('four widgets on one lesson page share one engine, and each gets its own certificate', async ({
  page,
  baseURL,
  origins,
  problems,
}) => {
  test.setTimeout(180_000); // six pages' worth of certificates: about 50 s on a loaded 2-core machine
  // Four digits of four classes: a mixed-up answer would show as another frame's counts.
  const queries = [0, 2, 3, 4].map((d) => `${FAST}&digit=${d}`);
  const h = await lesson(baseURL!, origins, queries);
  await page.goto(h.url(4));
  const results = [];
  for (let i = 0; i < 4; i++) results.push(await certificate(page, i));
  expect(new Set(results.map((r) => JSON.stringify(r.counts))).size).toBe(4);

  const engines = [];
  for (let i = 0; i < 4; i++) engines.push(await engineOf(page, i));
  for (const e of engines) {
    expect(e.mode).toBe('shared-worker');
    expect(e.info).toMatchObject({ shared: true, clients: 4 });
  }
  expect(new Set(engines.map((e) => e.info.engineId)).size, 'engines started for four widgets').toBe(1);
  await expect(page.frameLocator('#w0').getByTestId('backend')).toHaveText('webgl');

  // Each widget alone, on its own engine, gives the same numbers: nothing crossed between frames.
  for (const i of [0, 3]) {
    const alone = await withoutSharedWorker(page);
    await alone.goto(widgetUrl(baseURL!, 'histogram', queries[i]!));
    await expect(alone.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
    expect(JSON.parse((await alone.getByTestId('votes').getAttribute('data-counts'))!)).toEqual(
      results[i]!.counts,
    );
    await alone.close();
  }
  expect(problems).toEqual([]);
});

test('a frame that leaves takes its running job with it; the other frames keep the engine', async ({
  page,
  baseURL,
  origins,
  problems,
}) => {
  test.setTimeout(120_000);
  // Frame 0 runs a long certificate (the CNN, n = 100,000); frame 1 a short one.
  const h = await lesson(baseURL!, origins, ['model=cnn-0.25&n=100000&n0=100&seed=1', `${FAST}&digit=1`]);
  await page.goto(h.url(2));
  await certificate(page, 1);
  const long = page.frameLocator('#w0');
  await expect(long.getByTestId('run-status')).toHaveText('running', { timeout: 60_000 });
  await expect.poll(async () => (await engineOf(page, 1)).info).toMatchObject({ clients: 2, running: 1 });

  await page.evaluate(() => document.getElementById('w0')!.remove());
  // The engine stops the job between two batches and forgets the frame.
  await expect
    .poll(async () => (await engineOf(page, 1)).info, { timeout: 20_000 })
    .toMatchObject({ shared: true, clients: 1, running: 0 });
  // The engine still serves the frame that stayed: a new certificate (another seed) comes.
  await page.evaluate(
    (src) => {
      (document.getElementById('w1') as HTMLIFrameElement).src = src.replace('seed=3', 'seed=4');
    },
    widgetUrl(baseURL!, 'histogram', `${FAST}&digit=1`),
  );
  await certificate(page, 1);
  expect(problems).toEqual([]);
});

test('without SharedWorker each widget runs its own engine, with the same numbers as the shared one', async ({
  page,
  baseURL,
  origins,
  problems,
}) => {
  test.setTimeout(180_000); // two lesson pages of two widgets, on SwiftShader
  const queries = [`${FAST}&digit=5`, `${FAST}&digit=6`];
  const h = await lesson(baseURL!, origins, queries);
  await page.goto(h.url(2));
  const shared = [await certificate(page, 0), await certificate(page, 1)];
  expect((await engineOf(page, 0)).mode).toBe('shared-worker');

  const fallback = await withoutSharedWorker(page);
  await fallback.goto(h.url(2));
  const own = [await certificate(fallback, 0), await certificate(fallback, 1)];
  expect(own).toEqual(shared);
  const engines = [await engineOf(fallback, 0), await engineOf(fallback, 1)];
  for (const e of engines) {
    expect(e.mode).toBe('worker');
    expect(e.info).toMatchObject({ shared: false, clients: 1 });
  }
  expect(engines[0]!.info.engineId).not.toBe(engines[1]!.info.engineId);
  await expect(fallback.frameLocator('#w0').getByText(/main thread/)).toHaveCount(0);
  await fallback.close();
  expect(problems).toEqual([]);
});

test('offline: widgets added to a lesson page with no network load, start the shared engine and certify from the service worker', async ({
  page,
  context,
  baseURL,
  origins,
  problems,
}) => {
  test.setTimeout(180_000);
  const h = await lesson(baseURL!, origins, [`${FAST}&digit=7`]);
  await page.goto(h.url(1));
  const online = await certificate(page, 0);
  // The widget's frame registers the service worker after its first certificate; wait until it controls the frame.
  const first = await frameOf(page, 0);
  await first.evaluate(async () => (await navigator.serviceWorker.ready).active?.state);
  await expect.poll(() => first.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  const onlineEngine = (await engineOf(page, 0)).info.engineId;

  // The frame leaves (its shared engine ends with it); then, with no network, two widgets come.
  await page.evaluate(() => document.getElementById('w0')!.remove());
  await page.waitForTimeout(1000);
  await context.setOffline(true);
  await page.evaluate(
    ([src]) => {
      for (const id of ['w0', 'w1']) {
        const f = document.createElement('iframe');
        f.id = id;
        f.title = id;
        f.style.cssText = 'width:640px;height:900px;border:0';
        f.src = src!;
        document.querySelector('main')!.append(f);
      }
    },
    [widgetUrl(baseURL!, 'histogram', `${FAST}&digit=7`)],
  );
  const again = [await certificate(page, 0), await certificate(page, 1)];
  expect(again).toEqual([online, online]);
  const engines = [await engineOf(page, 0), await engineOf(page, 1)];
  for (const e of engines)
    expect(e).toMatchObject({ mode: 'shared-worker', info: { shared: true, clients: 2 } });
  expect(engines[0]!.info.engineId).toBe(engines[1]!.info.engineId);
  // A new engine: its script came from the service worker's cache, not from a worker left running.
  expect(engines[0]!.info.engineId).not.toBe(onlineEngine);
  await context.setOffline(false);
  expect(problems).toEqual([]);
});
