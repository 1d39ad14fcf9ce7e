import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import {
  argmax,
  certifiedRadius,
  clopperPearsonLower,
  confidenceSequenceLower,
  confidenceSequenceUpper,
  formatRadius,
} from '../src/smoothing';
import { expect, test } from './fixtures';

/** The MLP is the fast model on SwiftShader. */
const LAB = './#/lab?model=mlp-0.25&n0=20';

async function counts(page: Page) {
  const votes = page.getByTestId('votes');
  return {
    estimation: JSON.parse((await votes.getAttribute('data-counts'))!) as number[],
    selection: JSON.parse((await votes.getAttribute('data-selection-counts'))!) as number[],
  };
}

test('while the votes stream, both bounds are shown with their promises, from the counts shown', async ({
  page,
  problems,
}) => {
  await page.goto(`${LAB}&n=20000`);
  const anytime = page.getByTestId('anytime');
  await expect(anytime).toContainText('valid only at the planned n');
  await expect(anytime).toContainText('valid now, whenever you stop');
  // Mid-run: a number is already shown, and the student is told which one may be read now.
  await expect(page.getByTestId('run-status')).toHaveText('running', { timeout: 60_000 });
  await expect(page.getByTestId('anytime-lower')).toHaveAttribute('data-p-lower', /\d/, { timeout: 60_000 });
  await expect(page.getByTestId('anytime-reading')).toContainText(/of 20,000 samples so far|All 20,000/);
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 120_000 });
  const c = await counts(page);
  const cA = argmax(c.selection);
  const n = c.estimation.reduce((a, b) => a + b, 0);
  expect(n).toBe(20_000);
  const cs = confidenceSequenceLower(c.estimation[cA]!, n, 0.001);
  expect(Number(await page.getByTestId('anytime-lower').getAttribute('data-p-lower'))).toBeCloseTo(cs, 10);
  expect(cs).toBeLessThanOrEqual(clopperPearsonLower(c.estimation[cA]!, n, 0.001));
  await expect(page.getByTestId('anytime-radius')).toHaveText(
    cs > 0.5 ? formatRadius(certifiedRadius(0.25, cs)) : 'no radius',
  );
  await expect(page.getByTestId('anytime-reading')).toContainText('the fixed-n certificate holds');
  const axe = await new AxeBuilder({ page }).include('[data-testid="anytime"]').analyze();
  expect(axe.violations).toEqual([]);
  expect(problems).toEqual([]);
});

test('stop when certified at radius r: stops early with a valid radius, or says n ran out', async ({
  page,
  problems,
}) => {
  await page.goto(`${LAB}&n=20000`);
  await expect(page.getByTestId('run-status')).toHaveText(/running|done/, { timeout: 60_000 });
  const radius = page.getByTestId('stop-radius');
  await expect(radius).toHaveAccessibleName(/target radius r/);
  await radius.fill('0.3');
  // Keyboard: the checkbox toggles with Space.
  await page.getByTestId('stop-at-radius').focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('stop-at-radius')).toBeChecked();
  const report = page.getByTestId('stop-report');
  await expect(report).toHaveAttribute('data-kind', 'reached', { timeout: 120_000 });
  const used = Number(await report.getAttribute('data-samples'));
  expect(used).toBeGreaterThan(0);
  expect(used).toBeLessThan(20_000);
  await expect(report).toContainText('The fixed-n run uses all 20,000');
  // The radius it claims follows from the counts it stopped at.
  const c = await counts(page);
  const cA = argmax(c.selection);
  expect(c.estimation.reduce((a, b) => a + b, 0)).toBe(used);
  expect(
    certifiedRadius(0.25, confidenceSequenceLower(c.estimation[cA]!, used, 0.001)),
  ).toBeGreaterThanOrEqual(0.3);
  await expect(page.getByTestId('run-status')).toHaveText('stopped');

  // A radius beyond what n can give: changing r starts a new run, which uses all n and says so.
  await radius.fill('3');
  await expect(report).toHaveAttribute('data-kind', 'ran-out', { timeout: 120_000 });
  await expect(report).toHaveAttribute('data-samples', '20000');
  await expect(report).toContainText('ran out before the anytime-valid radius reached r = 3');
  expect(problems).toEqual([]);
});

test('also stop when r cannot be reached: a link with futile=1 stops early with the decision stated', async ({
  page,
  problems,
}) => {
  test.setTimeout(180_000); // a model load and a short run; about 60 s on a loaded 2-core machine
  // r = 5 at sigma 0.5 needs p_A >= Phi(10): the first few votes for another class rule it out.
  await page.goto(`${LAB}&n=20000&sigma=0.5&stop=1&r=5&futile=1`);
  await expect(page.getByTestId('stop-at-radius')).toBeChecked();
  await expect(page.getByTestId('stop-unreachable')).toBeChecked();
  const report = page.getByTestId('stop-report');
  await expect(report).toHaveAttribute('data-kind', 'unreachable', { timeout: 120_000 });
  await expect(page.getByTestId('stop-decision')).toHaveAttribute('data-decision', 'unreachable');
  await expect(page.getByTestId('run-status')).toHaveText('stopped');
  const used = Number(await report.getAttribute('data-samples'));
  expect(used).toBeGreaterThan(0);
  expect(used).toBeLessThan(20_000);
  // The decision follows from the counts it stopped at: the upper bound's radius is below r.
  const c = await counts(page);
  const cA = argmax(c.selection);
  expect(c.estimation.reduce((a, b) => a + b, 0)).toBe(used);
  expect(certifiedRadius(0.5, confidenceSequenceUpper(c.estimation[cA]!, used, 0.001))).toBeLessThan(5);
  await expect(report).toContainText('cannot be reached');
  await expect(report).toContainText('valid at this data-dependent stop');
  await expect(report).not.toContainText('Clopper-Pearson');
  await expect(page.getByTestId('anytime-upper')).toHaveAttribute('data-p-upper', /\d/);
  expect(problems).toEqual([]);
});
