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

/** What each preset must show once its run is done (measured with the lab's seed 0). */
const PRESET_OUTCOMES: Record<string, (o: { prediction: string; radius: number; rMax: number }) => void> = {
  'small-sigma': (o) => {
    expect(o.prediction).toBe('0');
    expect(o.radius).toBeCloseTo(o.rMax, 3); // unanimous: capped by R_max
  },
  'large-sigma': (o) => {
    expect(o.prediction).toBe('0');
    expect(o.radius).toBeGreaterThan(1);
  },
  abstain: (o) => expect(o.prediction).toBe('abstain'),
  rmax: (o) => {
    expect(o.prediction).toBe('5');
    expect(o.radius).toBeCloseTo(o.rMax, 3);
  },
  mismatch: (o) => expect(o.prediction).not.toBe('1'),
  'hard-digit': (o) => {
    expect(o.prediction).toBe('5'); // a 6, certified as a 5
    expect(o.radius).toBeGreaterThan(1);
  },
};

test('every preset link opens the state it names, and "]" steps to the next one', async ({
  page,
  problems,
}) => {
  test.setTimeout(240_000);
  await page.goto('./#/lab');
  const presets = page.getByRole('region', { name: 'Classic demonstrations' }).getByRole('link');
  await expect(presets).toHaveCount(Object.keys(PRESET_OUTCOMES).length);
  for (const [id, check] of Object.entries(PRESET_OUTCOMES)) {
    const link = page.getByTestId(`preset-${id}`);
    const href = (await link.getAttribute('href'))!;
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${href.replace(/[.?]/g, '\\$&')}$`));
    await expect(link).toHaveAttribute('aria-current', 'true');
    const q = new URLSearchParams(href.split('?')[1]);
    await expect(page.getByTestId('model-select')).toHaveValue(q.get('model') ?? 'cnn-0.25');
    if (q.get('sigma'))
      await expect(page.getByTestId('slider-sigma')).toHaveValue(String(Number(q.get('sigma'))));
    await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 90_000 });
    check({
      prediction: (await page.getByTestId('prediction').textContent())!.trim(),
      radius: Number(await page.getByTestId('radius').textContent()),
      rMax: Number(await page.getByTestId('r-max').textContent()),
    });
  }
  // "]" from the last preset wraps to the first.
  await page.keyboard.press(']');
  await expect(page.getByTestId('preset-small-sigma')).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press(']');
  await expect(page.getByTestId('preset-large-sigma')).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('[');
  await expect(page.getByTestId('preset-small-sigma')).toHaveAttribute('aria-current', 'true');
  expect(problems).toEqual([]);
});
