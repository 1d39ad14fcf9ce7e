import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { serveDistUnder } from './staticServer';

test('the built app loads on WebGL with no console error', async ({ page, problems }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1, name: 'Smoothing Lab' })).toBeVisible();
  await expect(page.getByTestId('backend')).toHaveText('webgl');
  await expect(page.getByTestId('backend-notice')).toHaveCount(0);
  await expect(page.getByRole('contentinfo')).toContainText('Cohen');
  expect(problems).toEqual([]);
});

test('every lesson section is in the navigation and says what it holds', async ({ page, problems }) => {
  await page.goto('./');
  const nav = page.getByRole('navigation', { name: 'Lesson sections' });
  const links = nav.getByRole('link');
  await expect(links).toHaveCount(7);
  for (const name of [
    'Why certify',
    'Smoothing lab',
    'Geometry and other methods',
    'Sigma–radius trade-off',
    'Limits and attacks',
    'When to use it',
    'Check the lesson code',
  ]) {
    await nav.getByRole('link', { name }).click();
    await expect(nav.getByRole('link', { name })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toBeVisible();
    await expect(page.getByRole('main')).not.toBeEmpty();
  }
  expect(problems).toEqual([]);
});

test('navigation works from the keyboard', async ({ page, problems }) => {
  await page.goto('./#/why');
  const link = page.getByRole('link', { name: 'Limits and attacks' });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/limits$/);
  await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toHaveText('Practical limitations');
  expect(problems).toEqual([]);
});

test('no serious or critical accessibility violation (axe-core)', async ({ page, problems }) => {
  for (const hash of ['#/why', '#/lab', '#/geometry']) {
    await page.goto(`./${hash}${hash === '#/lab' ? '?model=mlp-0.25&n=100' : ''}`);
    await expect(page.getByTestId('backend')).toHaveText('webgl');
    if (hash === '#/lab')
      await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }
  expect(problems).toEqual([]);
});

test('falls back to another backend and says so when WebGL cannot start', async ({ page, problems }) => {
  await page.addInitScript(() => {
    const block = (proto: { getContext: (...a: never[]) => unknown }) => {
      const original = proto.getContext;
      proto.getContext = function (this: unknown, ...args: never[]) {
        const kind = String(args[0]);
        return kind.startsWith('webgl') || kind === 'experimental-webgl' ? null : original.apply(this, args);
      } as typeof original;
    };
    block(HTMLCanvasElement.prototype as never);
    if (typeof OffscreenCanvas !== 'undefined') block(OffscreenCanvas.prototype as never);
  });
  await page.goto('./');
  await expect(page.getByTestId('backend')).toHaveText(/^(wasm|cpu)$/);
  await expect(page.getByTestId('backend-notice')).toContainText(
    'WebGL could not be used (webgl: this browser gives the page no WebGL context)',
  );
  await expect(page.getByTestId('backend-notice')).toHaveAttribute('role', 'status');
  expect(problems).toEqual([]);
});

test('the build works from a sub-path of a plain static server (relative base)', async ({
  page,
  origins,
  problems,
}) => {
  const server = await serveDistUnder('/courses/certified-defenses/lab/');
  origins.push(new URL(server.url).origin);
  try {
    await page.goto(`${server.url}#/why`);
    await expect(page.getByRole('heading', { level: 1, name: 'Smoothing Lab' })).toBeVisible();
    await expect(page.getByTestId('backend')).toHaveText('webgl');
    expect(server.misses).toEqual([]);
  } finally {
    await server.close();
  }
  expect(problems).toEqual([]);
});
