import { useHashValue } from '../hash';

/**
 * Embed mode's URL: `#/embed/<widget>?<the lab's query>&origin=<allowed origin>`. Pure helpers
 * and one hook; the widgets themselves are in EmbedApp.tsx.
 */

/** The widgets a lesson page can embed, in the order the README lists them. */
export const EMBED_WIDGETS = [
  { id: 'histogram', title: 'Vote histograms and certificate' },
  { id: 'compact', title: 'Votes and certificate, compact' },
  { id: 'grid', title: 'Noisy copies of a digit' },
  { id: 'input', title: 'Draw or photograph a digit' },
  { id: 'anytime', title: 'Anytime-valid certificate and stop mode' },
  { id: 'attack', title: 'Try to break the certificate' },
  { id: 'geometry', title: 'Geometry of the certificate (2D)' },
  { id: 'tradeoff', title: 'Sigma–radius trade-off' },
  { id: 'coverage', title: 'Coverage experiment: the lesson’s snippet against CERTIFY' },
  { id: 'peeking', title: 'The peeking trap' },
  { id: 'checkpoint', title: 'A predict-then-reveal checkpoint' },
] as const;

export type EmbedWidgetId = (typeof EMBED_WIDGETS)[number]['id'];

/**
 * The widget named by a location hash, or null when the hash is not an embed URL.
 * "#/embed/grid?sigma=0.5" gives "grid"; "#/embed" and "#/embed/" give "" (no widget named);
 * "#/lab" gives null. The name is returned as written, valid or not: EmbedApp says which are valid.
 */
export function embedWidgetFromHash(hash: string): string | null {
  const path = hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  const m = /^embed(?:\/(.*))?$/.exec(path);
  if (!m) return null;
  let name = m[1] ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // a malformed escape: keep the name as written
  }
  return name.replace(/\/+$/, '');
}

export function isEmbedWidget(id: string): id is EmbedWidgetId {
  return EMBED_WIDGETS.some((w) => w.id === id);
}

/** The embedded widget's name while the hash is an embed URL, else null (the full app). */
export function useEmbedWidget(): string | null {
  return useHashValue(embedWidgetFromHash);
}
