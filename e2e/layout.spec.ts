import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { floorFixed } from '../src/smoothing';

/**
 * Issue #12: presentation mode, the phone layout, charts that never clip, round slider steps, and
 * axe at three widths. Every check measures sizes (bounding boxes, font sizes), never pixels.
 */

type Box = { x: number; y: number; width: number; height: number };

async function box(page: Page, testId: string): Promise<Box> {
  const b = await page.getByTestId(testId).first().boundingBox();
  expect(b, testId).not.toBeNull();
  return b!;
}

/**
 * Each chart (svg) matching `selector`: its height, its smallest text size, the texts that stick out
 * of it (tick labels, titles), and its y-axis tick labels.
 */
async function chartText(page: Page, selector: string) {
  return page.evaluate(
    (sel) =>
      Array.from(document.querySelectorAll(sel)).map((svg) => {
        const s = svg.getBoundingClientRect();
        const texts = Array.from(svg.querySelectorAll('text'));
        return {
          height: s.height,
          minFont: Math.min(...texts.map((t) => parseFloat(getComputedStyle(t).fontSize))),
          clipped: texts
            .filter((t) => {
              const b = t.getBoundingClientRect();
              return (
                b.left < s.left - 0.5 ||
                b.right > s.right + 0.5 ||
                b.top < s.top - 0.5 ||
                b.bottom > s.bottom + 0.5
              );
            })
            .map((t) => t.textContent),
          // The vote histograms are plain SVG (.y-ticks); the trade-off chart is Recharts.
          yTicks: Array.from(svg.querySelectorAll('.y-ticks text, .recharts-yAxis-tick-labels text')).map(
            (t) => t.textContent,
          ),
        };
      }),
    selector,
  );
}

/** Every tick label of every histogram lies inside its chart; returns the y-axis labels. */
const histogramText = (page: Page) => chartText(page, '.histogram .chart svg');

/** Charts tall enough, with text large enough, to read from the back of a hall, none of it clipped. */
function expectPresentable(charts: Awaited<ReturnType<typeof chartText>>) {
  for (const c of charts) {
    expect(c.height).toBeGreaterThanOrEqual(300);
    expect(c.minFont).toBeGreaterThanOrEqual(20);
    expect(c.clipped).toEqual([]);
  }
}

/** Opens `path` at w x h and waits for the lab's run to finish. */
async function openDone(page: Page, w: number, h: number, path: string, timeout = 60_000) {
  await page.setViewportSize({ width: w, height: h });
  await page.goto(`./#/${path}`);
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout });
}

/** Opens the trade-off view's `path` at w x h and waits for its chart's first curve. */
async function openTradeoff(page: Page, w: number, h: number, path: string) {
  await page.setViewportSize({ width: w, height: h });
  await page.goto(`./#/${path}`);
  await expect(page.locator('.tradeoff-chart .recharts-line').first()).toBeVisible();
}

/** Pauses the lab from the keyboard (k), as a presenter would. */
async function pauseFromKeyboard(page: Page) {
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('k');
  await expect(page.getByTestId('play')).toHaveText('Play');
}

/** The two projector sizes presentation mode is checked at. */
const PROJECTORS = [
  [1920, 1080],
  [1280, 720],
] as const;

async function noHorizontalOverflow(page: Page) {
  const w = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(w[0]).toBeLessThanOrEqual(w[1]!);
}

/** The ids the first screen of the lab holds in presentation mode, without scrolling. */
const FIRST_SCREEN = ['noisy-grid', 'votes', 'p-lower', 'radius', 'slider-sigma', 'slider-n'];

/** Each of `ids` lies wholly inside the viewport (w x h) with the page scrolled to the top. */
async function onFirstScreen(page: Page, ids: readonly string[], w: number, h: number) {
  for (const id of ids) {
    const b = await box(page, id);
    expect(b.y, `${id} top`).toBeGreaterThanOrEqual(0);
    expect(b.x, `${id} left`).toBeGreaterThanOrEqual(0);
    expect(b.y + b.height, `${id} bottom`).toBeLessThanOrEqual(h);
    expect(b.x + b.width, `${id} right`).toBeLessThanOrEqual(w);
  }
}

for (const [w, h] of PROJECTORS) {
  test(`presentation mode at ${w}x${h}: the first screen holds the copies, both histograms, p_lower, R and the sliders`, async ({
    page,
    problems,
  }) => {
    await openDone(page, w, h, 'lab?present=1&model=mlp-0.25');
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
    await onFirstScreen(page, FIRST_SCREEN, w, h);
    const charts = await histogramText(page);
    expect(charts).toHaveLength(2);
    expectPresentable(charts);
    // Round ticks that end at the run's totals (n0 = 100, n = 1,000).
    expect(charts[0]!.yTicks).toEqual(['0', '25', '50', '75', '100']);
    expect(charts[1]!.yTicks).toEqual(['0', '250', '500', '750', '1,000']);
    // The big numbers stay large enough to read from the back of a hall.
    for (const id of ['p-lower', 'radius']) {
      const px = await page.getByTestId(id).evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      expect(px, id).toBeGreaterThanOrEqual(20);
    }
    await noHorizontalOverflow(page);
    expect(problems).toEqual([]);
  });
}

test('presentation mode at 1280x720: large chart text, tall histograms, nothing clipped', async ({
  page,
  problems,
}) => {
  await openDone(page, 1280, 720, 'lab?present=1&model=mlp-0.25&n=20000');
  expectPresentable(await histogramText(page));
  const ticks = (await histogramText(page))[1]!.yTicks;
  expect(ticks.at(-1)).toBe('20,000');
  for (const id of ['slider-sigma', 'slider-n', 'noisy-grid']) {
    const b = await box(page, id);
    expect(b.y + b.height, id).toBeLessThanOrEqual(720);
  }
  // Five-digit totals: the same first screen, the wider tick labels inside their charts.
  await onFirstScreen(page, FIRST_SCREEN, 1280, 720);
  await noHorizontalOverflow(page);
  expect(problems).toEqual([]);
});

for (const [w, h] of [
  [375, 740],
  [1280, 800],
] as const) {
  test(`at ${w}x${h}: histogram ticks and formulas fit their boxes`, async ({ page, problems }) => {
    test.setTimeout(180_000);
    await openDone(page, w, h, 'lab?model=mlp-0.25&n=100000&n0=1000&alpha=0.000001', 150_000);
    for (const c of await histogramText(page)) expect(c.clipped).toEqual([]);
    const formulas = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.formulas .katex-display')).map((e) => [
        e.scrollWidth,
        e.clientWidth,
      ]),
    );
    expect(formulas.length).toBe(3);
    for (const [scroll, client] of formulas) expect(scroll).toBeLessThanOrEqual(client! + 1);
    await noHorizontalOverflow(page);
    expect(problems).toEqual([]);
  });
}

test('phone 375x740: one-row navigation, and the histogram and radius stay in view while sigma and n move', async ({
  page,
  problems,
}) => {
  await openDone(page, 375, 740, 'lab?model=mlp-0.25&n=200&n0=20');
  const nav = await page.locator('nav.sections ol').boundingBox();
  expect(nav!.height).toBeLessThanOrEqual(64);
  const sigma = page.getByTestId('slider-sigma');
  await sigma.scrollIntoViewIfNeeded();
  await sigma.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  const inView = async (id: string) => {
    const b = await box(page, id);
    expect(b.y, id).toBeGreaterThanOrEqual(0);
    expect(b.y + b.height, id).toBeLessThanOrEqual(740);
  };
  await inView('slider-sigma');
  await inView('result-bar');
  await expect(page.locator('[data-testid=result-bar] svg rect')).toHaveCount(10);
  // The same radius in fewer digits, still rounded down.
  await expect(page.getByTestId('result-bar-radius')).toHaveText(
    floorFixed(Number(await page.getByTestId('radius').textContent()), 3),
  );
  const n = page.getByTestId('slider-n');
  await n.scrollIntoViewIfNeeded();
  await n.focus();
  await page.keyboard.press('ArrowLeft');
  await inView('slider-n');
  await inView('result-bar');
  await noHorizontalOverflow(page);
  expect(problems).toEqual([]);
});

test('n and n0 land on round values from the keyboard; Page Up/Down jump a decade', async ({
  page,
  problems,
}) => {
  await page.goto('./#/lab?model=mlp-0.25&n=100&n0=1');
  const n = page.getByTestId('slider-n');
  await n.focus();
  const seen: string[] = [];
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('ArrowRight');
    seen.push((await n.getAttribute('aria-valuetext'))!);
  }
  expect(seen).toEqual(['200', '500', '1,000']);
  await page.keyboard.press('PageUp');
  await expect(n).toHaveAttribute('aria-valuetext', '10,000');
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await expect(n).toHaveAttribute('aria-valuetext', '100');
  const n0 = page.getByTestId('slider-n0');
  await n0.focus();
  await page.keyboard.press('ArrowRight');
  await expect(n0).toHaveAttribute('aria-valuetext', '2');
  await page.keyboard.press('ArrowRight');
  await expect(n0).toHaveAttribute('aria-valuetext', '5');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(n0).toHaveAttribute('aria-valuetext', '1');
  await expect(page).toHaveURL(/n=100(&|$)/);
  expect(problems).toEqual([]);
});

const VIEWS = [
  'why',
  'lab?model=mlp-0.25&n=200&n0=20',
  'geometry',
  'tradeoff',
  'limits?model=mlp-0.25&n=200&n0=20',
  'when',
  'check',
  'lab?present=1&model=mlp-0.25&n=200&n0=20',
  'embed/histogram?model=mlp-0.25&n=200&n0=20',
  'embed/grid',
  'embed/geometry',
  'embed/tradeoff',
];

for (const width of [375, 1280, 1920]) {
  test(`axe at ${width} px: no serious or critical violation on any view or embed`, async ({
    page,
    problems,
  }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width, height: 900 });
    const found: string[] = [];
    for (const v of VIEWS) {
      await page.goto(`./#/${v}`);
      await expect(page.locator('#root')).not.toBeEmpty();
      await page.waitForTimeout(1500);
      const r = await new AxeBuilder({ page }).analyze();
      for (const x of r.violations)
        if (x.impact === 'serious' || x.impact === 'critical')
          found.push(`${v} @${width}: ${x.id}: ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      const w = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      if (w[0]! > w[1]!) found.push(`${v} @${width}: page ${w[0]} px wide`);
    }
    expect(found).toEqual([]);
    expect(problems).toEqual([]);
  });
}

test('an embedded histogram keeps a stable height during a run (no jumps of the lesson text)', async ({
  page,
  problems,
}) => {
  await page.setViewportSize({ width: 700, height: 900 });
  await page.goto('./#/embed/histogram?model=mlp-0.25&n=20000');
  const heights: number[] = [];
  for (let i = 0; i < 200; i++) {
    heights.push(await page.evaluate(() => document.documentElement.scrollHeight));
    if ((await page.getByTestId('run-status').textContent()) === 'done') break;
    await page.waitForTimeout(100);
  }
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  heights.push(await page.evaluate(() => document.documentElement.scrollHeight));
  // From the first paint to the finished certificate the page moves by at most two lines.
  expect(Math.max(...heights) - Math.min(...heights)).toBeLessThanOrEqual(60);
  expect(problems).toEqual([]);
});

test('the trade-off legend sits above the chart on a phone, never over the curves', async ({
  page,
  problems,
}) => {
  await openTradeoff(page, 375, 740, 'tradeoff');
  const legend = (await page.getByTestId('tradeoff-legend').boundingBox())!;
  const plot = (await page.locator('.tradeoff-chart .recharts-cartesian-grid').boundingBox())!;
  expect(legend.y + legend.height).toBeLessThanOrEqual(plot.y);
  expect(problems).toEqual([]);
});

for (const [w, h] of PROJECTORS) {
  test(`presentation mode at ${w}x${h}: the trade-off chart reads from the back of a hall`, async ({
    page,
    problems,
  }) => {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('./#/tradeoff?present=1');
    // Presenting, the shipped curves wait for the checkpoint beside them: reveal it, as a lecture would.
    await expect(page.getByTestId('shipped-held-back')).toBeVisible();
    await page.getByTestId('checkpoint-tradeoff-best-sigma').getByRole('radio').first().check();
    await page.getByTestId('checkpoint-tradeoff-best-sigma-reveal').click();
    await expect(page.locator('.tradeoff-chart .recharts-line').first()).toBeVisible();
    const [chart] = await chartText(page, '.tradeoff-chart svg.recharts-surface');
    const m = await page.evaluate(() => {
      const svg = document.querySelector('.tradeoff-chart svg.recharts-surface')!;
      const rect = (e: Element) => e.getBoundingClientRect();
      const xTicks = Array.from(svg.querySelectorAll('.recharts-xAxis-tick-labels text'));
      const yTicks = Array.from(svg.querySelectorAll('.recharts-yAxis-tick-labels text'));
      const overlap = (a: DOMRect, b: DOMRect) =>
        a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      const titles = Array.from(svg.querySelectorAll('.recharts-label')).map(rect);
      return {
        legendFonts: Array.from(document.querySelectorAll('[data-testid=tradeoff-legend] li')).map((e) =>
          parseFloat(getComputedStyle(e).fontSize),
        ),
        xLabels: xTicks.map((t) => t.textContent),
        // Neighbouring x labels keep at least a few px apart.
        xTouch: xTicks.slice(1).some((t, i) => rect(t).left < rect(xTicks[i]!).right + 4),
        // An axis title never lies over a tick label.
        titleOverTicks: titles.some((b) => [...xTicks, ...yTicks].some((t) => overlap(b, rect(t)))),
        titles: titles.length,
      };
    });
    expect(chart!.height).toBeGreaterThanOrEqual(h >= 1000 ? 500 : 400);
    expect(chart!.minFont).toBeGreaterThanOrEqual(20);
    expect(m.legendFonts.length).toBeGreaterThanOrEqual(4);
    for (const f of m.legendFonts) expect(f).toBeGreaterThanOrEqual(20);
    expect(chart!.clipped).toEqual([]);
    // Plain ticks: 0, 0.25 or 0.5 steps, at most two decimals, ending at or past the last radius.
    expect(m.xLabels[0]).toBe('0');
    for (const l of m.xLabels) expect(l).toMatch(/^\d+(\.\d{1,2})?$/);
    expect(m.xLabels.length).toBeGreaterThanOrEqual(5);
    expect(m.xTouch).toBe(false);
    expect(m.titles).toBe(2);
    expect(m.titleOverTicks).toBe(false);
    await noHorizontalOverflow(page);
    expect(problems).toEqual([]);
  });
}

for (const [w, h] of PROJECTORS) {
  test(`presentation mode at ${w}x${h}: out of date, ABSTAIN and a paused partial run keep p_lower and R on the first screen`, async ({
    page,
    problems,
  }) => {
    test.setTimeout(150_000);
    // Paused, then sigma moved: the certificate says it is out of date and still fits.
    await openDone(page, w, h, 'lab?present=1&model=mlp-0.25');
    await pauseFromKeyboard(page);
    await page.keyboard.press('s');
    await page.keyboard.press('s');
    await expect(page.getByTestId('stale-notice')).toContainText('σ = 0.25');
    await page.evaluate(() => window.scrollTo(0, 0));
    await onFirstScreen(page, [...FIRST_SCREEN, 'stale-notice'], w, h);

    // ABSTAIN: "no radius (ABSTAIN)" in two lines at most, on the first screen.
    await page.goto('./#/lab?present=1&model=cnn-1.00&digit=2&sigma=1&n=1000');
    await page.reload();
    await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 90_000 });
    await expect(page.getByTestId('radius')).toHaveText('no radius (ABSTAIN)');
    await onFirstScreen(page, FIRST_SCREEN, w, h);
    const r = await page.getByTestId('radius').evaluate((e) => ({
      height: e.getBoundingClientRect().height,
      font: parseFloat(getComputedStyle(e).fontSize),
    }));
    expect(r.font).toBeGreaterThanOrEqual(20);
    expect(r.height).toBeLessThanOrEqual(r.font * 1.5 * 2);

    // A run paused part-way: its certificate (the anytime-valid one) fits the same first screen.
    await page.goto('./#/lab?present=1&model=mlp-0.25&n=100000');
    await page.reload();
    await expect
      .poll(() => page.getByTestId('votes').getAttribute('data-counts'), { timeout: 60_000 })
      .toMatch(/[1-9]/);
    await pauseFromKeyboard(page);
    if ((await page.getByTestId('run-status').textContent()) !== 'done')
      await expect(page.locator('.certificate h3')).toContainText('paused after');
    await page.evaluate(() => window.scrollTo(0, 0));
    await onFirstScreen(page, FIRST_SCREEN, w, h);
    await noHorizontalOverflow(page);
    expect(problems).toEqual([]);
  });
}
