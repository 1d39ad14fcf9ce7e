import { dropExpected } from './failureHelpers';
import { expect, test } from './fixtures';

/**
 * Lazily loaded views that cannot load: a chunk that fails (the view says what failed, the rest of
 * the page works), a redeploy that removed the chunk an open tab asks for (one controlled reload),
 * and a widget whose view fails inside its frame.
 */

// Requests are intercepted with page.route, which a service worker would bypass.
test.use({ serviceWorkers: 'block' });

test('a view that fails to load shows what failed, the rest of the page works, and reload keeps the link', async ({
  page,
  problems,
}) => {
  await page.route(/\/assets\/GeometryView-[^/]*\.js$/, (r) => r.fulfill({ status: 404, body: '' }));
  await page.goto('./#/geometry?sigma=0.5&seed=7');
  const error = page.getByTestId('view-error');
  await expect(error).toContainText('The “Geometry and other methods” view failed.');
  await expect(error).toContainText(/What went wrong: .*(dynamically imported module|Failed to fetch)/);
  await expect(page.getByRole('navigation', { name: 'Lesson sections' })).toBeVisible();
  await page.getByRole('link', { name: 'Why certify' }).click();
  await expect(page.getByTestId('view-error')).toHaveCount(0);
  await expect(page).toHaveURL(/#\/why\?.*sigma=0\.5/);
  await page.getByRole('link', { name: 'Geometry and other methods' }).click();
  await expect(page.getByTestId('view-error')).toBeVisible();
  await page.unroute(/\/assets\/GeometryView-[^/]*\.js$/);
  await page.getByRole('button', { name: 'Reload the page' }).click();
  await expect(page.getByTestId('view-error')).toHaveCount(0);
  await expect(page).toHaveURL(/#\/geometry\?.*sigma=0\.5.*seed=7/);
  await expect(page.getByRole('heading', { name: 'Other certified defense methods' })).toBeVisible();
  dropExpected(problems, /GeometryView|404|Failed to load resource|dynamically imported|failed:/);
});

test('a redeploy while the tab is open: the first visit to a lazy view reloads once, keeps the link and says why', async ({
  page,
  problems,
}) => {
  await page.goto('./#/why?sigma=0.5&seed=7');
  await expect(page.getByRole('navigation', { name: 'Lesson sections' })).toBeVisible();
  // A newer deploy replaced the geometry chunk: for this page its name is gone (every request, the
  // module preload and the import alike); the reloaded page (a new load) gets the current one.
  let reloaded = false;
  let [missing, served] = [0, 0];
  await page.route(/\/assets\/GeometryView-[^/]*\.js$/, (r) => {
    if (reloaded) {
      served++;
      return r.continue();
    }
    missing++;
    return r.fulfill({ status: 404, body: '' });
  });
  page.on('load', () => (reloaded = true));
  await page.getByRole('link', { name: 'Geometry and other methods' }).click();
  const note = page.getByTestId('update-notice');
  await expect(note).toContainText('the page reloaded once to load the geometry view', { timeout: 60_000 });
  await expect(page).toHaveURL(/#\/geometry\?.*sigma=0\.5.*seed=7/);
  await expect(page.getByRole('heading', { name: 'Other certified defense methods' })).toBeVisible();
  await expect(page.getByTestId('view-error')).toHaveCount(0);
  // The old page asked for the gone chunk and failed; the one reload fetched the current one.
  expect(missing).toBeGreaterThan(0);
  expect(served).toBeGreaterThan(0);
  dropExpected(problems, /GeometryView|404|Failed to load resource|dynamically imported/);
});

test('an embedded widget that fails to load says so inside the frame', async ({ page, problems }) => {
  await page.route(/\/assets\/TradeoffView-[^/]*\.js$/, (r) => r.fulfill({ status: 404, body: '' }));
  await page.goto('./#/embed/tradeoff');
  await expect(page.getByTestId('view-error')).toContainText('The “Sigma–radius trade-off” widget failed.');
  await expect(page.getByRole('button', { name: 'Reload the page' })).toBeVisible();
  dropExpected(problems, /TradeoffView|404|Failed to load resource|dynamically imported|failed:/);
});
