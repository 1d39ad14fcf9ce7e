import AxeBuilder from '@axe-core/playwright';
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Every embeddable widget on a lesson page of another origin: when its first height arrives (never
 * before it is laid out), how much its height moves while it works, the messages both ways
 * (validated against the JSON Schema the build ships), and axe at a phone's and a laptop's width.
 */

/** Small runs on the fast MLP (matched: trained and certified at sigma 0.25) keep it quick. */
const FAST = 'model=mlp-0.25&sigma=0.25&n=200&n0=20&seed=3';
/** How far a widget's height may move once reported (the issue's bound). */
const JITTER = 8;

interface Case {
  id: string;
  query: string;
  /** Starts the widget's work inside the frame (a run the widget does not start by itself). */
  start?: (page: Page) => Promise<void>;
  /** The widget certifies the lab's input: a certificate message follows its run. */
  certifies?: boolean;
}
const frame = (page: Page) => page.frameLocator('#w');
const CASES: Case[] = [
  { id: 'histogram', query: FAST, certifies: true },
  { id: 'compact', query: FAST, certifies: true },
  { id: 'grid', query: 'sigma=0.5&digit=7' },
  { id: 'input', query: FAST, certifies: true },
  { id: 'anytime', query: `${FAST}&stop=1&r=0.3`, certifies: true },
  { id: 'attack', query: FAST, certifies: true },
  { id: 'geometry', query: 'sigma=0.5' },
  { id: 'tradeoff', query: '' },
  {
    id: 'coverage',
    query: '',
    start: async (page) => {
      await frame(page).getByLabel('runs').selectOption('200');
      await frame(page).getByTestId('coverage-run').click();
      await expect(frame(page).getByTestId('coverage-result').getByRole('status')).toContainText('Done.');
    },
  },
  {
    id: 'peeking',
    query: '',
    start: async (page) => {
      await frame(page).getByTestId('peeking-run').click();
      await expect(frame(page).getByTestId('peeking-result')).toBeVisible();
    },
  },
  { id: 'checkpoint', query: 'id=summary-alpha' },
];

const schema = JSON.parse(readFileSync('dist/embed-messages.schema.json', 'utf8')) as object;
const validate = new Ajv({ allErrors: true }).compile(schema);

interface Logged {
  t: number;
  data: { type?: string; height?: number; [k: string]: unknown };
}

/** A lesson page on its own origin that embeds one widget, sizes it and logs every message. */
async function lessonServer(lab: string) {
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const src = `${lab}/index.html#/embed/${u.searchParams.get('widget')}?${u.searchParams.get('q') ?? ''}&origin=${encodeURIComponent(`http://127.0.0.1:${port}`)}`;
    const width = u.searchParams.get('width') ?? '640';
    res.writeHead(200, { 'content-type': 'text/html' })
      .end(`<!doctype html><html lang="en"><title>Lesson</title>
<body style="margin:0"><main><h1>Lesson</h1>
<iframe id="w" title="widget" style="width:${width}px;height:150px;border:0;display:block" src="${src}"></iframe>
<p id="after">Text below the widget.</p></main>
<script>
  window.__msgs = [];
  const f = document.getElementById('w');
  addEventListener('message', (e) => {
    if (e.origin !== ${JSON.stringify(lab)} || e.source !== f.contentWindow) return;
    window.__msgs.push({ t: performance.now(), data: e.data });
    if (e.data && e.data.type === 'height') f.style.height = e.data.height + 'px';
  });
</script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const messages = (page: Page) => page.evaluate(() => (window as unknown as { __msgs: Logged[] }).__msgs);
const heights = (log: Logged[]) => log.filter((m) => m.data.type === 'height').map((m) => m.data.height!);

for (const c of CASES) {
  test(`${c.id}: cross-origin, reports its height only once laid out, keeps it within ${JITTER}px, valid messages`, async ({
    page,
    origins,
    baseURL,
    problems,
  }) => {
    const lab = new URL(baseURL!).origin;
    const lesson = await lessonServer(lab);
    origins.push(lesson.url);
    try {
      await page.goto(`${lesson.url}/?widget=${c.id}&q=${encodeURIComponent(c.query)}&width=640`);
      const inner = frame(page);
      await expect(inner.getByTestId('embed')).toHaveAttribute('data-widget', c.id);
      await expect.poll(async () => heights(await messages(page)).length).toBeGreaterThan(0);
      // ready comes first, and the first height is the laid-out widget's, not a placeholder's.
      const early = await messages(page);
      expect(early[0]!.data.type).toBe('ready');
      await expect(inner.getByTestId('embed')).toHaveAttribute('data-laid-out', 'true');
      const first = heights(early)[0]!;
      expect(first).toBeGreaterThan(150);

      if (c.start) await c.start(page);
      if (c.certifies) {
        await expect
          .poll(async () => (await messages(page)).some((m) => m.data.type === 'certificate'), {
            timeout: 60_000,
          })
          .toBe(true);
      }
      await page.waitForTimeout(500);
      const log = await messages(page);
      const hs = heights(log);
      const range = Math.max(...hs) - Math.min(...hs);
      test.info().annotations.push({
        type: 'height',
        description: `${c.id} at 640px: first ${first}px, ${hs.length} height messages, range ${Math.min(...hs)}–${Math.max(...hs)}px`,
      });
      expect(range, `heights ${hs.join(', ')}`).toBeLessThanOrEqual(JITTER);
      // The frame fits the widget: nothing is cut off.
      const want = await inner
        .getByTestId('embed')
        .evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
      expect(await page.locator('#w').evaluate((f) => (f as HTMLIFrameElement).clientHeight)).toBe(want);

      if (c.id === 'compact') expect(Math.max(...hs)).toBeLessThanOrEqual(420);
      for (const m of log) expect(validate(m.data) ? 'valid' : JSON.stringify(validate.errors)).toBe('valid');
      expect(log.filter((m) => m.data.type === 'ready')).toHaveLength(1);
      expect(log.filter((m) => m.data.type === 'error')).toEqual([]);
    } finally {
      await lesson.close();
    }
    expect(problems).toEqual([]);
  });
}

test('messages both ways: set-params in, params-changed, certificate and error out, bad ones refused', async ({
  page,
  origins,
  baseURL,
  problems,
}) => {
  const lab = new URL(baseURL!).origin;
  const lesson = await lessonServer(lab);
  origins.push(lesson.url);
  const inner = frame(page);
  const of = async (type: string) =>
    (await messages(page)).filter((m) => m.data.type === type).map((m) => m.data);
  const send = (data: unknown) =>
    page.evaluate(
      ([data, target]) =>
        (document.getElementById('w') as HTMLIFrameElement).contentWindow!.postMessage(data, target),
      [data, lab] as const,
    );
  try {
    await page.goto(`${lesson.url}/?widget=compact&q=${encodeURIComponent(FAST)}&width=640`);
    await expect.poll(async () => (await of('certificate')).length, { timeout: 60_000 }).toBe(1);
    const first = (await of('certificate'))[0]!;
    // The certificate message says what the widget shows, from the same claim.
    expect(first).toMatchObject({
      widget: 'compact',
      sigma: 0.25,
      alpha: 0.001,
      plannedN: 200,
      model: 'mlp-0.25',
    });
    expect(String(first.pLower)).toBe(Number(await inner.getByTestId('p-lower').textContent()).toString());
    const radiusText = (await inner.getByTestId('radius').textContent())!;
    expect(first.radius === null ? 'no radius (ABSTAIN)' : String(first.radius)).toBe(
      first.radius === null ? radiusText : Number(radiusText).toString(),
    );
    const heightsBefore = heights(await messages(page));

    // Bad messages are refused whole, and change nothing.
    await send({ source: 'smoothing-lab', type: 'set-params', version: 2, params: { sigma: 0.5 } });
    await send({ source: 'smoothing-lab', type: 'set-params', params: { sigma: 0.5, bogus: 1 } });
    await send({ source: 'smoothing-lab', type: 'set-params', params: { stop: 'yes' } });
    await expect(inner.getByTestId('embed')).toHaveAttribute('data-messages-rejected', '3');
    expect(await of('params-changed')).toEqual([]);

    // set-params in, params-changed out with the values used, and a second run.
    await send({
      source: 'smoothing-lab',
      type: 'set-params',
      version: 1,
      params: { sigma: 0.5, model: 'mlp-0.50' },
    });
    await expect.poll(async () => (await of('params-changed')).length).toBeGreaterThan(0);
    expect((await of('params-changed')).at(-1)).toMatchObject({
      cause: 'set-params',
      params: { sigma: 0.5, n: 200, model: 'mlp-0.50' },
    });
    await expect.poll(async () => (await of('certificate')).length, { timeout: 60_000 }).toBe(2);
    expect((await of('certificate'))[1]).toMatchObject({ sigma: 0.5, model: 'mlp-0.50', bound: 'fixed-n' });

    // A change made inside the widget (the keyboard on its slider) is reported too.
    const before = (await of('params-changed')).length;
    await inner.getByTestId('slider-sigma').focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await of('params-changed')).length).toBe(before + 1);
    expect((await of('params-changed')).at(-1)).toMatchObject({ cause: 'widget', params: { sigma: 0.49 } });
    await expect.poll(async () => (await of('certificate')).length, { timeout: 60_000 }).toBe(3);

    // Three runs: the height stayed within the bound throughout.
    const hs = heights(await messages(page));
    test.info().annotations.push({
      type: 'height',
      description: `compact over three runs: ${hs.join(', ')} (first run only: ${heightsBefore.join(', ')})`,
    });
    expect(Math.max(...hs) - Math.min(...hs)).toBeLessThanOrEqual(JITTER);

    // Values out of range are clamped as in the URL, and params-changed says what was used.
    await send({ source: 'smoothing-lab', type: 'set-params', params: { sigma: 9 } });
    await expect.poll(async () => (await of('params-changed')).at(-1)?.params).toMatchObject({ sigma: 1.5 });
    await expect(inner.getByTestId('url-notice')).toContainText('using 1.5');
    for (const m of await messages(page))
      expect(validate(m.data) ? 'valid' : JSON.stringify(validate.errors)).toBe('valid');

    // error: the message the widget shows, word for word.
    await page.goto(`${lesson.url}/?widget=checkpoint&q=${encodeURIComponent('id=no-such-one')}&width=640`);
    await expect.poll(async () => (await of('error')).length).toBe(1);
    const shown = (await inner.getByTestId('embed-error').locator('p').textContent())!;
    expect((await of('error'))[0]!.message).toBe(shown.replace(/\s+/g, ' ').trim());
    expect(validate((await of('error'))[0]) ? 'valid' : JSON.stringify(validate.errors)).toBe('valid');
  } finally {
    await lesson.close();
  }
  expect(problems).toEqual([]);
});

for (const width of [375, 1280]) {
  test(`axe: every widget at ${width}px`, async ({ page, problems }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width, height: 900 });
    const found: string[] = [];
    for (const c of CASES) {
      await page.goto('about:blank');
      await page.goto(`./#/embed/${c.id}?${c.query}`);
      await expect(page.getByTestId('embed')).toHaveAttribute('data-laid-out', 'true');
      // Every finding, moderate and minor ones (heading order, landmarks) included.
      const results = await new AxeBuilder({ page }).analyze();
      for (const v of results.violations)
        found.push(
          `${c.id}: ${v.id} (${v.impact}): ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`,
        );
    }
    expect(found).toEqual([]);
    expect(problems).toEqual([]);
  });
}
