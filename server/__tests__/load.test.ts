/**
 * The load test at CI size (`npm run class:load` runs it at full size, 300 students): students
 * answer every checkpoint on loopback, the server crashes in the middle and starts again, and every
 * answer is in the export read back by a fresh server. Prints its figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runLoad } from '../load';

it('30 students x 10 checkpoints across a crash: no answer lost', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'class-load-'));
  try {
    const r = await runLoad({
      students: 30,
      checkpoints: 10,
      dataDir,
      mode: 'in-process',
      timeoutMs: 60_000,
    });
    console.log(
      `class load (CI size): ${r.answers} answers in ${r.seconds.toFixed(2)} s; projector p50 ${r.projector.p50} ms, ` +
        `p95 ${r.projector.p95} ms, max ${r.projector.max} ms (sent before the crash: p95 ${r.projectorSteady.p95} ms); ` +
        `ack p95 ${r.ack.p95} ms; down ${r.downMs} ms, ${r.resent} sent again; stored ${r.stored}, lost ${r.lost}`,
    );
    expect(r.restarted).toBe(true);
    expect(r.stored).toBe(r.answers);
    expect(r.lost).toBe(0);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
