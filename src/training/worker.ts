/// <reference lib="webworker" />
/**
 * The training worker: TF.js (wasm, else cpu) trains the student's own base model here, so the page
 * does no tensor work and never freezes. Loaded on demand, when the training panel is opened.
 */
import { TrainingSession } from './session';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new TrainingSession((m, transfer) => scope.postMessage(m, transfer ?? []));
scope.onmessage = (ev: MessageEvent<unknown>) => session.handle(ev.data);
