/**
 * The WebGL context's fate, watched for the engine. When the context is lost (a GPU reset, a driver
 * crash, the browser reclaiming memory), the models' weights go with it and a GPU read pending at
 * that moment may never settle, so every request races its GPU work against the loss.
 */
import * as tf from '@tensorflow/tfjs-core';

const LOST = 'the WebGL context was lost';

export class WebglContextGuard {
  /** Rejects when the context is lost; a pending GPU read may never return after that. */
  private lost: Promise<never> = new Promise(() => undefined);
  private wasLost = false;

  /** The active backend's WebGL context, or null on wasm and cpu. */
  context(): WebGLRenderingContext | null {
    if (tf.getBackend() !== 'webgl') return null;
    return (tf.backend() as unknown as { gpgpu?: { gl: WebGLRenderingContext } }).gpgpu?.gl ?? null;
  }

  /** Listens for the loss of the active backend's context (call after each backend start). */
  watch(): void {
    const canvas = this.context()?.canvas as (HTMLCanvasElement | OffscreenCanvas) | undefined;
    if (!canvas) return;
    this.lost = new Promise<never>((_, reject) => {
      canvas.addEventListener('webglcontextlost', () => {
        this.wasLost = true;
        reject(new Error(LOST));
      });
    });
    this.lost.catch(() => undefined);
  }

  /** Whether the context has been lost (seen by the event or by asking the context now). */
  isLost(): boolean {
    if (!this.wasLost && this.context()?.isContextLost()) this.wasLost = true;
    return this.wasLost;
  }

  /** Throws if the context is lost now; checked before every batch (GPU work may never finish). */
  throwIfLost(): false {
    if (this.context()?.isContextLost()) {
      this.wasLost = true;
      throw new Error(LOST);
    }
    return false;
  }

  /** Forgets a loss once the engine has moved to another backend. */
  reset(): void {
    this.wasLost = false;
    this.lost = new Promise(() => undefined);
  }

  /** `p`, or a rejection as soon as the context is lost (an event, or found lost every 250 ms). */
  race<T>(p: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setInterval> | undefined;
    const watchdog = new Promise<never>((_, reject) => {
      timer = setInterval(() => {
        if (this.isLost()) reject(new Error(LOST));
      }, 250);
    });
    watchdog.catch(() => undefined);
    return Promise.race([p, this.lost, watchdog]).finally(() => clearInterval(timer));
  }

  /** `p`, or a rejection when the loss event fires (no polling: for loading a model). */
  raceEvent<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.lost]);
  }

  /** Test op: makes the browser drop this engine's WebGL context, as a GPU reset would. */
  loseForTest(): void {
    this.context()?.getExtension('WEBGL_lose_context')?.loseContext();
  }
}
