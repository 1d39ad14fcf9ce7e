import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { floorFixed } from '../src/smoothing';
import { box, histogramText, noHorizontalOverflow, openDone, openTradeoff } from './layoutHelpers';

/**
 * Issue #12: the phone layout, charts that never clip, round slider steps, and axe at three widths
 * (presentation mode at projector sizes: ./layout-presentation.spec.ts). Every check measures sizes
 * (bounding boxes, font sizes), never pixels.
 */

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
