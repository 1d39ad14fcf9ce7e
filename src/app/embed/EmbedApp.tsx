import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { EngineNotice } from '../../components/EngineNotice';
import { UrlNotices } from '../../components/UrlNotices';
import { shortenNotice } from '../../components/text';
import { getEngine } from '../../engine/client/useEngine';
import { MODEL_CARDS } from '../../models/cards';
import { useAppStore } from '../../store';
import { ErrorBoundary } from '../ErrorBoundary';
import { queryOfHash } from '../hash';
import { LaidOutContext, useLaidOutState } from './laidOut';
import {
  CheckpointWidget,
  CoverageWidget,
  GeometryWidget,
  PeekingWidget,
  TradeoffEmbed,
} from './lessonWidgets';
import { parseAllowedOrigins, validateIncoming } from './messages';
import { EMBED_WIDGETS, isEmbedWidget, type EmbedWidgetId } from './route';
import {
  applyingFromPage,
  useCertificateReports,
  useErrorReports,
  useHeightReports,
  useParamsChangedReports,
} from './useEmbedReports';
import {
  AnytimeWidget,
  AttackWidget,
  CompactWidget,
  GridWidget,
  HistogramWidget,
  InputWidget,
} from './widgets';
import './embed.css';
import { SectionLevel } from '../../components/SectionHeading';

const MODEL_IDS = MODEL_CARDS.map((c) => c.id);

/**
 * What each widget renders; whether it needs the TF.js engine (a Web Worker and a GPU context, started
 * at once); whether it certifies the lab's input (then it posts `certificate` messages).
 */
const WIDGETS: Record<EmbedWidgetId, { render: () => ReactNode; needsEngine: boolean; certifies: boolean }> =
  {
    histogram: { render: () => <HistogramWidget />, needsEngine: true, certifies: true },
    compact: { render: () => <CompactWidget />, needsEngine: true, certifies: true },
    grid: { render: () => <GridWidget />, needsEngine: false, certifies: false },
    input: { render: () => <InputWidget />, needsEngine: true, certifies: true },
    anytime: { render: () => <AnytimeWidget />, needsEngine: true, certifies: true },
    attack: { render: () => <AttackWidget />, needsEngine: true, certifies: true },
    // The 2D toy problem runs in plain TypeScript on the main thread.
    geometry: { render: () => <GeometryWidget />, needsEngine: false, certifies: false },
    // The trade-off chart certifies test digits (its own runs, not the lab's certificate).
    tradeoff: { render: () => <TradeoffEmbed />, needsEngine: true, certifies: false },
    // Simulated classifiers in plain TypeScript.
    coverage: { render: () => <CoverageWidget />, needsEngine: false, certifies: false },
    peeking: { render: () => <PeekingWidget />, needsEngine: false, certifies: false },
    // A checkpoint starts the engine itself if its experiment needs it.
    checkpoint: { render: () => <CheckpointWidget />, needsEngine: false, certifies: false },
  };

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
 * of ./messages.ts (outgoing) and ./incoming.ts (set-params, only from the origins its URL lists).
 */
export function EmbedApp({ widget }: { widget: string }) {
  const known = isEmbedWidget(widget) ? widget : null;
  const name = known ?? widget;
  const title = EMBED_WIDGETS.find((w) => w.id === known)?.title ?? 'Unknown widget';
  const rootRef = useRef<HTMLElement>(null);
  const [log, setLog] = useState<MessageLog>({ accepted: 0, rejected: 0, lastRejection: '' });
  const { laidOut, report, force } = useLaidOutState(known === null);
  const spec = known === null ? null : WIDGETS[known];
  const needsEngine = spec?.needsEngine ?? false;

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
      applyingFromPage(() => {
        const s = useAppStore.getState();
        s.setParams({ ...s.params, ...v.params }, v.notices);
        if (v.model !== undefined) s.setModel(v.model);
        const { stop, r, futile } = v.anytime ?? {};
        if (stop !== undefined && stop !== s.stopAtRadius) s.setStopAtRadius(stop);
        if (r !== undefined && r !== s.stopRadius) s.setStopRadius(r);
        if (futile !== undefined && futile !== s.stopWhenUnreachable) s.setStopWhenUnreachable(futile);
      });
      setLog((l) => ({ ...l, accepted: l.accepted + 1 }));
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);

  // ready and height first; the other messages only once ready is out.
  const announced = useHeightReports(rootRef, name, laidOut);
  useParamsChangedReports(name, announced);
  useCertificateReports(name, announced && (spec?.certifies ?? false));
  useErrorReports(rootRef, name, announced);

  return (
    <main
      ref={rootRef}
      // Only "embed": each widget's own root carries its embed-<widget> layout class (a grid here
      // would squeeze the whole widget into the first column of its own layout).
      className="embed"
      data-testid="embed"
      data-widget={known ?? ''}
      data-laid-out={laidOut}
      data-messages-accepted={log.accepted}
      data-messages-rejected={log.rejected}
      data-last-rejection={log.lastRejection}
    >
      <h1 className="sr-only">{title}</h1>
      <EmbedNotices />
      {needsEngine && <EngineNotice />}
      {spec ? (
        <LaidOutContext.Provider value={report}>
          <SectionLevel.Provider value={2}>
            <ErrorBoundary what={`the “${title}” widget`} onError={force}>
              {spec.render()}
            </ErrorBoundary>
          </SectionLevel.Provider>
        </LaidOutContext.Provider>
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
