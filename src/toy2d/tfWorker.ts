/// <reference lib="webworker" />
/**
 * The geometry view's TF.js worker: trains the 2D base classifiers, runs the PGD attacks and
 * estimates the smoothed regions (./tfHost.ts) on its own TF.js backend (WebGL on an OffscreenCanvas
 * where the browser allows it, else wasm or cpu), so the page's thread never waits on a shader
 * compile or the GPU. It is separate from the MNIST engine: the 2D work is small and must not queue
 * behind a certification.
 */
import { startBackend } from '../engine/worker/backend';
import { TOY_HEARTBEAT_MS, type FromToy } from './tfProtocol';
import { ToyHost } from './tfHost';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const host = new ToyHost(
  (m, transfer) => scope.postMessage(m, transfer ?? []),
  async (unavailable) => (await startBackend(undefined, unavailable)).backend,
);
scope.onmessage = (ev: MessageEvent<unknown>) => {
  void host.handle(ev.data);
};
setInterval(() => scope.postMessage({ type: 'alive' } satisfies FromToy), TOY_HEARTBEAT_MS);
