import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dropExpected, FAST } from './failureHelpers';
import { expect, test } from './fixtures';

/**
 * Weights of the right size that cannot be trusted (issue #23, failure 6), in the lab: each is
 * refused with a message that names the file and the problem, and no prediction or radius is shown.
 * The NaN-filled file is in failures.spec.ts; the CLI's refusals (exit 2) are unit-tested.
 */

// Requests are intercepted with page.route, which a service worker would bypass.
test.use({ serviceWorkers: 'block' });

const WEIGHTS = 'models/mlp-0.25/weights.bin';

/** Serves `body` in place of the shipped weights of mlp-0.25 (the model of FAST). */
async function serveWeights(page: Page, body: Buffer) {
  await page.route(`**/${WEIGHTS}`, (r) =>
    r.fulfill({ status: 200, contentType: 'application/octet-stream', body }),
  );
}

/** The run failed with `why`, and the lab shows no certified numbers. */
async function expectRefused(page: Page, why: RegExp) {
  await page.goto(`./#/lab?${FAST}`);
  await expect(page.getByText(why)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('radius')).not.toHaveText(/\d/);
  await expect(page.getByTestId('prediction')).not.toHaveText(/\d/);
  await expect(page.getByTestId('run-status')).not.toHaveText('done');
}

test('model weights of the right size but all zeros: refused with a message, and no certificate', async ({
  page,
  problems,
}) => {
  await serveWeights(page, Buffer.alloc(readFileSync(WEIGHTS).length));
  await expectRefused(
    page,
    /The run failed: .*models\/mlp-0.25\/weights.bin cannot be trusted: dense_Dense17\/kernel is all zeros/,
  );
  dropExpected(problems, /weights.bin/);
});

test('model weights of the right size, finite and non-zero, but not the card’s checksum: refused, and no certificate', async ({
  page,
  problems,
}) => {
  // The shipped weights with one float changed: every other check passes, only the SHA-256 differs.
  const bytes = Buffer.from(readFileSync(WEIGHTS));
  const floats = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  floats[1000] = floats[1000]! + 0.25;
  await serveWeights(page, bytes);
  await expectRefused(
    page,
    /The run failed: .*models\/mlp-0.25\/weights.bin is not the file its model card describes \(SHA-256 .*\): it is corrupt/,
  );
  dropExpected(problems, /weights.bin/);
});
