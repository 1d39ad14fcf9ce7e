import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Links that reproduce the screen (issue #19, case 5): a drawn digit and the stop mode travel in
 * the link "Copy link" copies, and a broken drawn digit in a link gives a notice and the gallery
 * digit. The fast MLP with few samples; sigma 0.5 spreads the votes over several classes, so equal
 * counts mean the same input.
 */

const FAST = 'model=mlp-0.25&n=300&n0=30&sigma=0.5&seed=5';

async function waitDone(page: Page) {
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
}

/** Everything the certificate shows that the link must reproduce. */
async function screenNumbers(page: Page) {
  const votes = page.getByTestId('votes');
  return {
    counts: await votes.getAttribute('data-counts'),
    selection: await votes.getAttribute('data-selection-counts'),
    prediction: await page.getByTestId('prediction').textContent(),
    radius: await page.getByTestId('radius').textContent(),
  };
}

/** Presses "Copy link" and returns the link it copied (and the message it showed). */
async function copyLink(page: Page): Promise<{ link: string; message: string }> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const message = page.getByText(/^Link copied: /);
  await expect(message).toBeVisible();
  return {
    link: await page.evaluate(() => navigator.clipboard.readText()),
    message: (await message.textContent())!,
  };
}

/** Opens a link in a fresh document (nothing of the last one's state is left but the pinned backend). */
async function reopen(page: Page, link: string) {
  await page.goto('about:blank');
  await page.goto(link);
}

test('a drawn digit travels in the copied link, which reopens the same votes, prediction and radius', async ({
  page,
  problems,
}) => {
  await page.goto(`./#/lab?${FAST}`);
  await waitDone(page);
  await page.getByText('Draw your own digit').click();
  const pad = page.getByTestId('draw-pad');
  await pad.scrollIntoViewIfNeeded();
  const b = (await pad.boundingBox())!;
  // A "7": a bar across the top, then a stroke down to the left.
  const at = (x: number, y: number) => page.mouse.move(b.x + b.width * x, b.y + b.height * y);
  await at(0.25, 0.2);
  await page.mouse.down();
  for (let i = 1; i <= 6; i++) await at(0.25 + 0.08 * i, 0.2);
  for (let i = 1; i <= 8; i++) await at(0.73 - 0.04 * i, 0.2 + 0.08 * i);
  await page.mouse.up();
  await page.getByRole('button', { name: 'Use drawing' }).click();
  await expect(page.getByRole('img', { name: 'your drawing' })).toBeVisible();
  // The drawn input is written into the URL once the state rests, then the run finishes.
  await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/[?&]px=[\w-]{20,}/);
  await waitDone(page);
  const first = await screenNumbers(page);
  expect(JSON.parse(first.counts!)).toHaveLength(10);

  const { link, message } = await copyLink(page);
  expect(message).toContain('Link copied: it reopens this exact state, with the same numbers.');
  expect(link).toMatch(/#\/lab\?.*[?&]px=[\w-]+$/);
  // The link is the URL the app keeps (the sync writes the same query).
  expect(new URL(link).hash).toBe(await page.evaluate(() => window.location.hash));

  await reopen(page, link);
  await expect(page.getByRole('img', { name: 'your drawing' })).toBeVisible();
  await expect(page.getByTestId('url-notice')).toHaveCount(0);
  await waitDone(page);
  expect(await screenNumbers(page)).toEqual(first);
  expect(problems).toEqual([]);
});

test('stop mode and its radius r travel in the copied link', async ({ page, problems }) => {
  await page.goto(`./#/lab?${FAST}`);
  await expect(page.getByTestId('run-status')).toHaveText(/running|done/, { timeout: 60_000 });
  const stop = page.getByTestId('stop-at-radius');
  const radius = page.getByTestId('stop-radius');
  await expect(stop).not.toBeChecked();

  // r = 0.3 (not the default, so it is written), stop mode on.
  await radius.fill('0.3');
  await stop.check();
  await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/[?&]stop=1&r=0\.3(&|$)/);
  const first = await copyLink(page);
  expect(first.link).toMatch(/[?&]stop=1&r=0\.3(&|$)/);
  // Stop mode stops at the exact sample, whatever the device: the message says so.
  expect(first.message).toContain('at the same sample');
  await reopen(page, first.link);
  await expect(page.getByTestId('stop-at-radius')).toBeChecked();
  await expect(page.getByTestId('stop-radius')).toHaveValue('0.3');

  // r = 0.5: the link carries stop mode, and r reads back as 0.5.
  await page.getByTestId('stop-radius').fill('0.5');
  await expect.poll(() => page.evaluate(() => window.location.hash)).not.toMatch(/[?&]r=0\.3/);
  const { link } = await copyLink(page);
  expect(link).toMatch(/[?&]stop=1(&|$)/);
  await reopen(page, link);
  await expect(page.getByTestId('stop-at-radius')).toBeChecked();
  await expect(page.getByTestId('stop-radius')).toHaveValue('0.5');
  await expect(page.getByTestId('url-notice')).toHaveCount(0);

  // An out-of-range r is clamped with the usual notice.
  await reopen(page, `./#/lab?${FAST}&stop=1&r=9`);
  await expect(page.getByTestId('url-notice')).toContainText(
    'target radius r = 9 is outside 0.01 to 5; using 5.',
  );
  await expect(page.getByTestId('stop-at-radius')).toBeChecked();
  await expect(page.getByTestId('stop-radius')).toHaveValue('5');
  expect(problems).toEqual([]);
});

test('a broken drawn digit in a link gives a notice and the gallery digit, never a crash', async ({
  page,
  problems,
}) => {
  // Characters outside base64url.
  await page.goto(`./#/lab?${FAST}&digit=3&px=not*a*digit`);
  const notice = page.getByTestId('url-notice');
  await expect(notice).toContainText(
    '"not*a*digit" is not a drawn digit (px=): character 4 ("*") is not one of A-Z, a-z, 0-9, "-" and "_"; using the test digit instead.',
  );
  await expect(page.getByRole('img', { name: /^test digit 3, a \d$/ })).toBeVisible();
  await waitDone(page);
  const gallery = await screenNumbers(page);
  // The app writes the URL back without the broken value.
  await expect.poll(() => page.evaluate(() => window.location.hash)).not.toContain('px=');

  // Valid characters, but one pixel short of 28 x 28 (783 full-ink bytes): refused too.
  await reopen(page, `./#/lab?${FAST}&digit=3&px=${'_'.repeat(1044)}`);
  await expect(page.getByTestId('url-notice')).toContainText(
    /is not a drawn digit \(px=\): it holds 783 pixels, not 784/,
  );
  await expect(page.getByRole('img', { name: /^test digit 3, a \d$/ })).toBeVisible();
  await waitDone(page);
  expect(await screenNumbers(page)).toEqual(gallery);

  // Truncated: a value cut short is refused, not read as another picture.
  await reopen(page, `./#/lab?${FAST}&digit=3&px=AP8A_wAP`);
  await expect(page.getByTestId('url-notice')).toContainText('is not a drawn digit (px=)');
  await expect(page.getByRole('img', { name: /^test digit 3, a \d$/ })).toBeVisible();
  expect(problems).toEqual([]);
});
