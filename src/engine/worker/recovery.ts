/**
 * Moving off a lost WebGL context, once, for every job that met the loss. Two jobs running when the
 * context goes (the lab's run and the trade-off view's set, say) both fail and both ask to recover:
 * the second joins the move under way instead of starting another backend, and a job that asks
 * after the move has ended still hears that the engine moved since it last asked, so it carries on
 * on the new backend instead of failing with the lost context's error.
 */
export class Recovery {
  private inFlight: Promise<boolean> | null = null;
  /** How many moves have succeeded. */
  private moves = 0;

  /**
   * @param lost whether the context is lost now
   * @param move moves the engine to another backend; true when it did
   */
  constructor(
    private readonly lost: () => boolean,
    private readonly move: () => Promise<boolean>,
  ) {}

  /** Moves if the context is lost, or joins the move under way; true when that move succeeded. */
  run(): Promise<boolean> {
    if (this.inFlight) return this.inFlight;
    if (!this.lost()) return Promise.resolve(false);
    this.inFlight = this.move()
      .then((moved) => {
        if (moved) this.moves++;
        return moved;
      })
      .finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  /**
   * One job's recover: true when the engine has moved since this job last asked (by its own call,
   * by a move it joined, or by another job's move that ended before it asked); so at most once per
   * move, and a job retried after a move that fails again for another reason is not retried again.
   */
  forJob(): () => Promise<boolean> {
    let seen = this.moves;
    return async () => {
      await this.run();
      const moved = this.moves !== seen;
      seen = this.moves;
      return moved;
    };
  }
}
