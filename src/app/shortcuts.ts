import { useEffect } from 'react';
import { nextPreset, presetHref } from '../lesson/presets';
import { useAppStore } from '../store';
import { clampParam } from '../store/url/defineUrlSchema';
import { LAB_URL } from '../store/urlSchema';

/** The keyboard shortcuts, for the handler and the help overlay alike. */
export const SHORTCUTS: { keys: string; action: string }[] = [
  { keys: 's / S', action: 'sigma up / down by 0.05' },
  { keys: 'n / N', action: 'n doubled / halved' },
  { keys: '. / ,', action: 'next / previous test digit' },
  { keys: 'k', action: 'play / pause' },
  { keys: '] / [', action: 'next / previous preset (classic demonstrations)' },
  { keys: 'p', action: 'presentation mode on / off' },
  { keys: '?', action: 'this help' },
  { keys: 'Esc', action: 'close this help' },
];

/** Whether a key press belongs to a text field (typing there must not trigger shortcuts). */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target.tagName === 'INPUT' && (target as HTMLInputElement).type !== 'range';
}

/** Global single-key shortcuts for lecturing (listed in the help overlay, opened with "?"). */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const s = useAppStore.getState();
      const { sigma, n, digit } = s.params;
      const set = (key: 'sigma' | 'n' | 'digit', v: number) =>
        s.setParam(key, clampParam(LAB_URL.spec(key), v));
      switch (e.key) {
        case 's':
          set('sigma', Math.round((sigma + 0.05) * 100) / 100);
          break;
        case 'S':
          set('sigma', Math.round((sigma - 0.05) * 100) / 100);
          break;
        case 'n':
          set('n', n * 2);
          break;
        case 'N':
          set('n', Math.round(n / 2));
          break;
        case '.':
          s.setDrawn(null);
          set('digit', digit + 1);
          break;
        case ',':
          s.setDrawn(null);
          set('digit', digit - 1);
          break;
        case 'k':
          s.setPlaying(!s.playing);
          break;
        case ']':
        case '[': {
          s.setDrawn(null);
          window.location.hash = presetHref(
            nextPreset(s.params, s.modelId, e.key === ']' ? 1 : -1),
            s.presenting,
          );
          break;
        }
        case 'p':
          s.setPresenting(!s.presenting);
          break;
        case '?':
          s.setHelpOpen(true);
          break;
        case 'Escape':
          if (!s.helpOpen) return;
          s.setHelpOpen(false);
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
