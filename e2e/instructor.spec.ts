import { expect, test } from './fixtures';

test('presentation mode from the URL and the p key: large type, lesson text hidden', async ({
  page,
  problems,
}) => {
  await page.goto('./#/lab?model=mlp-0.25&n=100&present=1');
  await expect(page.getByTestId('shell')).toHaveClass(/presenting/);
  await expect(page.getByRole('complementary')).toBeHidden(); // the lesson steps
  const big = await page.getByTestId('radius').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  await page.keyboard.press('p');
  await expect(page.getByTestId('shell')).not.toHaveClass(/presenting/);
  await expect(page).not.toHaveURL(/present=1/);
  await expect(page.getByRole('complementary')).toBeVisible();
  const normal = await page.getByTestId('radius').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(big).toBeGreaterThan(1.3 * normal);
  await page.getByRole('button', { name: 'Presentation mode' }).click();
  await expect(page).toHaveURL(/present=1/);
  expect(problems).toEqual([]);
});

test('keyboard shortcuts move sigma, n and the digit, and "?" lists them', async ({ page, problems }) => {
  await page.goto('./#/lab?model=mlp-0.25&n=100&n0=10');
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  await page.keyboard.press('s');
  await expect(page).toHaveURL(/sigma=0\.3(&|$)/);
  await page.keyboard.press('Shift+S');
  await page.keyboard.press('Shift+S');
  await expect(page).toHaveURL(/sigma=0\.2(&|$)/);
  await page.keyboard.press('n');
  await expect(page).toHaveURL(/n=200/);
  await page.keyboard.press('.');
  await expect(page).toHaveURL(/digit=1/);
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('presentation mode');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  // Typing in the seed field does not trigger shortcuts.
  await page.getByTestId('seed').fill('');
  await page.getByTestId('seed').pressSequentially('5');
  await expect(page).toHaveURL(/seed=5/);
  await expect(page).toHaveURL(/sigma=0\.2(&|$)/);
  expect(problems).toEqual([]);
});
