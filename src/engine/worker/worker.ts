/// <reference lib="webworker" />
/**
 * The engine's worker: TF.js (WebGL on an OffscreenCanvas where the browser allows it). The same
 * script runs two ways. As a dedicated Worker it serves the one page that made it. As a
 * SharedWorker (embedded widgets, docs/architecture/engine.md "One engine per page") it serves every
 * frame of the lab's origin in the lesson page through SharedEngineHost, which keeps their request
 * ids apart and stops the jobs of a frame that leaves.
 */
import { HEARTBEAT_MS, type FromEngine, type ToEngine, type ToSharedEngine } from '../protocol';
import { EngineCore } from './core';
import { SharedEngineHost } from './sharedHost';

const isShared = typeof SharedWorkerGlobalScope !== 'undefined' && self instanceof SharedWorkerGlobalScope;

if (isShared) {
  const scope = self as unknown as SharedWorkerGlobalScope;
  const locks = (scope.navigator as Navigator & { locks?: LockManager }).locks;
  // A frame holds its Web Lock while it lives: the engine is granted it once the frame is gone.
  const whenGone = (lock: string) =>
    locks ? locks.request(lock, () => undefined).then(() => undefined) : new Promise<void>(() => undefined);
  const host = new SharedEngineHost((post) => new EngineCore(post), whenGone);
  scope.onconnect = (ev: MessageEvent) => {
    const port = ev.ports[0]!;
    const frame = host.connect({
      postMessage: (m: FromEngine) => port.postMessage(m),
      close: () => port.close(),
    });
    port.onmessage = (e: MessageEvent<ToSharedEngine>) => host.receive(frame, e.data);
    // Where the browser says so, a port whose frame went away closes (MessagePort's close event).
    port.addEventListener('close', () => host.disconnect(frame));
    port.start();
  };
  setInterval(() => host.alive(), HEARTBEAT_MS);
} else {
  const scope = self as unknown as DedicatedWorkerGlobalScope;
  const core = new EngineCore((e) => scope.postMessage(e));
  scope.onmessage = (ev: MessageEvent<ToEngine>) => {
    void core.handle(ev.data);
  };
  // The heartbeat: the page's watchdog hears it between batches; silence means this worker died or hangs.
  setInterval(() => scope.postMessage({ type: 'alive' } satisfies FromEngine), HEARTBEAT_MS);
}
