import { expect, test } from './fixtures';

const MODEL = process.env.ATTACK_MODEL ?? 'mlp-0.50';

test('try to break it: an L2 attack inside R does not change the smoothed prediction', async ({
  page,
  problems,
}) => {
  test.setTimeout(180_000);
  await page.goto(`./#/lab?model=${MODEL}&sigma=0.5&n=1000&digit=1`);
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  const certified = await page.getByTestId('prediction').textContent();
  const radius = Number(await page.getByTestId('radius').textContent());
  expect(certified).not.toBe('abstain');
  expect(radius).toBeGreaterThan(0.1);
  await page.getByRole('button', { name: 'ε = 0.9 R' }).click();
  await page.getByTestId('attack-run').click();
  const result = page.getByTestId('attack-result');
  await expect(result).toBeVisible({ timeout: 150_000 });
  const l2 = Number(await page.getByTestId('attack-l2').textContent());
  expect(l2).toBeLessThanOrEqual(0.9 * radius + 1e-3);
  expect(l2).toBeGreaterThan(0);
  // Inside the certified ball PREDICT returns the certified class or abstains, never another class.
  await expect(page.getByTestId('attack-predict')).toHaveText(new RegExp(`^(${certified}|abstain)$`));
  await expect(result).toHaveAttribute('data-changed', 'false');
  await expect(result).toContainText('inside the certified ball');

  // An L-infinity attack that is small per pixel but larger than R in L2 is not covered.
  await page.getByLabel('L∞ (per pixel)').check();
  await page.getByTestId('attack-eps').fill('0.1');
  await page.getByTestId('attack-run').click();
  await expect(page.getByTestId('attack-linf')).toHaveText(/^0\.(0\d+|1000)$/, { timeout: 150_000 });
  expect(Number(await page.getByTestId('attack-linf').textContent())).toBeLessThanOrEqual(0.1 + 1e-4);
  expect(Number(await page.getByTestId('attack-l2').textContent())).toBeGreaterThan(radius);
  await expect(result).toContainText('one norm only');
  expect(problems).toEqual([]);
});
