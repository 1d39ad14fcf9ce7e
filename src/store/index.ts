/** The app's single zustand store, assembled from slices. */
import { create } from 'zustand';
import { createBackendSlice, type BackendSlice } from './backendSlice';
import { createLabSlice, type LabSlice } from './labSlice';

export type AppState = BackendSlice & LabSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createBackendSlice(...a),
  ...createLabSlice(...a),
}));
