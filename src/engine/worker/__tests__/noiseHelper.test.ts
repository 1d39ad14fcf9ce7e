import { sendEventsTo } from '../toPage';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { tinyModel } from '../../__tests__/tinyModel';
import type { FromEngine } from '../../protocol';
import { fillNoisyRows, type NoisyRowsRequest } from '../noisyRows';
import {
  HELPER_FIRST_ANSWER_MS,
  HELPER_FLOOR_MS,
  helperNoise,
  inThreadNoise,
  workerNoise,
  type HelperLike,
  type HelperLoss,
  type NoiseSource,
} from '../noiseSource';
import { modelVoteSampler } from '../votes';

const dim = 784;
const x = Float32Array.from({ length: dim }, (_, j) => ((j * 53) % 256) / 255);

/**
 * A helper worker that records its requests and answers the first `answers` of them (the rows of
 * fillNoisyRows, as the real helper gives), each after `delayMs`; later requests are never answered.
 */
class FakeHelper implements HelperLike {
  requests = 0;
  terminated = false;
  onmessage: HelperLike['onmessage'] = null;
  onerror: HelperLike['onerror'] = null;
  onmessageerror: HelperLike['onmessageerror'] = null;
  constructor(
    private readonly answers = Infinity,
    private readonly delayMs = 1,
  ) {}
  postMessage(m: NoisyRowsRequest & { id: number }): void {
    if (++this.requests > this.answers) return;
    setTimeout(() => {
      const rows = fillNoisyRows(new Float32Array(m.rows * dim), m);
      this.onmessage?.({ data: { id: m.id, rows } } as MessageEvent<{ id: number; rows: Float32Array }>);
    }, this.delayMs);
  }
  terminate(): void {
    this.terminated = true;
  }
}

/** Selection (n0 = 20) and estimation (n = 700) counts of the tiny model, rows from `noise`. */
async function counts(noise: NoiseSource): Promise<number[][]> {
  const model = tinyModel(5, 0.05);
  const sampler = modelVoteSampler(model, {
    x,
    inputShape: [28, 28, 1],
    sigma: 0.5,
    seed: 11,
    batchSize: 128,
    padTo: 128,
    firstBatch: 8,
    noise,
  });
  const out = [await sampler(20, 'selection'), await sampler(700, 'estimation')];
  model.dispose();
  return out;
}

/** Runs `counts` under fake timers, moving the clock on until it settles. */
async function countsWithClock(noise: NoiseSource): Promise<number[][]> {
  let settled = false;
  const run = counts(noise).finally(() => (settled = true));
  while (!settled) await vi.advanceTimersByTimeAsync(100);
  return run;
}

describe('the noise helper', () => {
  let reference: number[][];
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
    reference = await counts(inThreadNoise);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('gives the counts of this thread when it answers', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const lost: HelperLoss[] = [];
    const helper = new FakeHelper();
    expect(await countsWithClock(workerNoise(helper, (l) => lost.push(l)))).toEqual(reference);
    expect(helper.requests).toBeGreaterThan(5);
    expect(lost).toEqual([]);
    expect(helper.terminated).toBe(false);
  });

  it('that never answers is left after its first-answer deadline: same counts, told once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const lost: HelperLoss[] = [];
    const helper = new FakeHelper(0);
    const t0 = performance.now();
    expect(await countsWithClock(workerNoise(helper, (l) => lost.push(l)))).toEqual(reference);
    expect(lost).toEqual([{ problem: 'stalled', waitedMs: HELPER_FIRST_ANSWER_MS }]);
    expect(helper.terminated).toBe(true);
    // Left once, at the deadline: the rest of the run never waited on it again.
    expect(performance.now() - t0).toBeLessThan(HELPER_FIRST_ANSWER_MS + 1_000);
    expect(helper.requests).toBeLessThanOrEqual(2); // the first batch and the one asked ahead
  });

  it('that hangs mid-run is left after the batch deadline: same counts, told once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const lost: HelperLoss[] = [];
    const helper = new FakeHelper(3, 2);
    expect(await countsWithClock(workerNoise(helper, (l) => lost.push(l)))).toEqual(reference);
    // The answers took 2 ms: the floor, not 20 x 2 ms, is the limit.
    expect(lost).toEqual([{ problem: 'stalled', waitedMs: HELPER_FLOOR_MS }]);
  });

  it('whose script fails is left at once: same counts, told once', async () => {
    const lost: HelperLoss[] = [];
    const helper = new FakeHelper(0);
    const noise = workerNoise(helper, (l) => lost.push(l));
    const run = counts(noise);
    await Promise.resolve();
    helper.onerror?.(new Event('error'));
    expect(await run).toEqual(reference);
    expect(lost).toEqual([{ problem: 'failed' }]);
  });

  it('tells the engine once, naming the script, and later runs make the noise here', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const made: string[] = [];
    // A Worker whose script never arrives: it is made, and never answers.
    vi.stubGlobal(
      'Worker',
      class {
        onmessage = null;
        onerror = null;
        onmessageerror = null;
        constructor(url: string | URL) {
          made.push(String(url));
        }
        postMessage(): void {}
        terminate(): void {}
      },
    );
    const posted: FromEngine[] = [];
    sendEventsTo((e) => posted.push(e));
    expect(await countsWithClock(helperNoise())).toEqual(reference);
    expect(await countsWithClock(helperNoise())).toEqual(reference);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatch(/noiseWorker\.ts$/);
    expect(posted).toEqual([
      { type: 'noise-helper', file: 'noiseWorker.ts', problem: 'stalled', waitedMs: HELPER_FIRST_ANSWER_MS },
    ]);
    expect(helperNoise()).toBe(inThreadNoise);
  });
});
