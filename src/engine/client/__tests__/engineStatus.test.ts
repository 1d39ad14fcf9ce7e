import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWorker } from '../../__tests__/fakeWorker';
import { trackDownload } from '../../worker/downloads';
import { sendEventsTo } from '../../worker/toPage';
import type { FromEngine } from '../../protocol';
import { EngineClient, engineNotice } from '../client';
import { showDownload, WORKER_GIVE_UP_MS, WORKER_SILENCE_MS } from '../engineStatus';

/** A client whose engine is a fake worker (no main-thread fallback, no WebGL on the page). */
function clientOnFakeWorker(): FakeWorker {
  const worker = new FakeWorker();
  new EngineClient({
    onBackend: () => undefined,
    worker: () => worker,
    mainThread: () => Promise.reject(new Error('none')),
    pageHasWebgl: () => false,
  });
  return worker;
}

beforeEach(() => engineNotice.set(null));
afterEach(() => {
  vi.useRealTimers();
  engineNotice.set(null);
});

describe('a worker that has not answered yet', () => {
  it('is "still loading" at 10 s (a slow connection is told to wait), and only at 60 s is a reload suggested', () => {
    vi.useFakeTimers();
    const worker = clientOnFakeWorker();
    vi.advanceTimersByTime(WORKER_SILENCE_MS - 1);
    expect(engineNotice.message).toBeNull();
    vi.advanceTimersByTime(1);
    expect(engineNotice.message).toMatch(/still loading after 10 s.*slow connection/);
    expect(engineNotice.message).not.toMatch(/reload/i);
    vi.advanceTimersByTime(WORKER_GIVE_UP_MS - WORKER_SILENCE_MS);
    expect(engineNotice.message).toMatch(/has not started after 60 s.*Reload the page/);
    worker.reply({ type: 'alive' }); // it came after all
    expect(engineNotice.message).toBeNull();
  });
});

describe('slow downloads', () => {
  it('are reported after a moment, a few times a second, and once more at the end', () => {
    const posted: FromEngine[] = [];
    sendEventsTo((e) => posted.push(e));
    let now = 0;
    const t = trackDownload('models/cnn-0.25/weights.bin', () => now);
    for (; now <= 3000; now += 100) t.onProgress(now * 100, 320_808);
    t.end();
    const sent = posted.filter((e) => e.type === 'downloading');
    expect(sent[0]).toMatchObject({ received: 150_000, done: false }); // not before 1.5 s
    expect(sent.length).toBeLessThanOrEqual(8); // about 4 a second for 1.5 s, and the last
    expect(sent.at(-1)).toMatchObject({ received: 300_000, total: 320_808, done: true });
    // A quick download says nothing at all.
    posted.length = 0;
    now = 0;
    const quick = trackDownload('models/mlp-0.25/weights.bin', () => now);
    quick.onProgress(100, 100);
    quick.end();
    expect(posted).toEqual([]);
  });

  it('show their progress as the notice, clear it when done, and never hide another notice', () => {
    const e = { file: 'models/cnn-0.50/weights.bin', received: 120_000, total: 320_808, done: false };
    showDownload(e);
    expect(engineNotice.message).toBe(
      'Still downloading models/cnn-0.50/weights.bin: 0.12 of 0.32 MB so far. A slow connection takes a while; the lab goes on by itself once it has arrived.',
    );
    showDownload({ ...e, done: true });
    expect(engineNotice.message).toBeNull();
    engineNotice.set('The engine stopped answering');
    showDownload(e);
    expect(engineNotice.message).toBe('The engine stopped answering');
  });
});

describe('a noise helper the engine left', () => {
  it('is the notice, naming its script and saying the run goes on with the same samples', () => {
    const worker = clientOnFakeWorker();
    worker.reply({ type: 'noise-helper', file: 'noiseWorker-Ab12.js', problem: 'stalled', waitedMs: 8000 });
    expect(engineNotice.message).toBe(
      "The engine's noise helper (noiseWorker-Ab12.js) did not answer within 8 s (its script may not have arrived), so the engine makes the noise on its own thread: the same samples and results, a little more slowly.",
    );
    worker.reply({ type: 'noise-helper', file: 'noiseWorker-Ab12.js', problem: 'failed' });
    expect(engineNotice.message).toMatch(
      /^The engine's noise helper \(noiseWorker-Ab12\.js\) could not be loaded/,
    );
  });
});
