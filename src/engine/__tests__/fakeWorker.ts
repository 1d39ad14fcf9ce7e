/**
 * A worker for the client's unit tests: it records what the page sends and answers only when the
 * test says so (`reply`), or fails to load (`failToLoad`). Shared by the client, shared-engine and
 * watchdog tests; and CERTIFY_OP, the certify request those tests and the core's send.
 */
import type { WorkerLike } from '../client/engineWorkers';
import type { CertifyOp, FromEngine, ToEngine } from '../protocol';

export class FakeWorker implements WorkerLike {
  sent: ToEngine[] = [];
  terminated = false;
  onmessage: ((ev: MessageEvent<FromEngine>) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  onmessageerror: ((ev: MessageEvent) => void) | null = null;
  constructor(readonly kind: 'shared-worker' | 'worker' = 'worker') {}
  postMessage(m: ToEngine): void {
    this.sent.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(e: FromEngine): void {
    this.onmessage?.({ data: e } as MessageEvent<FromEngine>);
  }
  /** Its script could not be fetched (a 404): the error comes before any message. */
  failToLoad(): void {
    this.onerror?.({ preventDefault: () => undefined } as Event);
  }
  /** A message from it arrived that could not be deserialized (the browser's messageerror). */
  garble(): void {
    this.onmessageerror?.({ data: null } as MessageEvent);
  }
  /** The ops it was sent, in order ('cancel' for a cancel). */
  ops(): string[] {
    return this.sent.map((m) => (m.type === 'cancel' ? 'cancel' : m.op.kind));
  }
}

/** A small certify request (cnn-0.25, a blank input, n0 = 10, n = 100) for the routing tests. */
export const CERTIFY_OP: CertifyOp = {
  kind: 'certify',
  modelId: 'cnn-0.25',
  x: new Float32Array(784),
  sigma: 0.25,
  n0: 10,
  n: 100,
  alpha: 0.001,
  seed: 0,
};
