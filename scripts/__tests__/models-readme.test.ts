/**
 * models/README.md is generated from the model cards and the certify runs (`npm run models-readme`):
 * its tables agree with the data in this checkout, so a TSV merged or a model promoted without
 * regenerating the file fails here.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('models/README.md', () => {
  it('is what npm run models-readme writes from the data in this checkout', () => {
    const res = spawnSync('npx', ['tsx', 'scripts/models-readme.ts', '--check'], { encoding: 'utf8' });
    expect(res.stderr + res.stdout).toContain('models/README.md matches its data');
    expect(res.status).toBe(0);
  }, 60_000);
});
