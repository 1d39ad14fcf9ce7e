import { describe, expect, it } from 'vitest';
import { parseUrlPart } from '../../../store/urlRegistry';
import { queryOfHash } from '../../hash';
import { EMBED_WIDGETS, embedWidgetFromHash, isEmbedWidget } from '../route';

describe('embed routes', () => {
  it('names the widget of an embed hash, and nothing for the app views', () => {
    expect(embedWidgetFromHash('#/embed/histogram?sigma=0.5&seed=3')).toBe('histogram');
    expect(embedWidgetFromHash('#/embed/grid')).toBe('grid');
    expect(embedWidgetFromHash('#embed/grid/')).toBe('grid');
    expect(embedWidgetFromHash('#/embed/nope?x=1')).toBe('nope');
    expect(embedWidgetFromHash('#/embed/%E0%A4%A')).toBe('%E0%A4%A');
    expect(embedWidgetFromHash('#/embed')).toBe('');
    expect(embedWidgetFromHash('#/embed/')).toBe('');
    expect(embedWidgetFromHash('#/embedded')).toBeNull();
    expect(embedWidgetFromHash('#/lab?sigma=0.5')).toBeNull();
    expect(embedWidgetFromHash('')).toBeNull();
  });

  it('reads the lab parameters from the same query, ignoring the origin list', () => {
    const q = queryOfHash('#/embed/histogram?sigma=0.5&seed=3&origin=https://example.edu');
    expect(parseUrlPart('params', q)).toEqual(parseUrlPart('params', 'sigma=0.5&seed=3'));
    expect(queryOfHash('#/embed/grid')).toBe('');
  });

  it('lists a widget for every teaching part', () => {
    expect(EMBED_WIDGETS.map((w) => w.id)).toEqual([
      'histogram',
      'compact',
      'grid',
      'input',
      'anytime',
      'attack',
      'geometry',
      'tradeoff',
      'coverage',
      'peeking',
      'checkpoint',
    ]);
    expect(isEmbedWidget('grid')).toBe(true);
    expect(isEmbedWidget('lab')).toBe(false);
  });
});
