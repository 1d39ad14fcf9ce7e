import type { StateCreator } from 'zustand';
import type { UserModelCard } from '../models/userModels';

/**
 * The models the student trained in this browser, as cards (their bytes stay with the page's
 * engine client and in IndexedDB): `loading` until the saved ones are read at start-up, then
 * `ready` (storage works) or `unavailable` (refused, missing: models then last for the visit).
 * `userModelsNotice` is the latest storage problem in words, or ''.
 */
export interface UserModelSlice {
  userModels: UserModelCard[];
  userModelsStatus: 'loading' | 'ready' | 'unavailable';
  userModelsNotice: string;
  /** Cards of this visit that could not be saved (they are lost when the page closes). */
  unsavedUserModels: string[];
  userModelsLoaded: (cards: UserModelCard[], status: 'ready' | 'unavailable', notice?: string) => void;
  userModelAdded: (card: UserModelCard, saved: boolean, notice?: string) => void;
  userModelRemoved: (id: string, notice?: string) => void;
  dismissUserModelsNotice: () => void;
}

export const createUserModelSlice: StateCreator<UserModelSlice, [], [], UserModelSlice> = (set) => ({
  userModels: [],
  userModelsStatus: 'loading',
  userModelsNotice: '',
  unsavedUserModels: [],
  userModelsLoaded: (cards, status, notice = '') =>
    // Models trained while the list was loading stay in front of it.
    set((s) => ({
      userModels: [...cards.filter((c) => !s.userModels.some((m) => m.id === c.id)), ...s.userModels],
      userModelsStatus: status,
      userModelsNotice: notice || s.userModelsNotice,
    })),
  userModelAdded: (card, saved, notice = '') =>
    set((s) => ({
      userModels: [...s.userModels.filter((m) => m.id !== card.id), card],
      unsavedUserModels: saved ? s.unsavedUserModels : [...s.unsavedUserModels, card.id],
      userModelsNotice: notice,
    })),
  userModelRemoved: (id, notice = '') =>
    set((s) => ({
      userModels: s.userModels.filter((m) => m.id !== id),
      unsavedUserModels: s.unsavedUserModels.filter((m) => m !== id),
      userModelsNotice: notice,
    })),
  dismissUserModelsNotice: () => set({ userModelsNotice: '' }),
});
