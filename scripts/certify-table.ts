/**
 * Regenerates the certified-accuracy table in models/README.md: certifies the first 200 test
 * digits with each CNN at its own sigma_train (cnn-0.00, trained without noise, at 0.12), n0 = 100,
 * n = 10,000, alpha = 0.001, seed 0, two certifications at a time, and prints the Markdown table.
 * TSVs go to models/certify/.
 *
 *   npm run certify-table [-- --max 200 --n 10000]
 */
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { tableFor } from './analyze';
import { CERTIFY_RUNS, inParallel, runCertifyCli, tsvPath, type CertifyRun } from './lib/certify-runs';

const { values } = parseArgs({
  options: {
    max: { type: 'string', default: '200' },
    n: { type: 'string', default: '10000' },
    jobs: { type: 'string', default: '2' },
  },
});
mkdirSync('models/certify', { recursive: true });

function certifyOne(r: CertifyRun): Promise<void> {
  const args = ['--model', r.model, '--sigma', r.sigma, '--n0', '100', '--n', values.n!];
  args.push('--alpha', '0.001', '--max', values.max!, '--seed', '0', '--out', tsvPath(r));
  return runCertifyCli(args, r.model);
}

const t0 = Date.now();
await inParallel(CERTIFY_RUNS, Number(values.jobs), certifyOne);
console.error(`certify-table: done in ${((Date.now() - t0) / 60000).toFixed(1)} min`);
console.log(tableFor(CERTIFY_RUNS.map((r) => ({ label: `${r.model} (${r.sigma})`, path: tsvPath(r) }))));
