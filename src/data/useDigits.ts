import { useEffect, useState } from 'react';
import { decodeDigits, type DigitSet } from './digits';

type DigitsState =
  { status: 'loading' } | { status: 'ready'; set: DigitSet } | { status: 'error'; message: string };

let cache: Promise<DigitSet> | null = null;

/** Downloads the shipped test digits once (./data/mnist-test.bin) and checks the file. */
export function loadDigits(): Promise<DigitSet> {
  cache ??= fetch(new URL('./data/mnist-test.bin', document.baseURI))
    .then(async (res) => {
      if (!res.ok) throw new Error(`data/mnist-test.bin could not be downloaded (HTTP ${res.status})`);
      return decodeDigits(new Uint8Array(await res.arrayBuffer()), 'data/mnist-test.bin');
    })
    .catch((e: unknown) => {
      cache = null;
      throw e;
    });
  return cache;
}

export function useDigits(): DigitsState {
  const [state, setState] = useState<DigitsState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    loadDigits().then(
      (set) => live && setState({ status: 'ready', set }),
      (e: unknown) => live && setState({ status: 'error', message: (e as Error).message }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
