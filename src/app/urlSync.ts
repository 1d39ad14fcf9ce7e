import { useEffect } from 'react';
import { DEFAULT_MODEL_ID, MODEL_CARDS } from '../models/cards';
import { useAppStore } from '../store';
import {
  formatLabQuery,
  parseGeoParams,
  parseModel,
  parseParams,
  parsePresenting,
  parseTradeoffParams,
} from '../store/urlSchema';

function queryOf(hash: string): string {
  const i = hash.indexOf('?');
  return i >= 0 ? hash.slice(i + 1) : '';
}

/** Loads every parameter (the geometry view's too) from the URL into the store, with notices for corrected values. */
export function loadStateFromUrl(): void {
  const q = queryOf(window.location.hash);
  const { params, notices } = parseParams(q);
  const m = parseModel(
    q,
    MODEL_CARDS.map((c) => c.id),
    DEFAULT_MODEL_ID,
  );
  const g = parseGeoParams(q);
  const t = parseTradeoffParams(q);
  const s = useAppStore.getState();
  s.setParams(params, [...notices, ...(m.notice ? [m.notice] : []), ...g.notices, ...t.notices]);
  s.setModel(m.modelId);
  s.setGeo(g.geo);
  s.setTradeoffParams(t.tradeoff);
  s.setPresenting(parsePresenting(q));
}

/**
 * Mirrors the parameters into the URL (replaceState, so the back button is not flooded), and
 * reloads them when the user edits the URL or follows a link to another state.
 */
export function useUrlSync(): void {
  const q = useLabQuery();
  useEffect(() => {
    const route = window.location.hash.replace(/\?.*$/, '') || '#/lab';
    const next = `${route}${q ? `?${q}` : ''}`;
    if (next !== window.location.hash) history.replaceState(null, '', next);
  }, [q]);
  useEffect(() => {
    window.addEventListener('hashchange', loadStateFromUrl);
    return () => window.removeEventListener('hashchange', loadStateFromUrl);
  }, []);
}

/** The lab's current query string (no "?"), for links that keep the state across views. */
export function useLabQuery(): string {
  return useAppStore((s) =>
    formatLabQuery(s.params, s.modelId, DEFAULT_MODEL_ID, s.presenting, s.geo, {
      arch: s.tradeoffArch,
      count: s.tradeoffCount,
    }),
  );
}
