import { expect, test } from './fixtures';

const FAST = 'model=mlp-0.25&n=200&n0=20';

test('the draw pad works from the keyboard alone: a "1" drawn with the arrow keys is certified', async ({
  page,
  problems,
}) => {
  await page.goto(`./#/lab?${FAST}`);
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  await page.getByText('Draw your own digit').click();
  const pad = page.getByTestId('draw-pad');
  await expect(pad).toHaveAccessibleName(/Drawing pad: .*keyboard/);
  await expect(pad).toHaveAccessibleDescription(/arrow keys.*Space or Enter/);
  await pad.focus();
  await expect(pad).toBeFocused();
  await expect(page.getByTestId('draw-cursor-status')).toHaveText('Cursor at column 15, row 15, pen up.');
  // Up to row 5 with the pen up, then the pen down and a stroke to row 23, then the pen up.
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('draw-cursor-status')).toHaveText('Cursor at column 15, row 5, pen down.');
  for (let i = 0; i < 18; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('draw-cursor-status')).toHaveText('Cursor at column 15, row 23, pen up.');
  // The keys did not scroll the page or move another control.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Use drawing' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('img', { name: 'your drawing' })).toBeVisible();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  await expect(page.getByTestId('prediction')).toHaveText('1');
  expect(problems).toEqual([]);
});
