import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * The engine's watchdog (issue #23): a worker that dies mid-run is noticed within 5 s, said so in
 * one line, replaced by a fresh engine on the same backend, and the run carries on from the
 * counts shown: it ends with the counts of an undisturbed run of the same seed, and the counts on
 * screen never go back.
 */
test.use({ backendPin: 'wasm' });

const URL = './#/lab?model=cnn-0.25&sigma=0.25&n=40000&n0=100&seed=5&digit=2';

const samplesDone = async (page: Page) =>
  Number(await page.getByTestId('run-status').getAttribute('data-samples-done'));
const counts = async (page: Page) => {
  const votes = page.getByTestId('votes');
  return {
    selection: JSON.parse((await votes.getAttribute('data-selection-counts'))!) as number[],
    estimation: JSON.parse((await votes.getAttribute('data-counts'))!) as number[],
  };
};
const waitDone = (page: Page) =>
  expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 180_000 });

test('a worker that closes itself, loops forever or is terminated mid-run: the run carries on to the same counts', async ({
  page,
  problems,
}) => {
  test.setTimeout(600_000);
  await page.goto(URL);
  await waitDone(page);
  const undisturbed = await counts(page);
  await expect(page.getByTestId('engine-notice')).toHaveCount(0);

  for (const how of ['close', 'loop', 'terminate'] as const) {
    await page.reload();
    await expect.poll(() => samplesDone(page), { timeout: 60_000 }).toBeGreaterThan(8_000);
    await page.evaluate((h) => {
      (window as unknown as { __smoothingLab: { stopEngine(h: string): void } }).__smoothingLab.stopEngine(h);
    }, how);
    const stoppedAt = Date.now();
    // Noticed within 5 s (the watchdog's deadline, plus a little for the page to draw it).
    await expect(page.getByTestId('engine-notice')).toContainText('stopped answering', { timeout: 6_000 });
    expect(Date.now() - stoppedAt, `${how}: noticed after`).toBeLessThan(6_000);
    await expect(page.getByTestId('engine-notice')).toContainText(
      /started on wasm: the run carried on from [\d,]+ of 40,000 samples/,
    );
    // The counts shown never go back while the fresh engine takes over.
    let last = await samplesDone(page);
    while ((await page.getByTestId('run-status').textContent()) !== 'done') {
      const now = await samplesDone(page);
      expect(now, `${how}: samples shown`).toBeGreaterThanOrEqual(last);
      last = now;
      await page.waitForTimeout(150);
    }
    expect(await counts(page), `${how}: final counts`).toEqual(undisturbed);
  }
  expect(problems).toEqual([]);
});

test('a worker that loops mid-run, then sigma changed from the keyboard before the notice: noticed, and the new run ends with the counts of an undisturbed one', async ({
  page,
  problems,
}) => {
  test.setTimeout(600_000);
  // The undisturbed run at the new sigma (0.26), same seed.
  await page.goto(URL.replace('sigma=0.25', 'sigma=0.26'));
  await waitDone(page);
  const undisturbed = await counts(page);

  await page.goto(URL);
  await expect.poll(() => samplesDone(page), { timeout: 60_000 }).toBeGreaterThan(8_000);
  await page.evaluate(() => {
    (window as unknown as { __smoothingLab: { stopEngine(h: string): void } }).__smoothingLab.stopEngine(
      'loop',
    );
  });
  const hungAt = Date.now();
  // The student moves sigma from the keyboard while the dead engine has not been noticed yet.
  await page.getByTestId('slider-sigma').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/sigma=0\.26/);
  // Noticed within 5 s of the hang (DEAD_AFTER_MS = 4.5 s of silence plus a check every 0.5 s),
  // plus 1 s for this test's own latency: the evaluate above returns after the hang began, and
  // the assertion polls the page over the DevTools protocol.
  await expect(page.getByTestId('engine-notice')).toContainText('stopped answering', { timeout: 6_000 });
  expect(Date.now() - hungAt, 'noticed after').toBeLessThan(6_000);
  await expect(page.getByTestId('engine-notice')).toContainText('started on wasm');
  await waitDone(page);
  expect(await page.getByTestId('run-status').getAttribute('data-samples-done')).toBe('40100');
  expect(await counts(page), 'final counts at sigma 0.26').toEqual(undisturbed);
  expect(problems).toEqual([]);
});
