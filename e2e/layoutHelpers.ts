/**
 * What the layout specs share: boxes, chart text measured in the page, opening the lab or the
 * trade-off view at a size and waiting for it, and the projector sizes. Sizes only, never pixels.
 */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export type Box = { x: number; y: number; width: number; height: number };

export async function box(page: Page, testId: string): Promise<Box> {
  const b = await page.getByTestId(testId).first().boundingBox();
  expect(b, testId).not.toBeNull();
  return b!;
}

/**
 * Each chart (svg) matching `selector`: its height, its smallest text size, the texts that stick out
 * of it (tick labels, titles), and its y-axis tick labels.
 */
export async function chartText(page: Page, selector: string) {
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
export const histogramText = (page: Page) => chartText(page, '.histogram .chart svg');

/** Charts tall enough, with text large enough, to read from the back of a hall, none of it clipped. */
export function expectPresentable(charts: Awaited<ReturnType<typeof chartText>>) {
  for (const c of charts) {
    expect(c.height).toBeGreaterThanOrEqual(300);
    expect(c.minFont).toBeGreaterThanOrEqual(20);
    expect(c.clipped).toEqual([]);
  }
}

/** Opens `path` at w x h and waits for the lab's run to finish. */
export async function openDone(page: Page, w: number, h: number, path: string, timeout = 60_000) {
  await page.setViewportSize({ width: w, height: h });
  await page.goto(`./#/${path}`);
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout });
}

/** Opens the trade-off view's `path` at w x h and waits for its chart's first curve. */
export async function openTradeoff(page: Page, w: number, h: number, path: string) {
  await page.setViewportSize({ width: w, height: h });
  await page.goto(`./#/${path}`);
  await expect(page.locator('.tradeoff-chart .recharts-line').first()).toBeVisible();
}

/** Pauses the lab from the keyboard (k), as a presenter would. */
export async function pauseFromKeyboard(page: Page) {
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('k');
  await expect(page.getByTestId('play')).toHaveText('Play');
}

/** The two projector sizes presentation mode is checked at. */
export const PROJECTORS = [
  [1920, 1080],
  [1280, 720],
] as const;

export async function noHorizontalOverflow(page: Page) {
  const w = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(w[0]).toBeLessThanOrEqual(w[1]!);
}

/** The ids the first screen of the lab holds in presentation mode, without scrolling. */
export const FIRST_SCREEN = ['noisy-grid', 'votes', 'p-lower', 'radius', 'slider-sigma', 'slider-n'];

/** Each of `ids` lies wholly inside the viewport (w x h) with the page scrolled to the top. */
export async function onFirstScreen(page: Page, ids: readonly string[], w: number, h: number) {
  for (const id of ids) {
    const b = await box(page, id);
    expect(b.y, `${id} top`).toBeGreaterThanOrEqual(0);
    expect(b.x, `${id} left`).toBeGreaterThanOrEqual(0);
    expect(b.y + b.height, `${id} bottom`).toBeLessThanOrEqual(h);
    expect(b.x + b.width, `${id} right`).toBeLessThanOrEqual(w);
  }
}
