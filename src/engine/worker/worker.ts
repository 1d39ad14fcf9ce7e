/// <reference lib="webworker" />
/** The engine's Web Worker: TF.js (WebGL on an OffscreenCanvas where the browser allows it). */
import { EngineCore } from './core';
import type { EngineRequest } from '../protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const core = new EngineCore((e) => scope.postMessage(e));
scope.onmessage = (ev: MessageEvent<EngineRequest>) => {
  void core.handle(ev.data);
};
