import type { StateCreator } from 'zustand';
import { PRESENT_URL } from './urlSchema';

/** Presentation mode and the shortcut help overlay. */
export interface UiSlice {
  presenting: boolean;
  helpOpen: boolean;
  setPresenting: (on: boolean) => void;
  setHelpOpen: (open: boolean) => void;
}

export const createUiSlice: StateCreator<UiSlice, [], [], UiSlice> = (set) => ({
  presenting: PRESENT_URL.defaults.present,
  helpOpen: false,
  setPresenting: (presenting) => set({ presenting }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
});
