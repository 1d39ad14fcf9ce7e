/**
 * Registers the service worker that the build generates (dist/sw.js, see offline() in
 * vite.config.ts), which makes the lab work offline after its first load. The URL and the scope are
 * relative to the page, so a deployment under any sub-path registers its own worker. Not in
 * development (no worker is built there). If registration fails (a private window, a file: page,
 * an old browser) the lab simply works online only; nothing is reported as an error.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('./sw.js', { scope: './' }).catch(() => {
      // Offline use is an extra: the app runs the same without it.
    });
  };
  // After the load event, so precaching does not compete with the first paint.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
