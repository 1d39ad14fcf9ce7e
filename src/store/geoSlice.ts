import type { StateCreator } from 'zustand';
import { GEO_URL, type GeoParams } from './urlSchema';

/** The geometry view's own state (mirrored in the URL through GEO_URL). */
export interface GeoSlice {
  geo: GeoParams;
  /** Changes some of the geometry view's values. */
  setGeo: (patch: Partial<GeoParams>) => void;
}

export const createGeoSlice: StateCreator<GeoSlice, [], [], GeoSlice> = (set) => ({
  geo: { ...GEO_URL.defaults },
  setGeo: (patch) => set((s) => ({ geo: { ...s.geo, ...patch } })),
});
