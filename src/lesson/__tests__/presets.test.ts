import { describe, expect, it } from 'vitest';
import { MODEL_CARDS } from '../../models/cards';
import { DEFAULT_PARAMS } from '../../store/urlSchema';
import { parseUrlPart } from '../../store/urlRegistry';
import { nextPreset, presetHref, PRESETS } from '../presets';

const ids = MODEL_CARDS.map((c) => c.id);

describe('presets', () => {
  it('each preset link parses back, without a notice, to exactly its state', () => {
    for (const p of PRESETS) {
      const href = presetHref(p);
      expect(href.startsWith('#/lab?')).toBe(true);
      const query = href.slice('#/lab?'.length);
      const { value: params, notices } = parseUrlPart('params', query);
      expect(notices, p.id).toEqual([]);
      expect(params).toEqual({ ...DEFAULT_PARAMS, ...p.params });
      expect(parseUrlPart('modelId', query, { ids, fallback: 'cnn-0.25' }).value).toBe(p.model);
      expect(parseUrlPart('presenting', query).value).toBe(false);
      expect(parseUrlPart('presenting', presetHref(p, true).split('?')[1]!).value).toBe(true);
    }
  });

  it('has the classic demonstrations, with unique ids', () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    for (const id of ['small-sigma', 'large-sigma', 'abstain', 'rmax', 'mismatch', 'hard-digit'])
      expect(PRESETS.some((p) => p.id === id)).toBe(true);
  });

  it('steps through the presets in order, wrapping, from any state', () => {
    const state = (k: number) => ({
      params: { ...DEFAULT_PARAMS, ...PRESETS[k]!.params },
      model: PRESETS[k]!.model,
    });
    for (let k = 0; k < PRESETS.length; k++) {
      const { params, model } = state(k);
      expect(nextPreset(params, model).id).toBe(PRESETS[(k + 1) % PRESETS.length]!.id);
      expect(nextPreset(params, model, -1).id).toBe(PRESETS[(k - 1 + PRESETS.length) % PRESETS.length]!.id);
    }
    expect(nextPreset({ ...DEFAULT_PARAMS, digit: 1999 }, 'mlp-0.50').id).toBe(PRESETS[0]!.id);
    expect(nextPreset({ ...DEFAULT_PARAMS, digit: 1999 }, 'mlp-0.50', -1).id).toBe(PRESETS.at(-1)!.id);
  });
});
