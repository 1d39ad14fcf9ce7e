import { describe, expect, it } from 'vitest';
import type { BackendReport, FromEngine, InitOp, ToEngine, ToSharedEngine } from '../../protocol';
import { SharedEngineHost, type CoreLike, type PortLike } from '../sharedHost';

/** An engine that records what it is asked; the test answers with `post`. */
class FakeCore implements CoreLike {
  readonly engineId = 'engine-1';
  running = 0;
  received = [];
  handled: ToEngine[] = [];
  constructor(readonly post: (e: FromEngine) => void) {}
  handle(m: ToEngine): void {
    this.handled.push(m);
  }
  /** The engine id the last request of this kind got. */
  idOf(kind: string): number {
    const m = [...this.handled].reverse().find((h) => h.type !== 'cancel' && h.op.kind === kind);
    if (!m) throw new Error(`no ${kind} request`);
    return m.id;
  }
  cancels(): number[] {
    return this.handled.filter((h) => h.type === 'cancel').map((h) => h.id);
  }
}

class FakePort implements PortLike {
  got: FromEngine[] = [];
  closed = false;
  postMessage(m: FromEngine): void {
    this.got.push(m);
  }
  close(): void {
    this.closed = true;
  }
}

function setup() {
  let core!: FakeCore;
  const gone = new Map<string, () => void>();
  const host = new SharedEngineHost(
    (post) => (core = new FakeCore(post)),
    (lock) => new Promise<void>((resolve) => gone.set(lock, resolve)),
  );
  const frame = () => {
    const port = new FakePort();
    const f = host.connect(port);
    return { port, send: (m: ToSharedEngine) => host.receive(f, m), f };
  };
  return { host, core, frame, gone };
}

const certify = (seed: number) =>
  ({
    kind: 'certify',
    modelId: 'mlp-0.25',
    x: new Float32Array(784),
    sigma: 0.25,
    n0: 10,
    n: 100,
    alpha: 0.001,
    seed,
  }) as const;

const init = (choice: InitOp['choice']): InitOp => ({
  kind: 'init',
  order: ['webgl', 'wasm', 'cpu'],
  unavailable: [],
  baseUrl: 'http://lab/',
  choice,
  testOps: false,
});

const report = (backend: BackendReport['backend'], how: BackendReport['how']): BackendReport => ({
  backend,
  preferred: backend,
  failures: [],
  how,
});

describe('SharedEngineHost: request ids', () => {
  it('gives the same frame id from two frames two engine ids, and answers each frame under its own id', () => {
    const { core, frame } = setup();
    const a = frame();
    const b = frame();
    a.send({ type: 'request', id: 1, op: certify(1) });
    b.send({ type: 'request', id: 1, op: certify(2) });
    const [ea, eb] = core.handled.map((h) => h.id);
    expect(ea).not.toBe(eb);
    core.post({ type: 'progress', id: eb!, data: { stream: 'selection', counts: [2], done: 2 } });
    core.post({ type: 'progress', id: ea!, data: { stream: 'selection', counts: [1], done: 1 } });
    expect(a.port.got).toEqual([
      { type: 'progress', id: 1, data: { stream: 'selection', counts: [1], done: 1 } },
    ]);
    expect(b.port.got).toEqual([
      { type: 'progress', id: 1, data: { stream: 'selection', counts: [2], done: 2 } },
    ]);
    core.post({ type: 'error', id: ea!, message: 'boom' });
    expect(a.port.got.at(-1)).toEqual({ type: 'error', id: 1, message: 'boom' });
    expect(b.port.got).toHaveLength(1);
  });

  it('drops whatever comes for an id after its final answer', () => {
    const { core, frame } = setup();
    const a = frame();
    a.send({ type: 'request', id: 7, op: certify(1) });
    const id = core.idOf('certify');
    core.post({ type: 'result', id, data: null });
    core.post({ type: 'progress', id, data: { stream: 'estimation', counts: [1], done: 1 } });
    core.post({ type: 'result', id, data: null });
    expect(a.port.got).toEqual([{ type: 'result', id: 7, data: null }]);
  });
});

describe('SharedEngineHost: cancellation per frame', () => {
  it("a frame's cancel stops its own request only, even when another frame used the same id", () => {
    const { core, frame } = setup();
    const a = frame();
    const b = frame();
    a.send({ type: 'request', id: 3, op: certify(1) });
    b.send({ type: 'request', id: 3, op: certify(2) });
    const [ea, eb] = core.handled.map((h) => h.id);
    b.send({ type: 'cancel', id: 3 });
    expect(core.cancels()).toEqual([eb]);
    // The cancelled request's late events are dropped; the other frame's still arrive.
    core.post({ type: 'progress', id: eb!, data: { stream: 'selection', counts: [9], done: 9 } });
    core.post({ type: 'result', id: ea!, data: null });
    expect(b.port.got).toEqual([]);
    expect(a.port.got).toEqual([{ type: 'result', id: 3, data: null }]);
  });

  it('ignores a cancel for an id the frame never sent, or that already finished', () => {
    const { core, frame } = setup();
    const a = frame();
    a.send({ type: 'cancel', id: 5 });
    a.send({ type: 'request', id: 1, op: certify(1) });
    core.post({ type: 'result', id: core.idOf('certify'), data: null });
    a.send({ type: 'cancel', id: 1 });
    expect(core.cancels()).toEqual([]);
  });

  it("a frame that says bye has its jobs cancelled, its port closed, and the others' jobs kept", () => {
    const { core, frame } = setup();
    const a = frame();
    const b = frame();
    a.send({ type: 'request', id: 1, op: certify(1) });
    a.send({ type: 'request', id: 2, op: { ...certify(2), kind: 'certify' } });
    b.send({ type: 'request', id: 1, op: certify(3) });
    const [a1, a2, b1] = core.handled.map((h) => h.id);
    a.send({ type: 'bye' });
    expect(core.cancels().sort()).toEqual([a1, a2].sort());
    expect(a.port.closed).toBe(true);
    core.post({ type: 'result', id: a1!, data: null });
    core.post({ type: 'result', id: b1!, data: null });
    expect(a.port.got).toEqual([]);
    expect(b.port.got).toEqual([{ type: 'result', id: 1, data: null }]);
    // Nothing more is taken from a frame that left.
    a.send({ type: 'request', id: 3, op: certify(4) });
    expect(core.handled.filter((h) => h.type === 'request')).toHaveLength(3);
  });

  it('a frame whose Web Lock the engine is granted (the frame is gone) is disconnected', async () => {
    const { host, core, frame, gone } = setup();
    const a = frame();
    a.send({ type: 'hello', lock: 'frame-a' });
    a.send({ type: 'request', id: 1, op: certify(1) });
    expect(host.clients).toBe(1);
    gone.get('frame-a')!();
    await Promise.resolve();
    await Promise.resolve();
    expect(core.cancels()).toEqual([core.idOf('certify')]);
    expect(host.clients).toBe(0);
  });
});

describe('SharedEngineHost: one backend for all frames', () => {
  it('starts the backend once; a later init waits for it and gets the same report; others hear of changes', () => {
    const { core, frame } = setup();
    const a = frame();
    const b = frame();
    a.send({ type: 'request', id: 1, op: init({ how: 'measure', modelId: 'cnn-0.25' }) });
    b.send({ type: 'request', id: 1, op: init({ how: 'measure', modelId: 'cnn-0.25' }) });
    expect(core.handled.filter((h) => h.type === 'request' && h.op.kind === 'init')).toHaveLength(1);
    const wasm = report('wasm', 'provisional');
    core.post({ type: 'result', id: core.idOf('init'), data: wasm });
    expect(a.port.got).toEqual([{ type: 'result', id: 1, data: wasm }]);
    expect(b.port.got).toContainEqual({ type: 'result', id: 1, data: wasm });

    // Both ask to measure: the engine times the backends once, and both get the outcome.
    a.send({ type: 'request', id: 2, op: { kind: 'measure', modelId: 'cnn-0.25' } });
    b.send({ type: 'request', id: 2, op: { kind: 'measure', modelId: 'cnn-0.25' } });
    expect(core.handled.filter((h) => h.type === 'request' && h.op.kind === 'measure')).toHaveLength(1);
    const webgl = report('webgl', 'measured');
    core.post({ type: 'result', id: core.idOf('measure'), data: webgl });
    expect(a.port.got.at(-1)).toEqual({ type: 'result', id: 2, data: webgl });
    expect(b.port.got).toContainEqual({ type: 'result', id: 2, data: webgl });
    expect(b.port.got).toContainEqual({ type: 'backend', state: { status: 'ready', report: webgl } });

    // A third frame joining later is answered at once.
    const c = frame();
    c.send({ type: 'request', id: 1, op: init({ how: 'measure', modelId: 'cnn-0.25' }) });
    expect(c.port.got).toEqual([{ type: 'result', id: 1, data: webgl }]);
  });

  it('a later init that forces another backend moves it, and every frame hears of the engine moving by itself', () => {
    const { core, frame } = setup();
    const a = frame();
    const b = frame();
    a.send({ type: 'request', id: 1, op: init({ how: 'forced', backend: 'webgl' }) });
    core.post({ type: 'result', id: core.idOf('init'), data: report('webgl', 'forced') });
    b.send({ type: 'request', id: 1, op: init({ how: 'forced', backend: 'wasm' }) });
    expect(core.handled.at(-1)).toMatchObject({
      type: 'request',
      op: { kind: 'use-backend', backend: 'wasm' },
    });
    const lost: FromEngine = {
      type: 'backend',
      state: { status: 'ready', report: report('wasm', 'fallback') },
    };
    core.post(lost);
    expect(a.port.got).toContainEqual(lost);
    expect(b.port.got).toContainEqual(lost);
  });
});

describe('SharedEngineHost: models given by bytes and engine-info', () => {
  it('keeps a model while another frame holds it, and frees it when the last holder leaves', () => {
    const { core, frame } = setup();
    const a = frame();
    const b = frame();
    const load = { kind: 'load-model', modelId: 'user:1', architecture: 'mlp', modelJson: '{}' } as const;
    a.send({ type: 'request', id: 1, op: { ...load, weights: new ArrayBuffer(4) } });
    b.send({ type: 'request', id: 1, op: { ...load, weights: new ArrayBuffer(4) } });
    a.send({ type: 'request', id: 2, op: { kind: 'unload-model', modelId: 'user:1' } });
    expect(a.port.got).toEqual([{ type: 'result', id: 2, data: null }]);
    expect(core.handled.some((h) => h.type === 'request' && h.op.kind === 'unload-model')).toBe(false);
    b.send({ type: 'bye' });
    expect(core.handled.at(-1)).toMatchObject({
      type: 'request',
      op: { kind: 'unload-model', modelId: 'user:1' },
    });
  });

  it('answers engine-info itself: one engine id, shared, and the frames connected', () => {
    const { frame } = setup();
    const a = frame();
    frame();
    a.send({ type: 'test', id: 4, op: { kind: 'engine-info' } });
    expect(a.port.got).toEqual([
      {
        type: 'result',
        id: 4,
        data: { engineId: 'engine-1', shared: true, clients: 2, running: 0, received: [] },
      },
    ]);
  });
});

describe('SharedEngineHost: the watchdog', () => {
  it('sends its heartbeat and an announced long step to every frame', () => {
    const { host, core, frame } = setup();
    const a = frame();
    const b = frame();
    host.alive();
    core.post({ type: 'alive' }); // the core has no heartbeat of its own: a plain one is dropped
    core.post({ type: 'alive', slow: 'compiling' });
    for (const p of [a.port, b.port])
      expect(p.got).toEqual([{ type: 'alive' }, { type: 'alive', slow: 'compiling' }]);
  });
});
