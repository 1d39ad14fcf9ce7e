import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

test('geometry: trains in the page, certifies a point from the keyboard, R <= d for the linear model', async ({
  page,
  problems,
}) => {
  await page.goto('./#/geometry?sigma=0.25&n=1000');
  await expect(page.getByTestId('geo-status')).toHaveText('trained', { timeout: 60_000 });

  await page.getByTestId('geo-dataset').selectOption('blobs');
  await expect(page.getByTestId('geo-status')).toHaveText('trained', { timeout: 60_000 });
  await page.getByTestId('geo-model-linear').check();

  const plot = page.getByRole('application', { name: /Decision regions and data/ });
  await plot.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('geo-point')).toHaveText('(1.00, 0.80)');

  const radius = page.getByTestId('geo-radius');
  await expect(radius).toHaveText(/^\d+\.\d{4}$/, { timeout: 30_000 });
  const r = Number(await radius.textContent());
  const d = Number(await page.getByTestId('geo-distance').textContent());
  expect(r).toBeGreaterThan(0);
  expect(d).toBeGreaterThan(0);
  expect(r).toBeLessThanOrEqual(d);
  await expect(page.getByTestId('geo-methods')).toContainText('CROWN');
  await expect(page.getByTestId('geo-votes')).toHaveText(/^\d+ : \d+$/);

  // The smoothed classifier's regions, estimated row by row.
  await page.getByRole('button', { name: 'Compute smoothed regions' }).click();
  await expect(page.getByTestId('geo-smooth-progress')).toContainText('24 of 24 rows', { timeout: 30_000 });
  await expect(page.getByTestId('geo-regions')).toContainText('smoothed classifier');

  // The MLP: the deterministic bounds sit beside the smoothing radius.
  await page.getByTestId('geo-model-mlp').check();
  await expect(radius).toHaveText(/^(\d+\.\d{4}|ABSTAIN)$/, { timeout: 30_000 });
  await expect(page.getByTestId('geo-distance')).toHaveCount(0);

  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  expect(problems).toEqual([]);
});
