import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

// The engine on wasm: the certifications below are small and wasm is the fast path here.
test.use({ backendPin: 'wasm' });

test('a student trains an MLP in the browser, sees its curve, certifies it, cancels another, and finds it after a reload', async ({
  page,
  problems,
}) => {
  test.setTimeout(180_000);
  await page.goto('./#/tradeoff?n=100&n0=10&tcount=10');
  const section = page.getByTestId('train-section');
  await expect(section).toContainText('σ_train = 0');
  await page.getByTestId('train-open').click();
  const status = page.getByTestId('train-status');
  await expect(status).toHaveAttribute('data-phase', 'ready', { timeout: 30_000 });
  await expect(page.getByTestId('train-panel')).toContainText(
    'It trains on 7,200 of the 8,000 training digits',
  );
  await expect(page.getByTestId('train-backend')).toContainText('wasm');

  await page.getByTestId('train-arch').selectOption('mlp');
  await page.getByTestId('train-sigma').selectOption('0.5');
  await page.getByTestId('train-epochs').selectOption('1');
  const t0 = Date.now();
  await page.getByTestId('train-start').click();
  await expect(status).toHaveAttribute('data-phase', 'training');
  // Live: the progress bar moves by batch while the page stays responsive.
  await expect
    .poll(async () => Number(await page.getByTestId('train-progress').getAttribute('value')))
    .toBeGreaterThan(0);
  await expect(status).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  console.log(`MLP, 1 epoch, trained in the browser in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await expect(page.getByTestId('train-curve')).toHaveAttribute('data-epochs', '1');
  const card = page.getByTestId('user-model');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('Your MLP, sigma_train 0.50');
  const id = (await card.getAttribute('data-model-id'))!;
  expect(id).toMatch(/^user:/);

  // Certify it on the trade-off view's test subset: its summary and its curve in the chart.
  await card.getByTestId('user-certify-sigma').selectOption('0.5');
  await card.getByTestId('user-certify').click();
  await expect(card.getByTestId('user-runs').locator('li')).toHaveAttribute('data-done', '10', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('tradeoff-legend')).toContainText('your MLP (σ_train 0.50');
  await expect(page.getByTestId('train-lesson-numbers')).toContainText('certified at σ = 0.50 (matched)');

  const axe = await new AxeBuilder({ page }).include('[data-testid="train-section"]').analyze();
  expect(axe.violations).toEqual([]);

  // Cancel mid-training: it stops at once and keeps nothing.
  await page.getByTestId('train-epochs').selectOption('3');
  await page.getByTestId('train-start').click();
  await expect
    .poll(async () => Number(await page.getByTestId('train-progress').getAttribute('value')))
    .toBeGreaterThan(0);
  await page.getByTestId('train-cancel').click();
  await expect(status).toHaveAttribute('data-phase', 'cancelled', { timeout: 1000 });
  await expect(card).toHaveCount(1);

  // The lab certifies it (the engine got its bytes), and a reload finds it in IndexedDB.
  await card.getByTestId('user-open-lab').click();
  await expect(page).toHaveURL(new RegExp(`#/lab\\?.*model=${id}`));
  await expect(page.getByTestId('model-select')).toHaveValue(id);
  await expect(page.getByTestId('run-status')).toHaveText(/done/, { timeout: 30_000 });
  await expect(page.getByTestId('prediction')).toHaveText(/^(\d|abstain)$/);
  await page.reload();
  await expect(page.getByTestId('model-select')).toHaveValue(id);
  await expect(page.getByTestId('run-status')).toHaveText(/done/, { timeout: 30_000 });

  // A link naming a model this browser does not have: a notice, and a shipped model.
  await page.goto('./#/lab?model=user:notstoredhere-0000');
  await expect(page.getByTestId('url-notice')).toContainText('not stored in this one');
  await expect(page.getByTestId('model-select')).toHaveValue('cnn-0.25');
  expect(problems).toEqual([]);
});
