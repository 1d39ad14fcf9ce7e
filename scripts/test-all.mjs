// `npm test`: type checking, lint and formatting, the Vitest unit suites and the Playwright
// end-to-end suite against the production build. Every step runs even when an earlier one fails;
// the summary lists each, and the exit code is non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const REPORTS = '.reports';
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });

function readJson(path) {
  try {
    return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
  } catch {
    return null;
  }
}

const steps = [
  { name: 'typecheck', cmd: ['npx', 'tsc', '-b', '--pretty'] },
  { name: 'lint', cmd: ['npx', 'eslint', '.', '--max-warnings', '0'] },
  { name: 'format', cmd: ['npx', 'prettier', '--check', '.'] },
  // Import cycles between files (madge): the floors in eslint.config.js keep folders in order.
  {
    name: 'cycles',
    cmd: ['npx', 'madge', '--circular', '--extensions', 'ts,tsx', '--ts-config', 'tsconfig.app.json', 'src'],
  },
  {
    name: 'unit',
    cmd: [
      'npx',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${REPORTS}/unit.json`,
    ],
    counts: () => {
      const r = readJson(`${REPORTS}/unit.json`);
      return (
        r && {
          passed: r.numPassedTests,
          failed: r.numFailedTests,
          skipped: r.numPendingTests + r.numTodoTests,
        }
      );
    },
  },
  {
    name: 'e2e',
    cmd: ['node', 'scripts/e2e.mjs'],
    counts: () => {
      const r = readJson(`${REPORTS}/e2e.json`);
      return (
        r && {
          passed: r.stats.expected + r.stats.flaky,
          failed: r.stats.unexpected,
          skipped: r.stats.skipped,
        }
      );
    },
  },
];

const results = [];
for (const step of steps) {
  console.log(`\n━━━ ${step.name}: ${step.cmd.join(' ')}`);
  const t0 = Date.now();
  const { status } = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit' });
  const counts = step.counts ? step.counts() : null;
  const ok = status === 0 && (!counts || (counts.failed === 0 && counts.passed > 0));
  results.push({ name: step.name, ok, counts, seconds: (Date.now() - t0) / 1000 });
}

let passed = 0;
let failed = 0;
let skipped = 0;
console.log('\n━━━ Summary');
for (const r of results) {
  const detail = r.counts
    ? `${r.counts.passed} passed, ${r.counts.failed} failed${r.counts.skipped ? `, ${r.counts.skipped} skipped` : ''}`
    : r.ok
      ? 'clean'
      : 'errors above';
  console.log(
    `  ${r.name.padEnd(10)} ${r.ok ? 'PASS' : 'FAIL'}  ${detail.padEnd(34)} ${r.seconds.toFixed(1)} s`,
  );
  if (r.counts) {
    passed += r.counts.passed;
    failed += r.counts.failed;
    skipped += r.counts.skipped;
    if (!r.ok && r.counts.failed === 0) failed += 1; // the runner itself failed
  } else if (r.ok) passed += 1;
  else failed += 1;
}
console.log('  (typecheck, lint and format count as one check each)');
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
