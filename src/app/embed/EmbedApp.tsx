import { Suspense, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { lazyView } from '../lazyReload';
import { useShallow } from 'zustand/react/shallow';
import { BackendBadge } from '../../components/BackendBadge';
import { EngineNotice } from '../../components/EngineNotice';
import { UrlNotices } from '../../components/UrlNotices';
import { CertificatePanel } from '../../components/CertificatePanel';
import { DigitCanvas } from '../../components/DigitCanvas';
import { NoisyGrid } from '../../components/NoisyGrid';
import { ParamSlider } from '../../components/ParamSlider';
import { RunStats } from '../../components/RunStats';
import { digitAsFloats, type DigitSet } from '../../data/digits';
import { useDigits } from '../../data/useDigits';
import { getEngine, useCertifyRunner } from '../../engine/client/useEngine';
import { MODEL_CARDS } from '../../models/cards';
import { SIGMA_MARKS } from '../../models/ids';
import { useAppStore } from '../../store';
import { ErrorBoundary } from '../ErrorBoundary';
import { queryOfHash } from '../hash';
import { shortenNotice } from '../../components/text';
import { VotesPanel } from '../views/LabView';
import {
  heightMessage,
  parseAllowedOrigins,
  readyMessage,
  validateIncoming,
  type OutgoingMessage,
} from './messages';
import { EMBED_WIDGETS, isEmbedWidget, type EmbedWidgetId } from './route';
import './embed.css';

/** The heavier widgets load on demand, as in the app shell. */
const GeometryView = lazyView(() => import('../views/GeometryView'), 'GeometryView', 'the geometry view');
const TradeoffWidget = lazyView(
  () => import('../views/TradeoffView'),
  'TradeoffWidget',
  'the trade-off chart',
);
const loading = <p role="status">Loading…</p>;

const MODEL_IDS = MODEL_CARDS.map((c) => c.id);

/** The input the lab certifies: the test digit the URL names (clamped to the shipped set). */
function useDigitInput(): { set: DigitSet | null; index: number; x: Float32Array | null; error?: string } {
  const digit = useAppStore((s) => s.params.digit);
  const digits = useDigits(digit + 1); // only the first-digits file when it holds this digit
  const set = digits.status === 'ready' ? digits.set : null;
  const index = set ? Math.min(digit, set.count - 1) : digit;
  const x = useMemo(() => (set ? digitAsFloats(set, index) : null), [set, index]);
  return { set, index, x, ...(digits.status === 'error' ? { error: digits.message } : {}) };
}

function DigitStatus({ error }: { error?: string }) {
  if (error)
    return (
      <p className="notice notice-error" role="alert">
        {error}
      </p>
    );
  return <p role="status">Loading the test digits…</p>;
}

/** The lab's vote histograms with their sliders, the certificate and the run status. */
function HistogramWidget() {
  const { set, index, x, error } = useDigitInput();
  const { playing, setPlaying, modelId } = useAppStore(
    useShallow((s) => ({ playing: s.playing, setPlaying: s.setPlaying, modelId: s.modelId })),
  );
  useCertifyRunner(x);
  return (
    <div className="lab embed-histogram">
      <section className="embed-controls" aria-label="Smoothing parameters">
        {set && x ? (
          <div className="embed-input">
            <DigitCanvas
              pixels={x}
              size={56}
              label={`test digit ${index}, a handwritten ${set.labels[index] ?? '?'}`}
            />
            <p className="hint">
              Test digit #{index} (label {set.labels[index]}), model {modelId}.
            </p>
          </div>
        ) : (
          <DigitStatus error={error} />
        )}
        <ParamSlider paramKey="sigma" marks={SIGMA_MARKS} />
        <ParamSlider paramKey="n" />
        <ParamSlider paramKey="n0" />
        <ParamSlider paramKey="alpha" />
        <div className="row">
          <button
            type="button"
            data-testid="play"
            aria-pressed={playing}
            onClick={() => setPlaying(!playing)}
          >
            {playing ? 'Pause' : 'Play'}
          </button>
          <BackendBadge />
        </div>
      </section>
      <div className="embed-results">
        <VotesPanel />
        <CertificatePanel />
        <RunStats />
      </div>
    </div>
  );
}

/** The noisy copies x + sigma * z of the chosen digit, with a sigma slider. No engine needed. */
function GridWidget() {
  const { x, error } = useDigitInput();
  const { sigma, seed } = useAppStore(useShallow((s) => ({ sigma: s.params.sigma, seed: s.params.seed })));
  return (
    <div className="lab embed-grid">
      <ParamSlider paramKey="sigma" marks={SIGMA_MARKS} />
      {x ? <NoisyGrid x={x} sigma={sigma} seed={seed} /> : <DigitStatus error={error} />}
    </div>
  );
}

/** What each widget renders, and whether it needs the TF.js engine (a Web Worker and a GPU context). */
const WIDGETS: Record<EmbedWidgetId, { render: () => ReactNode; needsEngine: boolean }> = {
  histogram: { render: () => <HistogramWidget />, needsEngine: true },
  grid: { render: () => <GridWidget />, needsEngine: false },
  // The 2D toy problem runs in plain TypeScript on the main thread.
  geometry: {
    render: () => (
      <Suspense fallback={loading}>
        <GeometryView embedded />
      </Suspense>
    ),
    needsEngine: false,
  },
  tradeoff: {
    render: () => (
      <Suspense fallback={loading}>
        <TradeoffWidget />
      </Suspense>
    ),
    // The trade-off chart certifies test digits, so the engine is started for it already.
    needsEngine: true,
  },
};

function post(message: OutgoingMessage): void {
  // Height and readiness say nothing about the learner, so any parent may read them ("*").
  if (window.parent !== window) window.parent.postMessage(message, '*');
}

/** Counts of the parent's messages, shown on the widget's root as data attributes. */
interface MessageLog {
  accepted: number;
  rejected: number;
  lastRejection: string;
}

/**
 * Embed mode (#/embed/<widget>?params&origin=...): exactly one widget, no masthead, navigation,
 * lesson text or footer, sized to its content. Parameters come from the same URL schema as the
 * lab, so the same query gives the same numbers. The frame talks to its parent with the messages
 * documented in ./messages.ts: it posts `ready` once and `height` whenever its height changes, and
 * applies `set-params` only from the origins its URL lists.
 */
export function EmbedApp({ widget }: { widget: string }) {
  const known = isEmbedWidget(widget) ? widget : null;
  const title = EMBED_WIDGETS.find((w) => w.id === known)?.title ?? 'Unknown widget';
  const rootRef = useRef<HTMLElement>(null);
  const [log, setLog] = useState<MessageLog>({ accepted: 0, rejected: 0, lastRejection: '' });
  const needsEngine = known !== null && WIDGETS[known].needsEngine;

  useEffect(() => {
    if (needsEngine) getEngine();
  }, [needsEngine]);

  useEffect(() => {
    document.title = `${title} · Smoothing Lab`;
    document.documentElement.classList.add('embedded');
    return () => document.documentElement.classList.remove('embedded');
  }, [title]);

  // The parent may change the frame's URL: startUrlSync (installed once for the page) reads it back.

  // set-params from the parent; the allowlist is read from the current URL on every message.
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      const { origins } = parseAllowedOrigins(queryOfHash(window.location.hash));
      const v = validateIncoming(e.data, e.origin, origins, MODEL_IDS);
      if (!v.ok) {
        setLog((l) => ({ ...l, rejected: l.rejected + 1, lastRejection: v.reason }));
        return;
      }
      const s = useAppStore.getState();
      s.setParams({ ...s.params, ...v.params }, v.notices);
      if (v.model !== undefined) s.setModel(v.model);
      setLog((l) => ({ ...l, accepted: l.accepted + 1 }));
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);

  // ready once the widget is on screen, then its height whenever that changes.
  useEffect(() => {
    const el = rootRef.current;
    if (!el) return;
    const name = known ?? widget;
    post(readyMessage(name));
    let last = -1;
    const report = () => {
      const h = Math.ceil(el.getBoundingClientRect().height);
      if (h === last) return;
      last = h;
      post(heightMessage(name, h));
    };
    report();
    const observer = new ResizeObserver(report);
    observer.observe(el);
    return () => observer.disconnect();
  }, [known, widget]);

  return (
    <main
      ref={rootRef}
      className="embed"
      data-testid="embed"
      data-widget={known ?? ''}
      data-messages-accepted={log.accepted}
      data-messages-rejected={log.rejected}
      data-last-rejection={log.lastRejection}
    >
      <h1 className="sr-only">{title}</h1>
      <EmbedNotices />
      {needsEngine && <EngineNotice />}
      {known ? (
        <ErrorBoundary what={`the “${title}” widget`}>{WIDGETS[known].render()}</ErrorBoundary>
      ) : (
        <div className="notice notice-error" role="alert" data-testid="embed-error">
          <p>
            {widget === ''
              ? 'This embed link names no widget.'
              : `There is no widget called “${shortenNotice(widget)}”.`}{' '}
            The widgets that can be embedded are:
          </p>
          <ul>
            {EMBED_WIDGETS.map((w) => (
              <li key={w.id}>
                <code>#/embed/{w.id}</code>: {w.title.toLowerCase()}
              </li>
            ))}
          </ul>
        </div>
      )}
    </main>
  );
}

/** Values from the URL or a set-params message that were clamped or rounded, said once. */
function EmbedNotices() {
  const { notices, dismiss } = useAppStore(
    useShallow((s) => ({ notices: s.notices, dismiss: s.dismissNotices })),
  );
  return <UrlNotices notices={notices} onDismiss={dismiss} />;
}
