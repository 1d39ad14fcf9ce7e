/**
 * Lazily loaded code that survives a redeploy. When a new version of the lab is deployed while a tab
 * is open (and its service worker replaces the offline copy), the old page's first visit to a view
 * it has not loaded yet asks for a chunk that no longer exists, and the import fails ("Failed to
 * fetch dynamically imported module"). `importOrReload` then reloads the page once, keeping its URL
 * (the link's state is all in the hash), and leaves a note for the new page to show; a second
 * failure within a minute is not retried, so it reaches the view's error boundary as before.
 */
import { lazy, type ComponentType } from 'react';
import { errorMessage } from '../tasks/errorMessage';

const KEY = 'smoothing-lab:reloaded-for-update';
/** A reload newer than this counts as the one already tried. */
const RETRY_AFTER_MS = 60_000;

/** True for the errors browsers give when a module script cannot be fetched or is not there. */
export function isChunkLoadError(e: unknown): boolean {
  const msg = errorMessage(e);
  return /Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed|Unable to preload CSS/i.test(
    msg,
  );
}

/** sessionStorage's value at KEY, or null where storage is missing or refuses (never throws). */
function read(): string | null {
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** Writes KEY; false where storage refuses (then no reload is tried: it could not be counted). */
function write(value: string): boolean {
  try {
    window.sessionStorage.setItem(KEY, value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `load`; if it fails because the chunk is gone and no reload was tried in the last minute,
 * reloads the page once (the promise then never settles) and leaves a note; otherwise rethrows.
 */
export async function importOrReload<T>(load: () => Promise<T>, what: string): Promise<T> {
  try {
    return await load();
  } catch (e) {
    const last = Number(read()?.split('|')[0] ?? 0);
    if (!isChunkLoadError(e) || Date.now() - last < RETRY_AFTER_MS) throw e;
    if (!write(`${Date.now()}|${what}`)) throw e;
    window.location.reload();
    return new Promise<T>(() => {});
  }
}

/** React.lazy for a named export, reloading once after a redeploy (see importOrReload). */
export function lazyView<P extends object, K extends string>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
  what: string,
) {
  return lazy(() => importOrReload(load, what).then((m) => ({ default: m[name] })));
}

/**
 * The note left by a reload for an update, or null: what was being loaded. Read once per page, so
 * a later failure in this page is not mistaken for one.
 */
export function takeUpdateNote(): string | null {
  const v = read();
  if (!v) return null;
  const [at, what] = v.split('|');
  // The timestamp stays (it guards against a reload loop); only the note is taken. A note older
  // than a reload takes (left by an embedded widget, which shows none) is not this page's.
  write(`${at}|`);
  return what && Date.now() - Number(at) < RETRY_AFTER_MS ? what : null;
}
