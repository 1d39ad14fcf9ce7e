/**
 * The Content-Security-Policy of the built app: put into every built page as a meta tag (the app is
 * static files, so most hosts serve no headers of their own) and sent as a header by `npm start`
 * (vite preview), with the other security headers.
 *
 * - Scripts only from the app's own origin; 'wasm-unsafe-eval' lets TF.js compile its wasm backend;
 *   blob: lets the threaded wasm build start its helper threads (TF.js hands each thread its loader
 *   as a blob the page itself made: a blob URL can only come from script already running here).
 *   No 'unsafe-eval', and no 'unsafe-inline' for scripts: nothing the app or TF.js runs needs them.
 * - Styles: stylesheets only from the origin, and no <style> elements; inline style *attributes* are
 *   allowed (style-src-attr) because KaTeX writes the size and position of every glyph as one.
 * - Workers from the origin (the engine, the service worker); images from the origin, data: and
 *   blob: (canvas exports); fonts from the origin and data: (the build inlines KaTeX's smallest
 *   fonts into its stylesheet); frames from the origin (the embed example page).
 * frame-ancestors cannot be set from a meta tag (browsers ignore it there, with a console error), and
 * lesson pages anywhere may embed a widget, so it is left to the host: the README says how to set it.
 */
export const CSP_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "worker-src 'self' blob:",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

/** The policy for a meta tag. */
export const CSP_META = CSP_DIRECTIVES.join('; ');

/**
 * Cross-origin isolation (`crossOriginIsolated` true in the page and its workers), which wasm threads
 * need (SharedArrayBuffer): the opener policy keeps other origins' windows out of the page's browsing
 * context group, and the embedder policy lets the page load only resources that agree to it (every
 * file the app loads is its own, so all do). A frame embedded by a page on another origin is isolated
 * only where that page is too and grants it `allow="cross-origin-isolated"`; otherwise it runs
 * without threads. These cannot be set from a meta tag: only a host that sends headers gets threads.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** The headers `npm start` sends with every response (no frame-ancestors: any page may embed a widget). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP_META,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  ...ISOLATION_HEADERS,
};
