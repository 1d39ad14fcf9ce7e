import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startClassServer, type ClassServer } from '../server/app';

/**
 * A class session end to end: the class server (server/app.ts) on an ephemeral port serving the
 * built lab with a temporary data directory; one instructor context (the projector) and two
 * student contexts. Join, answer, live counts, hide until the reveal, reveal, export.
 */
let server: ClassServer;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'class-e2e-'));
  server = await startClassServer({ port: 0, host: '127.0.0.1', dataDir, distDir: 'dist' });
});
test.afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Console errors, page errors and requests leaving the class server, per page. */
function watch(page: Page, problems: string[]) {
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(`${server.url}/`) && !/^(ws:\/\/127\.0\.0\.1|data:|blob:)/.test(url))
      problems.push(`request outside the class server: ${url}`);
  });
}

async function axe(page: Page, ...include: string[]) {
  const builder = new AxeBuilder({ page });
  for (const i of include) builder.include(i);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help}`);
}

test('a class session: two students join, answer, the projector counts, reveals and exports', async ({
  browser,
}) => {
  test.setTimeout(90_000); // about 40 s on a loaded 2-core machine
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];
  const open = async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    watch(page, problems);
    return page;
  };

  // The instructor opens the lab from /class and opens a session: a join address, a code, a QR code.
  const projector = await open();
  const short = await projector.request.get(`${server.url}/class`, { maxRedirects: 0 });
  expect(short.headers().location).toBe('/?class#/lab');
  await projector.goto(`${server.url}/?class#/check`);
  const bar = projector.getByTestId('class-bar');
  await bar.getByRole('button', { name: 'Open a class session' }).click();
  const code = (await projector.getByTestId('class-code').textContent())!;
  expect(code).toMatch(/^[A-Z2-9]{6}$/);
  await expect(projector.getByTestId('class-qr')).toBeVisible();
  const joinUrl = (await projector.getByTestId('class-join-url').textContent())!;
  expect(joinUrl).toBe(`${server.url}/join/${code}`);

  // Two students join from the address on the projector.
  const [alice, bob] = [await open(), await open()];
  await Promise.all(
    [alice, bob].map(async (s) => {
      await s.goto(joinUrl);
      await expect(s.getByTestId('join-status')).toContainText(code);
    }),
  );
  await expect(projector.getByTestId('class-students')).toContainText('2 joined, 2 connected');

  // The instructor asks the checkpoint; each student sends a prediction; the counts come live.
  await projector.getByTestId('class-check-unanimous-ask').click();
  const answer = async (s: Page, option: RegExp) => {
    const q = s.getByTestId('question-check-unanimous');
    await q.getByRole('radio', { name: option }).check();
    await q.getByRole('button', { name: /prediction/ }).click();
    await expect(s.getByTestId('question-check-unanimous-status')).toContainText('Your prediction is in');
  };
  await answer(alice, /infinite/);
  await expect(projector.getByTestId('class-check-unanimous-total')).toHaveAttribute('data-total', '1');
  await answer(bob, /modest finite/);
  const total = projector.getByTestId('class-check-unanimous-total');
  await expect(total).toHaveAttribute('data-total', '2');
  const bars = projector.getByTestId('class-histogram');
  await expect(bars.locator('[data-option="infinite"]')).toHaveAttribute('data-count', '1');
  await expect(bars.locator('[data-option="finite"]')).toHaveAttribute('data-count', '1');

  // Hidden until the reveal: the total still moves, the histogram is gone.
  await projector.getByTestId('class-hide').click();
  await expect(total).toContainText('hidden until the reveal');
  await expect(bars).toHaveCount(0);
  await answer(bob, /infinite/); // Bob changes his mind
  await expect(total).toHaveAttribute('data-total', '2');

  // Reveal: the lab runs the experiment; the class's histogram beside the measured outcome.
  await projector.getByTestId('class-check-unanimous-reveal').click();
  await expect(projector.getByTestId('class-check-unanimous-outcome')).toHaveText(
    'Measured: An infinite radius. 2 of 2 predicted it.',
  );
  await expect(bars.locator('[data-option="infinite"]')).toHaveAttribute('data-count', '2');
  await expect(bars.locator('.is-outcome')).toHaveAttribute('data-option', 'infinite');
  await expect(
    projector.getByTestId('checkpoint-check-unanimous-result').locator('[data-answer]'),
  ).toHaveAttribute('data-answer', 'infinite');
  for (const s of [alice, bob])
    await expect(s.getByTestId('question-check-unanimous-outcome')).toContainText('An infinite radius');
  // The new UI passes axe: the class bar and the checkpoint's class panel, and the student's page.
  expect(
    await axe(projector, '[data-testid="class-bar"]', '[data-testid="checkpoint-check-unanimous"]'),
  ).toEqual([]);
  expect(await axe(alice, '[data-testid="join-page"]')).toEqual([]);

  // Export: one row per student, their last answer, judged against the outcome.
  const download = projector.waitForEvent('download');
  await projector.getByTestId('class-export').click();
  const csv = readFileSync((await (await download).path())!, 'utf8')
    .trim()
    .split('\r\n');
  expect(csv[0]).toBe(
    'session,checkpoint,question,student,answer,answer_label,answered_at,outcome,as_measured',
  );
  expect(csv.slice(1).map((r) => r.split(',').slice(-5, -4)[0])).toEqual(['infinite', 'infinite']);
  expect(csv.slice(1).every((r) => r.endsWith(',infinite,yes'))).toBe(true);

  // Ending the session tells the students.
  await projector.getByTestId('class-end').click();
  await expect(alice.getByTestId('join-closed')).toBeVisible();

  for (const c of contexts) await c.close();
  expect(problems).toEqual([]);
});
