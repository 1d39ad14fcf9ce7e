import { afterEach, describe, expect, it } from 'vitest';
import { useAppStore } from '../../store';
import { encodePixels, quantizePixels } from '../../store/url/pixels';
import type { UserModelCard } from '../../models/userModels';
import { labQueryOf, loadStateFromUrl, missingUserModelNotice, resolvePendingUserModel } from '../urlSync';

/** Loads a hash as the page would on start or on a hash change (only `location.hash` is read). */
function load(hash: string) {
  (globalThis as unknown as { window: unknown }).window = { location: { hash } };
  loadStateFromUrl();
}

const drawing = quantizePixels(
  Float32Array.from({ length: 784 }, (_, i) => (i % 5 === 0 ? (i % 97) / 96 : 0)),
);
const px = encodePixels(drawing);

afterEach(() => {
  load('#/lab');
  delete (globalThis as unknown as { window?: unknown }).window;
});

describe('the URL sync, hash to store', () => {
  it('reads the stop mode, r and the drawn input, and writes them back in the same query', () => {
    load(`#/lab?n=200&stop=1&r=0.3&px=${px}`);
    const s = useAppStore.getState();
    expect([s.stopAtRadius, s.stopRadius]).toEqual([true, 0.3]);
    expect(s.drawn).toEqual(drawing);
    expect(s.notices).toEqual([]);
    expect(labQueryOf(s)).toBe(`n=200&stop=1&r=0.3&px=${px}`);
  });

  it('leaves the stop mode and the input alone when the hash holds the same ones (no restart)', () => {
    load(`#/lab?stop=1&r=0.3&px=${px}`);
    const drawn = useAppStore.getState().drawn;
    // Another view with the same state, then back.
    load(`#/geometry?stop=1&r=0.3&px=${px}`);
    load(`#/lab?stop=1&r=0.3&px=${px}`);
    const s = useAppStore.getState();
    expect(s.drawn).toBe(drawn);
    expect([s.stopAtRadius, s.stopRadius]).toEqual([true, 0.3]);
    // A hash with another r or no drawn input changes them.
    load('#/lab?stop=1&r=0.4');
    expect(useAppStore.getState().stopRadius).toBe(0.4);
    expect(useAppStore.getState().drawn).toBeNull();
  });

  it('gives a notice and the gallery digit for a broken px=, and drops it from the query', () => {
    load(`#/lab?digit=3&px=${px.slice(0, -4)}`);
    const s = useAppStore.getState();
    expect(s.drawn).toBeNull();
    expect(s.params.digit).toBe(3);
    expect(s.notices).toHaveLength(1);
    expect(s.notices[0]).toMatch(/is not a drawn digit \(px=\): .*; using the test digit instead\.$/);
    expect(labQueryOf(s)).toBe('digit=3');
  });

  it("writes an out-of-date run's own input and parameters when asked for that run", () => {
    load(`#/lab?sigma=0.5&px=${px}`);
    const run = {
      params: useAppStore.getState().params,
      modelId: 'cnn-0.25',
      drawn: useAppStore.getState().drawn,
      stop: null,
    };
    load('#/lab?sigma=0.7');
    expect(labQueryOf(useAppStore.getState())).toBe('sigma=0.7');
    expect(labQueryOf(useAppStore.getState(), run)).toBe(`sigma=0.5&px=${px}`);
  });
});

describe('a link to a model trained in a browser', () => {
  const card = { id: 'user:abc-0001', architecture: 'mlp', sigmaTrain: 0.5 } as UserModelCard;
  afterEach(() => useAppStore.setState({ userModels: [], userModelsStatus: 'loading', notices: [] }));

  it('waits for the saved models, then selects it; the link keeps its id as written', () => {
    useAppStore.setState({ userModelsStatus: 'loading' });
    load('#/lab?sigma=0.5&model=user:abc-0001');
    expect(useAppStore.getState().modelId).toBe('cnn-0.25');
    expect(useAppStore.getState().notices).toEqual([]);
    useAppStore.getState().userModelsLoaded([card], 'ready');
    resolvePendingUserModel();
    const s = useAppStore.getState();
    expect(s.modelId).toBe('user:abc-0001');
    expect(labQueryOf(s)).toBe('sigma=0.5&model=user:abc-0001');
    // Once known, a link to it is read at once.
    load('#/lab');
    load('#/lab?model=user:abc-0001');
    expect(useAppStore.getState().modelId).toBe('user:abc-0001');
  });

  it('says plainly that this browser does not have it, and uses the shipped default', () => {
    useAppStore.setState({ userModelsStatus: 'loading' });
    load('#/lab?model=user:gone-0001');
    useAppStore.getState().userModelsLoaded([], 'ready');
    resolvePendingUserModel();
    expect(useAppStore.getState().modelId).toBe('cnn-0.25');
    expect(useAppStore.getState().notices).toEqual([missingUserModelNotice('user:gone-0001')]);
    // Read after the list: the same notice at once, not the generic one.
    load('#/lab?model=user:gone-0002');
    expect(useAppStore.getState().notices).toEqual([missingUserModelNotice('user:gone-0002')]);
    expect(missingUserModelNotice('user:gone-0002')).toMatch(/not stored in this one.*cnn-0.25 is used/);
  });
});
