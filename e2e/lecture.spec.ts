import { expect, test } from './fixtures';
import { axe } from './presentHelpers';

/**
 * Issue #21, the instructor's side: the lecture shortcuts, the lecture plan and the sigma_train /
 * sigma mismatch line (presentation mode's text sizes and the projector view: ./present.spec.ts).
 * The runs it needs are short (n = 200, wasm).
 */
test.use({ backendPin: 'wasm' });

test('lecture keys: 1 to 7 change views, a to e choose a checkpoint answer, r reveals it (with its explanation while presenting), t stop mode, R reset; none while typing; ? lists them', async ({
  page,
  problems,
}) => {
  test.setTimeout(120_000);
  await page.goto('./#/tradeoff?present=1&model=mlp-0.25&n=200&n0=20');
  const cp = page.getByTestId('checkpoint-tradeoff-best-sigma');
  await expect(cp).toBeVisible();
  // The shipped curves and table beside the question would answer it: held back until the reveal.
  await expect(page.getByTestId('shipped-held-back')).toBeVisible();
  await expect(page.locator('.tradeoff-chart .recharts-line')).toHaveCount(0);
  await expect(cp.locator('.option-key').first()).toHaveText('A');
  await page.keyboard.press('b');
  await expect(cp.getByRole('radio').nth(1)).toBeChecked();
  await page.keyboard.press('a'); // a radio has the focus now: letters still choose
  await expect(cp.getByRole('radio').nth(0)).toBeChecked();
  await page.keyboard.press('r');
  await expect(cp.locator('[data-verdict]')).toBeVisible({ timeout: 30_000 });
  await expect(cp.locator('.checkpoint-why')).toBeVisible();
  await expect(page.getByTestId('shipped-held-back')).toHaveCount(0);
  await expect(page.locator('.tradeoff-chart .recharts-line').first()).toBeVisible();

  await page.keyboard.press('2');
  await expect(page).toHaveURL(/#\/lab\?n=200&n0=20&model=mlp-0\.25&present=1/);
  await expect(page.locator('main h2')).toHaveText('Randomized smoothing');
  const stop = page.getByTestId('stop-at-radius');
  await page.keyboard.press('t');
  await expect(stop).toBeChecked();
  await expect(page).toHaveURL(/stop=1/);
  await page.keyboard.press('t');
  await expect(stop).not.toBeChecked();
  await page.keyboard.press('s');
  await expect(page).toHaveURL(/sigma=0\.3/);

  // Typing in a text field: the letters and digits are text, not shortcuts.
  const seed = page.getByTestId('seed');
  await seed.fill('');
  await seed.pressSequentially('7');
  for (const k of ['t', 'R', 'r', '1', 'f', 'w']) await seed.press(k);
  await expect(page).toHaveURL(/#\/lab\?.*seed=7/);
  await expect(stop).not.toBeChecked();
  await expect(page.locator('.projected')).toHaveCount(0);
  await expect(page).toHaveURL(/sigma=0\.3/);

  await page.locator('main h2').click();
  await page.keyboard.press('Shift+R');
  await expect(page).toHaveURL(/#\/lab\?present=1$/);
  await expect(page.getByTestId('slider-sigma')).toHaveValue('0.25');
  await expect(page.getByTestId('model-select')).toHaveValue('cnn-0.25');

  await page.keyboard.press('7');
  await expect(page).toHaveURL(/#\/check\?present=1/);
  await page.keyboard.press('1');
  await expect(page).toHaveURL(/#\/why\?present=1/);
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  for (const t of ['1 – 7', 'a – e', 'reveal', 'stop mode', 'reset', 'full-screen'])
    await expect(help).toContainText(t);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  expect(problems).toEqual([]);
});

test('the lecture plan links open their exact states; the mismatch line follows a link, the slider, the model picker and the presets', async ({
  page,
  problems,
}) => {
  test.setTimeout(120_000);
  await page.goto('./#/lecture');
  await expect(page.getByTestId('lecture-steps').locator('> li')).toHaveCount(15);
  expect(await axe(page, 'the lecture plan')).toEqual([]);
  await page.getByTestId('lecture-link-mismatch').click();
  await expect(page).toHaveURL(/#\/lab\?sigma=0\.5&digit=19&model=cnn-0\.00$/);
  await expect(page.getByTestId('model-select')).toHaveValue('cnn-0.00');
  const line = page.getByTestId('sigma-mismatch');
  await expect(line).toContainText('σ_train = 0.00, σ = 0.50');
  await expect(line).toContainText('trained without noise');

  await page.locator('main h2').click();
  await page.keyboard.press('s');
  await expect(line).toContainText('σ_train = 0.00, σ = 0.55');
  await page.getByTestId('model-select').selectOption('cnn-0.50');
  await expect(line).toContainText('σ_train = 0.50, σ = 0.55');
  await expect(line).toContainText('more noise');
  await page.locator('main h2').click();
  await page.keyboard.press('Shift+S');
  await expect(page.getByTestId('slider-sigma')).toHaveValue('0.5');
  await expect(line).toHaveCount(0);

  await page.goto('./#/lab?model=cnn-1.00&sigma=0.25&n=100');
  await expect(line).toContainText('σ_train = 1.00, σ = 0.25');
  await expect(line).toContainText('less noise');
  await page.getByTestId('preset-large-sigma').click();
  await expect(page.getByTestId('slider-sigma')).toHaveValue('1');
  await expect(line).toHaveCount(0);
  await page.getByTestId('preset-mismatch').click();
  await expect(line).toContainText('σ_train = 0.00, σ = 0.50');
  expect(problems).toEqual([]);
});
