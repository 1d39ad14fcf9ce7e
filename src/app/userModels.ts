/**
 * The page's handling of the models a student trains: read the saved ones at start-up (IndexedDB,
 * src/models/userStore.ts), give each to the engine by bytes (so the lab and the trade-off view can
 * certify it under its "user:..." id), save a new one, delete one. Storage that is refused or full
 * never loses a fresh model for the visit: it stays usable on this page, and the store's
 * `userModelsNotice` says why it was not saved.
 */
import { provideUserModel, withdrawUserModel } from '../engine/client/useEngine';
import { DEFAULT_MODEL_ID } from '../models/cards';
import {
  newUserModelId,
  storageMessage,
  type StoredUserModel,
  type UserModelCard,
} from '../models/userModels';
import { indexedDbStore, UserModelStore } from '../models/userStore';
import { useAppStore } from '../store';
import type { TrainedModel, TrainSettings } from '../training/protocol';
import { resolvePendingUserModel } from './urlSync';

let store: UserModelStore | null = null;
let started: Promise<void> | null = null;

function userStore(): UserModelStore {
  store ??= new UserModelStore(indexedDbStore());
  return store;
}

function give(m: StoredUserModel): void {
  provideUserModel(m.card.id, {
    architecture: m.card.architecture,
    modelJson: m.modelJson,
    weights: m.weights,
  });
}

/** Reads the saved models once (at start-up), gives them to the engine and lists them in the store. */
export function startUserModels(): Promise<void> {
  started ??= userStore()
    .list()
    .then(
      ({ models, unreadable }) => {
        models.forEach(give);
        const notice =
          unreadable > 0
            ? `${unreadable} saved model${unreadable === 1 ? '' : 's'} of yours could not be read (damaged, or saved by another version of the lab) and ${unreadable === 1 ? 'is' : 'are'} not listed.`
            : '';
        useAppStore.getState().userModelsLoaded(
          models.map((m) => m.card),
          'ready',
          notice,
        );
      },
      (e: unknown) => useAppStore.getState().userModelsLoaded([], 'unavailable', storageMessage(e, 'read')),
    )
    .then(resolvePendingUserModel);
  return started;
}

/** The card of a freshly trained model. */
export function cardOf(settings: TrainSettings, t: TrainedModel, now = new Date()): UserModelCard {
  return {
    id: newUserModelId(now.getTime()),
    architecture: settings.arch,
    sigmaTrain: settings.sigma,
    method: settings.method,
    epochs: t.history.length,
    bestEpoch: t.bestEpoch,
    valAccuracy: t.bestValAccuracy,
    trainCount: t.trainCount,
    validationCount: t.validationCount,
    parameterCount: t.parameterCount,
    seconds: t.seconds,
    backend: t.backend,
    createdAt: now.toISOString(),
    history: t.history,
  };
}

/**
 * Keeps a freshly trained model: usable at once on this page (the engine gets its bytes), then
 * saved in IndexedDB; where that fails the store says why, and the model lasts for the visit.
 */
export async function keepTrainedModel(settings: TrainSettings, t: TrainedModel): Promise<UserModelCard> {
  const card = cardOf(settings, t);
  const m: StoredUserModel = { card, modelJson: t.modelJson, weights: t.weights };
  give(m);
  try {
    await userStore().save(m);
    useAppStore.getState().userModelAdded(card, true);
  } catch (e) {
    useAppStore.getState().userModelAdded(card, false, storageMessage(e, 'save'));
  }
  return card;
}

/** Deletes a model of the student's: from storage, the engine and the lists; the lab moves off it. */
export async function deleteUserModel(id: string): Promise<void> {
  const st = useAppStore.getState;
  if (st().modelId === id) st().setModel(DEFAULT_MODEL_ID);
  withdrawUserModel(id);
  let notice = '';
  try {
    await userStore().remove(id);
  } catch (e) {
    notice = storageMessage(e, 'delete');
  }
  st().userModelRemoved(id, notice);
}
