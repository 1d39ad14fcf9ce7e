/// <reference lib="webworker" />
/** The engine's Web Worker: TF.js (WebGL on an OffscreenCanvas where the browser allows it). */
import type { ToEngine } from '../protocol';
import { EngineCore } from './core';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const core = new EngineCore((e) => scope.postMessage(e));
scope.onmessage = (ev: MessageEvent<ToEngine>) => {
  void core.handle(ev.data);
};
