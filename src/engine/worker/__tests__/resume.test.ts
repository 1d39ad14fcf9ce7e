import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { tinyModel } from '../../__tests__/tinyModel';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Stream } from '../../../smoothing';
import { certifyWithStop } from '../jobs';
import { modelVoteSampler, type VoteSamplerOptions } from '../votes';

const dim = 784;
const x = Float32Array.from({ length: dim }, (_, j) => ((j * 53) % 256) / 255);

const base = (): VoteSamplerOptions => ({
  x,
  inputShape: [28, 28, 1],
  sigma: 0.5,
  seed: 21,
  batchSize: 96,
  firstBatch: 16,
});

/** The counts reported after each batch, per stream. */
function recorder() {
  const seen: { stream: Stream; counts: number[]; done: number }[] = [];
  return {
    seen,
    onBatch: (stream: Stream, counts: number[], done: number) =>
      seen.push({ stream, counts: [...counts], done }),
  };
}

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

describe('a certify carried on in a fresh engine (VoteSamplerOptions.resume)', () => {
  it('ends with the counts of an undisturbed run, from any point it had reported', async () => {
    const m = tinyModel(11);
    const whole = recorder();
    const sampler = modelVoteSampler(m, { ...base(), onBatch: whole.onBatch });
    const selection = await sampler(50, 'selection');
    const estimation = await sampler(700, 'estimation');
    expect(new Set(estimation).size).toBeGreaterThan(2); // the votes are split: the check below can fail
    for (const cut of whole.seen.filter((s) => s.stream === 'estimation' && s.done < 700)) {
      const again = recorder();
      const resumed = modelVoteSampler(m, {
        ...base(),
        batchSize: 128, // another engine may batch differently: sample k is still sample k
        onBatch: again.onBatch,
        resume: {
          selection: { counts: selection, done: 50 },
          estimation: { counts: cut.counts, done: cut.done },
        },
      });
      expect(await resumed(50, 'selection')).toEqual(selection);
      expect(await resumed(700, 'estimation')).toEqual(estimation);
      // Its progress goes on from the counts carried over, never from zero.
      expect(again.seen[0]!.done).toBeGreaterThan(cut.done);
      expect(again.seen.at(-1)).toEqual({ stream: 'estimation', counts: estimation, done: 700 });
    }
    m.dispose();
  });

  it('stop mode stops at the same sample with the same counts when carried on', async () => {
    const m = tinyModel(11);
    const o = { n0: 50, n: 2000, alpha: 0.01, sigma: 0.5, stopAtRadius: 0.2 };
    const whole = recorder();
    const undisturbed = await certifyWithStop(
      (keep) => modelVoteSampler(m, { ...base(), keepEstimation: keep, onBatch: whole.onBatch }),
      o,
    );
    const cut = whole.seen.find((s) => s.stream === 'estimation' && s.done >= 96)!;
    const sel = whole.seen.filter((s) => s.stream === 'selection').at(-1)!;
    const resume = {
      selection: { counts: sel.counts, done: 50 },
      estimation: { counts: cut.counts, done: cut.done },
    };
    const carried = await certifyWithStop(
      (keep) => modelVoteSampler(m, { ...base(), keepEstimation: keep, resume }),
      { ...o, resume },
    );
    expect(undisturbed.stop).toMatchObject({ reached: true });
    expect(undisturbed.stop.samples).toBeGreaterThan(cut.done); // it stops after the cut
    expect(carried).toEqual(undisturbed);
    m.dispose();
  });
});

describe('VoteSamplerOptions.onNewShape (the watchdog is told before WebGL compiles)', () => {
  it('is called once per model and batch shape, before that batch runs, and again for a new model', async () => {
    const m = tinyModel(5);
    const shapes: number[] = [];
    const batches: number[] = [];
    const o = {
      ...base(),
      padTo: 96,
      onNewShape: (rows: number) => shapes.push(rows),
      onBatch: (_: Stream, __: number[], done: number) => batches.push(done),
    };
    const sampler = modelVoteSampler(m, o);
    await sampler(50, 'selection'); // the small padded shape, then full ones
    expect(shapes).toEqual([16, 96]);
    expect(batches[0]).toBe(16); // announced before the first batch had run
    await sampler(700, 'estimation');
    await modelVoteSampler(m, o)(300, 'estimation'); // same model: nothing new compiles
    expect(shapes).toEqual([16, 96]);
    // Stop mode reads each sample's vote: a program of its own, announced once.
    await certifyWithStop((keep) => modelVoteSampler(m, { ...o, keepEstimation: keep }), {
      n0: 50,
      n: 400,
      alpha: 0.001,
      sigma: 0.5,
      stopAtRadius: 10,
    });
    expect(shapes).toEqual([16, 96, 16, 96]);
    const other = tinyModel(6);
    const fresh: number[] = [];
    await modelVoteSampler(other, { ...o, onNewShape: (r) => fresh.push(r) })(50, 'selection');
    expect(fresh).toEqual([16, 96]);
    m.dispose();
    other.dispose();
  });
});
