import { describe, expect, it } from 'vitest';
import { RECEIVED_KEPT, type FromEngine, type InitOp } from '../../protocol';
import { CERTIFY_OP } from '../../__tests__/fakeWorker';
import { EngineCore } from '../core';

const init = (testOps: boolean): InitOp => ({
  kind: 'init',
  order: ['cpu'],
  unavailable: [],
  baseUrl: 'http://localhost/',
  choice: { how: 'forced', backend: 'cpu' },
  testOps,
});
const certify = { ...CERTIFY_OP, modelId: 'no-such-model' };

function engine() {
  const events: FromEngine[] = [];
  return { core: new EngineCore((e) => events.push(e)), events };
}

describe('the engine core answers each request once, by its id', () => {
  it('starts the backend and answers init with the report', async () => {
    const { core, events } = engine();
    await core.handle({ type: 'request', id: 1, op: init(false) });
    expect(events).toEqual([
      { type: 'result', id: 1, data: { backend: 'cpu', preferred: 'cpu', failures: [], how: 'forced' } },
    ]);
  });

  it('refuses the test ops unless the page started it with testOps, then answers them', async () => {
    const { core, events } = engine();
    await core.handle({ type: 'request', id: 1, op: init(false) });
    await core.handle({ type: 'test', id: 2, op: { kind: 'memory' } });
    expect(events.at(-1)).toEqual({
      type: 'error',
      id: 2,
      message: 'the test op "memory" is off on this page',
    });
    await core.handle({ type: 'request', id: 3, op: init(true) });
    await core.handle({ type: 'test', id: 4, op: { kind: 'memory' } });
    expect(events.at(-1)).toMatchObject({ type: 'result', id: 4, data: { numTensors: expect.any(Number) } });
  });

  it('a failed request gets one error event; a cancelled one gets nothing at all', async () => {
    const { core, events } = engine();
    await core.handle({ type: 'request', id: 1, op: init(false) });
    await core.handle({ type: 'request', id: 2, op: certify });
    expect(events.slice(1)).toEqual([{ type: 'error', id: 2, message: 'unknown model "no-such-model"' }]);
    const running = core.handle({ type: 'request', id: 3, op: certify });
    await core.handle({ type: 'cancel', id: 3 });
    await core.handle({ type: 'cancel', id: 42 }); // never sent: ignored
    await running;
    expect(events.slice(2)).toEqual([]);
  });

  it('engine-info lists the requests received (kind and planned n), the last RECEIVED_KEPT of them', async () => {
    const { core, events } = engine();
    await core.handle({ type: 'request', id: 1, op: init(true) });
    await core.handle({ type: 'request', id: 2, op: { ...certify, n: 2000 } });
    await core.handle({ type: 'test', id: 3, op: { kind: 'engine-info' } });
    expect(events.at(-1)).toMatchObject({
      type: 'result',
      id: 3,
      data: {
        running: 0,
        received: [
          { kind: 'init', n: null },
          { kind: 'certify', n: 2000 },
        ],
      },
    });
    for (let id = 10; id < 10 + RECEIVED_KEPT; id++) await core.handle({ type: 'request', id, op: certify });
    expect(core.received).toHaveLength(RECEIVED_KEPT);
    expect(core.received.every((r) => r.kind === 'certify' && r.n === certify.n)).toBe(true);
  });
});

describe('a model given by bytes (load-model)', () => {
  it('is certified under its id, reports a damaged file by name, and is gone after unload-model', async () => {
    const { buildModel } = await import('../../../models/architectures');
    const { serialiseModel } = await import('../../../training/session');
    const { core, events } = engine();
    await core.handle({ type: 'request', id: 1, op: init(false) });
    const model = buildModel('mlp', 3);
    const { modelJson, weights } = await serialiseModel(model);
    model.dispose();
    const id = 'user:test-0001';
    await core.handle({
      type: 'request',
      id: 2,
      op: { kind: 'load-model', modelId: id, architecture: 'mlp', modelJson, weights },
    });
    const set = {
      kind: 'certify-set' as const,
      modelId: id,
      xs: new Float32Array(2 * 784).fill(0.2),
      seeds: [0, 1],
      sigma: 0.25,
      n0: 10,
      n: 50,
      alpha: 0.001,
    };
    await core.handle({ type: 'request', id: 3, op: set });
    expect(events.filter((e) => 'id' in e && e.id === 2)).toEqual([{ type: 'result', id: 2, data: null }]);
    const rows = events.filter((e) => e.type === 'progress' && e.id === 3);
    expect(rows).toHaveLength(2);
    expect(events.at(-1)).toEqual({ type: 'result', id: 3, data: { rows: 2 } });

    await core.handle({
      type: 'request',
      id: 4,
      op: { kind: 'load-model', modelId: id, architecture: 'mlp', modelJson, weights: weights.slice(8) },
    });
    await core.handle({ type: 'request', id: 5, op: set });
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      id: 5,
      message: expect.stringContaining(`your model ${id}/weights.bin has`) as unknown,
    });

    await core.handle({ type: 'request', id: 6, op: { kind: 'unload-model', modelId: id } });
    await core.handle({ type: 'request', id: 7, op: set });
    expect(events.at(-1)).toEqual({ type: 'error', id: 7, message: `unknown model "${id}"` });
  });
});
