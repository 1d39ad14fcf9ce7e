/** The samples-saved table of docs/anytime.md, rebuilt from scripts/samples-saved.ts's JSON. */
import { readFileSync, writeFileSync } from 'node:fs';
import { futilityLines, type FutilitySummary } from './futilitySummary';

/** The page whose `samples-saved` block this rewrites (the flags still say "readme"). */
const TABLE_FILE = 'docs/anytime.md';

interface Certified {
  certified: number;
  certifiedCorrect: number;
  certifiedShare95: [number, number];
}

/**
 * Rewrites the docs/anytime.md table from the JSON file at `path` (written with streams of at most
 * `maxN` votes).
 */
export function writeReadme(path: string, maxN: number) {
  const d = JSON.parse(readFileSync(path, 'utf8')) as {
    model: string;
    sigma: number;
    radius: number;
    alpha: number;
    n0: number;
    digits: number;
    firstDigit: number;
    seconds: number;
    /** Set when the fixed-n columns came from an earlier run (`--fixed-from`). */
    fixedFrom?: { file: string; seconds: number };
    schedule: string;
    shippedTsvCheck: { compared: number; mismatches: number[] } | null;
    summary: {
      futility?: FutilitySummary;
      anytime: Certified & { medianSamples: number; medianSamplesCertified: number };
      fixed: (Certified & {
        n: number;
        digits: number;
        anytimeSame: Certified & { medianSamples: number };
        onlyFixed: number;
        onlyAnytime: number;
      })[];
    };
  };
  const int = (x: number) => x.toLocaleString('en-US');
  const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
  const share = (c: Certified, of: number) =>
    `${c.certified} of ${of} (${c.certifiedCorrect}); ${pct(c.certifiedShare95[0])} to ${pct(c.certifiedShare95[1])}`;
  const a = d.summary.anytime;
  const check = d.shippedTsvCheck;
  const table = [
    `${d.model}, sigma ${d.sigma}, target radius r = ${d.radius}, alpha ${d.alpha}, n0 ${d.n0}, test digits ${d.firstDigit} to ${d.firstDigit + d.digits - 1} (${d.fixedFrom ? `${int(d.fixedFrom.seconds)} s of sampling on this shared machine for the fixed-n columns, and ${int(d.seconds - d.fixedFrom.seconds)} s for the anytime and futility stops, read again on the same votes with \`--fixed-from\`` : `${int(d.seconds)} s of sampling on this shared machine`}); the anytime-valid bound read ${d.schedule}. The last column is the number of digits certified at r (of which correct) and a 95% Clopper-Pearson interval on that share.` +
      (check
        ? ` The n = 10,000 column matches the shipped certify run (\`models/certify/${d.model}-sigma${d.sigma.toFixed(2)}.tsv\`, same seed, n0 and alpha) on ${check.compared - check.mismatches.length} of ${check.compared} digits.`
        : ''),
    '',
    '| method | estimation votes per digit | certified at r (correct); 95% interval |',
    '| --- | --: | --: |',
    `| anytime-valid stop | median ${int(a.medianSamples)} (a digit that never reached r counts as the ${int(maxN)} it used; over the digits it certified: ${int(a.medianSamplesCertified)}) | ${share(a, d.digits)} |`,
    ...d.summary.fixed.map((f) => {
      const subset =
        f.digits < d.digits
          ? ` (only the ${f.digits} digits read that far; the anytime stop on them: ${share(f.anytimeSame, f.digits)}, median ${int(f.anytimeSame.medianSamples)} votes)`
          : '';
      return `| fixed-n CERTIFY, n = ${int(f.n)}${subset} | ${int(f.n)} | ${share(f, f.digits)} |`;
    }),
    '',
    ...d.summary.fixed.map(
      (f) =>
        `On the same digits, n = ${int(f.n)} certifies ${f.onlyFixed} that the anytime stop does not, and the stop ${f.onlyAnytime} that n = ${int(f.n)} does not.`,
    ),
    ...(d.summary.futility ? ['', ...futilityLines(d.summary.futility)] : []),
  ].join('\n');
  const start = '<!-- samples-saved:start -->';
  const end = '<!-- samples-saved:end -->';
  const readme = readFileSync(TABLE_FILE, 'utf8');
  const i = readme.indexOf(start);
  const j = readme.indexOf(end);
  if (i < 0 || j < i) throw new Error(`${TABLE_FILE} has no ${start} ... ${end} block`);
  writeFileSync(TABLE_FILE, `${readme.slice(0, i + start.length)}\n\n${table}\n\n${readme.slice(j)}`);
  process.stderr.write(`samples-saved: ${TABLE_FILE} table rewritten\n`);
}
