import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * No hidden work (issue #23): a checkpoint's experiment belongs to the checkpoint on screen and is
 * cancelled when the student leaves its view. Visiting "Why certify" and "When to use it" four
 * times each at n = 100,000 used to leave eight full certifications queued in the engine, and the
 * next lab run took 5.6 times as long.
 */

/** Runs the lab at these settings and returns its speed (samples/s, from the engine's own timing). */
async function labRate(page: Page, n: number, seed: number): Promise<number> {
  await page.evaluate((h) => (window.location.hash = h), `#/lab?model=cnn-0.25&n=${n}&n0=100&seed=${seed}`);
  const status = page.getByTestId('run-status');
  await expect(status).toHaveText('done', { timeout: 120_000 });
  await expect(status).toHaveAttribute('data-samples-done', String(n + 100));
  return Number((await page.getByTestId('samples-per-second').textContent())!.replace(/,/g, ''));
}

test('leaving a checkpoint view cancels its experiment: the next run is as fast as on a fresh page', async ({
  page,
  problems,
}) => {
  test.setTimeout(300_000);
  await page.goto('./#/lab?model=cnn-0.25&n=2000&n0=100&seed=1');
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 120_000 }); // warm-up
  const fresh = await labRate(page, 10_000, 2);
  for (let visit = 0; visit < 4; visit++) {
    for (const view of ['why', 'when']) {
      await page.evaluate(
        (h) => (window.location.hash = h),
        `#/${view}?model=cnn-0.25&n=100000&seed=${visit}`,
      );
      // The question's measurement has started (a CERTIFY at the lab's n = 100,000) ...
      await expect(page.getByText('Measuring the numbers this question is about…').first()).toBeVisible();
      await page.waitForTimeout(300);
      // ... and the student moves on before it ends.
    }
  }
  const after = await labRate(page, 10_200, 3);
  console.log(
    `hidden work: ${fresh} samples/s on a fresh page, ${after} after the visits (${(after / fresh).toFixed(2)}x)`,
  );
  expect(after).toBeGreaterThanOrEqual(fresh / 1.2);
  expect(problems).toEqual([]);
});
