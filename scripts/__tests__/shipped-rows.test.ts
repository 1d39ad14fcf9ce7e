/**
 * The shipped certify TSVs agree with a fresh run of the certify CLI: for each shipped run, the last
 * digit of SHIPPED_RUN (in the last range certify-table made) certified again with the same flags
 * gives the same row (label, prediction, radius to its last written digit, correct). A row depends
 * only on the weights, the digit and the seed, so a drift in the model, the noise or the vote
 * counting shows here.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHIPPED_RUN } from '../../src/models/shippedRun';
import { TSV_HEADER } from '../../src/smoothing';
import { CERTIFY_RUNS, runArgs, tsvPath } from '../lib/certify-runs';
import { run } from './cliHelpers';

/** Digit idx's row without its last column, the seconds it took (the only column that may differ). */
const rowOf = (text: string, idx: number) =>
  text
    .split('\n')
    .find((l) => l.startsWith(`${idx}\t`))
    ?.split('\t')
    .slice(0, TSV_HEADER.length - 1);

describe('the shipped certifications against a fresh certify run', () => {
  const idx = SHIPPED_RUN.digits - 1;
  it.each(CERTIFY_RUNS)(
    `$model at sigma $sigma: digit ${idx} certified again gives its shipped row`,
    async (r) => {
      const out = join(mkdtempSync(join(tmpdir(), 'sl-rows-')), 'row.tsv');
      const args = [...runArgs(r, SHIPPED_RUN.n), '--start', String(idx), '--max', String(idx + 1)];
      const res = await run([...args, '--out', out]);
      expect(res.code, res.stderr).toBe(0);
      const shipped = rowOf(readFileSync(tsvPath(r), 'utf8'), idx);
      expect(shipped).toBeDefined();
      expect(rowOf(readFileSync(out, 'utf8'), idx)).toEqual(shipped);
    },
    120_000,
  );
});
