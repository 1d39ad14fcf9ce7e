import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { claimFor, type RunSnapshot } from '../../../smoothing';
import { DEFAULT_PARAMS, LAB_URL, ANYTIME_URL } from '../../../store/urlSchema';
import { EMBED_WIDGETS } from '../route';
import {
  certificateMessage,
  errorMessage,
  heightMessage,
  paramsChangedMessage,
  readyMessage,
  validateIncoming,
  type WidgetParams,
} from '../messages';

// The JSON Schema that ships with the build (public/ is copied into dist/ as is).
const schema = JSON.parse(
  readFileSync(new URL('../../../../public/embed-messages.schema.json', import.meta.url), 'utf8'),
) as { definitions: Record<string, { properties: Record<string, Record<string, unknown>> }> };
const validate = new Ajv({ allErrors: true }).compile(schema);
const valid = (m: unknown) => {
  const ok = validate(m);
  return ok ? 'valid' : JSON.stringify(validate.errors);
};

const PARAMS: WidgetParams = { ...DEFAULT_PARAMS, model: 'cnn-0.25', stop: false, r: 0.5, futile: false };
const run = (s: Partial<RunSnapshot>): RunSnapshot => ({
  mode: 'fixed-n',
  plannedN: 1000,
  samples: 1000,
  status: 'done',
  candidate: 7,
  nA: 990,
  alpha: 0.001,
  sigma: 0.25,
  ...s,
});
const context = { params: { ...DEFAULT_PARAMS, n: 1000, sigma: 0.25 }, model: 'cnn-0.25', drawn: false };

describe('every outgoing message validates against the shipped schema', () => {
  it('ready, height, params-changed and error', () => {
    expect(valid(readyMessage('histogram'))).toBe('valid');
    expect(valid(heightMessage('histogram', 411.5))).toBe('valid');
    expect(valid(paramsChangedMessage('compact', 'widget', PARAMS))).toBe('valid');
    expect(valid(errorMessage('grid', 'The test digits could not be loaded.'))).toBe('valid');
  });

  it('certificate: fixed-n certified, fixed-n abstain, anytime certified; its words are claimFor’s', () => {
    const cases = [
      run({}),
      run({ nA: 400 }),
      run({ mode: 'stop-at-r', status: 'stopped', samples: 600, nA: 600 }),
    ];
    for (const snapshot of cases) {
      const claim = claimFor(snapshot);
      const m = certificateMessage('histogram', claim, context)!;
      expect(valid(m)).toBe('valid');
      expect(m.sentence).toBe(claim.sentence);
      expect(m.label).toBe(claim.label);
      expect(m.bound).toBe(claim.bound);
      // Numbers as the claim writes them: rounded down, toward safety.
      expect(m.pLower).toBe(Number(claim.text.pLower));
      expect(m.pLower).toBeLessThanOrEqual(claim.pLower);
      if (claim.kind === 'certified') {
        expect(m.radius).toBe(Number(claim.text.radius));
        expect(m.radius!).toBeLessThanOrEqual(claim.radius!);
        expect(m.prediction).toBe(7);
      } else {
        expect(m).toMatchObject({ kind: 'abstain', abstain: true, prediction: -1, radius: null });
      }
    }
    expect(
      certificateMessage('histogram', claimFor(run({ samples: 0, status: 'running' })), context),
    ).toBeNull();
    expect(certificateMessage('input', claimFor(run({})), { ...context, drawn: true })!.digit).toBeNull();
  });

  it('refuses what the protocol does not allow', () => {
    expect(valid({ ...readyMessage('grid'), version: 2 })).not.toBe('valid');
    expect(valid({ ...heightMessage('grid', 10), extra: 1 })).not.toBe('valid');
    expect(valid({ ...paramsChangedMessage('grid', 'widget', PARAMS), cause: 'me' })).not.toBe('valid');
    const m = certificateMessage('histogram', claimFor(run({})), context)!;
    expect(valid({ ...m, radius: 0 })).not.toBe('valid');
  });
});

describe('set-params: the schema and the frame agree', () => {
  const EDU = 'https://example.edu';
  const MODELS = ['cnn-0.25'];
  const messages: [unknown, boolean][] = [
    [{ source: 'smoothing-lab', type: 'set-params', params: { sigma: 0.5 } }, true],
    [
      { source: 'smoothing-lab', type: 'set-params', version: 1, params: { sigma: 9, stop: true, r: 0.3 } },
      true,
    ],
    [{ source: 'smoothing-lab', type: 'set-params', version: 2, params: { sigma: 0.5 } }, false],
    [{ source: 'smoothing-lab', type: 'set-params', params: { sigma: '0.5' } }, false],
    [{ source: 'smoothing-lab', type: 'set-params', params: { stop: 1 } }, false],
    [{ source: 'smoothing-lab', type: 'set-params', params: { stop: true, futile: true } }, true],
    [{ source: 'smoothing-lab', type: 'set-params', params: { futile: 'yes' } }, false],
    [{ source: 'smoothing-lab', type: 'set-params', params: {} }, false],
    [{ source: 'smoothing-lab', type: 'set-params', params: { bogus: 1 } }, false],
    [{ source: 'smoothing-lab', type: 'set-params', params: { sigma: 0.5 }, extra: 1 }, false],
    [{ type: 'set-params', params: { sigma: 0.5 } }, false],
  ];
  it.each(messages)('%j: accepted %s', (m, ok) => {
    expect(valid(m) === 'valid').toBe(ok);
    expect(validateIncoming(m, EDU, [EDU], MODELS).ok).toBe(ok);
  });
  it('clamps r and applies stop', () => {
    const v = validateIncoming(
      { source: 'smoothing-lab', type: 'set-params', params: { stop: true, r: 99 } },
      EDU,
      [EDU],
      MODELS,
    );
    expect(v).toMatchObject({ ok: true, anytime: { stop: true, r: 5 } });
  });
  it('applies the futility stop', () => {
    const v = validateIncoming(
      { source: 'smoothing-lab', type: 'set-params', params: { stop: true, futile: true } },
      EDU,
      [EDU],
      MODELS,
    );
    expect(v).toMatchObject({ ok: true, anytime: { stop: true, futile: true } });
  });
});

describe('the schema matches the code it documents', () => {
  it('lists every widget, and the URL schema’s ranges', () => {
    const defs = schema.definitions;
    expect((defs.widget as unknown as { enum: string[] }).enum).toEqual(EMBED_WIDGETS.map((w) => w.id));
    const p = defs.params!.properties;
    for (const key of LAB_URL.keys) {
      const spec = LAB_URL.spec(key) as { min: number; max: number };
      expect([key, p[key]!.minimum, p[key]!.maximum]).toEqual([key, spec.min, spec.max]);
    }
    const r = ANYTIME_URL.spec('r');
    expect([p.r!.minimum, p.r!.maximum]).toEqual([r.min, r.max]);
  });
});
