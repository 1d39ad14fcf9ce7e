import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CERTIFY_RUNS, tsvPath } from '../../../scripts/lib/certify-runs';
import { parseTsv } from '../../smoothing';
import { SHIPPED_RUN } from '../shipped';
import { ABLATION_RUN } from '../shippedRun';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * The shipped certify TSVs are what every text about them says (SHIPPED_RUN: the first `digits` test
 * digits, in order), and they were made with the weights shipped now: certify-table stamps each run's
 * folder with the SHA-256 of the weights its rows came from, so a model swapped without certifying
 * it again fails here.
 */
describe('shipped certifications', () => {
  it.each(CERTIFY_RUNS)('$model at sigma $sigma: SHIPPED_RUN.digits rows, from the shipped weights', (r) => {
    const rows = parseTsv(readFileSync(tsvPath(r), 'utf8'), tsvPath(r));
    expect(rows.map((row) => row.idx)).toEqual([...Array(SHIPPED_RUN.digits).keys()]);
    const stamp = readFileSync(`models/certify/parts/${r.model}-sigma${r.sigma}/weights.sha256`, 'utf8');
    expect(stamp.trim()).toBe(sha256(`models/${r.model}/weights.bin`));
  });
});

describe('the training ablation’s certifications', () => {
  it('are what ABLATION_RUN says: its digits, n0, n, alpha and seed', () => {
    const { params } = JSON.parse(readFileSync('models/certify/ablation.json', 'utf8')) as { params: object };
    expect(params).toEqual(ABLATION_RUN);
  });
});
