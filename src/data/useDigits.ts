import { useEffect, useState } from 'react';
import { decodeDigits, FIRST_DIGITS, FIRST_DIGITS_FILE, type DigitSet } from './digits';

type DigitsState =
  { status: 'loading' } | { status: 'ready'; set: DigitSet } | { status: 'error'; message: string };

let cache: Promise<DigitSet> | null = null;
let firstCache: Promise<DigitSet> | null = null;

function fetchDigits(file: string): Promise<DigitSet> {
  return fetch(new URL(`./${file}`, document.baseURI)).then(async (res) => {
    if (!res.ok) throw new Error(`${file} could not be downloaded (HTTP ${res.status})`);
    return decodeDigits(new Uint8Array(await res.arrayBuffer()), file);
  });
}

/** Downloads the shipped test digits once (./data/mnist-test.bin, all 2,000) and checks the file. */
export function loadDigits(): Promise<DigitSet> {
  cache ??= fetchDigits('data/mnist-test.bin').catch((e: unknown) => {
    cache = null;
    throw e;
  });
  return cache;
}

/**
 * The first FIRST_DIGITS test digits (a 50 KB file of their own), or all of them where they are
 * already loaded or the small file cannot be had.
 */
function loadFirstDigits(): Promise<DigitSet> {
  if (cache) return cache;
  firstCache ??= fetchDigits(FIRST_DIGITS_FILE).catch(() => {
    firstCache = null;
    return loadDigits();
  });
  return firstCache;
}

/**
 * The test digits, loaded once. `needed`: how many leading digits the caller shows (e.g. the gallery
 * and the chosen digit, digit + 1); while that fits in the small first file only it is fetched, so a
 * first visit does not wait for all 2,000. The set then covers at least `needed` digits, or all of
 * them (count 2,000) when more are needed; its digits are the same either way. Default: all.
 */
export function useDigits(needed = Infinity): DigitsState {
  const small = needed <= FIRST_DIGITS;
  const [state, setState] = useState<{ small: boolean; s: DigitsState }>({
    small,
    s: { status: 'loading' },
  });
  useEffect(() => {
    // A set that already covers what is needed is kept (a new set object would restart a run).
    if (state.s.status === 'ready' && (small || !state.small)) return;
    let live = true;
    (small ? loadFirstDigits() : loadDigits()).then(
      (set) => live && setState({ small, s: { status: 'ready', set } }),
      (e: unknown) => live && setState({ small, s: { status: 'error', message: (e as Error).message } }),
    );
    return () => {
      live = false;
    };
  }, [small, state]);
  // Asked for more than the small set in hand: loading until the whole set is here.
  if (state.s.status === 'ready' && state.small && !small) return { status: 'loading' };
  return state.s;
}
