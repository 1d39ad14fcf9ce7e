import { describe, expect, it } from 'vitest';
import {
  cardProblem,
  describeUserModel,
  isUserModelId,
  newUserModelId,
  parseStoredModel,
  storageMessage,
  storageProblemOf,
  toStoredRecord,
  type StoredUserModel,
  type UserModelCard,
} from '../userModels';
import { indexedDbStore, memoryStore, UserModelStore } from '../userStore';

const card = (over: Partial<UserModelCard> = {}): UserModelCard => ({
  id: 'user:mlc1x2k9-4f7a',
  architecture: 'mlp',
  sigmaTrain: 0.5,
  method: 'gaussian',
  epochs: 2,
  bestEpoch: 2,
  valAccuracy: 0.912,
  trainCount: 7200,
  validationCount: 800,
  parameterCount: 235146,
  seconds: 24.2,
  backend: 'wasm',
  createdAt: '2026-12-07T10:12:00.000Z',
  history: [
    { epoch: 1, loss: 1.2, valAccuracy: 0.85, seconds: 12 },
    { epoch: 2, loss: 0.9, valAccuracy: 0.912, seconds: 12.2 },
  ],
  ...over,
});
const stored = (over: Partial<UserModelCard> = {}): StoredUserModel => ({
  card: card(over),
  modelJson: '{"modelTopology":{},"weightsManifest":[]}',
  weights: new Float32Array([1, 2, 3]).buffer,
});
const named = (name: string, message = '') => Object.assign(new Error(message), { name });

describe('user model ids and cards', () => {
  it('makes ids that are user ids, never shipped ones, and readable in a URL', () => {
    const id = newUserModelId(Date.UTC(2026, 11, 7), () => 0.5);
    expect(id).toMatch(/^user:[a-z0-9]+-[a-z0-9]{4}$/);
    expect(isUserModelId(id)).toBe(true);
    expect(isUserModelId('cnn-0.25')).toBe(false);
    expect(newUserModelId(1, () => 0)).toBe('user:1-0000');
  });

  it('describes a model in words', () => {
    expect(describeUserModel(card())).toBe(
      'Your MLP, sigma_train 0.50, Gaussian augmentation, 2 epochs: 91.2% validation accuracy under its training noise',
    );
    expect(describeUserModel(card({ sigmaTrain: 0, epochs: 1, method: 'consistency' }))).toBe(
      'Your MLP, sigma_train 0.00, consistency regularisation, 1 epoch: 91.2% validation accuracy clean',
    );
  });

  it('round-trips a stored record and rejects damaged ones with a reason', () => {
    const m = stored();
    const back = parseStoredModel(structuredClone(toStoredRecord(m)));
    expect(back).toEqual({ ok: true, model: m });
    expect(cardProblem(card())).toBeNull();
    expect(cardProblem(card({ id: 'cnn-0.25' }))).toMatch(/id/);
    expect(cardProblem(card({ valAccuracy: 2 }))).toMatch(/accuracy/);
    expect(cardProblem(card({ createdAt: 'yesterday' }))).toMatch(/date/);
    expect(cardProblem({ ...card(), history: [{ epoch: 1 }] })).toMatch(/epoch/);
    expect(parseStoredModel({ ...toStoredRecord(m), weights: new ArrayBuffer(6) })).toMatchObject({
      ok: false,
    });
    expect(parseStoredModel({ ...toStoredRecord(m), modelJson: '' })).toMatchObject({ ok: false });
    expect(parseStoredModel(null)).toMatchObject({ ok: false });
  });
});

describe('storage errors in words', () => {
  it('maps the browser errors to kinds', () => {
    expect(storageProblemOf(named('QuotaExceededError'))).toBe('full');
    expect(storageProblemOf(named('SecurityError'))).toBe('refused');
    expect(storageProblemOf(named('InvalidStateError'))).toBe('refused');
    expect(storageProblemOf(named('UnavailableError'))).toBe('unavailable');
    expect(storageProblemOf(named('UnknownError', 'disk'))).toBe('failed');
    expect(storageProblemOf('weird')).toBe('failed');
  });

  it('says what happened and what it means for the model', () => {
    expect(storageMessage(named('QuotaExceededError'), 'save')).toBe(
      "Your model could not be saved: the browser's storage for this page is full. It stays usable on this page until you close or reload it. Deleting an older model of yours frees room.",
    );
    expect(storageMessage(named('SecurityError'), 'save')).toMatch(
      /private window.*stays usable on this page/,
    );
    expect(storageMessage(named('UnavailableError'), 'read')).toMatch(
      /no IndexedDB.*New ones last until this page is closed/,
    );
    expect(storageMessage(named('UnknownError', 'disk I/O'), 'delete')).toMatch(
      /failed \(UnknownError: disk I\/O\)\. It is removed from this page/,
    );
  });
});

describe('the user model store', () => {
  it('saves, lists (oldest first) and removes models; unreadable records are counted and left alone', async () => {
    const records = memoryStore();
    const store = new UserModelStore(records);
    await store.save(stored({ id: 'user:b-0001', createdAt: '2026-12-07T11:00:00.000Z' }));
    await store.save(stored({ id: 'user:a-0001', createdAt: '2026-12-07T10:00:00.000Z' }));
    records.records.set('junk', { id: 'junk', card: { id: 'junk' } });
    const listed = await store.list();
    expect(listed.models.map((m) => m.card.id)).toEqual(['user:a-0001', 'user:b-0001']);
    expect(listed.unreadable).toBe(1);
    await store.remove('user:a-0001');
    expect((await store.list()).models.map((m) => m.card.id)).toEqual(['user:b-0001']);
  });

  it('rejects with an error storageMessage words as "unavailable" where there is no IndexedDB', async () => {
    const store = new UserModelStore(indexedDbStore(undefined));
    const e = await store.list().then(
      () => null,
      (err: unknown) => err,
    );
    expect(storageProblemOf(e)).toBe('unavailable');
    await expect(store.save(stored())).rejects.toMatchObject({ name: 'UnavailableError' });
  });

  it('rejects with the browser error when opening is refused (a private window)', async () => {
    const refusing = {
      open: () => {
        throw named('SecurityError', 'The operation is insecure.');
      },
    } as unknown as IDBFactory;
    const e = await new UserModelStore(indexedDbStore(refusing)).list().catch((err: unknown) => err);
    expect(storageMessage(e, 'read')).toMatch(/refuses to store data for this page/);
  });
});
