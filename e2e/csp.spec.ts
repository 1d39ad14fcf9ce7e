import { EMBED_WIDGETS } from '../src/app/embed/route';
import type { Frame, Page } from '@playwright/test';
import { CSP_META } from '../scripts/lib/csp';
import { expect, test } from './fixtures';

/**
 * The built app under its Content-Security-Policy (the meta tag in every page, and the same policy
 * as a header from the preview server): every view and embed loads and certifies with zero
 * `securitypolicyviolation` events, and the policy is as strict as it says.
 */

const FAST = 'model=mlp-0.25&n=200&n0=20';

/** Records every CSP violation of every frame in window.__cspViolations. */
async function listen(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`),
    );
  });
}

async function violations(frame: Page | Frame): Promise<string[]> {
  return frame.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

test('the policy forbids eval and inline scripts, and the preview server sends it with the security headers', async ({
  page,
  problems,
}) => {
  await listen(page);
  expect(CSP_META).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(CSP_META).toContain("default-src 'self'");
  expect(CSP_META).not.toContain('unsafe-eval;');
  expect(CSP_META).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(CSP_META).not.toMatch(/style-src [^;]*unsafe-inline/);
  for (const path of ['./', './index.html', './embed-example.html']) {
    const res = await page.goto(path);
    const headers = res!.headers();
    expect(headers['content-security-policy'], path).toBe(CSP_META);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
  }
  await page.goto('./');
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(
    CSP_META,
  );
  // An inline script is refused, and reported.
  await page.goto('./index.html#/why');
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.append(s);
  });
  await expect.poll(async () => (await violations(page)).length).toBeGreaterThan(0);
  for (const v of await violations(page)) expect(v).toMatch(/^script-src(-elem)?: inline$/);
  expect(
    await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan),
  ).toBeUndefined();
  expect(problems.filter((p) => !/Content Security Policy/.test(p))).toEqual([]);
  problems.length = 0;
});

test('every view loads, and the lab certifies, with no CSP violation', async ({ page, problems }) => {
  await listen(page);
  await page.goto(`./#/lab?${FAST}`);
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  await expect(page.getByTestId('backend')).toHaveText('webgl');
  // The formulas are KaTeX: they render (with their inline style attributes) under the policy.
  await expect(page.locator('.katex').first()).toBeVisible();
  for (const [id, heading] of [
    ['why', 'Why certification matters'],
    ['geometry', 'Other certified defense methods'],
    ['tradeoff', 'The sigma-radius trade-off'],
    ['limits', 'Practical limitations'],
    ['when', 'When to use certified defenses'],
    ['check', "The lesson's code"],
    ['lab', 'Randomized smoothing'],
  ] as const) {
    await page
      .getByRole('navigation')
      .getByRole('link', { name: new RegExp(`^${routeTitle(id)}`) })
      .click();
    await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
    await expect(page.getByRole('main').locator('[role="status"]', { hasText: /^Loading/ })).toHaveCount(0, {
      timeout: 30_000,
    });
  }
  expect(await violations(page)).toEqual([]);
  expect(problems).toEqual([]);
});

function routeTitle(id: string): string {
  return {
    why: 'Why certify',
    lab: 'Smoothing lab',
    geometry: 'Geometry and other methods',
    tradeoff: 'Sigma–radius trade-off',
    limits: 'Limits and attacks',
    when: 'When to use it',
    check: 'Check the lesson code',
  }[id]!;
}

test('every embed, and the example lesson page, load and certify with no CSP violation', async ({
  page,
  problems,
}) => {
  // Every widget (11) and the example page, which starts two certifying widgets at once.
  test.setTimeout(240_000);
  await listen(page);
  for (const widget of EMBED_WIDGETS.map((w) => w.id)) {
    await page.goto(`./#/embed/${widget}?${FAST}`);
    await expect(page.getByTestId('embed')).toHaveAttribute('data-widget', widget);
    // Laid out: its code and data are in, and a widget that certifies has finished its first run.
    await expect(page.getByTestId('embed')).toHaveAttribute('data-laid-out', 'true', { timeout: 60_000 });
    await expect(page.getByTestId('embed').locator('[role="status"]', { hasText: /^Loading/ })).toHaveCount(
      0,
      {
        timeout: 30_000,
      },
    );
    expect(await violations(page), widget).toEqual([]);
  }
  await page.goto('./embed-example.html');
  await expect(page.locator('#frame-histogram')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  const inner = page.frameLocator('#frame-histogram');
  await expect(inner.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  // The widgets start at the sigma the page's own control shows.
  await expect(inner.getByTestId('slider-sigma')).toHaveValue(await page.locator('#sigma').inputValue());
  for (const frame of page.frames()) expect(await violations(frame), frame.url()).toEqual([]);
  expect(problems).toEqual([]);
});
