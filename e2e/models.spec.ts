import { expect, test } from './fixtures';

test('the lab lists the shipped models with sigma_train and accuracy', async ({ page, problems }) => {
  await page.goto('./#/lab');
  await page.getByText('About the base models').click();
  const table = page.getByTestId('model-table');
  await expect(table.getByRole('row')).toHaveCount(11); // header + ten models
  const row = table.getByRole('row', { name: /cnn-0\.25/ });
  await expect(row).toContainText('0.25');
  await expect(row).toContainText(/\d+\.\d%/);
  expect(problems).toEqual([]);
});

test('the build serves every model file the registry names', async ({ page, request, problems }) => {
  await page.goto('./');
  const index = (await (await request.get('./models/index.json')).json()) as {
    id: string;
    files: { model: string; weights: string; weightBytes: number };
  }[];
  expect(index).toHaveLength(10);
  for (const card of index) {
    const json = await request.get(`./models/${card.id}/${card.files.model}`);
    expect(json.ok()).toBe(true);
    const weights = await request.get(`./models/${card.id}/${card.files.weights}`);
    expect((await weights.body()).length).toBe(card.files.weightBytes);
  }
  expect(problems).toEqual([]);
});
