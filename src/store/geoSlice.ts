import type { StateCreator } from 'zustand';
import { DEFAULT_GEO_PARAMS, type GeoParams } from './urlSchema';

/** The geometry view's own state (mirrored in the URL through GEO_URL_SCHEMA). */
export interface GeoSlice {
  geo: GeoParams;
  /** Changes some of the geometry view's values. */
  setGeo: (patch: Partial<GeoParams>) => void;
}

export const createGeoSlice: StateCreator<GeoSlice, [], [], GeoSlice> = (set) => ({
  geo: { ...DEFAULT_GEO_PARAMS },
  setGeo: (patch) => set((s) => ({ geo: { ...s.geo, ...patch } })),
});
