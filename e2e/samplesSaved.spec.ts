import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

const data = JSON.parse(readFileSync('models/certify/samples-saved.json', 'utf8')) as {
  digits: number;
  radius: number;
  summary: {
    anytime: { medianSamples: number; certified: number };
    fixed: { n: number; certified: number }[];
    futility: {
      all: { meanVotes: number; medianVotes: number };
      withoutFutility: { meanVotes: number };
      unreachable: { digits: number };
    };
  };
};

test('the trade-off view shows the samples the anytime-valid stop saved, from the committed measurement', async ({
  page,
  problems,
}) => {
  await page.goto('./#/tradeoff');
  const block = page.getByTestId('samples-saved');
  await expect(block.getByRole('heading', { name: /samples saved/ })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('samples-saved-median')).toContainText(
    `median ${data.summary.anytime.medianSamples.toLocaleString('en')}`,
  );
  await expect(block).toContainText(`${data.summary.anytime.certified} of ${data.digits}`);
  for (const f of data.summary.fixed) await expect(block).toContainText(`n = ${f.n.toLocaleString('en')}`);
  // The futility stop's row: votes per digit beside the plain stop's, and the digits it ended.
  const f = data.summary.futility;
  const int = (x: number) => Math.round(x).toLocaleString('en');
  await expect(page.getByTestId('samples-saved-futility')).toContainText(
    `mean ${int(f.all.meanVotes)}, median ${int(f.all.medianVotes)} (mean ${int(f.withoutFutility.meanVotes)} without it)`,
  );
  await expect(page.getByTestId('samples-saved-futility')).toContainText(
    `${f.unreachable.digits} stopped as out of reach`,
  );
  expect(f.all.meanVotes).toBeLessThan(f.withoutFutility.meanVotes);
  // The stop needs fewer votes than the smaller fixed n.
  expect(data.summary.anytime.medianSamples).toBeLessThan(data.summary.fixed[0]!.n);
  const axe = await new AxeBuilder({ page }).include('[data-testid="samples-saved"]').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  expect(problems).toEqual([]);
});
