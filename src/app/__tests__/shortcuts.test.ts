import { describe, expect, it } from 'vitest';
import { CHECKPOINTS } from '../../lesson/checkpoints';
import { OPTION_KEYS } from '../../lesson/checkpointDef';
import { PEEKING_CHECKPOINT } from '../../lesson/peekingCheckpoint';
import { ROUTES } from '../routes';
import { actionForKey, SHORTCUTS } from '../shortcuts';

describe('the lecture shortcuts', () => {
  it('1 to 7 go to the views in lesson order; 8 and 9 do nothing', () => {
    ROUTES.forEach((_, i) => expect(actionForKey(String(i + 1))).toEqual({ type: 'view', index: i }));
    expect(ROUTES).toHaveLength(7);
    expect(actionForKey('8')).toBeNull();
    expect(actionForKey('0')).toBeNull();
  });

  it('a to e choose a checkpoint answer, r reveals, t toggles stop mode, R resets, f and w project', () => {
    expect(OPTION_KEYS.map((k) => actionForKey(k))).toEqual(
      [0, 1, 2, 3, 4].map((index) => ({ type: 'option', index })),
    );
    expect(actionForKey('r')).toEqual({ type: 'reveal' });
    expect(actionForKey('t')).toEqual({ type: 'stop-mode' });
    expect(actionForKey('R')).toEqual({ type: 'reset' });
    expect(actionForKey('f')).toEqual({ type: 'project' });
    expect(actionForKey('w')).toEqual({ type: 'anytime' });
    expect(actionForKey('Escape')).toEqual({ type: 'escape' });
    expect(actionForKey('x')).toBeNull();
  });

  it('the earlier keys keep their meaning', () => {
    expect(actionForKey('s')).toEqual({ type: 'sigma', step: 1 });
    expect(actionForKey('S')).toEqual({ type: 'sigma', step: -1 });
    expect(actionForKey('n')).toEqual({ type: 'n', step: 1 });
    expect(actionForKey('.')).toEqual({ type: 'digit', step: 1 });
    expect(actionForKey('k')).toEqual({ type: 'play' });
    expect(actionForKey(']')).toEqual({ type: 'preset', step: 1 });
    expect(actionForKey('p')).toEqual({ type: 'present' });
    expect(actionForKey('?')).toEqual({ type: 'help' });
  });

  it('no key does two things, every key the help lists has an action, and every checkpoint’s options have letters', () => {
    const single = SHORTCUTS.flatMap((s) => s.keys.split(' / ')).filter((k) => !k.includes('–'));
    for (const k of single) expect(actionForKey(k === 'Esc' ? 'Escape' : k), k).not.toBeNull();
    expect(new Set(single).size).toBe(single.length);
    for (const def of [...CHECKPOINTS, PEEKING_CHECKPOINT])
      expect(def.options.length, def.id).toBeLessThanOrEqual(OPTION_KEYS.length);
  });
});
