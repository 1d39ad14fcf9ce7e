import { useEffect } from 'react';
import { BackendBadge } from '../components/BackendBadge';
import { ModelTable } from '../components/ModelTable';
import { startBackend } from '../engine/backend';
import { useAppStore } from '../store';
import { ROUTES } from './routes';
import { useHashRoute } from './useHashRoute';
import { PlannedView } from './views/PlannedView';
import { WhyView } from './views/WhyView';

/** The app shell: title, the lesson's sections as navigation, the current view, the citation. */
export function App() {
  const route = useHashRoute();
  const setReady = useAppStore((s) => s.setBackendReady);
  const setFailed = useAppStore((s) => s.setBackendFailed);

  useEffect(() => {
    let live = true;
    startBackend().then(
      (report) => live && setReady(report),
      (e: unknown) => live && setFailed(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [setReady, setFailed]);

  useEffect(() => {
    document.title = `${route.title} · Smoothing Lab`;
  }, [route]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="masthead">
        <div>
          <h1>Smoothing Lab</h1>
          <p className="tagline">Certified defenses, hands on: randomized smoothing in your browser.</p>
        </div>
        <BackendBadge />
      </header>
      <nav aria-label="Lesson sections" className="sections">
        <ol>
          {ROUTES.map((r) => (
            <li key={r.id}>
              <a href={`#/${r.id}`} aria-current={r.id === route.id ? 'page' : undefined}>
                {r.title}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <main id="main" tabIndex={-1}>
        <h2>{route.section.charAt(0).toUpperCase() + route.section.slice(1)}</h2>
        <p className="summary">{route.summary}</p>
        {route.id === 'why' ? <WhyView /> : <PlannedView route={route} />}
        {route.id === 'lab' && (
          <div className="table-scroll">
            <ModelTable />
          </div>
        )}
      </main>
      <footer className="footer">
        Implements randomized smoothing as in J. Cohen, E. Rosenfeld and J. Z. Kolter, “Certified Adversarial
        Robustness via Randomized Smoothing”, ICML 2019 (CERTIFY and PREDICT, Algorithms 1 and 2). Everything
        runs in this browser; nothing is sent anywhere.
      </footer>
    </div>
  );
}
