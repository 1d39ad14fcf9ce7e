import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { axe } from './presentHelpers';

/**
 * Issue #21, the instructor's side: presentation mode's text sizes on every view's first screen
 * and the projector view of each chart (button and keyboard, axe); the lecture shortcuts and plan
 * are in ./lecture.spec.ts. Every check measures sizes, never pixels; the runs it needs are short
 * (n = 200, wasm).
 */
test.use({ backendPin: 'wasm' });

/** Each view, opened in presentation mode, and what shows that it has drawn. */
const VIEWS: { id: string; path: string; ready: (page: Page) => Promise<void> }[] = [
  { id: 'why', path: 'why?present=1&model=mlp-0.25&n=200&n0=20', ready: async () => {} },
  {
    id: 'lab',
    path: 'lab?present=1&model=mlp-0.25&n=200&n0=20',
    ready: (page) => expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 }),
  },
  {
    id: 'geometry',
    path: 'geometry?present=1&n=200&n0=20',
    ready: (page) => expect(page.locator('.geo-plot svg')).toBeVisible(),
  },
  {
    id: 'tradeoff',
    path: 'tradeoff?present=1',
    // Presenting, the shipped curves wait for the checkpoint beside them (they answer it).
    ready: (page) => expect(page.getByTestId('shipped-held-back')).toBeVisible(),
  },
  { id: 'limits', path: 'limits?present=1&model=mlp-0.25&n=200&n0=20', ready: async () => {} },
  { id: 'when', path: 'when?present=1', ready: async () => {} },
  { id: 'check', path: 'check?present=1', ready: async () => {} },
  {
    id: 'lecture',
    path: 'lecture?present=1',
    ready: (page) => expect(page.getByTestId('lecture-steps')).toBeVisible(),
  },
];

/**
 * The smallest text in the viewport (the first screen, scrolled to the top), inside `scope`: every
 * visible text node, HTML and SVG (an SVG text's size is its font size times the scale its SVG is
 * drawn at), and the text of visible form fields; visually hidden text (.sr-only, KaTeX's MathML
 * copy, SVG tooltips) is not drawn and is left out. Also the SVG texts that stick out of their SVG.
 */
async function smallestText(page: Page, scope = 'body') {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel)!;
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const onScreen = (r: DOMRect) =>
      r.width > 1 && r.height > 1 && r.right > 0 && r.bottom > 0 && r.left < vw && r.top < vh;
    const sizes: { px: number; what: string }[] = [];
    const clipped: string[] = [];
    const sizeOf = (el: Element): number => {
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (!(el instanceof SVGGraphicsElement)) return px;
      const m = el.getScreenCTM();
      return m ? px * Math.hypot(m.a, m.b) : px;
    };
    const hidden = (el: Element) => {
      if (el.closest('.sr-only, .katex-mathml, title, option, script, style')) return true;
      const s = getComputedStyle(el);
      return s.visibility === 'hidden' || Number(s.opacity) === 0;
    };
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const text = t.textContent?.trim() ?? '';
      const el = t.parentElement;
      if (!text || !el || hidden(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(t);
      const rects = Array.from(range.getClientRects());
      if (!rects.some(onScreen)) continue;
      sizes.push({
        px: sizeOf(el),
        what: `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} "${text.slice(0, 30)}"`,
      });
      const svg = el.closest('svg');
      if (svg) {
        const b = svg.getBoundingClientRect();
        const r = el.getBoundingClientRect();
        if (
          r.left < b.left - 0.5 ||
          r.right > b.right + 0.5 ||
          r.top < b.top - 0.5 ||
          r.bottom > b.bottom + 0.5
        )
          clipped.push(text);
      }
    }
    for (const el of Array.from(
      root.querySelectorAll(
        'select, textarea, input:not([type=range]):not([type=checkbox]):not([type=radio])',
      ),
    )) {
      if (hidden(el) || !onScreen(el.getBoundingClientRect())) continue;
      sizes.push({ px: sizeOf(el), what: `${el.tagName.toLowerCase()}#${el.id}` });
    }
    sizes.sort((a, b) => a.px - b.px);
    return { min: sizes[0]?.px ?? Infinity, smallest: sizes.slice(0, 3), count: sizes.length, clipped };
  }, scope);
}

/** Whether the box of `selector` lies inside the viewport (w x h) and inside `inside`'s box. */
async function within(page: Page, selector: string, inside: string | null, w: number, h: number) {
  const b = (await page.locator(selector).first().boundingBox())!;
  expect(b, selector).not.toBeNull();
  expect(b.x, `${selector} left`).toBeGreaterThanOrEqual(0);
  expect(b.y, `${selector} top`).toBeGreaterThanOrEqual(0);
  expect(b.x + b.width, `${selector} right`).toBeLessThanOrEqual(w);
  expect(b.y + b.height, `${selector} bottom`).toBeLessThanOrEqual(h);
  if (inside) {
    const o = (await page.locator(inside).first().boundingBox())!;
    expect(b.x, `${selector} in ${inside}`).toBeGreaterThanOrEqual(o.x - 0.5);
    expect(b.x + b.width, `${selector} in ${inside}`).toBeLessThanOrEqual(o.x + o.width + 0.5);
  }
}

for (const [w, h, floor] of [
  [1920, 1080, 20],
  [1280, 720, 16],
] as const) {
  test(`presentation mode at ${w}x${h}: no text on any view's first screen below ${floor} px`, async ({
    page,
    problems,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: w, height: h });
    const small: string[] = [];
    for (const v of VIEWS) {
      await page.goto(`./#/${v.path}`);
      await expect(page.locator('main h2')).toBeVisible();
      await v.ready(page);
      await page.waitForTimeout(300);
      await page.evaluate(() => window.scrollTo(0, 0));
      const m = await smallestText(page);
      console.log(
        `${w}x${h} ${v.id}: smallest text ${m.min.toFixed(1)} px of ${m.count}`,
        JSON.stringify(m.smallest),
      );
      if (m.min < floor - 0.01) small.push(`${v.id}: ${JSON.stringify(m.smallest)}`);
      if (m.clipped.length) small.push(`${v.id}: SVG text outside its SVG: ${m.clipped.join(', ')}`);
      if (v.id === 'lab') {
        // The interval bar's scale, 1/2 included, under the bar and never cut.
        await expect(page.locator('.interval-half')).toHaveText('1/2');
        await within(page, '.certificate .interval-half', '.certificate .interval', w, 4 * h);
        await within(
          page,
          '.certificate .interval-scale span:last-child',
          '.certificate .interval',
          w,
          4 * h,
        );
      }
      if (v.id === 'tradeoff') {
        // The whole chart on the first screen, both axes and their titles included.
        await within(page, '.tradeoff-chart svg.recharts-surface', null, w, h);
        await within(page, '.tradeoff-chart .recharts-xAxis', null, w, h);
        await expect(page.getByTestId('checkpoint-tradeoff-best-sigma')).toBeInViewport();
      }
    }
    expect(small).toEqual([]);
    expect(problems).toEqual([]);
  });
}

/** The panel shown alone: a dialog covering the viewport, its text at least 24 px, nothing cut. */
async function expectProjected(page: Page, name: string, found: string[]) {
  const dialog = page.getByRole('dialog', { name: `${name}, full-screen` });
  await expect(dialog).toBeVisible();
  const b = (await dialog.boundingBox())!;
  const vp = page.viewportSize()!;
  expect([b.x, b.y, b.width, b.height]).toEqual([0, 0, vp.width, vp.height]);
  // The page behind it is hidden from the eye, Tab and screen readers.
  await expect(page.getByRole('navigation', { name: 'Lesson sections' })).toBeHidden();
  await page.waitForTimeout(300); // the charts re-measure their box
  const m = await smallestText(page, '.projected');
  console.log(
    `projected ${name}: smallest text ${m.min.toFixed(1)} px of ${m.count}`,
    JSON.stringify(m.smallest),
  );
  if (m.min < 24) found.push(`${name}: ${JSON.stringify(m.smallest)}`);
  if (m.clipped.length) found.push(`${name}: SVG text outside its SVG: ${m.clipped.join(', ')}`);
}

/** Leaves the projector view with Escape; the page is back. */
async function leave(page: Page) {
  await page.keyboard.press('Escape');
  await expect(page.locator('.projected')).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Lesson sections' })).toBeVisible();
}

/** Nothing focused, the pointer over `selector` (or the masthead when null). */
async function point(page: Page, selector: string | null) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.locator(selector ?? '.masthead h1').hover();
}

test('projector view: every chart alone, full-screen, from its button or F (focus, pointer, else the main one), w for the anytime panel, Esc to leave; 24 px text; axe', async ({
  page,
  problems,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const found: string[] = [];
  await page.goto('./#/lab?model=mlp-0.25&n=200&n0=20');
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });

  // The button: the dialog takes the focus, Escape gives it back to the button.
  const show = page.getByRole('button', { name: 'Show the vote histograms full-screen' });
  await show.click();
  await expectProjected(page, 'The vote histograms', found);
  await expect(
    page.getByRole('button', { name: 'Leave the full-screen view of the vote histograms' }),
  ).toBeFocused();
  found.push(...(await axe(page, 'the vote histograms, full-screen')));
  await leave(page);
  await expect(show).toBeFocused();

  // F: the panel under the pointer, then the view's main one, and "w" for the anytime panel.
  await point(page, '.certificate h3');
  await page.keyboard.press('f');
  await expectProjected(page, 'The certificate', found);
  await leave(page);
  await point(page, null);
  await page.keyboard.press('f');
  await expectProjected(page, 'The vote histograms', found);
  await page.keyboard.press('f'); // F again leaves too
  await expect(page.locator('.projected')).toHaveCount(0);
  await page.keyboard.press('w');
  await expectProjected(page, 'The anytime-valid panel', found);
  // Typing in the panel's own field does not leave it; Escape does.
  await page.getByTestId('stop-radius').fill('0.7');
  await expect(page.locator('.projected')).toHaveCount(1);
  await leave(page);

  // The trade-off chart and the geometry plot: each its view's main one.
  await page.goto('./#/tradeoff');
  await expect(page.locator('.tradeoff-chart .recharts-line').first()).toBeVisible();
  await point(page, null);
  await page.keyboard.press('f');
  await expectProjected(page, 'The trade-off chart', found);
  await leave(page);
  await page.goto('./#/geometry?n=200&n0=20');
  await expect(page.locator('.geo-plot svg')).toBeVisible();
  await point(page, null);
  await page.keyboard.press('f');
  await expectProjected(page, 'The geometry plot', found);
  await leave(page);

  // The coverage chart and the peeking table, once their experiments have run.
  await page.goto('./#/check');
  await page.locator('#coverage-runs').selectOption('200');
  await page.getByTestId('coverage-run').click();
  await expect(page.getByTestId('coverage-result').getByRole('status')).toContainText('Done', {
    timeout: 60_000,
  });
  await page.getByRole('button', { name: 'Show the coverage chart full-screen' }).click();
  await expectProjected(page, 'The coverage chart', found);
  await leave(page);
  await page.getByTestId('peeking-run').click();
  await expect(page.getByTestId('peeking-result')).toHaveAttribute('data-done', 'true', { timeout: 90_000 });
  await page.getByRole('button', { name: 'Show the peeking table full-screen' }).click();
  await expectProjected(page, 'The peeking table', found);
  found.push(...(await axe(page, 'the peeking table, full-screen')));
  await leave(page);
  expect(found).toEqual([]);
  expect(problems).toEqual([]);
});
