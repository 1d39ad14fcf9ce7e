import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

/** Each section of the lesson with the widget that makes it concrete. */
const SECTIONS: [route: string, heading: RegExp, widget: string][] = [
  ['why', /Why certification matters/i, 'checkpoint-why-linf-shift'],
  ['lab', /Randomized smoothing/i, 'votes'],
  ['geometry', /Other certified defense methods/i, 'geo-dataset'],
  ['tradeoff', /sigma-radius trade-off/i, 'tradeoff-run'],
  ['limits', /Practical limitations/i, 'checkpoint-limits-cost'],
  ['when', /When to use certified defenses/i, 'progress'],
  ['check', /lesson's code/i, 'checkpoint-check-unanimous'],
];

test('every section of the lesson renders with its widget and a checkpoint, and is marked visited', async ({
  page,
  problems,
}) => {
  test.setTimeout(120_000);
  for (const [route, heading, widget] of SECTIONS) {
    await page.goto(`./#/${route}?model=mlp-0.25&n=100&n0=10`);
    await expect(page.getByRole('heading', { level: 2 })).toHaveText(heading);
    await expect(page.getByTestId(widget)).toBeVisible();
    await expect(page.locator('.checkpoint').first()).toBeVisible();
  }
  // Visits are remembered across reloads.
  await page.reload();
  const nav = page.getByRole('navigation', { name: 'Lesson sections' });
  for (const [route] of SECTIONS)
    await expect(nav.locator(`a[href^="#/${route}"]`)).toContainText('(visited)');
  await nav.getByRole('link', { name: /When to use it/ }).click();
  await expect(page.getByRole('heading', { name: 'Summary' })).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
    [],
  );
  expect(problems).toEqual([]);
});

test('a checkpoint: commit to a guess, the lab runs it, the answer and the guess are kept', async ({
  page,
  problems,
}) => {
  test.setTimeout(120_000);
  await page.goto('./#/lab?model=mlp-0.25&n=200&n0=20');
  const cp = page.getByTestId('checkpoint-lab-double-sigma');
  const reveal = page.getByTestId('checkpoint-lab-double-sigma-reveal');
  await expect(reveal).toBeDisabled(); // a guess first
  // Asked about the lab's state (the fast MLP) rather than the question's own example.
  await page.getByTestId('checkpoint-lab-double-sigma-reask').click();
  await expect(page.getByTestId('checkpoint-lab-double-sigma-facts')).toContainText('model mlp-0.25', {
    timeout: 60_000,
  });
  await cp.getByRole('radio', { name: 'It doubles' }).check();
  await reveal.click();
  const result = page.getByTestId('checkpoint-lab-double-sigma-result');
  await expect(result).toContainText('At σ = 0.25', { timeout: 60_000 });
  await expect(result).toContainText('At σ = 0.50');
  const answer = await result.locator('[data-answer]').getAttribute('data-answer');
  expect(['shrinks', 'same', 'grows-less', 'doubles', 'abstains']).toContain(answer);
  await expect(result.locator('[data-answer]')).toHaveAttribute(
    'data-verdict',
    answer === 'doubles' ? 'right' : 'wrong',
  );

  // The lesson code checkpoint always comes out the same way.
  await page.goto('./#/check');
  await page
    .getByTestId('checkpoint-check-unanimous')
    .getByRole('radio', { name: /infinite/ })
    .check();
  await page.getByTestId('checkpoint-check-unanimous-reveal').click();
  await expect(
    page.getByTestId('checkpoint-check-unanimous-result').locator('[data-answer]'),
  ).toHaveAttribute('data-answer', 'infinite');

  // After a reload both are remembered, and the progress table counts them.
  await page.reload();
  await expect(page.getByTestId('checkpoint-check-unanimous-result')).toContainText(
    'Last time you predicted',
  );
  await page.goto('./#/when');
  await expect(page.getByTestId('progress-lab')).toHaveAttribute('data-revealed', '1');
  await expect(page.getByTestId('progress-check')).toHaveAttribute('data-revealed', '1');
  await page.getByTestId('progress-reset').click();
  await expect(page.getByTestId('progress-lab')).toHaveAttribute('data-revealed', '0');
  expect(problems).toEqual([]);
});

test('unreadable saved progress gives a notice, is kept aside, and the lab still works', async ({
  page,
  problems,
}) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('smoothing-lab:progress', '{not json');
      sessionStorage.setItem('seeded', '1');
    }
  });
  await page.goto('./#/lab?model=mlp-0.25&n=100&n0=10');
  await expect(page.getByRole('alert').filter({ hasText: 'saved progress could not be read' })).toBeVisible();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  expect(await page.evaluate(() => localStorage.getItem('smoothing-lab:progress:unreadable'))).toBe(
    '{not json',
  );
  expect(problems).toEqual([]);
});

test('every section fits a 375 px phone without horizontal scroll', async ({ page, problems }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 375, height: 800 });
  for (const [route, heading] of SECTIONS) {
    await page.goto(`./#/${route}?model=mlp-0.25&n=100&n0=10`);
    await expect(page.getByRole('heading', { level: 2 })).toHaveText(heading);
    await expect(page.locator('.checkpoint').first()).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `#/${route} is ${width} px wide`).toBeLessThanOrEqual(375);
  }
  expect(problems).toEqual([]);
});
