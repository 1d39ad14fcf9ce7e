/**
 * Turns certify TSVs into a certified-accuracy table (after Cohen et al.'s analyze.py): one row per
 * file, columns radius 0, 0.25, ..., 2.5 and the abstention rate, as Markdown.
 *
 *   npm run analyze -- [--label NAME=PATH ...] PATH ...
 *
 * A row is labelled with its file name unless given NAME=PATH.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { abstentionRate, certifiedAccuracy, parseTsv, TABLE_RADII } from '../src/smoothing';

export function tableFor(entries: { label: string; path: string }[]): string {
  const head = `| model (sigma) | digits | ${TABLE_RADII.map((r) => `r = ${r}`).join(' | ')} | abstain |`;
  const rule = `|---|---:|${TABLE_RADII.map(() => '---:').join('|')}|---:|`;
  const rows = entries.map(({ label, path }) => {
    const rows = parseTsv(readFileSync(path, 'utf8'), path);
    const acc = certifiedAccuracy(rows);
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    return `| ${label} | ${rows.length} | ${acc.map(pct).join(' | ')} | ${pct(abstentionRate(rows))} |`;
  });
  return [head, rule, ...rows].join('\n');
}

if (process.argv[1] && basename(process.argv[1]).startsWith('analyze')) {
  const args = process.argv.slice(2);
  if (args.length === 0) {
    console.error('usage: npm run analyze -- [NAME=]PATH ...');
    process.exit(2);
  }
  try {
    const entries = args.map((a) => {
      const eq = a.indexOf('=');
      return eq > 0
        ? { label: a.slice(0, eq), path: a.slice(eq + 1) }
        : { label: basename(a, '.tsv'), path: a };
    });
    console.log(tableFor(entries));
  } catch (e) {
    console.error(`analyze: error: ${(e as Error).message}`);
    process.exit(1);
  }
}
