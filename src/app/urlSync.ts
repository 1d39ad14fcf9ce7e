import { useEffect } from 'react';
import { DEFAULT_MODEL_ID, MODEL_CARDS } from '../models/cards';
import { useAppStore } from '../store';
import {
  formatBackendParam,
  formatLabQuery,
  parseBackendParam,
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
  const b = parseBackendParam(q);
  const s = useAppStore.getState();
  s.setParams(params, [
    ...notices,
    ...(m.notice ? [m.notice] : []),
    ...g.notices,
    ...t.notices,
    ...b.notices,
  ]);
  s.setBackendRequest(b.backend);
  s.setModel(m.modelId);
  s.setGeo(g.geo);
  s.setTradeoffParams(t.tradeoff);
  s.setPresenting(parsePresenting(q));
}

let pendingUrl: string | null = null;
let urlTimer: ReturnType<typeof setTimeout> | undefined;

/** Forgets a URL update that is still waiting (see useUrlSync). */
function dropPendingUrl(): void {
  clearTimeout(urlTimer);
  pendingUrl = null;
}

/** Writes a URL update that is still waiting (see useUrlSync) at once. */
export function flushUrl(): void {
  const next = pendingUrl;
  dropPendingUrl();
  if (next !== null && next !== window.location.hash) history.replaceState(null, '', next);
}

/**
 * Mirrors the parameters into the URL (replaceState, so the back button is not flooded), and
 * reloads them when the user edits the URL or follows a link to another state.
 * The write waits for the parameters to rest for URL_DELAY_MS: a same-document navigation costs
 * about 10 ms of main thread per call in Chromium, too much to pay on every step of a dragged slider.
 * It is flushed before the page is hidden, before a link is copied and before a hash change is read.
 */
export const URL_DELAY_MS = 150;

export function useUrlSync(): void {
  const q = useLabQuery();
  useEffect(() => {
    const route = window.location.hash.replace(/\?.*$/, '') || '#/lab';
    const next = `${route}${q ? `?${q}` : ''}`;
    dropPendingUrl();
    if (next === window.location.hash) return;
    pendingUrl = next;
    urlTimer = setTimeout(flushUrl, URL_DELAY_MS);
  }, [q]);
  useEffect(() => {
    const onHash = () => {
      // The user (or a link) changed the URL: that state wins over a write still waiting.
      dropPendingUrl();
      loadStateFromUrl();
    };
    const onHide = () => {
      if (document.visibilityState === 'hidden') flushUrl();
    };
    window.addEventListener('hashchange', onHash);
    window.addEventListener('pagehide', flushUrl);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('pagehide', flushUrl);
      document.removeEventListener('visibilitychange', onHide);
    };
  }, []);
}

/** The lab's current query string (no "?"), for links that keep the state across views. */
export function useLabQuery(): string {
  return useAppStore((s) =>
    [
      formatLabQuery(s.params, s.modelId, DEFAULT_MODEL_ID, s.presenting, s.geo, {
        arch: s.tradeoffArch,
        count: s.tradeoffCount,
      }),
      formatBackendParam(s.backendRequest), // a forced backend stays in the link
    ]
      .filter((part) => part !== '')
      .join('&'),
  );
}
