import { expect, test } from './fixtures';
import type { Locator } from '@playwright/test';

/** A number attribute of an element. */
async function num(el: Locator, name: string): Promise<number> {
  const v = await el.getAttribute(name);
  expect(v, `${name} attribute`).not.toBeNull();
  return Number(v);
}

test('issue #19, cases 7 and 10: the default coverage experiment shows its point, and each interval is drawn at its values', async ({
  page,
  problems,
}) => {
  test.setTimeout(120_000);
  await page.goto('./#/check');
  // Case 10: the page opens on the case that shows the snippet's flaw.
  await expect(page.getByTestId('coverage-case')).toHaveValue('0');
  await expect(page.getByTestId('coverage-case').locator('option:checked')).toHaveText('p_A = 0.99, n = 100');
  await expect(page.getByTestId('coverage-alpha')).toHaveValue('0.01');
  await expect(page.getByTestId('coverage-runs')).toHaveValue('1000');

  await page.getByTestId('coverage-run').click();
  const result = page.getByTestId('coverage-result');
  await expect(result).toHaveAttribute('data-runs', '1000', { timeout: 100_000 });
  await expect(result.getByRole('status')).toContainText('Done.');

  const snippet = page.getByTestId('coverage-reading-snippet');
  const certify = page.getByTestId('coverage-reading-certify');
  // The snippet fails clearly more often than alpha: its whole 95% interval lies above it.
  await expect(snippet).toHaveAttribute('data-verdict', 'breaks');
  // CERTIFY's failure rate is consistent with at most alpha.
  await expect(certify).not.toHaveAttribute('data-verdict', 'breaks');

  // Case 7: in the rendered chart, each whisker spans its interval's ends on the bar's scale,
  // centred on the bar, and the bar's top is at its rate. The scale comes from the axis ticks.
  const chart = page.getByTestId('coverage-chart');
  await expect(chart).toBeVisible();
  const ticks = chart.locator('text[data-value]');
  const t0 = ticks.first();
  const t1 = ticks.last();
  const [v0, y0, v1, y1] = [
    await num(t0, 'data-value'),
    await num(t0, 'y'),
    await num(t1, 'data-value'),
    await num(t1, 'y'),
  ];
  expect(v1).toBeGreaterThan(v0);
  const yOf = (v: number) => y0 + ((v - v0) * (y1 - y0)) / (v1 - v0);
  for (const [id, reading] of [
    ['certify', certify],
    ['snippet', snippet],
  ] as const) {
    const rate = await num(reading, 'data-rate');
    const lower = await num(reading, 'data-lower');
    const upper = await num(reading, 'data-upper');
    const bar = chart.getByTestId(`coverage-bar-${id}`);
    const whisker = chart.getByTestId(`coverage-whisker-${id}`);
    await expect(bar).toHaveCount(1);
    await expect(whisker).toHaveCount(1);
    const bx = await num(bar, 'x');
    const by = await num(bar, 'y');
    const bw = await num(bar, 'width');
    const bh = await num(bar, 'height');
    expect(by, `${id}: bar top at its rate`).toBeCloseTo(yOf(rate), 1);
    expect(by + bh, `${id}: bar on the floor`).toBeCloseTo(yOf(0), 1);
    const wx1 = await num(whisker, 'x1');
    const wx2 = await num(whisker, 'x2');
    const wy1 = await num(whisker, 'y1');
    const wy2 = await num(whisker, 'y2');
    expect(wx1, `${id}: whisker vertical`).toBeCloseTo(wx2, 3);
    expect(wx1, `${id}: whisker centred on the bar`).toBeCloseTo(bx + bw / 2, 1);
    expect(Math.min(wy1, wy2), `${id}: whisker's top at the interval's high end`).toBeCloseTo(yOf(upper), 1);
    expect(Math.max(wy1, wy2), `${id}: whisker's bottom at the interval's low end`).toBeCloseTo(
      yOf(lower),
      1,
    );
    // The bar's top lies on the whisker.
    expect(by).toBeGreaterThanOrEqual(Math.min(wy1, wy2) - 0.01);
    expect(by).toBeLessThanOrEqual(Math.max(wy1, wy2) + 0.01);
  }
  // The numbers behind the verdicts: the snippet's interval starts above alpha, CERTIFY's does not.
  expect(await num(snippet, 'data-lower')).toBeGreaterThan(0.01);
  expect(await num(certify, 'data-lower')).toBeLessThanOrEqual(0.01);
  // The alpha line is at alpha on the same scale, below the snippet's whole whisker.
  const alphaLine = chart.getByTestId('coverage-alpha-line');
  expect(await num(alphaLine, 'y1')).toBeCloseTo(yOf(0.01), 1);
  expect(await num(chart.getByTestId('coverage-whisker-snippet'), 'y2')).toBeLessThan(
    await num(alphaLine, 'y1'),
  );
  // The run's own wall time, measured in the page (repaints between batches included): short.
  await expect(result).toHaveAttribute('data-ms', /^\d+$/);
  const ms = await num(result, 'data-ms');
  test.info().annotations.push({ type: 'default experiment run time', description: `${ms} ms` });
  console.log(`coverage: the default experiment (1,000 runs) took ${ms} ms in the page`);
  expect(ms).toBeLessThan(10_000);
  // Case 10's explanation states the numbers the outcome depends on.
  const note = page.getByTestId('coverage-case-note');
  await expect(note).toContainText('0.99^100 = 36.6%');
  await expect(note).toContainText('0.01^(1/100) = 0.9550');
  expect(problems).toEqual([]);
});

test('issue #19, case 10: a case that cannot show the flaw says so, with the numbers, before it is read', async ({
  page,
  problems,
}) => {
  await page.goto('./#/check');
  await page.getByTestId('coverage-case').selectOption({ label: 'p_A = 0.7, n = 1,000' });
  const note = page.getByTestId('coverage-case-note');
  // 0.7^1000 is far below 0.1%: unanimous votes never happen, so the snippet's p_lower = 1 flaw
  // cannot show, and a "consistent" reading there says nothing about the snippet.
  await expect(note).toContainText('With p_A = 0.7 and n = 1,000');
  await expect(note).toContainText('(under 0.1%)');
  await expect(note).toContainText('too rare here to show the p_lower = 1 flaw');
  // Back on the default case, the note names the share of runs in which the snippet must fail.
  await page.getByTestId('coverage-case').selectOption({ label: 'p_A = 0.99, n = 100' });
  await expect(note).toContainText('0.99^100 = 36.6%');
  await expect(note).not.toContainText('too rare');
  expect(problems).toEqual([]);
});
