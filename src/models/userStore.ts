/**
 * Keeps the student's trained models in the browser's IndexedDB (database "smoothing-lab-models",
 * object store "models", one record per model keyed by its id: the card, the model.json text and the
 * weight bytes; see ./userModels.ts). Every call rejects with the browser's own error (a
 * QuotaExceededError, a SecurityError in a private window...), which storageMessage words for the
 * student. The records go through a small `RecordStore` interface, so the logic above IndexedDB is
 * tested in Node with a store in memory.
 */
import { parseStoredModel, toStoredRecord, unavailableError, type StoredUserModel } from './userModels';

/** The few operations the user-model store needs from a key-value store of records. */
export interface RecordStore {
  /** Every record. */
  getAll(): Promise<unknown[]>;
  /** Adds or replaces the record whose `id` is the record's key. */
  put(record: { id: string }): Promise<void>;
  delete(id: string): Promise<void>;
}

export const DB_NAME = 'smoothing-lab-models';
export const STORE_NAME = 'models';
const DB_VERSION = 1;

function promised<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction was aborted'));
  });
}

/** The IndexedDB record store (opened once; rejects where IndexedDB is missing or refused). */
export function indexedDbStore(factory: IDBFactory | undefined = globalThis.indexedDB): RecordStore {
  let db: Promise<IDBDatabase> | null = null;
  const open = (): Promise<IDBDatabase> => {
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      if (!factory) return reject(unavailableError());
      let req: IDBOpenDBRequest;
      try {
        req = factory.open(DB_NAME, DB_VERSION);
      } catch (e) {
        return reject(e as Error);
      }
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(STORE_NAME)) {
          req.result.createObjectStore(STORE_NAME, { keyPath: 'id' });
        }
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
      req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab of this app'));
    });
    db.catch(() => (db = null));
    return db;
  };
  const write = async (f: (s: IDBObjectStore) => void): Promise<void> => {
    const tx = (await open()).transaction(STORE_NAME, 'readwrite');
    f(tx.objectStore(STORE_NAME));
    await done(tx);
  };
  return {
    getAll: async () => promised((await open()).transaction(STORE_NAME).objectStore(STORE_NAME).getAll()),
    put: (record) => write((s) => s.put(record)),
    delete: (id) => write((s) => s.delete(id)),
  };
}

/** The student's models over a record store. */
export class UserModelStore {
  constructor(private readonly records: RecordStore) {}

  /**
   * Every stored model, oldest first, and how many records could not be read (damaged, or written
   * by another version of the app); those are left alone.
   */
  async list(): Promise<{ models: StoredUserModel[]; unreadable: number }> {
    const all = await this.records.getAll();
    const models: StoredUserModel[] = [];
    let unreadable = 0;
    for (const r of all) {
      const p = parseStoredModel(r);
      if (p.ok) models.push(p.model);
      else unreadable++;
    }
    models.sort((a, b) => a.card.createdAt.localeCompare(b.card.createdAt));
    return { models, unreadable };
  }

  save(m: StoredUserModel): Promise<void> {
    return this.records.put(toStoredRecord(m));
  }

  remove(id: string): Promise<void> {
    return this.records.delete(id);
  }
}

/** A record store in memory (tests; nothing persists). */
export function memoryStore(): RecordStore & { records: Map<string, unknown> } {
  const records = new Map<string, unknown>();
  return {
    records,
    getAll: () => Promise.resolve([...records.values()]),
    put: (r) => {
      records.set(r.id, r);
      return Promise.resolve();
    },
    delete: (id) => {
      records.delete(id);
      return Promise.resolve();
    },
  };
}
