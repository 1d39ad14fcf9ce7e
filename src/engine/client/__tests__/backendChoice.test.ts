import { describe, expect, it } from 'vitest';
import { BACKEND_MEMORY_VERSION, readChoice, writeChoice, type DeviceStamp } from '../backendChoice';

const stamp: DeviceStamp = { app: '0.1.0+abc', browser: 'Chromium 156', device: '2 cores; SwiftShader' };
const wasm = {
  backend: 'wasm' as const,
  timings: { wasm: 4943, webgl: 216 },
  measuredAt: '2026-12-03T16:00:00Z',
};

describe('the remembered backend choice', () => {
  it('is read back for the same family, build, browser and device', () => {
    const raw = writeChoice(null, 'cnn', stamp, wasm);
    expect(readChoice(raw, 'cnn', stamp)).toEqual(wasm);
    expect(readChoice(raw, 'mlp', stamp)).toBeNull();
  });

  it('is ignored after the app, the browser or the device changed (measure again)', () => {
    const raw = writeChoice(null, 'cnn', stamp, wasm);
    expect(readChoice(raw, 'cnn', { ...stamp, app: '0.1.0+def' })).toBeNull();
    expect(readChoice(raw, 'cnn', { ...stamp, browser: 'Chromium 157' })).toBeNull();
    expect(readChoice(raw, 'cnn', { ...stamp, device: '8 cores; a real GPU' })).toBeNull();
  });

  it('keeps other families measured with the same stamp and drops those of another', () => {
    const webgl = { backend: 'webgl' as const, timings: { webgl: 9000, wasm: 4000 }, measuredAt: 'x' };
    const both = writeChoice(writeChoice(null, 'cnn', stamp, wasm), 'mlp', stamp, webgl);
    expect(readChoice(both, 'cnn', stamp)).toEqual(wasm);
    expect(readChoice(both, 'mlp', stamp)).toEqual(webgl);
    const newBuild = { ...stamp, app: 'next' };
    const after = writeChoice(both, 'mlp', newBuild, webgl);
    expect(readChoice(after, 'cnn', newBuild)).toBeNull();
    expect(readChoice(after, 'mlp', newBuild)).toEqual(webgl);
  });

  it('treats unreadable, foreign or older-version values as nothing remembered', () => {
    for (const raw of [
      null,
      '',
      'not json',
      '{}',
      JSON.stringify({ version: BACKEND_MEMORY_VERSION + 1, stamp, families: { cnn: wasm } }),
      JSON.stringify({
        version: BACKEND_MEMORY_VERSION,
        stamp,
        families: { cnn: { ...wasm, backend: 'gpu' } },
      }),
    ]) {
      expect(readChoice(raw, 'cnn', stamp)).toBeNull();
    }
    // A damaged value is replaced by a clean one on the next write.
    expect(readChoice(writeChoice('not json', 'cnn', stamp, wasm), 'cnn', stamp)).toEqual(wasm);
  });
});
