/**
 * The geometry view's TF.js work as the worker runs it (./tfWorker.ts), written as a class with its
 * output injected so the Node tests drive it directly: each request of ./tfProtocol runs ./tfToy on
 * this thread's backend, reports progress, and ends with exactly one `done` (null once cancelled) or
 * `error`. Requests interleave at their awaits; a cancel takes effect at the next chunk or level.
 */
import type { BackendFailure } from '../engine/protocol';
import { isToToy, type FromToy, type ToToy } from './tfProtocol';
import { attackToy, smoothedRegionsTf, trainToyNet } from './tfToy';
import { errorMessage } from '../tasks/errorMessage';

/** Epochs between two progress reports (and cancel checks) when the page asks for none. */
const DEFAULT_CHUNK = 10;

export class ToyHost {
  private readonly cancelled = new Set<number>();
  private backend: Promise<string> | null = null;

  constructor(
    private readonly post: (m: FromToy, transfer?: Transferable[]) => void,
    /** Starts this thread's backend and names it (the worker: startBackend; the tests: cpu). */
    private readonly startBackend: (unavailable: BackendFailure[]) => Promise<string>,
  ) {}

  /** Handles one message; anything that is not a ToToy is ignored. Never throws. */
  async handle(m: unknown): Promise<void> {
    if (!isToToy(m)) return;
    if (m.type === 'cancel') {
      this.cancelled.add(m.id);
      return;
    }
    try {
      await this.run(m);
    } catch (e) {
      this.post({ type: 'error', id: m.id, message: errorMessage(e) });
    } finally {
      this.cancelled.delete(m.id);
    }
  }

  private async run(m: Exclude<ToToy, { type: 'cancel' }>): Promise<void> {
    const stop = () => this.cancelled.has(m.id);
    if (m.type === 'start') {
      // One backend per worker: a failed start is not retried (the page moves the work elsewhere).
      this.backend ??= this.startBackend(m.unavailable);
      this.post({ type: 'started', id: m.id, backend: await this.backend });
      return;
    }
    if (!this.backend) throw new Error('TF.js has not been started in the worker');
    await this.backend;
    switch (m.type) {
      case 'train': {
        const result = await trainToyNet(m.data, m.kind, m.seed, {
          chunk: m.chunk > 0 ? m.chunk : DEFAULT_CHUNK,
          cancelled: stop,
          onProgress: (progress) => this.post({ type: 'progress', id: m.id, progress }),
        });
        this.post({ type: 'done', id: m.id, result: stop() ? null : result });
        return;
      }
      case 'attack': {
        const result = await attackToy(m.net, m.x, m.label, m.opts);
        this.post({ type: 'done', id: m.id, result: stop() ? null : result });
        return;
      }
      case 'regions': {
        const finished = await smoothedRegionsTf(
          m.net,
          m.sigma,
          m.seed,
          m.opts,
          (grid, cells, level) => {
            if (stop()) return Promise.resolve(false);
            const copy = grid.slice(); // the level's own buffer, handed over
            this.post({ type: 'level', id: m.id, grid: copy, cells, level }, [copy.buffer]);
            return Promise.resolve(true);
          },
          stop,
        );
        this.post({ type: 'done', id: m.id, result: stop() ? null : finished });
        return;
      }
    }
  }
}
