import { expect, test } from './fixtures';

test('the limitations section links to its widgets and shows the measured cost', async ({
  page,
  problems,
}) => {
  await page.goto('./#/lab?model=mlp-0.25&n=200&n0=20');
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  await page
    .getByRole('navigation', { name: 'Lesson sections' })
    .getByRole('link', { name: 'Limits and attacks' })
    .click();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('Practical limitations');
  await expect(page.getByRole('main')).toContainText('n0 + n = 220 forward passes');
  await expect(page.getByTestId('cost')).toContainText('samples/s measured in your last run');
  // The links keep the state: back in the lab, the same parameters.
  await page.getByRole('main').getByRole('link', { name: 'smoothing lab' }).click();
  await expect(page).toHaveURL(/#\/lab\?n=200&n0=20&model=mlp-0\.25/);
  await expect(page.getByTestId('slider-n')).toBeVisible();
  expect(problems).toEqual([]);
});
