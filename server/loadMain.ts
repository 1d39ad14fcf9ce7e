/**
 * `npm run class:load`: the class server's load test at full size (./load.ts): 300 students answer
 * 10 checkpoints on loopback, the server (its own process) is killed with SIGKILL in the middle and
 * started again, and every answer must be in the export. Stops by itself; prints its figures.
 *
 *   npm run class:load -- [--students 300] [--checkpoints 10] [--in-process] [--no-restart]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runLoad } from './load';

const { values } = parseArgs({
  options: {
    students: { type: 'string', default: '300' },
    checkpoints: { type: 'string', default: '10' },
    'in-process': { type: 'boolean' },
    'no-restart': { type: 'boolean' },
  },
});
const dataDir = mkdtempSync(join(tmpdir(), 'class-load-'));
try {
  const r = await runLoad({
    students: Number(values.students),
    checkpoints: Number(values.checkpoints),
    dataDir,
    mode: values['in-process'] ? 'in-process' : 'child',
    restart: !values['no-restart'],
    log: (l) => console.log(`load: ${l}`),
  });
  console.log(JSON.stringify(r, null, 2));
  console.log(
    `load: ${r.students} students x ${r.checkpoints} checkpoints = ${r.answers} answers in ${r.seconds.toFixed(2)} s; ` +
      `projector latency p50 ${r.projector.p50} ms, p95 ${r.projector.p95} ms, max ${r.projector.max} ms ` +
      `(sent before the crash: p95 ${r.projectorSteady.p95} ms); ack p95 ${r.ack.p95} ms; ` +
      `restart: ${r.restarted ? `down ${r.downMs} ms, ${r.resent} answers sent again` : 'none'}; ` +
      `stored ${r.stored}, lost ${r.lost}`,
  );
  process.exitCode = r.lost === 0 && r.stored === r.answers ? 0 : 1;
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
