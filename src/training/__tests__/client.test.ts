import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CANCEL_GRACE_MS, TrainingClient, type TrainerWorkerLike } from '../client';
import type { FromTrainer, ToTrainer, TrainedModel, TrainSettings } from '../protocol';

class FakeWorker implements TrainerWorkerLike {
  sent: ToTrainer[] = [];
  terminated = false;
  onmessage: ((ev: MessageEvent<unknown>) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  postMessage(m: ToTrainer): void {
    this.sent.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(m: FromTrainer | Record<string, unknown>): void {
    this.onmessage?.({ data: m } as MessageEvent<unknown>);
  }
}

const settings: TrainSettings = { arch: 'mlp', sigma: 0.5, method: 'gaussian', epochs: 1 };
const trained: TrainedModel = {
  modelJson: '{}',
  weights: new ArrayBuffer(16),
  parameterCount: 4,
  history: [{ epoch: 1, loss: 0.5, valAccuracy: 0.9, seconds: 2 }],
  bestEpoch: 1,
  bestValAccuracy: 0.9,
  seconds: 2,
  trainCount: 7200,
  validationCount: 800,
  backend: 'wasm',
};
const ready = { type: 'ready', backend: 'wasm', trainCount: 7200, validationCount: 800 } as const;
const flush = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const workers: FakeWorker[] = [];
  const client = new TrainingClient(
    () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    () => 'http://app/',
  );
  return { client, workers, w: () => workers[workers.length - 1]! };
}

describe('the training client', () => {
  it('prepares the worker once, then trains: steps and epochs reach the page, then the model', async () => {
    const { client, w, workers } = setup();
    const readyP = client.prepare();
    expect(client.prepare()).toBe(readyP);
    expect(w().sent).toEqual([{ type: 'prepare', baseUrl: 'http://app/' }]);
    w().reply(ready);
    await expect(readyP).resolves.toEqual({ backend: 'wasm', trainCount: 7200, validationCount: 800 });
    const steps: number[] = [];
    const epochs: number[] = [];
    const run = client.train(settings, {
      onStep: (s) => steps.push(s.step),
      onEpoch: (e) => epochs.push(e.epoch),
    });
    await flush();
    expect(w().sent[1]).toEqual({ type: 'train', id: 1, settings });
    w().reply({ type: 'step', id: 1, epoch: 1, step: 5, steps: 10, loss: 1 });
    w().reply({ type: 'epoch', id: 1, report: trained.history[0]! });
    w().reply({ type: 'done', id: 1, model: trained });
    await expect(run.result).resolves.toBe(trained);
    expect([steps, epochs, workers.length]).toEqual([[5], [1], 1]);
  });

  it('refuses settings outside the choices before anything is sent', async () => {
    const { client, workers } = setup();
    await expect(client.train({ ...settings, sigma: 0.3 }).result).rejects.toThrow(/sigma_train/);
    expect(workers).toHaveLength(0);
  });

  it('a cancel settles at once; the worker is told, its late events are dropped, and the next training waits for its acknowledgement', async () => {
    const { client, w } = setup();
    client.prepare();
    w().reply(ready);
    const steps: number[] = [];
    const first = client.train(settings, { onStep: (s) => steps.push(s.step) });
    await flush();
    first.cancel();
    await expect(first.result).rejects.toMatchObject({ name: 'AbortError' });
    expect(w().sent[2]).toEqual({ type: 'cancel', id: 1 });
    w().reply({ type: 'step', id: 1, epoch: 1, step: 6, steps: 10, loss: 1 });
    expect(steps).toEqual([]);
    const second = client.train(settings);
    await flush();
    expect(w().sent.filter((m) => m.type === 'train')).toHaveLength(1); // waits for the cancelled one
    w().reply({ type: 'cancelled', id: 1 });
    await flush();
    expect(w().sent[3]).toEqual({ type: 'train', id: 2, settings });
    w().reply({ type: 'done', id: 2, model: trained });
    await expect(second.result).resolves.toBe(trained);
  });

  describe('with fake timers', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());
    it('replaces a worker that does not acknowledge a cancel in time', async () => {
      const { client, workers } = setup();
      client.prepare();
      workers[0]!.reply(ready);
      const first = client.train(settings);
      await vi.advanceTimersByTimeAsync(0);
      first.cancel();
      const second = client.train(settings);
      await vi.advanceTimersByTimeAsync(CANCEL_GRACE_MS + 10);
      expect(workers[0]!.terminated).toBe(true);
      expect(workers).toHaveLength(2);
      workers[1]!.reply(ready);
      await vi.advanceTimersByTimeAsync(0);
      expect(workers[1]!.sent.map((m) => m.type)).toEqual(['prepare', 'train']);
      workers[1]!.reply({ type: 'done', id: 2, model: trained });
      await expect(second.result).resolves.toBe(trained);
    });
  });

  it('turns a malformed message, a worker error and a failed preparation into errors', async () => {
    const { client, w } = setup();
    client.prepare();
    w().reply(ready);
    const run = client.train(settings);
    await flush();
    w().reply({ type: 'done', id: 1, model: { ...trained, weights: null } });
    await expect(run.result).rejects.toThrow(/malformed message: the model has no weights/);

    const crashed = client.train(settings);
    await flush();
    w().onerror?.({ preventDefault: () => undefined, message: 'out of memory' } as unknown as Event);
    await expect(crashed.result).rejects.toThrow(/training worker stopped \(out of memory\)/);

    const again = setup();
    const p = again.client.prepare();
    again
      .w()
      .reply({ type: 'prepare-error', message: 'data/mnist-train.bin could not be downloaded (HTTP 404)' });
    await expect(p).rejects.toThrow(/HTTP 404/);
    expect(again.w().terminated).toBe(true);
  });
});
