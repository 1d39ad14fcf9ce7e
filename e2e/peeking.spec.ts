import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

test('the peeking trap: predict, reveal, then Clopper-Pearson read after every batch fails above alpha, the anytime-valid bound within it', async ({
  page,
  problems,
}) => {
  await page.goto('./#/check');
  const section = page.getByTestId('peeking');
  await expect(section.getByRole('heading', { name: /The peeking trap/ })).toBeVisible();

  // Predict, then reveal: the checkpoint comes before the experiment and runs the same default case.
  const cp = page.getByTestId('checkpoint-check-peeking');
  await expect(cp.getByTestId('checkpoint-check-peeking-reveal')).toBeDisabled();
  await cp.getByLabel('At most 5% (α), as the bound promises').check();
  await cp.getByTestId('checkpoint-check-peeking-reveal').click();
  const verdict = cp.getByTestId('checkpoint-check-peeking-result').locator('[data-answer]');
  await expect(verdict).toHaveAttribute('data-answer', 'over-15', { timeout: 60_000 });
  await expect(verdict).toHaveAttribute('data-verdict', 'wrong');
  // The checkpoint is shown once, in the peeking section, not again in the list at the bottom.
  await expect(page.getByTestId('checkpoint-check-peeking')).toHaveCount(1);

  await page.getByRole('combobox', { name: 'simulated streams' }).selectOption('1000');
  await page.getByTestId('peeking-run').click();
  const result = page.getByTestId('peeking-result');
  await expect(result).toHaveAttribute('data-done', 'true', { timeout: 60_000 });
  await expect(result).toHaveAttribute('data-runs', '1000');
  await expect(page.getByTestId('peeking-cp')).toHaveAttribute('data-verdict', 'above');
  await expect(page.getByTestId('peeking-anytime')).toHaveAttribute('data-verdict', 'within');
  await expect(page.getByTestId('peeking-fixed')).toHaveAttribute('data-verdict', 'within');
  const cpClaims = Number(await page.getByTestId('peeking-cp').getAttribute('data-claims'));
  expect(cpClaims / 1000).toBeGreaterThan(0.2);
  // The checkpoint's reveal quoted the same seeded numbers.
  await expect(cp).toContainText(`a false certificate in ${cpClaims} runs`);
  await expect(page.getByTestId('peeking-cp')).toContainText('the promise is broken');

  const axe = await new AxeBuilder({ page }).include('[data-testid="peeking"]').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  expect(problems).toEqual([]);
});
