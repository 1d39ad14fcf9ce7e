/** The app's single zustand store, assembled from slices. */
import { create } from 'zustand';
import { createBackendSlice, type BackendSlice } from './backendSlice';
import { createGeoSlice, type GeoSlice } from './geoSlice';
import { createLabSlice, type LabSlice } from './labSlice';
import { createUiSlice, type UiSlice } from './uiSlice';

export type AppState = BackendSlice & LabSlice & UiSlice & GeoSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createBackendSlice(...a),
  ...createLabSlice(...a),
  ...createUiSlice(...a),
  ...createGeoSlice(...a),
}));
