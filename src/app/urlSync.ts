import { useEffect } from 'react';
import { DEFAULT_MODEL_ID, MODEL_CARDS } from '../models/cards';
import { isUserModelId } from '../models/userModels';
import { useAppStore, type AppState } from '../store';
import type { RunKey } from '../store/labSlice';
import { samePixels } from '../store/url/pixels';
import { searchOf } from '../store/url/defineUrlSchema';
import { formatLabQuery, parseLabQuery, parseUrlPart, withQuery, type LabQuery } from '../store/urlRegistry';
import { embedWidgetFromHash } from './embed/route';
import { pathOfHash, queryOfHash, subscribeHash } from './hash';

const MODEL_IDS = MODEL_CARDS.map((c) => c.id);

/**
 * A model trained in this browser that the URL names while the saved models are still being read
 * (IndexedDB answers after the first render): it is selected once they are, if it is there.
 */
let pendingUserModel: string | null = null;

/** The sentence for a link naming a model trained in this browser that this browser does not have. */
export function missingUserModelNotice(id: string): string {
  return `The link names "${id}", a model a student trained in their own browser; it is not stored in this one (models you train stay in the browser that trained them), so ${DEFAULT_MODEL_ID} is used.`;
}

/**
 * How each field of the registry (../store/urlRegistry.ts) goes into the store, in the order they
 * are applied (the backend request before the model: each set may restart the run). Only what changed is
 * set for the stop mode and the input: setting them again would restart the run (and drop the
 * stop report) on every hash change, such as a move to another view and back.
 */
const APPLY: { [F in keyof LabQuery]: (s: AppState, value: LabQuery[F], notices: string[]) => void } = {
  params: (s, params, notices) => s.setParams(params, notices),
  backend: (s, backend) => s.setBackendRequest(backend),
  modelId: (s, id) => s.setModel(id),
  geo: (s, geo) => s.setGeo(geo),
  tradeoff: (s, t) => s.setTradeoffParams(t),
  presenting: (s, on) => s.setPresenting(on),
  anytime: (s, a) => {
    if (s.stopAtRadius !== a.stop) s.setStopAtRadius(a.stop);
    if (s.stopRadius !== a.r) s.setStopRadius(a.r);
    if (s.stopWhenUnreachable !== a.futile) s.setStopWhenUnreachable(a.futile);
  },
  drawn: (s, drawn) => {
    const same = drawn === null ? s.drawn === null : s.drawn !== null && samePixels(s.drawn, drawn);
    if (!same) s.setDrawn(drawn);
  },
};

/** Loads every parameter (every view's state too) from the URL into the store, with notices for corrected values. */
export function loadStateFromUrl(): void {
  const query = queryOfHash(window.location.hash);
  const s = useAppStore.getState();
  const models = { ids: [...MODEL_IDS, ...s.userModels.map((c) => c.id)], fallback: DEFAULT_MODEL_ID };
  const u = parseLabQuery(query, models);
  const asked = searchOf(query).get('model');
  pendingUserModel = null;
  let notices = u.notices;
  if (asked !== null && isUserModelId(asked) && !models.ids.includes(asked)) {
    // Not (yet) known here: wait for the saved models, or say plainly why it is not used.
    const generic = parseUrlPart('modelId', query, models).notices[0];
    notices = notices.filter((n) => n !== generic);
    if (s.userModelsStatus === 'loading') pendingUserModel = asked;
    else notices = [...notices, missingUserModelNotice(asked)];
  }
  const apply = <F extends keyof LabQuery>(field: F) => APPLY[field](s, u[field], notices);
  for (const field of Object.keys(APPLY) as (keyof LabQuery)[]) apply(field);
}

/**
 * Once the saved user models are read: selects the model the URL named while they loaded (unless
 * the student chose another meanwhile), or adds the notice that this browser does not have it.
 */
export function resolvePendingUserModel(): void {
  const id = pendingUserModel;
  pendingUserModel = null;
  if (id === null) return;
  const s = useAppStore.getState();
  if (s.modelId !== DEFAULT_MODEL_ID) return;
  if (s.userModels.some((c) => c.id === id)) s.setModel(id);
  else useAppStore.setState({ notices: [...s.notices, missingUserModelNotice(id)] });
}

let pendingUrl: string | null = null;
/** The location hash when the waiting write was scheduled: if it changed since, the user (or a link) moved on. */
let pendingBase: string | null = null;
let urlTimer: ReturnType<typeof setTimeout> | undefined;

/** Whether the page is showing one embedded widget (#/embed/...): then nothing writes its URL. */
function inEmbedMode(): boolean {
  return embedWidgetFromHash(window.location.hash) !== null;
}

/** Forgets a URL update that is still waiting (see useUrlSync). */
function dropPendingUrl(): void {
  clearTimeout(urlTimer);
  pendingUrl = null;
  pendingBase = null;
}

/**
 * Writes a URL update that is still waiting (see useUrlSync) at once. It is dropped instead when
 * the hash changed since it was scheduled (a hash the user just typed wins, even before its
 * hashchange event has arrived) and in embed mode (an embedded frame never rewrites its URL: the
 * embedding page owns it, with its origin= allowlist).
 */
export function flushUrl(): void {
  const next = pendingUrl;
  const base = pendingBase;
  dropPendingUrl();
  if (next === null || window.location.hash !== base || inEmbedMode()) return;
  if (next !== window.location.hash) history.replaceState(null, '', next);
}

/**
 * The one writer of the URL: mirrors the full app's parameters into it (replaceState, so the back
 * button is not flooded). The write waits for the parameters to rest for URL_DELAY_MS: a
 * same-document navigation costs about 10 ms of main thread per call in Chromium, too much to pay
 * on every step of a dragged slider. It is flushed before the page is hidden and before a link is
 * copied; it is dropped when the hash changes first (see flushUrl). Reading the URL back when the
 * user edits it is startUrlSync's job, for the full app and embed mode alike.
 */
export const URL_DELAY_MS = 150;

export function useUrlSync(): void {
  const q = useLabQuery();
  useEffect(() => {
    dropPendingUrl();
    if (inEmbedMode()) return;
    const next = withQuery(pathOfHash(window.location.hash) || '#/lab', q);
    if (next === window.location.hash) return;
    pendingUrl = next;
    pendingBase = window.location.hash;
    urlTimer = setTimeout(flushUrl, URL_DELAY_MS);
  }, [q]);
}

let started = false;

/**
 * Reads the URL into the store now, and again whenever the user edits it or follows a link to
 * another state, in the full app and in embed mode alike (switching the same document between
 * `#/lab?sigma=0.3` and `#/embed/histogram?sigma=0.7` applies the typed values). Installed once,
 * before the first render, so its hashchange listener runs before any component's.
 */
export function startUrlSync(): void {
  loadStateFromUrl();
  if (started) return;
  started = true;
  subscribeHash(() => {
    // The user (or a link) changed the URL: that state wins over a write still waiting.
    dropPendingUrl();
    loadStateFromUrl();
  });
  window.addEventListener('pagehide', flushUrl);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushUrl();
  });
}

/**
 * The app's query string (no "?") for the store's state: every key of every view, the stop mode and
 * the drawn input included. With `run`, the lab's part (parameters, model, input, stop rule) is that run's
 * snapshot instead of the controls' (a link to the certificate on screen while it is out of date).
 */
export function labQueryOf(s: AppState, run?: RunKey): string {
  const state: LabQuery = {
    params: run?.params ?? s.params,
    modelId: run?.modelId ?? s.modelId,
    presenting: s.presenting,
    geo: s.geo,
    tradeoff: { arch: s.tradeoffArch, count: s.tradeoffCount, published: s.tradeoffPublished },
    backend: s.backendRequest, // a forced backend stays in the link
    // The run's own rule (stop mode and r) where the link is for that run.
    anytime: run
      ? { stop: run.stop !== null, r: run.stop ?? s.stopRadius, futile: run.stopUnreachable ?? false }
      : { stop: s.stopAtRadius, r: s.stopRadius, futile: s.stopWhenUnreachable },
    drawn: run ? run.drawn : s.drawn,
  };
  return formatLabQuery(state, DEFAULT_MODEL_ID);
}

/** The lab's current query string (no "?"), for links that keep the state across views. */
export function useLabQuery(): string {
  return useAppStore((s) => labQueryOf(s));
}
