import { useEffect, useState } from 'react';
import { parseTsv, type CertifyRow } from '../smoothing';

export { SHIPPED_RUN } from './shippedRun';

type Runs = Record<string, CertifyRow[]>;

/** The shipped certifications, loaded on demand. */
const SHIPPED_TSVS = import.meta.glob<string>('../../models/certify/*.tsv', {
  query: '?raw',
  import: 'default',
});

/**
 * The training ablation's certifications (models/certify/ablation/, the same digits, n0, n, alpha
 * and seed as SHIPPED_RUN): every method and augmentation at sigma 0.25, 0.50 and 1.00.
 */
const ABLATION_TSVS = import.meta.glob<string>('../../models/certify/ablation/*.tsv', {
  query: '?raw',
  import: 'default',
});

/** Rows of each TSV, keyed by file name without extension, e.g. "cnn-0.25-sigma0.25". */
function loadTsvs(files: Record<string, () => Promise<string>>): Promise<Runs> {
  return Promise.all(
    Object.entries(files).map(async ([path, load]) => {
      const name = path
        .split('/')
        .pop()!
        .replace(/\.tsv$/, '');
      return [name, parseTsv(await load(), name)] as const;
    }),
  ).then((entries) => Object.fromEntries(entries));
}

let shippedCache: Promise<Runs> | null = null;
let ablationCache: Promise<Runs> | null = null;

/** Rows of each shipped run, keyed by file name without extension, e.g. "cnn-0.25-sigma0.25". */
export function loadShippedRuns(): Promise<Runs> {
  shippedCache ??= loadTsvs(SHIPPED_TSVS);
  return shippedCache;
}

/** Rows of each ablation run, keyed like "cnn-0.50-gauss-plain-sigma0.50". */
export function loadAblationRuns(): Promise<Runs> {
  ablationCache ??= loadTsvs(ABLATION_TSVS);
  return ablationCache;
}

/** Runs for a component, loaded once `enabled`: empty until then. */
function useRuns(load: () => Promise<Runs>, enabled: boolean): Runs {
  const [runs, setRuns] = useState<Runs>({});
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void load().then((r) => live && setRuns(r));
    return () => {
      live = false;
    };
  }, [load, enabled]);
  return runs;
}

/** The shipped runs for a component: empty until loaded (loadShippedRuns). */
export const useShippedRuns = (): Runs => useRuns(loadShippedRuns, true);

/** The ablation runs, loaded the first time `enabled` is true (they are only drawn on request). */
export const useAblationRuns = (enabled: boolean): Runs => useRuns(loadAblationRuns, enabled);
