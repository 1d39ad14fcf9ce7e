/**
 * The location hash, read in one place: the query string a hash carries, and the one
 * subscription to its changes that the route, embed mode and the URL sync all use. The app's
 * routes and state live in the hash ("#/lab?sigma=0.5"), so a static host serves every link.
 */
import { useSyncExternalStore } from 'react';

/** The query string of a hash such as "#/embed/grid?sigma=0.5" (no "?"; empty when none). */
export function queryOfHash(hash: string): string {
  const i = hash.indexOf('?');
  return i >= 0 ? hash.slice(i + 1) : '';
}

/** The hash without its query ("#/lab?sigma=0.5" gives "#/lab"). */
export function pathOfHash(hash: string): string {
  const i = hash.indexOf('?');
  return i >= 0 ? hash.slice(0, i) : hash;
}

/** Calls `onChange` after every change of the location hash; returns the unsubscribe function. */
export function subscribeHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/**
 * A value derived from the location hash (`read` gets the current hash), re-read on every hash
 * change. `read` must return the same value for the same hash (a string, a name or null).
 */
export function useHashValue<T>(read: (hash: string) => T): T {
  return useSyncExternalStore(subscribeHash, () => read(window.location.hash));
}
