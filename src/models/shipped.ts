import { useEffect, useState } from 'react';
import { parseTsv, type CertifyRow } from '../smoothing';

export { SHIPPED_RUN } from './shippedRun';

/** The shipped certifications, loaded on demand. */
const SHIPPED_TSVS = import.meta.glob<string>('../../models/certify/*.tsv', {
  query: '?raw',
  import: 'default',
});

let cache: Promise<Record<string, CertifyRow[]>> | null = null;

/** Rows of each shipped run, keyed by file name without extension, e.g. "cnn-0.25-sigma0.25". */
export function loadShippedRuns(): Promise<Record<string, CertifyRow[]>> {
  cache ??= Promise.all(
    Object.entries(SHIPPED_TSVS).map(async ([path, load]) => {
      const name = path
        .split('/')
        .pop()!
        .replace(/\.tsv$/, '');
      return [name, parseTsv(await load(), name)] as const;
    }),
  ).then((entries) => Object.fromEntries(entries));
  return cache;
}

/** The shipped runs for a component: empty until loaded (loadShippedRuns). */
export function useShippedRuns(): Record<string, CertifyRow[]> {
  const [runs, setRuns] = useState<Record<string, CertifyRow[]>>({});
  useEffect(() => {
    let live = true;
    void loadShippedRuns().then((r) => live && setRuns(r));
    return () => {
      live = false;
    };
  }, []);
  return runs;
}
