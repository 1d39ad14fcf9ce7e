import type { Page } from '@playwright/test';
import { argmax, certifiedRadius, clopperPearsonLower, formatPLower, formatRadius } from '../src/smoothing';
import { expect, test } from './fixtures';

/** Small runs keep the suite fast on SwiftShader; the MLP is the fast model. */
const FAST = 'model=mlp-0.25&n=200&n0=20';

async function waitDone(page: Page) {
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
}

async function readResult(page: Page) {
  const votes = page.getByTestId('votes');
  return {
    counts: JSON.parse((await votes.getAttribute('data-counts'))!) as number[],
    selection: JSON.parse((await votes.getAttribute('data-selection-counts'))!) as number[],
    prediction: (await page.getByTestId('prediction').textContent())!,
    pLowerText: (await page.getByTestId('p-lower').textContent())!,
    pLower: Number(await page.getByTestId('p-lower').textContent()),
    radiusText: (await page.getByTestId('radius').textContent())!,
    radius: Number(await page.getByTestId('radius').textContent()),
  };
}

/** The numbers shown must follow from the counts shown (docs/ARCHITECTURE.md, "The guarantees the statistics keep"). */
function expectConsistent(r: Awaited<ReturnType<typeof readResult>>, sigma: number, alpha: number) {
  const n = r.counts.reduce((a, b) => a + b, 0);
  const cA = argmax(r.selection);
  const pLower = clopperPearsonLower(r.counts[cA]!, n, alpha);
  // Certified numbers are written rounded down (toward safety).
  expect(r.pLowerText).toBe(formatPLower(pLower));
  // ABSTAIN certifies no radius at all (issue #12): the radius reads "no radius (ABSTAIN)", not 0.
  if (pLower > 0.5) expect(r.radiusText).toBe(formatRadius(certifiedRadius(sigma, pLower)));
  else expect(r.radiusText).toBe('no radius (ABSTAIN)');
  expect(r.prediction).toBe(pLower > 0.5 ? String(cA) : 'abstain');
}

test('sigma by keyboard and by mouse, n by keyboard: the certificate follows the counts', async ({
  page,
  problems,
}) => {
  await page.goto(`./#/lab?${FAST}`);
  await expect(page.getByTestId('backend')).toHaveText('webgl');
  await waitDone(page);
  expectConsistent(await readResult(page), 0.25, 0.001);

  const sigma = page.getByTestId('slider-sigma');
  await expect(sigma).toHaveAccessibleName(/noise level sigma/);
  await sigma.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/sigma=0\.35/);
  await expect(page.getByTestId('run-status')).toHaveText(/running|done/);
  await waitDone(page);
  expectConsistent(await readResult(page), 0.35, 0.001);

  // Mouse: click near the right end of the sigma track.
  const box = (await sigma.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.95, box.y + box.height / 2);
  await waitDone(page);
  const s = Number(new URL(page.url().replace('#/lab?', '?')).searchParams.get('sigma'));
  expect(s).toBeGreaterThan(1.2);
  expectConsistent(await readResult(page), s, 0.001);

  const n = page.getByTestId('slider-n');
  await n.focus();
  await page.keyboard.press('ArrowLeft');
  await waitDone(page);
  const r = await readResult(page);
  const nNow = Number(new URL(page.url().replace('#/lab?', '?')).searchParams.get('n'));
  expect(r.counts.reduce((a, b) => a + b, 0)).toBe(nNow);
  expect(await page.getByTestId('run-status').getAttribute('data-samples-done')).toBe(String(nNow + 20));
  expectConsistent(r, s, 0.001);
  expect(problems).toEqual([]);
});

test('each change posts one request to the engine, a slider step before React renders it', async ({
  page,
  problems,
}) => {
  // Record every certify request the page sends to the engine's worker.
  await page.addInitScript(() => {
    const w = window as unknown as { __posts: { sigma: number; x: number; shown: string | null }[] };
    w.__posts = [];
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, ...args: unknown[]) {
      // The protocol's envelope: { type: 'request', id, op } (src/engine/protocol.ts).
      const m = args[0] as { type?: string; op?: { kind?: string; sigma: number; x: Float32Array } };
      // `shown`: the sigma the page displays at that moment (React's last render).
      const shown = document.querySelector('[data-testid="slider-sigma"]')?.getAttribute('aria-valuetext');
      if (m?.type === 'request' && m.op?.kind === 'certify')
        w.__posts.push({ sigma: m.op.sigma, x: m.op.x.reduce((a, b) => a + b, 0), shown: shown ?? null });
      return (post as (...a: unknown[]) => void).apply(this, args);
    };
  });
  const posts = () =>
    page.evaluate(
      () => (window as unknown as { __posts: { sigma: number; x: number; shown: string | null }[] }).__posts,
    );
  await page.goto(`./#/lab?${FAST}`);
  await waitDone(page);
  expect(await posts()).toHaveLength(1);

  // A slider step: one request, posted from the store in the key event itself, while the page
  // still shows the old sigma (React renders after it) and before the next frame.
  await page.evaluate(() => {
    const w = window as unknown as { __posts: unknown[]; __postsAtFrame?: number };
    w.__posts = [];
    document.addEventListener(
      'keydown',
      () => requestAnimationFrame(() => (w.__postsAtFrame = w.__posts.length)),
      { capture: true, once: true },
    );
  });
  await page.getByTestId('slider-sigma').focus();
  await page.keyboard.press('ArrowRight');
  await waitDone(page);
  expect((await posts()).map((p) => [p.sigma, p.shown])).toEqual([[0.26, '0.25']]);
  expect(await page.evaluate(() => (window as unknown as { __postsAtFrame?: number }).__postsAtFrame)).toBe(
    1,
  );
  await expect(page).toHaveURL(/sigma=0\.26/);

  // A new input: one request, with the new digit's pixels.
  await page.evaluate(() => ((window as unknown as { __posts: unknown[] }).__posts = []));
  await page.getByRole('button', { name: /^test digit 5,/ }).click();
  await waitDone(page);
  const [digitPost, ...more] = await posts();
  expect(more).toEqual([]);
  expect(digitPost!.sigma).toBe(0.26);
  await expect(page).toHaveURL(/digit=5/);

  // An edited URL: one request (the hash change is read in a task of its own: wait for the post).
  await page.evaluate(() => ((window as unknown as { __posts: unknown[] }).__posts = []));
  await page.evaluate(() => (location.hash = location.hash.replace('sigma=0.26', 'sigma=0.4')));
  await expect.poll(async () => (await posts()).length).toBeGreaterThan(0);
  await waitDone(page);
  expect((await posts()).map((p) => p.sigma)).toEqual([0.4]);

  // A link that changes the digit and the model at once (as a preset does): still one request,
  // made with the new digit.
  await page.evaluate(() => ((window as unknown as { __posts: unknown[] }).__posts = []));
  await page.evaluate(
    () => (location.hash = location.hash.replace('digit=5', 'digit=7').replace('mlp-0.25', 'mlp-0.50')),
  );
  await expect.poll(async () => (await posts()).length).toBeGreaterThan(0);
  await waitDone(page);
  const [linkPost, ...extra] = await posts();
  expect(extra).toEqual([]);
  expect(linkPost!.x).not.toBe(digitPost!.x);
  await expect(page.getByTestId('model-select')).toHaveValue('mlp-0.50');
  expect(problems).toEqual([]);
});

test('the same URL gives the same counts twice, and a reload restores the state', async ({
  page,
  problems,
}) => {
  const url = `./#/lab?sigma=0.5&${FAST}&seed=7&digit=3`;
  await page.goto(url);
  await waitDone(page);
  const first = await readResult(page);
  await page.reload();
  await waitDone(page);
  expect(await readResult(page)).toEqual(first);
  await expect(page.getByTestId('slider-sigma')).toHaveValue('0.5');
  await page.goto('./#/why');
  await page.goto(url);
  await waitDone(page);
  expect(await readResult(page)).toEqual(first);
  expect(problems).toEqual([]);
});

test('abstains with the reason when n is too small to clear one half', async ({ page, problems }) => {
  await page.goto('./#/lab?model=mlp-0.25&n=10&n0=10&alpha=0.0001');
  await waitDone(page);
  await expect(page.getByTestId('prediction')).toHaveText('abstain');
  // Abstaining is not a radius of zero (issue #12, case 2): this assertion replaces "0.0000".
  await expect(page.getByTestId('radius')).toHaveText('no radius (ABSTAIN)');
  await expect(page.getByTestId('abstain-reason')).toContainText('≤ 0.5');
  expectConsistent(await readResult(page), 0.25, 0.0001);
  expect(problems).toEqual([]);
});

test('a drawn digit is preprocessed and certified', async ({ page, problems }) => {
  await page.goto(`./#/lab?${FAST}`);
  await waitDone(page);
  await page.getByText('Draw your own digit').click();
  const pad = page.getByTestId('draw-pad');
  await pad.scrollIntoViewIfNeeded();
  const b = (await pad.boundingBox())!;
  // A vertical stroke: a "1".
  await page.mouse.move(b.x + b.width * 0.5, b.y + b.height * 0.15);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++)
    await page.mouse.move(b.x + b.width * 0.5, b.y + b.height * (0.15 + 0.07 * i));
  await page.mouse.up();
  await page.getByRole('button', { name: 'Use drawing' }).click();
  await expect(page.getByRole('img', { name: 'your drawing' })).toBeVisible();
  await expect(page.getByTestId('run-status')).toHaveText(/running|done/);
  await waitDone(page);
  const r = await readResult(page);
  expectConsistent(r, 0.25, 0.001);
  expect(r.prediction).toBe('1');
  await page.getByRole('button', { name: 'Clear' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Use drawing' })).toBeDisabled();
  expect(problems).toEqual([]);
});

test('a garbage URL is corrected with a visible notice, never a crash', async ({ page, problems }) => {
  await page.goto('./#/lab?sigma=banana&n=99999999&alpha=-1&n0=0.5&seed=x&model=gpt&digit=1e9');
  const notice = page.getByTestId('url-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('"banana" is not a valid noise level sigma');
  await expect(notice).toContainText('estimation samples n = 99999999 is outside 10 to 100000; using 100000');
  await expect(notice).toContainText('There is no model "gpt"');
  await expect(page.getByTestId('slider-sigma')).toHaveValue('0.25');
  await page.getByTestId('slider-n').focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Home'); // n = 10: fast
  await waitDone(page);
  await expect(page.getByTestId('prediction')).not.toHaveText('—');
  expect(problems).toEqual([]);
});

test('200 rapid slider changes: the last request wins and no tensor leaks', async ({ page, problems }) => {
  test.setTimeout(180_000);
  await page.goto(`./#/lab?${FAST}`);
  await waitDone(page);
  const memory = () =>
    page.evaluate(() =>
      (
        window as unknown as { __smoothingLab: { memory: () => Promise<{ numTensors: number }> } }
      ).__smoothingLab.memory(),
    );
  const before = (await memory()).numTensors;
  const sigma = page.getByTestId('slider-sigma');
  await sigma.focus();
  for (let i = 0; i < 200; i++) await page.keyboard.press(i % 3 === 2 ? 'ArrowLeft' : 'ArrowRight');
  // 134 steps right and 66 left from 0.25: sigma = 0.25 + 0.68 = 0.93.
  await expect(page).toHaveURL(/sigma=0\.93/);
  await waitDone(page);
  const last = await readResult(page);
  expectConsistent(last, 0.93, 0.001);
  expect((await memory()).numTensors).toBe(before);
  // A fresh run of the same final state gives the same numbers: nothing stale was shown.
  await page.reload();
  await waitDone(page);
  expect(await readResult(page)).toEqual(last);
  expect(problems).toEqual([]);
});

test('the lab has no horizontal scroll on a 375 px phone', async ({ page, problems }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`./#/lab?${FAST}`);
  await waitDone(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  expect(problems).toEqual([]);
});

test('a lost WebGL context moves the lab to another backend, says so, and keeps working', async ({
  page,
  problems,
}) => {
  await page.goto(`./#/lab?${FAST}`);
  await waitDone(page);
  await page.evaluate(() =>
    (window as unknown as { __smoothingLab: { loseContext: () => void } }).__smoothingLab.loseContext(),
  );
  // The next request runs into the lost context, recovers on wasm (or cpu) and completes.
  await page.getByTestId('seed').fill('1');
  await expect(page.getByTestId('backend')).toHaveText(/^(wasm|cpu)$/, { timeout: 60_000 });
  await expect(page.getByTestId('backend-notice')).toContainText('the WebGL context was lost');
  await waitDone(page);
  const r = await readResult(page);
  expect(r.counts.reduce((a, b) => a + b, 0)).toBe(200);
  expectConsistent(r, 0.25, 0.001);
  expect(problems.filter((p) => !/CONTEXT_LOST|context lost/i.test(p))).toEqual([]);
  problems.length = 0;
});

test('the GPU noise program computes the same noise as the JavaScript reference', async ({
  page,
  problems,
}) => {
  await page.goto('./#/why');
  await expect(page.getByTestId('backend')).toHaveText('webgl');
  for (const seed of [0, 12345, 4_000_000_000]) {
    const maxDiff = await page.evaluate(
      (s) =>
        (
          window as unknown as { __smoothingLab: { noiseCheck: (s: number) => Promise<number> } }
        ).__smoothingLab.noiseCheck(s),
      seed,
    );
    expect(maxDiff).toBeGreaterThanOrEqual(0); // -1 would mean no WebGL 2
    // float32 log and cos on the GPU: measured 7.4e-4 at most on SwiftShader, for |z| near 5.9.
    expect(maxDiff).toBeLessThan(2e-3);
  }
  expect(problems).toEqual([]);
});

test('where a worker cannot be used, the engine runs on the main thread and still certifies', async ({
  page,
  problems,
}) => {
  await page.addInitScript(() => {
    (window as unknown as { __smoothingLabForceMainThread: boolean }).__smoothingLabForceMainThread = true;
  });
  await page.goto(`./#/lab?${FAST}`);
  await expect(page.getByTestId('backend')).toHaveText('webgl');
  await waitDone(page);
  expect(
    await page.evaluate(
      () => (window as unknown as { __smoothingLab: { mode: string } }).__smoothingLab.mode,
    ),
  ).toBe('main-thread');
  expectConsistent(await readResult(page), 0.25, 0.001);
  expect(problems).toEqual([]);
});
