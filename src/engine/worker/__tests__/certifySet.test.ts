import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { tinyModel } from '../../__tests__/tinyModel';
import type { CertifySetOp, SetRow } from '../../protocol';
import { WebglContextGuard } from '../context';
import { runCertifySet, type JobScope } from '../jobs';

const dim = 784;
const count = 4;

const op: CertifySetOp = {
  kind: 'certify-set',
  modelId: 'test-tiny',
  xs: Float32Array.from({ length: count * dim }, (_, j) => ((j * 61) % 256) / 255),
  seeds: [3, 5, 7, 9],
  sigma: 0.5,
  n0: 20,
  n: 300,
  alpha: 0.001,
};

/**
 * A context that is lost at the `loseAt`-th check before a batch (the sampler asks before each),
 * as a GPU reset mid-run would: from then on every check finds it lost, until the engine moves.
 */
class LosingGuard extends WebglContextGuard {
  checks = 0;
  private gone = false;
  constructor(private readonly loseAt: number) {
    super();
  }
  override isLost(): boolean {
    return this.gone;
  }
  override throwIfLost(): false {
    if (++this.checks === this.loseAt) this.gone = true;
    if (this.gone) throw new Error('the WebGL context was lost');
    return false;
  }
  override reset(): void {
    this.gone = false;
    super.reset();
  }
}

/** Runs the set with a context lost at check `loseAt` (never: Infinity); its rows and moves. */
async function run(loseAt: number) {
  const guard = new LosingGuard(loseAt);
  const rows: SetRow[] = [];
  let moves = 0;
  const model = tinyModel(7, 0.08);
  const scope: JobScope<'certify-set'> = {
    model: () => Promise.resolve(model),
    guard,
    cancelled: () => false,
    progress: (row) => rows.push(row),
    // The core's recover: moves (here: stays on cpu) only when the context is lost.
    recover: () => {
      if (!guard.isLost()) return Promise.resolve(false);
      guard.reset();
      moves++;
      return Promise.resolve(true);
    },
  };
  const result = await runCertifySet(op, scope);
  model.dispose();
  return { result, rows, moves, checks: guard.checks };
}

const sameRow = ({ index, prediction, radius, pLower }: SetRow) => ({ index, prediction, radius, pLower });

describe('the trade-off view’s run (certify-set)', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });

  it('carries on from the input it was on when the WebGL context is lost mid-set', async () => {
    const whole = await run(Infinity);
    expect(whole.rows.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    expect(whole.moves).toBe(0);
    const perInput = whole.checks / count;
    // Lost in the middle of the second input (after its first batch), then in the last.
    for (const loseAt of [perInput + 2, 3 * perInput + 1]) {
      const cut = await run(loseAt);
      expect(cut.moves).toBe(1);
      expect(cut.result).toEqual({ rows: count });
      // Each row once, in order, the same as an undisturbed run's.
      expect(cut.rows.map(sameRow)).toEqual(whole.rows.map(sameRow));
    }
  });

  it('fails when the engine cannot move off the lost context', async () => {
    const guard = new LosingGuard(2);
    const model = tinyModel(7, 0.08);
    const rows: SetRow[] = [];
    const scope: JobScope<'certify-set'> = {
      model: () => Promise.resolve(model),
      guard,
      cancelled: () => false,
      progress: (row) => rows.push(row),
      recover: () => Promise.resolve(false),
    };
    await expect(runCertifySet(op, scope)).rejects.toThrow('the WebGL context was lost');
    expect(rows).toEqual([]);
    model.dispose();
  });
});
