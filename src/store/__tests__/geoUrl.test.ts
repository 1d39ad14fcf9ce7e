import { describe, expect, it } from 'vitest';
import { DATASETS } from '../../toy2d/datasets';
import { TOY_MODELS } from '../../toy2d/train';
import { DEFAULT_GEO_PARAMS, DEFAULT_PARAMS, GEO_URL, LAB_URL, type GeoParams } from '../urlSchema';
import { formatLabQuery, parseUrlPart } from '../urlRegistry';

const formatGeoParams = (geo: GeoParams) => formatLabQuery({ geo }, 'm');
/** The geometry part of a query, as `{ geo, notices }`. */
const parseGeoParams = (q: string) => {
  const { value, notices } = parseUrlPart('geo', q);
  return { geo: value, notices };
};

describe("the geometry view's state in the URL", () => {
  it('gives the defaults for an empty query and writes nothing for them', () => {
    expect(parseGeoParams('')).toEqual({ geo: DEFAULT_GEO_PARAMS, notices: [] });
    expect(formatGeoParams(DEFAULT_GEO_PARAMS)).toBe('');
  });

  it('round-trips every value exactly, the point as "x,y"', () => {
    const geo: GeoParams = { toy: 'spiral', clf: 'linear', pt: [1.25, -0.4], eps: 0.35, atk: 'base' };
    const q = formatGeoParams(geo);
    expect(q).toBe('toy=spiral&clf=linear&pt=1.25,-0.4&eps=0.35&atk=base');
    expect(parseGeoParams(q)).toEqual({ geo, notices: [] });
    expect(parseGeoParams(`?${q}`).geo).toEqual(geo);
    expect(parseGeoParams('pt=1.25%2C-0.4').geo.pt).toEqual([1.25, -0.4]); // an escaped comma too
  });

  it('clamps an out-of-range point and budget, rounds the point to the plot grid, with notices', () => {
    const { geo, notices } = parseGeoParams('pt=5,-0.123&eps=9');
    expect(geo.pt).toEqual([2, -0.12]);
    expect(geo.eps).toBe(2);
    expect(notices).toEqual([
      'selected 2D point = 5,-0.123 is outside -2 to 2; using 2,-0.12.',
      'attack budget eps (L2) = 9 is outside 0 to 2; using 2.',
    ]);
    expect(parseGeoParams('pt=0.123,1').notices).toEqual([
      'selected 2D point is kept to 2 decimals; using 0.12,1 for 0.123,1.',
    ]);
  });

  it('replaces garbage with the default, never throwing', () => {
    const { geo, notices } = parseGeoParams('toy=mnist&clf=&pt=1&eps=abc&atk=both');
    expect(geo).toEqual(DEFAULT_GEO_PARAMS);
    expect(notices).toHaveLength(5);
    expect(notices[0]).toBe(
      '"mnist" is not a 2D dataset (one of moons, circles, spiral, blobs); using the default, moons.',
    );
    expect(notices[2]).toBe('"1" is not a selected 2D point (two numbers, "x,y"); no point is selected.');
    for (const bad of ['pt=a,b', 'pt=1,2,3', 'pt=,', 'pt=Infinity,0'])
      expect(parseGeoParams(bad).geo.pt).toBeNull();
  });

  it('matches the datasets and classifiers of src/toy2d, and shares no key with the lab', () => {
    const values = (key: string) => {
      const p = GEO_URL.rows.find((q) => q.key === key);
      return p && 'values' in p ? [...p.values].sort() : [];
    };
    expect(values('toy')).toEqual(Object.keys(DATASETS).sort());
    expect(values('clf')).toEqual(Object.keys(TOY_MODELS).sort());
    const lab = new Set<string>([...LAB_URL.keys, 'model', 'present']);
    for (const p of GEO_URL.rows) expect(lab.has(p.key)).toBe(false);
    for (const p of GEO_URL.rows) expect(DEFAULT_GEO_PARAMS[p.key]).toEqual(p.default);
  });

  it('goes into the full query between the model and presentation mode, and both parsers read it back', () => {
    const geo: GeoParams = { ...DEFAULT_GEO_PARAMS, toy: 'blobs', pt: [1, 0.8] };
    const state = { params: { ...DEFAULT_PARAMS, n: 500 }, modelId: 'mlp-0.50', presenting: true, geo };
    const q = formatLabQuery(state, 'cnn-0.25');
    expect(q).toBe('n=500&model=mlp-0.50&toy=blobs&pt=1,0.8&present=1');
    expect(parseGeoParams(q)).toEqual({ geo, notices: [] });
    expect(parseUrlPart('params', q).value).toEqual({ ...DEFAULT_PARAMS, n: 500 });
    expect(formatLabQuery({ params: DEFAULT_PARAMS, modelId: 'a', geo: DEFAULT_GEO_PARAMS }, 'a')).toBe('');
  });
});
