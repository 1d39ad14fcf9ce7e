import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

/**
 * The embed in sandboxed frames, as learning platforms set them (#23): with allow-scripts and
 * allow-same-origin the widget works; with allow-scripts alone (an opaque origin, so the lab's
 * module scripts and styles are refused by CORS) or with no flag (no scripts at all), the frame
 * shows a readable line that names the two flags it needs instead of staying blank.
 */

/** A lesson page on its own origin with one sandboxed frame of the histogram widget. */
async function sandboxPage(lab: string) {
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const sandbox = u.searchParams.get('sandbox') ?? '';
    const src = `${lab}/index.html#/embed/histogram?model=mlp-0.25&sigma=0.25&n=200&n0=20`;
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(
        `<!doctype html><html lang="en"><title>Lesson</title><body><main><h1>Lesson</h1>` +
          `<iframe id="w" title="widget" sandbox="${sandbox}" style="width:640px;height:600px" src="${src}"></iframe>` +
          `</main></body></html>`,
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const FLAGS = [
  { sandbox: 'allow-scripts allow-same-origin', works: true },
  { sandbox: 'allow-scripts', works: false },
  { sandbox: '', works: false },
];

for (const f of FLAGS) {
  test(`a frame with sandbox="${f.sandbox}" ${f.works ? 'runs the widget' : 'says which sandbox flags the lab needs'}`, async ({
    page,
    baseURL,
  }) => {
    const lab = new URL(baseURL!).origin;
    const lesson = await sandboxPage(lab);
    try {
      await page.goto(`${lesson.url}/?sandbox=${encodeURIComponent(f.sandbox)}`);
      const inner = page.frameLocator('#w');
      if (f.works) {
        await expect(inner.getByTestId('embed')).toHaveAttribute('data-widget', 'histogram');
        await expect(inner.getByTestId('boot-note')).toHaveCount(0);
        await expect(inner.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
      } else {
        const note = inner.getByTestId('boot-note');
        await expect(note).toBeVisible();
        await expect(note).toContainText('needs both allow-scripts and allow-same-origin');
        // The hint is visible at once (no style sheet holds it back), and stays: the app never starts.
        await expect(note.locator('.boot-hint')).toBeVisible();
        await page.waitForTimeout(1000);
        await expect(inner.getByTestId('embed')).toHaveCount(0);
        await expect(note).toBeVisible();
      }
    } finally {
      await lesson.close();
    }
  });
}

test('a normal load never shows the sandbox hint: the app replaces the loading line', async ({ page }) => {
  await page.goto('./#/lab');
  await expect(page.getByTestId('boot-note')).toHaveCount(0);
});
