import { Suspense, useEffect, useState, type ComponentType } from 'react';
import { lazyView, takeUpdateNote } from './lazyReload';
import { BackendBadge } from '../components/BackendBadge';
import { EngineNotice } from '../components/EngineNotice';
import { EmbedApp } from './embed/EmbedApp';
import { ErrorBoundary } from './ErrorBoundary';
import { useEmbedWidget } from './embed/route';
import { getEngine } from '../engine/client/useEngine';
import { useAppStore } from '../store';
import { routeHref } from '../store/urlRegistry';
import { LECTURE_ROUTE, ROUTES, type RouteId } from './routes';
import { ShortcutHelp } from './ShortcutHelp';
import { UrlNotices } from '../components/UrlNotices';
import { ClassBar } from '../components/class/ClassBar';
import { joinRequested } from '../class/student';
import { JoinPage } from './class/JoinPage';
import { useShortcuts } from './shortcuts';
import { useLabQuery, useUrlSync } from './urlSync';
import { useHashRoute } from './useHashRoute';
import { CheckCodeView } from './views/CheckCodeView';
import { LabView } from './views/LabView';
import { LectureView } from './views/LectureView';
import { LimitsView } from './views/LimitsView';
import { WhenView } from './views/WhenView';
import { WhyView } from './views/WhyView';
import './shell.css';

/** The geometry view (and the bound code it runs) loads on first visit, keeping it off the first load. */
const GeometryView = lazyView(() => import('./views/GeometryView'), 'GeometryView', 'the geometry view');
/** The trade-off view (its charts, tables and shipped data) likewise. */
const TradeoffView = lazyView(() => import('./views/TradeoffView'), 'TradeoffView', 'the trade-off view');

/**
 * Each route's view, and for a view loaded on first visit the words shown while it loads. A record
 * over RouteId, so a route without a view does not compile.
 */
const VIEWS: Record<RouteId, { View: ComponentType; loading?: string }> = {
  why: { View: WhyView },
  lab: { View: LabView },
  geometry: { View: GeometryView, loading: 'Loading the geometry view…' },
  tradeoff: { View: TradeoffView, loading: 'Loading the trade-off view…' },
  limits: { View: LimitsView },
  when: { View: WhenView },
  check: { View: CheckCodeView },
  lecture: { View: LectureView },
};

/** The app: embed mode (#/embed/<widget>, one widget without the shell; see ./embed/) or the shell. */
export function App() {
  const embed = useEmbedWidget();
  // A student's page of a class session (/join/<code>): the questions only, no lab engine.
  const join = joinRequested();
  if (join !== null)
    return (
      <ErrorBoundary what="the class session page">
        <JoinPage initialCode={join} />
      </ErrorBoundary>
    );
  // The outer boundary is the last resort (the shell itself failed); each view has its own inside.
  return embed === null ? (
    <ErrorBoundary what="the Smoothing Lab page">
      <Shell />
    </ErrorBoundary>
  ) : (
    <ErrorBoundary what="this embedded widget">
      <EmbedApp widget={embed} />
    </ErrorBoundary>
  );
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

  // Set when the page reloaded itself to load a view after a redeploy (./lazyReload).
  const [updateNote, setUpdateNote] = useState(takeUpdateNote);
  const visited = useAppStore((s) => s.progress.visited);
  const progressNotice = useAppStore((s) => s.progressNotice);
  const urlNotices = useAppStore((s) => s.notices);
  const dismissNotices = useAppStore((s) => s.dismissNotices);
  const dismissProgressNotice = useAppStore((s) => s.dismissProgressNotice);

  useEffect(() => {
    document.title = `${route.title} · Smoothing Lab`;
    if (route.id !== 'lecture') useAppStore.getState().visitSection(route.id);
    // A panel shown full-screen belongs to the view it was opened on.
    useAppStore.getState().setProjected(null);
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
          <EngineNotice />
          <div className="row">
            <button type="button" aria-pressed={presenting} onClick={() => setPresenting(!presenting)}>
              Presentation mode
            </button>
            <button type="button" onClick={() => setHelpOpen(true)} aria-keyshortcuts="?">
              Shortcuts
            </button>
            <a
              className="lecture-link"
              href={routeHref(LECTURE_ROUTE.id, query)}
              aria-current={route.id === LECTURE_ROUTE.id ? 'page' : undefined}
            >
              {LECTURE_ROUTE.title}
            </a>
          </div>
        </div>
      </header>
      <ShortcutHelp />
      <ClassBar />
      <nav aria-label="Lesson sections" className="sections">
        <ol>
          {ROUTES.map((r) => (
            <li key={r.id}>
              <a href={routeHref(r.id, query)} aria-current={r.id === route.id ? 'page' : undefined}>
                {r.title}
                {visited.includes(r.id) && (
                  <span className="visited">
                    {' '}
                    <span aria-hidden="true">✓</span>
                    <span className="sr-only">(visited)</span>
                  </span>
                )}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      {updateNote && (
        <div className="notice notice-info" role="status" data-testid="update-notice">
          A new version of the lab was published while this tab was open, so the page reloaded once to load{' '}
          {updateNote} from it. The link’s settings are as they were.{' '}
          <button type="button" onClick={() => setUpdateNote(null)}>
            Dismiss
          </button>
        </div>
      )}
      {progressNotice && (
        <div className="notice notice-warn" role="alert" data-testid="progress-notice">
          {progressNotice}{' '}
          <button type="button" onClick={dismissProgressNotice}>
            Dismiss
          </button>
        </div>
      )}
      <main id="main" tabIndex={-1}>
        <h2>{route.section.charAt(0).toUpperCase() + route.section.slice(1)}</h2>
        <p className="summary">{route.summary}</p>
        {/* The lab and geometry views show the link's corrections beside their sliders; the others here. */}
        {route.id !== 'lab' && route.id !== 'geometry' && (
          <UrlNotices notices={urlNotices} onDismiss={dismissNotices} />
        )}
        <ErrorBoundary key={route.id} what={`the “${route.title}” view`}>
          <RouteView id={route.id} />
        </ErrorBoundary>
      </main>
      <footer className="footer">
        Implements randomized smoothing as in J. Cohen, E. Rosenfeld and J. Z. Kolter, “Certified Adversarial
        Robustness via Randomized Smoothing”, ICML 2019 (CERTIFY and PREDICT, Algorithms 1 and 2). Everything
        runs in this browser; nothing is sent anywhere.
      </footer>
    </div>
  );
}

/** The view of one route, inside a Suspense boundary when it loads on first visit. */
function RouteView({ id }: { id: RouteId }) {
  const { View, loading } = VIEWS[id];
  if (loading === undefined) return <View />;
  return (
    <Suspense fallback={<p role="status">{loading}</p>}>
      <View />
    </Suspense>
  );
}
