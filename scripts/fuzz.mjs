// Runs the URL fuzz test (e2e/fuzz.spec.ts, the links applied on one page) on fresh seeds:
//   npm run fuzz -- [--seed 100] [--links 5000]
// runs seeds 100, 101, ... with 1,000 links each until --links have been applied, building the app
// once, and prints each run's result and its long-task line. A failure names the seed to replay
// (FUZZ_SEED=<n> node scripts/e2e.mjs e2e/fuzz.spec.ts).
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(100 + Math.floor(Math.random() * 1e6)) },
    links: { type: 'string', default: '5000' },
  },
});
const first = Number(values.seed);
const total = Number(values.links);
if (!Number.isInteger(first) || !(total > 0)) {
  console.error('fuzz: --seed takes an integer and --links a positive number');
  process.exit(2);
}
let done = 0;
let failed = 0;
for (let seed = first; done < total; seed++) {
  const links = Math.min(1000, total - done);
  const env = { ...process.env, FUZZ_SEED: String(seed), FUZZ_LINKS: String(links) };
  if (done > 0) env.E2E_SKIP_BUILD = '1';
  const r = spawnSync('node', ['scripts/e2e.mjs', 'e2e/fuzz.spec.ts', '-g', 'on one page'], {
    stdio: 'inherit',
    env,
  });
  done += links;
  if (r.status !== 0) failed++;
  console.log(`fuzz: seed ${seed}, ${links} links: ${r.status === 0 ? 'passed' : 'FAILED'}`);
}
console.log(
  `fuzz: ${done} links on seeds ${first} to ${first + Math.ceil(total / 1000) - 1}, ${failed} failed run(s)`,
);
process.exit(failed > 0 ? 1 : 0);
