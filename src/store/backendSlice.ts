import type { StateCreator } from 'zustand';
import type { BackendReport } from '../engine/backend';

/** What the page knows about the TF.js backend. */
export interface BackendSlice {
  backendStatus: 'starting' | 'ready' | 'failed';
  backendReport: BackendReport | null;
  backendError: string | null;
  setBackendReady: (report: BackendReport) => void;
  setBackendFailed: (message: string) => void;
}

export const createBackendSlice: StateCreator<BackendSlice, [], [], BackendSlice> = (set) => ({
  backendStatus: 'starting',
  backendReport: null,
  backendError: null,
  setBackendReady: (report) => set({ backendStatus: 'ready', backendReport: report, backendError: null }),
  setBackendFailed: (message) => set({ backendStatus: 'failed', backendError: message }),
});
