import { describe, expect, it } from 'vitest';
import { Recovery } from '../recovery';

/** A context that is lost until a move, and a move that takes until `finish()`. */
function setup(moveSucceeds = true) {
  const state: { lost: boolean; moves: number; finish: () => void } = {
    lost: true,
    moves: 0,
    finish: () => undefined,
  };
  const recovery = new Recovery(
    () => state.lost,
    () =>
      new Promise<boolean>((resolve) => {
        state.moves++;
        state.finish = () => {
          state.lost = false;
          resolve(moveSucceeds);
        };
      }),
  );
  return { state, recovery };
}

describe('Recovery: one move off a lost context for every job that met it', () => {
  it('two jobs asking at once share one move, and both carry on', async () => {
    const { state, recovery } = setup();
    const a = recovery.forJob();
    const b = recovery.forJob();
    const both = Promise.all([a(), b()]);
    state.finish();
    expect(await both).toEqual([true, true]);
    expect(state.moves).toBe(1);
    // Asked again (a retry failed for another reason): nothing has moved since, so no retry.
    expect(await a()).toBe(false);
    expect(await b()).toBe(false);
  });

  it("a job that asks after another job's move has ended still hears of it, once", async () => {
    const { state, recovery } = setup();
    const a = recovery.forJob();
    const late = recovery.forJob();
    const first = a();
    state.finish();
    expect(await first).toBe(true);
    expect(await late()).toBe(true); // its work was on the lost context: it carries on
    expect(await late()).toBe(false);
    expect(state.moves).toBe(1);
  });

  it('a job made after the move, or with no loss at all, is told nothing moved', async () => {
    const { state, recovery } = setup();
    const a = recovery.forJob();
    const p = a();
    state.finish();
    await p;
    expect(await recovery.forJob()()).toBe(false);
    const calm = setup();
    calm.state.lost = false;
    expect(await calm.recovery.forJob()()).toBe(false);
    expect(calm.state.moves).toBe(0);
  });

  it('a move that fails is reported as no move, and the next loss tries again', async () => {
    const { state, recovery } = setup(false);
    const a = recovery.forJob();
    const p = a();
    state.finish();
    expect(await p).toBe(false);
    state.lost = true;
    const again = a();
    expect(state.moves).toBe(2);
    state.finish();
    expect(await again).toBe(false);
  });
});
