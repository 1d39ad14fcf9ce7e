import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

test('"Check the lesson code": the snippet breaks its promise where CERTIFY keeps it', async ({
  page,
  problems,
}) => {
  await page.goto('./#/check');
  await expect(page.getByRole('heading', { name: "The lesson's snippet, in outline" })).toBeVisible();
  await page.getByRole('combobox', { name: 'runs' }).selectOption('200');
  await page.getByTestId('coverage-run').click();
  const result = page.getByTestId('coverage-result');
  await expect(result).toHaveAttribute('data-runs', '200', { timeout: 60_000 });
  await expect(result.getByRole('status')).toContainText('Done.');
  const certifyFailures = Number(await result.getAttribute('data-certify'));
  const snippetFailures = Number(await result.getAttribute('data-snippet'));
  // p_A = 0.99, n = 100, alpha = 0.01: the snippet fails whenever all votes agree (~37% of runs).
  expect(certifyFailures / 200).toBeLessThanOrEqual(0.01 + 3 * Math.sqrt((0.01 * 0.99) / 200));
  expect(snippetFailures / 200).toBeGreaterThan(0.25);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(
    axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
  ).toEqual([]);
  expect(problems).toEqual([]);
});
