import type { StateCreator } from 'zustand';
import { PRESENT_URL } from './urlSchema';

/** Presentation mode, the shortcut help overlay, and the chart shown alone (the projector view). */
export interface UiSlice {
  presenting: boolean;
  helpOpen: boolean;
  /** The id of the panel shown alone, full-screen (src/components/Projector.tsx), or null. */
  projected: string | null;
  /** Checkpoints revealed on this page since it loaded, with or without a guess (ids). */
  revealedNow: readonly string[];
  setPresenting: (on: boolean) => void;
  setHelpOpen: (open: boolean) => void;
  setProjected: (id: string | null) => void;
  markRevealed: (id: string) => void;
}

export const createUiSlice: StateCreator<UiSlice, [], [], UiSlice> = (set) => ({
  presenting: PRESENT_URL.defaults.present,
  helpOpen: false,
  projected: null,
  revealedNow: [],
  setPresenting: (presenting) => set({ presenting }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setProjected: (projected) => set({ projected }),
  markRevealed: (id) =>
    set((st) => (st.revealedNow.includes(id) ? st : { revealedNow: [...st.revealedNow, id] })),
});
