import { expect, test } from './fixtures';

/**
 * Seconds per epoch of the training panel in this browser, for docs/lab.md and the panel's estimate.
 * Off in the suite (it takes about two minutes); run it with
 *   TRAIN_SPEED=1 node scripts/e2e.mjs e2e/train-speed.spec.ts
 * It trains each architecture for 2 epochs (Gaussian augmentation, sigma_train 0.5) and prints the
 * seconds of each epoch (training on 7,200 digits and validating on 800) from the panel's table.
 */
test.use({ backendPin: 'wasm' });

for (const arch of ['mlp', 'cnn'] as const) {
  test(`seconds per epoch of the ${arch} in the training worker`, async ({ page, problems }) => {
    test.setTimeout(400_000);
    await page.goto('./#/tradeoff');
    await page.getByTestId('train-open').click();
    const status = page.getByTestId('train-status');
    await expect(status).toHaveAttribute('data-phase', 'ready', { timeout: 30_000 });
    await page.getByTestId('train-arch').selectOption(arch);
    await page.getByTestId('train-epochs').selectOption('2');
    await page.getByTestId('train-start').click();
    await expect(status).toHaveAttribute('data-phase', 'done', { timeout: 380_000 });
    const seconds = await page.locator('.train-table tbody tr td:last-child').allInnerTexts();
    console.log(
      `${arch}: seconds per epoch ${seconds.join(', ')} (${await page.getByTestId('train-backend').innerText()})`,
    );
    expect(seconds).toHaveLength(2);
    expect(problems).toEqual([]);
  });
}
