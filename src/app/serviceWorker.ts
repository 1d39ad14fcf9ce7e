/**
 * Registers the service worker that the build generates (dist/sw.js, see offline() in
 * vite.config.ts), which makes the lab work offline after its first load. The URL and the scope are
 * relative to the page, so a deployment under any sub-path registers its own worker. Not in
 * development (no worker is built there). If registration fails (a private window, a file: page,
 * an old browser) the lab simply works online only; nothing is reported as an error.
 *
 * When: the worker's install downloads the whole offline copy (every model, all test digits and
 * the training digits, about 23 MB), so it is registered only once the page has shown its first
 * certificate (or, on a view without one, a few seconds after the load), the lab has paused between
 * runs (`quiet`; the download slowed a run started beside it to about half its speed) and the
 * browser is idle. A first visit then fetches only what the first certificate needs before it
 * appears.
 */
export function registerServiceWorker(
  firstCertificate: Promise<void>,
  /** Resolves once the lab pauses between runs (whenLabQuiet): the download waits for it. */
  quiet: () => Promise<void> = () => Promise.resolve(),
): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('./sw.js', { scope: './' }).catch(() => {
      // Offline use is an extra: the app runs the same without it.
    });
  };
  const whenIdle = () => {
    if ('requestIdleCallback' in window) requestIdleCallback(register, { timeout: 3000 });
    else setTimeout(register, 500);
  };
  // A page that already has a worker (a later visit) registers at once: that only checks for updates.
  if (navigator.serviceWorker.controller) {
    afterLoad(register);
    return;
  }
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    void quiet().then(whenIdle);
  };
  void firstCertificate.then(once);
  // Views without a certificate (or a run that never finishes): still go offline-ready.
  afterLoad(() => setTimeout(once, NO_CERTIFICATE_DELAY_MS));
}

/** How long after the load event a page that shows no certificate waits before registering. */
export const NO_CERTIFICATE_DELAY_MS = 8000;

function afterLoad(f: () => void): void {
  if (document.readyState === 'complete') f();
  else window.addEventListener('load', f, { once: true });
}
