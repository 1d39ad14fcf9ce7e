/**
 * The engine's channel for events no request asked for (slow downloads, an announced long step, a
 * noise helper left): the parts deep in the engine post here, and EngineCore sets where it goes
 * once, to its own `post`. Nothing is sent before that (e.g. in unit tests that set no channel).
 */
import type { FromEngine } from '../protocol';

let post: ((e: FromEngine) => void) | null = null;

/** Where unrequested events go (set once by EngineCore; a test may set its own). */
export function sendEventsTo(p: (e: FromEngine) => void): void {
  post = p;
}

/** Sends one unrequested event to the page, if a channel is set. */
export function toPage(e: FromEngine): void {
  post?.(e);
}
