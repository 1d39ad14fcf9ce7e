import type { Page } from '@playwright/test';
import {
  argmax,
  certifiedRadius,
  clopperPearsonLower,
  confidenceSequenceLower,
  formatRadius,
  reachedRadius,
} from '../src/smoothing';
import { expect, test } from './fixtures';

/**
 * Every guarantee on screen is one the data allow (issue cases 1-4 and 9): the certificate after a
 * stop or a pause is the anytime-valid one, ABSTAIN is never a radius of 0, radii round down, and a
 * stopped run is a finished run everywhere. wasm is the fast backend on this machine.
 */
test.use({ backendPin: 'wasm' });

/** The issue's link: the CNN trained at 0.25, digit 0, seed 7. */
const ISSUE = './#/lab?model=cnn-0.25&digit=0&n=10000&n0=100&sigma=0.25&seed=7&alpha=0.001';

async function counts(page: Page) {
  const votes = page.getByTestId('votes');
  const estimation = JSON.parse((await votes.getAttribute('data-counts'))!) as number[];
  const selection = JSON.parse((await votes.getAttribute('data-selection-counts'))!) as number[];
  const cA = argmax(selection);
  const m = estimation.reduce((a, b) => a + b, 0);
  return { estimation, selection, cA, m, nA: estimation[cA]! };
}

const certificate = (page: Page) => page.locator('section.certificate');

test('case 1: after a stop, the certificate is the anytime-valid one at the exact stopping sample', async ({
  page,
  problems,
}) => {
  await page.goto(ISSUE);
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 90_000 });
  await page.getByTestId('stop-at-radius').check();
  const report = page.getByTestId('stop-report');
  await expect(report).toHaveAttribute('data-kind', 'reached', { timeout: 90_000 });
  const c = await counts(page);
  expect(Number(await report.getAttribute('data-samples'))).toBe(c.m);
  // The stop is at the first sample whose anytime-valid radius reaches r: reached at m, and the
  // sample before it (a crossing is always at a vote for c_A) had not.
  expect(reachedRadius(c.nA, c.m, 0.001, 0.25, 0.5)).toBe(true);
  expect(reachedRadius(c.nA - 1, c.m - 1, 0.001, 0.25, 0.5)).toBe(false);
  const anytime = certifiedRadius(0.25, confidenceSequenceLower(c.nA, c.m, 0.001));
  const fixed = certifiedRadius(0.25, clopperPearsonLower(c.nA, c.m, 0.001));
  expect(fixed).toBeGreaterThan(anytime);
  await expect(page.getByTestId('radius')).toHaveText(formatRadius(anytime));
  const text = (await certificate(page).textContent())!;
  expect(text).toContain(`within L2 distance ${formatRadius(anytime)} of this one (anytime-valid bound`);
  // The Clopper-Pearson radius at m is never stated as the guarantee.
  expect(text).not.toMatch(new RegExp(`within L2 distance ${fixed.toFixed(4)}`));
  expect(text).not.toContain('Clopper-Pearson bound at the planned n');
  await expect(page.getByTestId('cp-reference')).toContainText(
    `would be valid had n been fixed at ${c.m.toLocaleString('en')} before the run`,
  );
  // The same link stops at the same sample on another backend and another load.
  await page.goto(`${ISSUE}&stop=1&backend=cpu`);
  await page.reload();
  await expect(page.getByTestId('backend')).toContainText('cpu', { timeout: 60_000 });
  await expect(page.getByTestId('stop-report')).toHaveAttribute('data-samples', String(c.m), {
    timeout: 120_000,
  });
  await expect(page.getByTestId('radius')).toHaveText(formatRadius(anytime));
  expect(problems).toEqual([]);
});

test('case 2: paused part-way through n = 100,000, the certificate is the anytime-valid one', async ({
  page,
  problems,
}) => {
  await page.goto(ISSUE.replace('n=10000', 'n=100000'));
  const status = page.getByTestId('run-status');
  await expect(status).toHaveText('running', { timeout: 90_000 });
  await expect
    .poll(async () => Number(await status.getAttribute('data-samples-done')), { timeout: 90_000 })
    .toBeGreaterThan(4_100);
  await page.getByTestId('play').click();
  await expect(status).toHaveText('paused');
  const c = await counts(page);
  expect(c.m).toBeGreaterThan(4_000);
  expect(c.m).toBeLessThan(100_000);
  const anytime = certifiedRadius(0.25, confidenceSequenceLower(c.nA, c.m, 0.001));
  const fixed = certifiedRadius(0.25, clopperPearsonLower(c.nA, c.m, 0.001));
  await expect(page.getByTestId('radius')).toHaveText(formatRadius(anytime));
  const text = (await certificate(page).textContent())!;
  expect(text).toContain(`within L2 distance ${formatRadius(anytime)} of this one (anytime-valid bound`);
  expect(text).not.toMatch(new RegExp(`within L2 distance ${fixed.toFixed(4)}`));
  await expect(certificate(page).locator('h3')).toContainText('samples: anytime-valid)');
  // The anytime panel agrees with the certificate panel: one source.
  await expect(page.getByTestId('anytime-radius')).toHaveText(formatRadius(anytime));
  await expect(page.getByTestId('fixed-n-lower')).toContainText('R ');
  await expect(page.locator('[data-testid="fixed-n-lower"]').locator('xpath=..')).toContainText(
    'not a certificate now',
  );
  expect(problems).toEqual([]);
});

test('case 3: ABSTAIN is never a radius of zero in the anytime panel', async ({ page, problems }) => {
  await page.goto('./#/lab?model=mlp-0.25&sigma=1.5&n=1000&digit=0');
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 90_000 });
  await expect(page.getByTestId('prediction')).toHaveText('abstain');
  await expect(page.getByTestId('anytime-radius')).toHaveText('no radius');
  await expect(page.getByTestId('fixed-n-lower')).toContainText('no radius');
  await expect(page.getByTestId('anytime')).not.toContainText(/R 0\.0+\b/);
  await expect(page.getByTestId('anytime-reading')).not.toContainText('both promises hold');
  await expect(page.getByTestId('anytime-reading')).toContainText('CERTIFY abstains');
  await expect(page.getByTestId('result-bar-radius')).toHaveText('no radius');
  expect(problems).toEqual([]);
});

test('case 4: a radius is rounded down, and the formula shows the same digits', async ({
  page,
  problems,
}) => {
  // sigma 0.3, 1,000 unanimous votes, alpha 0.001: R = 0.73898, shown as 0.7389 (not 0.7390).
  await page.goto('./#/lab?model=mlp-0.25&sigma=0.3&n=1000&digit=0');
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 90_000 });
  const c = await counts(page);
  expect(c.nA).toBe(1000); // the case needs unanimous votes
  const r = certifiedRadius(0.3, clopperPearsonLower(1000, 1000, 0.001));
  expect(r.toFixed(4)).toBe('0.7390');
  await expect(page.getByTestId('radius')).toHaveText('0.7389');
  await expect(page.getByTestId('claim-sentence')).toContainText('within L2 distance 0.7389 of this one');
  await expect(page.locator('.formulas')).toContainText(/=\s?0\.7389/);
  // The ceiling is an upper limit: rounded up, so R <= R_max also on screen.
  await expect(page.getByTestId('r-max')).toHaveText('0.7390');
  expect(problems).toEqual([]);
});

test('case 9: a stopped run is finished everywhere: status, certificate, Limits, attack, Play', async ({
  page,
  problems,
}) => {
  await page.goto(`${ISSUE}&stop=1`);
  const status = page.getByTestId('run-status');
  await expect(status).toHaveText('stopped', { timeout: 90_000 });
  await expect(certificate(page).locator('h3')).not.toContainText('provisional');
  await expect(certificate(page).locator('h3')).toContainText('stop mode ended the run');
  const samples = await page.getByTestId('stop-report').getAttribute('data-samples');
  // The hint about r is true in this state: changing r starts a new run.
  await expect(page.locator('#stop-radius-help')).toContainText('starts a new run');
  // Limits: the certificate of the stopped run, and the attack aims at it.
  await page.goto(`./#/limits?model=cnn-0.25&digit=0&n=10000&n0=100&sigma=0.25&seed=7&alpha=0.001&stop=1`);
  await expect(page.getByTestId('limits-certificate')).toContainText(
    /class 0, certified L2 radius R = 0\.\d{4}/,
    {
      timeout: 60_000,
    },
  );
  await expect(page.getByTestId('limits-certificate')).not.toContainText('certifying');
  await expect(page.getByTestId('attack-run')).toBeEnabled();
  await expect(page.getByTestId('attack-waiting')).toHaveCount(0);
  // Back in the lab: Pause, then Play starts a new run, which stops at the same sample.
  await page.goto(`${ISSUE}&stop=1`);
  await expect(status).toHaveText('stopped', { timeout: 90_000 });
  await page.getByTestId('play').click();
  await expect(page.getByTestId('play')).toHaveText('Play');
  await page.getByTestId('play').click();
  await expect(status).toHaveText(/running|stopped/);
  await expect(page.getByTestId('stop-report')).toHaveAttribute('data-samples', samples!, {
    timeout: 90_000,
  });
  await expect(status).toHaveText('stopped');
  expect(problems).toEqual([]);
});
