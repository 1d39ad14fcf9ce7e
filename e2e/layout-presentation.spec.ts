import { expect, test } from './fixtures';
import {
  box,
  chartText,
  expectPresentable,
  FIRST_SCREEN,
  histogramText,
  noHorizontalOverflow,
  onFirstScreen,
  openDone,
  pauseFromKeyboard,
  PROJECTORS,
} from './layoutHelpers';

/**
 * Issue #12: presentation mode at projector sizes: the first screen, chart text large enough for a
 * hall, the trade-off chart, and p_lower and R kept in view whatever the run's state (the other
 * layout checks: ./layout.spec.ts). Every check measures sizes (bounding boxes, font sizes), never
 * pixels.
 */

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
