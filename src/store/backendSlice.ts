import type { StateCreator } from 'zustand';
import type { BackendName, BackendReport } from '../engine/protocol';
import { BACKEND_URL } from './urlSchema';

/** What the URL (`backend=`) or the badge's button asks for: a backend, or `auto` (measured). */
export type BackendRequest = 'auto' | BackendName;

/** What the page knows about the TF.js backend. */
export interface BackendSlice {
  backendStatus: 'starting' | 'ready' | 'failed';
  backendReport: BackendReport | null;
  backendError: string | null;
  backendRequest: BackendRequest;
  setBackendReady: (report: BackendReport) => void;
  setBackendFailed: (message: string) => void;
  /** Asks for a backend (the engine moves to it); `auto` keeps the backend in use. */
  setBackendRequest: (request: BackendRequest) => void;
  /** The engine is moving to another backend: no run until it is ready again. */
  setBackendStarting: () => void;
}

export const createBackendSlice: StateCreator<BackendSlice, [], [], BackendSlice> = (set) => ({
  backendStatus: 'starting',
  backendReport: null,
  backendError: null,
  backendRequest: BACKEND_URL.defaults.backend,
  setBackendReady: (report) => set({ backendStatus: 'ready', backendReport: report, backendError: null }),
  setBackendFailed: (message) => set({ backendStatus: 'failed', backendError: message }),
  setBackendRequest: (backendRequest) => set({ backendRequest }),
  setBackendStarting: () => set({ backendStatus: 'starting' }),
});
