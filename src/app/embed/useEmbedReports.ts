/**
 * The messages an embedded widget posts to its parent, as hooks: height (./heightPolicy.ts),
 * params-changed, certificate and error. The message shapes are in ./messages.ts.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useAppStore, type AppState } from '../../store';
import { useCertificate } from '../../store/useCertificate';
import { INITIAL_HEIGHT, isNewWidth, nextHeight, type HeightState } from './heightPolicy';
import {
  certificateMessage,
  errorMessage,
  heightMessage,
  paramsChangedMessage,
  readyMessage,
  type ChangeCause,
  type OutgoingMessage,
  type WidgetParams,
} from './messages';

export function post(message: OutgoingMessage): void {
  // Nothing here says more than the page could read on the screen, so any parent may read it ("*").
  if (window.parent !== window) window.parent.postMessage(message, '*');
}

/**
 * `ready`, then `height` whenever the policy says so, once the widget is laid out. The root's
 * min-height holds the reported height, so the widget never shrinks inside its frame at one width.
 */
export function useHeightReports(
  root: RefObject<HTMLElement | null>,
  widget: string,
  laidOut: boolean,
): boolean {
  // Whether `ready` has been posted: every other message waits for it.
  const [announced, setAnnounced] = useState(false);
  useEffect(() => {
    const el = root.current;
    if (!el || !laidOut) return;
    let state: HeightState = INITIAL_HEIGHT;
    let frame = 0;
    const measure = () => {
      frame = 0;
      const width = el.getBoundingClientRect().width;
      if (isNewWidth(state, width)) el.style.minHeight = '';
      const d = nextHeight(state, { width, height: el.getBoundingClientRect().height, laidOut: true });
      state = d.state;
      if (d.send === null) return;
      el.style.minHeight = `${d.send}px`;
      post(heightMessage(widget, d.send));
    };
    // The first report waits two frames: the widget's layout (fonts, charts sized by CSS) settles.
    let first = requestAnimationFrame(() => {
      first = requestAnimationFrame(() => {
        first = 0;
        post(readyMessage(widget));
        measure();
        setAnnounced(true);
        observer.observe(el);
      });
    });
    const observer = new ResizeObserver(() => {
      if (frame === 0) frame = requestAnimationFrame(measure);
    });
    return () => {
      cancelAnimationFrame(first);
      cancelAnimationFrame(frame);
      observer.disconnect();
      el.style.minHeight = '';
    };
  }, [root, widget, laidOut]);
  return announced;
}

/** What a set-params message is applying right now (set around the store update; see EmbedApp). */
let applying: ChangeCause | null = null;
export function applyingFromPage<T>(apply: () => T): T {
  applying = 'set-params';
  try {
    return apply();
  } finally {
    applying = null;
  }
}

function widgetParams(s: AppState): WidgetParams {
  return {
    ...s.params,
    model: s.modelId,
    stop: s.stopAtRadius,
    r: s.stopRadius,
    futile: s.stopWhenUnreachable,
  };
}

function sameParams(a: WidgetParams, b: WidgetParams): boolean {
  return (Object.keys(a) as (keyof WidgetParams)[]).every((k) => a[k] === b[k]);
}

/**
 * `params-changed` after every change of the widget's parameters once it is ready: from its own
 * controls (cause "widget"), a set-params message ("set-params", with the values as clamped) or a
 * new frame URL ("url").
 */
export function useParamsChangedReports(widget: string, ready: boolean): void {
  useEffect(() => {
    if (!ready) return;
    let last = widgetParams(useAppStore.getState());
    let hash = window.location.hash;
    return useAppStore.subscribe((s) => {
      const now = widgetParams(s);
      if (sameParams(now, last)) return;
      last = now;
      const cause: ChangeCause = applying ?? (window.location.hash !== hash ? 'url' : 'widget');
      hash = window.location.hash;
      post(paramsChangedMessage(widget, cause, now));
    });
  }, [widget, ready]);
}

/** `certificate` once per finished run whose claim is current (not out of date), from claimFor. */
export function useCertificateReports(widget: string, enabled: boolean): void {
  const { src, view } = useCertificate();
  const claim = view.claim;
  const message =
    enabled && claim.final && !view.stale
      ? certificateMessage(widget, claim, {
          params: view.params,
          model: view.modelId,
          drawn: (src.run ?? src).drawn !== null,
        })
      : null;
  const key = message ? JSON.stringify(message) : '';
  // One message per run and claim: a new run (even with the same numbers) or a new claim posts again.
  const last = useRef<{ run: unknown; key: string }>({ run: null, key: '' });
  useEffect(() => {
    if (!message || (last.current.run === src.run && last.current.key === key)) return;
    last.current = { run: src.run, key };
    post(message);
  }, [message, key, src.run]);
}

/** The text of an error notice as the reader sees it (its paragraphs, without its buttons). */
function shownText(el: Element): string {
  const paragraphs = el.matches('p') ? [el] : Array.from(el.querySelectorAll('p'));
  const text = (paragraphs.length > 0 ? paragraphs : [el]).map((p) => p.textContent ?? '').join(' ');
  return text.replace(/\s+/g, ' ').trim();
}

/** `error` for every error notice the widget shows (role="alert", .notice-error), once per text. */
export function useErrorReports(root: RefObject<HTMLElement | null>, widget: string, ready: boolean): void {
  useEffect(() => {
    const el = root.current;
    if (!el || !ready) return;
    const shown = new Set<string>();
    const scan = () => {
      const now = new Set<string>();
      for (const n of el.querySelectorAll('.notice-error[role="alert"]')) {
        const text = shownText(n);
        if (text === '') continue;
        now.add(text);
        if (!shown.has(text)) post(errorMessage(widget, text));
      }
      // A notice that went away and comes back is a new error: it is reported again.
      shown.clear();
      for (const t of now) shown.add(t);
    };
    scan();
    const observer = new MutationObserver(scan);
    observer.observe(el, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [root, widget, ready]);
}
