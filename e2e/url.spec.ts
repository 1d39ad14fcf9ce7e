import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * The URL writer: one writer, never in embed mode, never over a hash the user just typed; the same
 * document switched between the full app and an embed applies the typed values both ways.
 */

const FAST = 'model=mlp-0.25&n=200&n0=20';

/** Lets any delayed URL write (150 ms) fire, with margin. */
const settle = (page: Page) => page.waitForTimeout(600);

test('switching one document between #/lab and #/embed applies the typed values, and the frame URL is never rewritten', async ({
  page,
  problems,
}) => {
  await page.goto(`./#/lab?sigma=0.3&${FAST}`);
  await expect(page.getByTestId('slider-sigma')).toHaveValue('0.3');
  const embedHash = `#/embed/histogram?sigma=0.7&${FAST}&origin=https%3A%2F%2Fexample.edu`;
  await page.evaluate((h) => (window.location.hash = h), embedHash);
  await expect(page.getByTestId('embed')).toHaveAttribute('data-widget', 'histogram');
  await expect(page.getByTestId('slider-sigma')).toHaveValue('0.7');
  await settle(page);
  // The embed's URL (with its origin= allowlist) is exactly as typed.
  expect(await page.evaluate(() => window.location.hash)).toBe(embedHash);
  // A slider step in embed mode does not write the URL either.
  await page.getByTestId('slider-sigma').focus();
  await page.keyboard.press('ArrowRight');
  await settle(page);
  expect(await page.evaluate(() => window.location.hash)).toBe(embedHash);

  await page.evaluate(() => (window.location.hash = '#/lab?sigma=0.3&model=mlp-0.25&n=200&n0=20'));
  await expect(page.getByTestId('shell')).toBeVisible();
  await expect(page.getByTestId('slider-sigma')).toHaveValue('0.3');
  await page.evaluate(
    () => (window.location.hash = '#/embed/grid?sigma=0.9&origin=https%3A%2F%2Fexample.edu'),
  );
  await expect(page.getByTestId('slider-sigma')).toHaveValue('0.9');
  await settle(page);
  expect(await page.evaluate(() => window.location.hash)).toBe(
    '#/embed/grid?sigma=0.9&origin=https%3A%2F%2Fexample.edu',
  );
  expect(problems).toEqual([]);
});

test('a hash typed while a slider step waits to be written wins over that write', async ({
  page,
  problems,
}) => {
  await page.goto(`./#/lab?${FAST}`);
  await expect(page.getByTestId('run-status')).toHaveText(/running|done/);
  const sigma = page.getByTestId('slider-sigma');
  for (let i = 0; i < 20; i++) {
    await sigma.focus();
    await page.keyboard.press(i % 2 ? 'ArrowLeft' : 'ArrowRight');
    const typed = `#/lab?sigma=0.${61 + i}&${FAST}`;
    // "Typed" just as the step's delayed write (150 ms) falls due: the page is busy from 100-145 ms
    // to past 150 ms, then the hash changes, so the write's timer and the hashchange event wait
    // together, the timer first: the race a user typing 120-150 ms after a step can hit.
    await page.evaluate(
      ([h, wait]) =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            const t = performance.now();
            while (performance.now() - t < 60) {
              /* the write's timer falls due meanwhile */
            }
            window.location.hash = h;
            resolve();
          }, wait),
        ),
      [typed, 100 + ((i * 5) % 50)] as const,
    );
    await settle(page);
    // The typed values stand (the app may then write them back in its own key order).
    const now = new URLSearchParams((await page.evaluate(() => window.location.hash)).split('?')[1]);
    expect(Number(now.get('sigma')), `try ${i}`).toBe(Number(`0.${61 + i}`));
    await expect(sigma).toHaveValue(String(Number(`0.${61 + i}`)));
  }
  expect(problems).toEqual([]);
});

test('a 300,000-character value is shortened in the notice and does not widen the page', async ({
  page,
  problems,
}) => {
  const seed = '9'.repeat(300_000);
  await page.goto(`./#/lab?seed=${seed}&${FAST}`);
  const notice = page.getByTestId('url-notice');
  await expect(notice).toContainText(/“?"9+…9+" is not a valid noise seed; using the default, 0\./);
  expect((await notice.textContent())!.length).toBeLessThan(1000);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    await page.evaluate(() => window.innerWidth),
  );
  // The same in an embed, and for a widget name of 100,000 characters.
  await page.goto(`./#/embed/${'w'.repeat(100_000)}?seed=${seed}`);
  await expect(page.getByTestId('embed-error')).toContainText(/There is no widget called “w+…w+”/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    await page.evaluate(() => window.innerWidth),
  );
  expect(problems).toEqual([]);
});
