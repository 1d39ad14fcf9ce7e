import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

const SIGMAS = ['0.12', '0.25', '0.50', '1.00'];
/** How each shipped CNN was trained (its card's recipe; consistency won the ablation at 0.25, 0.50 and 1.00). */
const TRAINED: Record<string, string> = {
  '0.12': 'Gaussian noise',
  '0.25': 'consistency regularisation',
  '0.50': 'consistency regularisation',
  '1.00': 'consistency regularisation',
};

/** The certify CLI's rows for the same digits, seed and parameters (wasm in Node). */
function cliRows(model: string, sigma: string, o: { n0: number; n: number; max: number; seed: number }) {
  const out = execFileSync(
    'npx',
    [
      'tsx',
      'scripts/certify.ts',
      ...['--model', model, '--sigma', sigma, '--n0', String(o.n0), '--n', String(o.n)],
      ...['--alpha', '0.001', '--max', String(o.max), '--seed', String(o.seed)],
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return out
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t').map(Number))
    .map(([idx, , predict, radius]) => ({ idx: idx!, predict: predict!, radius: radius! }));
}

test('the trade-off view computes four curves on 20 digits that match the certify CLI', async ({
  page,
  problems,
}) => {
  test.setTimeout(240_000);
  await page.goto('./#/tradeoff?n=100&n0=10&seed=3');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('The sigma-radius trade-off');
  await expect(page.getByRole('main')).toContainText('no single σ wins');
  // The table the models shipped with and the shipped mismatch matrix are there before any run.
  await expect(page.getByTestId('tradeoff-shipped')).toContainText('cnn-0.25 (0.25)');
  await expect(page.getByTestId('mismatch-shipped').locator('td.diagonal')).toHaveCount(4);

  await page.getByTestId('tradeoff-arch').selectOption('mlp');
  await page.getByTestId('tradeoff-count').selectOption('20');
  // The view's own settings live in the URL too: a reload keeps them.
  await expect(page).toHaveURL(/tarch=mlp&tcount=20/);
  await page.reload();
  await expect(page.getByTestId('tradeoff-arch')).toHaveValue('mlp');
  await expect(page.getByTestId('tradeoff-count')).toHaveValue('20');
  await expect(page.getByTestId('backend')).toHaveText(/webgl|wasm|cpu/);
  await page.getByTestId('tradeoff-run').click();
  await expect(page.getByTestId('tradeoff-status')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('tradeoff-status')).toHaveAttribute('data-status', 'done', {
    timeout: 180_000,
  });
  await expect(page.getByTestId('tradeoff-progress')).toHaveAttribute('value', '80');
  for (const s of SIGMAS)
    await expect(page.getByTestId(`tradeoff-row-${s}`)).toHaveAttribute('data-digits', '20');
  // One solid line per sigma plus the four shipped dashed ones.
  await expect(page.locator('.tradeoff-chart .recharts-line')).toHaveCount(8);

  const results = JSON.parse(
    (await page.getByTestId('tradeoff-results').getAttribute('data-results'))!,
  ) as Record<string, [number, number, number][]>;
  for (const s of SIGMAS) {
    const cli = cliRows(`mlp-${s}`, s, { n0: 10, n: 100, max: 20, seed: 3 });
    const app = results[s]!.map(([idx, predict, radius]) => ({ idx, predict, radius }));
    expect(app.map((r) => r.idx)).toEqual(cli.map((r) => r.idx));
    expect(
      app.map((r) => r.predict),
      `predictions at sigma ${s}`,
    ).toEqual(cli.map((r) => r.predict));
    // The TSV keeps four decimals.
    app.forEach((r, i) =>
      expect(Math.abs(r.radius - cli[i]!.radius), `radius of digit ${i}`).toBeLessThan(6e-5),
    );
  }

  // Exports: the curves as CSV, the chart as PNG.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(csv.suggestedFilename()).toBe('certified-accuracy-mlp-20digits-n100.csv');
  const text = readFileSync((await csv.path())!, 'utf8').split('\r\n');
  // Each column names where its curve came from (issue #12, case 9); this header replaces the
  // bare "σ = 0.12, ..., shipped σ = 1.00" one, which lost that.
  expect(text[0]).toBe(
    [
      'radius',
      ...SIGMAS.map(
        (s) => `σ = ${s} (measured here; model mlp-${s}; 20 digits; n0 10; n 100; alpha 0.001; seed 3)`,
      ),
      ...SIGMAS.map(
        (s) =>
          `shipped σ = ${s} (shipped run; model cnn-${s} (${TRAINED[s]}); 2000 digits; n0 100; n 10000; alpha 0.001; seed 0)`,
      ),
    ].join(','),
  );
  expect(text[1]!.startsWith('0,')).toBe(true);
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  const bytes = readFileSync((await png.path())!);
  expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  expect(bytes.length).toBeGreaterThan(5_000);

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
    [],
  );
  expect(problems).toEqual([]);
});

test('the mismatch matrix can be computed live and a run can be cancelled', async ({ page, problems }) => {
  test.setTimeout(240_000);
  await page.goto('./#/tradeoff?n=50&n0=10');
  await page.getByTestId('tradeoff-arch').selectOption('mlp');
  await page.getByTestId('tradeoff-count').selectOption('10');
  await expect(page.getByTestId('backend')).toHaveText(/webgl|wasm|cpu/);
  // Start the whole matrix, cancel once some digits are done: the finished ones stay.
  await page.getByTestId('tradeoff-matrix-run').click();
  await expect
    .poll(async () => Number(await page.getByTestId('tradeoff-progress').getAttribute('value')))
    .toBeGreaterThan(3);
  await page.getByTestId('tradeoff-cancel').click();
  await expect(page.getByTestId('tradeoff-status')).toHaveAttribute('data-status', 'cancelled');
  const doneAtCancel = Number(await page.getByTestId('tradeoff-progress').getAttribute('value'));
  expect(doneAtCancel).toBeLessThan(200);
  await expect(page.getByTestId('tradeoff-run')).toBeEnabled();
  // Finish it: the live matrix appears, 5 models x 4 sigmas, the diagonal outlined.
  await page.getByTestId('tradeoff-matrix-run').click();
  await expect(page.getByTestId('tradeoff-status')).toHaveAttribute('data-status', 'done', {
    timeout: 180_000,
  });
  const live = page.getByTestId('mismatch-live');
  await expect(live.locator('tbody tr')).toHaveCount(5);
  await expect(live.locator('td.diagonal')).toHaveCount(4);
  await expect(live.locator('td[data-acc0]')).toHaveCount(20);
  // A clean-trained model certified at sigma = 1 does worse than the one trained for it.
  const acc = async (row: number, col: number) =>
    Number(await live.locator('tbody tr').nth(row).locator('td').nth(col).getAttribute('data-acc0'));
  expect(await acc(0, 3)).toBeLessThan(await acc(4, 3));
  expect(problems).toEqual([]);
});

test('the published MNIST curves can be drawn beside ours, with their source, in the URL, the CSV and the PNG', async ({
  page,
  problems,
}) => {
  // Record the text the PNG export draws.
  await page.addInitScript(() => {
    const texts: string[] = [];
    (window as unknown as { __drawn: string[] }).__drawn = texts;
    const fill = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (t: string, x: number, y: number, w?: number) {
      texts.push(t);
      return w === undefined ? fill.call(this, t, x, y) : fill.call(this, t, x, y, w);
    };
  });
  await page.goto('./#/tradeoff');
  await expect(page.getByTestId('tradeoff-shipped')).toContainText('cnn-0.25 (0.25)');
  await expect(page.getByTestId('published-provenance')).toHaveCount(0);
  // Keyboard: the switch is a checkbox with an accessible name.
  const toggle = page.getByRole('checkbox', { name: /show the published curves/ });
  await expect(toggle).toHaveAttribute('data-testid', 'published-toggle');
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(toggle).toBeChecked();
  await expect(page).toHaveURL(/tpub=1/);

  const legend = page.getByTestId('tradeoff-legend');
  for (const m of ['Gaussian', 'Consistency'])
    for (const s of ['0.25', '0.50', '1.00']) await expect(legend).toContainText(`${m} σ = ${s} (published)`);
  // The four shipped curves and the six published ones.
  await expect(page.locator('.tradeoff-chart .recharts-line')).toHaveCount(10);
  const provenance = page.getByTestId('published-provenance');
  await expect(provenance).toContainText('LeNet trained on all 60,000 MNIST training digits');
  await expect(provenance).toContainText('N = 100,000 and α = 0.001');
  await expect(provenance).toContainText('github.com/jh-jeong/smoothing-consistency');
  await expect(page.getByTestId('published-gap')).toContainText(
    'Ours are trained on 7,200 digits, not 60,000 (CNN, the weights of epoch 24 of 29, chosen on 800 held-out digits)',
  );
  await expect(page.getByTestId('published-gap')).toContainText('first 100 of the 2,000 shipped test digits');

  // The CSV holds the published columns with their provenance.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const header = readFileSync((await csv.path())!, 'utf8').split('\r\n')[0]!;
  expect(header).toContain(
    'Consistency σ = 1.00 (published) (consistency regularisation (Jeong & Shin 2020)',
  );
  expect(header).toContain(
    'LeNet trained on 60000 digits; 10000 test digits; mean of 5 runs; n0 100; N 100000',
  );

  // Our Gaussian baselines (the training ablation) beside the shipped consistency models, with their
  // provenance in the CSV.
  const baselines = page.getByRole('checkbox', { name: /show our Gaussian baselines/ });
  await expect(baselines).not.toBeChecked();
  await baselines.check();
  for (const s of ['0.25', '0.50', '1.00']) await expect(legend).toContainText(`our Gaussian σ = ${s}`);
  await expect(page.locator('.tradeoff-chart .recharts-line')).toHaveCount(13);
  await expect(page.getByRole('figure').filter({ has: legend })).toContainText(
    'long-dashed ones our CNNs trained with plain Gaussian noise (first 200 test digits, n = 10,000)',
  );
  const [csv2] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const header2 = readFileSync((await csv2.path())!, 'utf8').split('\r\n')[0]!;
  expect(header2).toMatch(
    /our Gaussian σ = 0\.50 \(training ablation; model cnn-0\.50-gauss-(plain|aug) \(Gaussian noise, [^)]*\); 200 digits; n0 100; n 10000; alpha 0\.001; seed 0\)/,
  );

  // A reload keeps the switch on (the URL).
  await page.reload();
  await expect(page.getByTestId('published-toggle')).toBeChecked();
  await expect(page.getByTestId('published-provenance')).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
    [],
  );
  expect(problems).toEqual([]);
});
