import { test as base, expect, type ConsoleMessage, type Request } from '@playwright/test';

/**
 * `problems` records console errors, uncaught exceptions and any request that leaves the
 * allowed origins (the app's own, plus any a test adds to `origins`); a test using it fails if
 * one happened.
 */
export const test = base.extend<{
  origins: string[];
  problems: string[];
  /**
   * The engine backend pinned for the spec (window.__smoothingLabBackend, like the URL's
   * `backend=`), so specs written for WebGL stay deterministic: the measured choice depends on the
   * machine's load. `null` lets the lab measure (e2e/backend.spec.ts).
   */
  backendPin: 'webgl' | 'wasm' | 'cpu' | null;
}>({
  backendPin: ['webgl', { option: true }],
  page: async ({ page, backendPin }, use) => {
    // The engine's test hooks (window.__smoothingLab: memory, lost context, noise check, mode)
    // are off in a production build unless the page sets this flag before it loads.
    await page.addInitScript(() => {
      (window as unknown as { __smoothingLabTestHooks: boolean }).__smoothingLabTestHooks = true;
    });
    if (backendPin) {
      await page.addInitScript((b) => {
        (window as unknown as { __smoothingLabBackend: string }).__smoothingLabBackend = b;
      }, backendPin);
    }
    await use(page);
  },
  origins: async ({ baseURL }, use) => {
    await use([new URL(baseURL!).origin]);
  },
  problems: async ({ page, origins }, use) => {
    const problems: string[] = [];
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r: Request) => {
      const url = r.url();
      const own = origins.some((o) => url.startsWith(`${o}/`));
      if (!own && !url.startsWith('data:') && !url.startsWith('blob:')) {
        problems.push(`request outside the app's origin: ${url}`);
      }
    });
    await use(problems);
    expect(problems, 'console errors, page errors or foreign requests').toEqual([]);
  },
});

export { expect };
