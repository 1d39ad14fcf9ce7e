/**
 * The price of validity at every n: the anytime-valid lower bound (confidenceSequenceLower)
 * against the fixed-n Clopper-Pearson bound at the same alpha, for a few n and p_hat, and the
 * radius each gives at sigma = 0.25. Rewrites the table between the `cs-width` markers in
 * docs/anytime.md (or prints it with --print).
 *
 *   npm run cs-width
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { certifiedRadius, clopperPearsonLower, confidenceSequenceLower, floorFixed } from '../src/smoothing';

/** The page whose `cs-width` block this rewrites. */
const TABLE_FILE = 'docs/anytime.md';

const ALPHA = 0.001;
const SIGMA = 0.25;
const NS = [100, 1000, 10_000, 100_000];
const P_HATS = [0.6, 0.9, 0.99, 1];

/** Lower bounds rounded down, as on screen. */
const fmt = (x: number) => floorFixed(x, 4);
/** A radius rounded down; ABSTAIN (p_lower <= 1/2) is no radius, never 0. */
const rad = (p: number) => (p > 0.5 ? floorFixed(certifiedRadius(SIGMA, p), 3) : 'none');
const rows = [
  `| n | p_hat | Clopper-Pearson p_lower (valid at the planned n) | anytime-valid p_lower (valid at every n) | lower by | width (p_hat - p_lower), anytime / CP | radius at sigma ${SIGMA}: CP | anytime |`,
  '| --: | --: | --: | --: | --: | --: | --: | --: |',
];
for (const n of NS) {
  for (const pHat of P_HATS) {
    const k = Math.round(pHat * n);
    const cp = clopperPearsonLower(k, n, ALPHA);
    const cs = confidenceSequenceLower(k, n, ALPHA);
    const ratio = (pHat - cs) / (pHat - cp);
    rows.push(
      `| ${n.toLocaleString('en-US')} | ${pHat} | ${fmt(cp)} | ${fmt(cs)} | ${fmt(cp - cs)} | ${ratio.toFixed(2)}x | ${rad(cp)} | ${rad(cs)} |`,
    );
  }
}
const table = `alpha = ${ALPHA} (the lab's default), k = round(p_hat * n):\n\n${rows.join('\n')}\n`;

if (process.argv.includes('--print')) {
  process.stdout.write(table);
} else {
  const start = '<!-- cs-width:start -->';
  const end = '<!-- cs-width:end -->';
  const readme = readFileSync(TABLE_FILE, 'utf8');
  const i = readme.indexOf(start);
  const j = readme.indexOf(end);
  if (i < 0 || j < i) throw new Error(`${TABLE_FILE} has no ${start} ... ${end} block`);
  writeFileSync(TABLE_FILE, `${readme.slice(0, i + start.length)}\n\n${table}\n${readme.slice(j)}`);
  process.stdout.write(`${TABLE_FILE}: cs-width table rewritten\n`);
}
