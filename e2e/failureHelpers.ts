import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Helpers of the failure-injection specs (failures, engineFailures, lazyViews). */

/** A run small enough to finish in a moment on any backend. */
export const FAST = 'model=mlp-0.25&n=200&n0=20';

export async function waitDone(page: Page) {
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
}

/** The page is not blank: the root has content and a heading. */
export async function expectNotBlank(page: Page) {
  expect(await page.locator('#root').evaluate((el) => el.children.length)).toBeGreaterThan(0);
  await expect(page.getByRole('heading').first()).toBeVisible();
}

/** Console errors a test expects (the failure it injected), so the fixture checks only the rest. */
export function dropExpected(problems: string[], pattern: RegExp) {
  const rest = problems.filter((p) => !pattern.test(p));
  problems.length = 0;
  problems.push(...rest);
}

/**
 * Records every text the page adds that matches `pattern` (source and flags of a RegExp), caught as
 * it is added, so a notice that comes and goes between two checks counts too; call before goto.
 * @returns reads the texts seen so far
 */
export async function watchTexts(page: Page, pattern: RegExp): Promise<() => Promise<string[]>> {
  await page.addInitScript(
    ([source, flags]) => {
      const re = new RegExp(source, flags);
      const seen: string[] = [];
      (window as unknown as { __watchedTexts: string[] }).__watchedTexts = seen;
      const check = (text: string | null) => {
        if (text && re.test(text)) seen.push(text);
      };
      new MutationObserver((records) => {
        for (const r of records) {
          if (r.type === 'characterData') check(r.target.textContent);
          r.addedNodes.forEach((n) => check(n.textContent));
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
    },
    [pattern.source, pattern.flags] as const,
  );
  return () => page.evaluate(() => (window as unknown as { __watchedTexts: string[] }).__watchedTexts);
}
