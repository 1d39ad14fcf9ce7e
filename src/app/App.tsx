import { useEffect } from 'react';
import { BackendBadge } from '../components/BackendBadge';
import { EmbedApp } from './embed/EmbedApp';
import { useEmbedWidget } from './embed/route';
import { getEngine } from '../engine/useEngine';
import { useAppStore } from '../store';
import { ROUTES } from './routes';
import { ShortcutHelp } from '../components/ShortcutHelp';
import { useShortcuts } from './shortcuts';
import { useLabQuery, useUrlSync } from './urlSync';
import { useHashRoute } from './useHashRoute';
import { CheckCodeView } from './views/CheckCodeView';
import { GeometryView } from './views/GeometryView';
import { LabView } from './views/LabView';
import { LimitsView } from './views/LimitsView';
import { PlannedView } from './views/PlannedView';
import { WhyView } from './views/WhyView';

/** The app: embed mode (#/embed/<widget>, one widget without the shell; see ./embed/) or the shell. */
export function App() {
  const embed = useEmbedWidget();
  return embed === null ? <Shell /> : <EmbedApp widget={embed} />;
}

/** The app shell: title, the lesson's sections as navigation, the current view, the citation. */
function Shell() {
  const route = useHashRoute();
  useUrlSync();
  useShortcuts();
  const query = useLabQuery();
  const presenting = useAppStore((s) => s.presenting);
  const setPresenting = useAppStore((s) => s.setPresenting);
  const setHelpOpen = useAppStore((s) => s.setHelpOpen);

  useEffect(() => {
    getEngine(); // starts the engine (and its TF.js backend) once per page
  }, []);

  useEffect(() => {
    document.title = `${route.title} · Smoothing Lab`;
  }, [route]);

  return (
    <div className={presenting ? 'shell presenting' : 'shell'} data-testid="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="masthead">
        <div>
          <h1>Smoothing Lab</h1>
          <p className="tagline">Certified defenses, hands on: randomized smoothing in your browser.</p>
        </div>
        <div className="masthead-side">
          <BackendBadge />
          <div className="row">
            <button type="button" aria-pressed={presenting} onClick={() => setPresenting(!presenting)}>
              Presentation mode
            </button>
            <button type="button" onClick={() => setHelpOpen(true)} aria-keyshortcuts="?">
              Shortcuts
            </button>
          </div>
        </div>
      </header>
      <ShortcutHelp />
      <nav aria-label="Lesson sections" className="sections">
        <ol>
          {ROUTES.map((r) => (
            <li key={r.id}>
              <a
                href={`#/${r.id}${query ? `?${query}` : ''}`}
                aria-current={r.id === route.id ? 'page' : undefined}
              >
                {r.title}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <main id="main" tabIndex={-1}>
        <h2>{route.section.charAt(0).toUpperCase() + route.section.slice(1)}</h2>
        <p className="summary">{route.summary}</p>
        {route.id === 'why' ? (
          <WhyView />
        ) : route.id === 'lab' ? (
          <LabView />
        ) : route.id === 'geometry' ? (
          <GeometryView />
        ) : route.id === 'limits' ? (
          <LimitsView />
        ) : route.id === 'check' ? (
          <CheckCodeView />
        ) : (
          <PlannedView route={route} />
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
