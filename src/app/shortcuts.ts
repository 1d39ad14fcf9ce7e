import { useEffect } from 'react';
import { OPTION_KEYS } from '../lesson/checkpointDef';
import { nextPreset, presetHref } from '../lesson/presets';
import { DEFAULT_MODEL_ID } from '../models/cards';
import { useAppStore } from '../store';
import { clampParam } from '../store/url/defineUrlSchema';
import { DEFAULT_PARAMS, LAB_URL } from '../store/urlSchema';
import { routeHref } from '../store/urlRegistry';
import { ROUTES } from './routes';
import { labQueryOf } from './urlSync';

/** What a key does (`actionForKey`); the handler below carries each out. */
export type ShortcutAction =
  | { type: 'sigma'; step: 1 | -1 }
  | { type: 'n'; step: 1 | -1 }
  | { type: 'digit'; step: 1 | -1 }
  | { type: 'play' }
  | { type: 'preset'; step: 1 | -1 }
  | { type: 'present' }
  | { type: 'view'; index: number }
  | { type: 'option'; index: number }
  | { type: 'reveal' }
  | { type: 'stop-mode' }
  | { type: 'reset' }
  | { type: 'project' }
  | { type: 'anytime' }
  | { type: 'help' }
  | { type: 'escape' };

/** The action of a key (KeyboardEvent.key, so "S" is Shift+s), or null for a key with none. */
export function actionForKey(key: string): ShortcutAction | null {
  const view = /^[1-9]$/.test(key) ? Number(key) - 1 : -1;
  if (view >= 0) return view < ROUTES.length ? { type: 'view', index: view } : null;
  const option = (OPTION_KEYS as readonly string[]).indexOf(key);
  if (option >= 0) return { type: 'option', index: option };
  switch (key) {
    case 's':
      return { type: 'sigma', step: 1 };
    case 'S':
      return { type: 'sigma', step: -1 };
    case 'n':
      return { type: 'n', step: 1 };
    case 'N':
      return { type: 'n', step: -1 };
    case '.':
      return { type: 'digit', step: 1 };
    case ',':
      return { type: 'digit', step: -1 };
    case 'k':
      return { type: 'play' };
    case ']':
      return { type: 'preset', step: 1 };
    case '[':
      return { type: 'preset', step: -1 };
    case 'p':
      return { type: 'present' };
    case 'r':
      return { type: 'reveal' };
    case 't':
      return { type: 'stop-mode' };
    case 'R':
      return { type: 'reset' };
    case 'f':
      return { type: 'project' };
    case 'w':
      return { type: 'anytime' };
    case '?':
      return { type: 'help' };
    case 'Escape':
      return { type: 'escape' };
    default:
      return null;
  }
}

/** The keyboard shortcuts, for the help overlay; every key here has its action in actionForKey. */
export const SHORTCUTS: { group: string; keys: string; action: string }[] = [
  { group: 'Lab', keys: 's / S', action: 'sigma up / down by 0.05' },
  { group: 'Lab', keys: 'n / N', action: 'n doubled / halved' },
  { group: 'Lab', keys: '. / ,', action: 'next / previous test digit' },
  { group: 'Lab', keys: 'k', action: 'play / pause' },
  { group: 'Lab', keys: 't', action: 'stop mode on / off (stop when certified at radius r)' },
  { group: 'Lab', keys: 'R', action: 'reset the lab (default settings, model and digit)' },
  { group: 'Lab', keys: '] / [', action: 'next / previous preset (classic demonstrations)' },
  { group: 'Lecture', keys: '1 – 7', action: 'go to view 1 to 7 (the lesson sections, in order)' },
  {
    group: 'Lecture',
    keys: 'a – e',
    action: 'choose answer A to E of the checkpoint in focus (else the first one on screen)',
  },
  { group: 'Lecture', keys: 'r', action: 'reveal that checkpoint’s answer (run it)' },
  {
    group: 'Lecture',
    keys: 'f',
    action: 'show the chart under the focus or the pointer (else the view’s main one) full-screen',
  },
  { group: 'Lecture', keys: 'w', action: 'the anytime-valid panel full-screen (the lab’s second screen)' },
  { group: 'Lecture', keys: 'p', action: 'presentation mode on / off' },
  { group: 'Help', keys: '?', action: 'this help' },
  { group: 'Help', keys: 'Esc', action: 'close this help, or leave the full-screen chart' },
];

/** Whether a key press belongs to a field that takes text (typing there must not trigger shortcuts). */
export function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  if (target.tagName !== 'INPUT') return false;
  // Sliders, check boxes, radio buttons and buttons take no text: their keys stay shortcuts.
  return !['range', 'checkbox', 'radio', 'button', 'submit', 'reset', 'color'].includes(
    (target as HTMLInputElement).type,
  );
}

/** The lab's defaults: its parameters, the default model and the gallery digit (the Reset button). */
export function resetLab(): void {
  const s = useAppStore.getState();
  s.setParams({ ...DEFAULT_PARAMS });
  s.setModel(DEFAULT_MODEL_ID);
  s.setDrawn(null);
}

/**
 * The checkpoint a key speaks to: the one holding the focus, else the first one on screen (in the
 * full-screen panel while one is shown), else the first one on the page.
 */
function currentCheckpoint(): HTMLElement | null {
  const focused = document.activeElement?.closest<HTMLElement>('[data-checkpoint]');
  if (focused) return focused;
  const scope = document.querySelector('.projected') ?? document;
  const all = Array.from(scope.querySelectorAll<HTMLElement>('[data-checkpoint]'));
  const onScreen = all.find((el) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.bottom > 0 && r.top < window.innerHeight;
  });
  return onScreen ?? all[0] ?? null;
}

/** The panel "f" shows alone: under the focus, else under the pointer, else the view's main one. */
function panelToProject(): string | null {
  const el =
    document.activeElement?.closest<HTMLElement>('[data-projectable]') ??
    document.querySelector<HTMLElement>('[data-projectable]:hover') ??
    document.querySelector<HTMLElement>('main [data-projectable-main]') ??
    document.querySelector<HTMLElement>('main [data-projectable]');
  return el?.dataset.projectable ?? null;
}

/** Carries out `a`; returns false when it had nothing to act on (the key is then left alone). */
function run(a: ShortcutAction): boolean {
  const s = useAppStore.getState();
  const { sigma, n, digit } = s.params;
  const set = (key: 'sigma' | 'n' | 'digit', v: number) => s.setParam(key, clampParam(LAB_URL.spec(key), v));
  switch (a.type) {
    case 'sigma':
      set('sigma', Math.round((sigma + 0.05 * a.step) * 100) / 100);
      return true;
    case 'n':
      set('n', a.step > 0 ? n * 2 : Math.round(n / 2));
      return true;
    case 'digit':
      s.setDrawn(null);
      set('digit', digit + a.step);
      return true;
    case 'play':
      s.setPlaying(!s.playing);
      return true;
    case 'preset':
      s.setDrawn(null);
      window.location.hash = presetHref(nextPreset(s.params, s.modelId, a.step), s.presenting);
      return true;
    case 'present':
      s.setPresenting(!s.presenting);
      return true;
    case 'view': {
      const q = labQueryOf(s);
      s.setProjected(null);
      window.location.hash = routeHref(ROUTES[a.index]!.id, q);
      return true;
    }
    case 'option': {
      const input = currentCheckpoint()?.querySelectorAll<HTMLInputElement>('input[type=radio]')[a.index];
      if (!input || input.disabled) return false;
      input.click();
      input.focus({ preventScroll: true });
      return true;
    }
    case 'reveal': {
      const button = currentCheckpoint()?.querySelector<HTMLButtonElement>('[data-reveal]');
      if (!button || button.disabled) return false;
      button.click();
      return true;
    }
    case 'stop-mode':
      s.setStopAtRadius(!s.stopAtRadius);
      return true;
    case 'reset':
      resetLab();
      return true;
    case 'project': {
      if (s.projected !== null) {
        s.setProjected(null);
        return true;
      }
      const id = panelToProject();
      if (id !== null) s.setProjected(id);
      return id !== null;
    }
    case 'anytime': {
      const shown = document.querySelector('[data-projectable="anytime"]') !== null;
      if (shown) s.setProjected(s.projected === 'anytime' ? null : 'anytime');
      return shown;
    }
    case 'help':
      s.setHelpOpen(true);
      return true;
    case 'escape':
      if (s.helpOpen) s.setHelpOpen(false);
      else if (s.projected !== null) s.setProjected(null);
      else return false;
      return true;
  }
}

/** Global single-key shortcuts for lecturing (listed in the help overlay, opened with "?"). */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      // Escape still leaves the full-screen view from a text field; no other key does.
      if (typing(e.target) && e.key !== 'Escape') return;
      const a = actionForKey(e.key);
      if (a && run(a)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
