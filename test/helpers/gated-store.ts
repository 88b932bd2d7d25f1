/**
 * An ObjectStore wrapper that holds chosen operations at a gate until the test opens it, to
 * replay an exact interleaving of two workers (a render or ingest paused mid-way while another
 * runs), or fails them to simulate a crash at that point. The store underneath is the real one.
 */
import type { ObjectInfo, ObjectStore, PutOptions } from '../../lambda/storage/object-store.ts';

export type Operation = 'head' | 'get' | 'put' | 'delete' | 'list';

export interface Gate {
  store: ObjectStore;
  /** Resolves when the first held operation arrives at the gate. */
  reached: Promise<void>;
  /** Lets every held (and later) matching operation through. */
  open(): void;
}

export function gatedStore(inner: ObjectStore, holds: (op: Operation, key: string) => boolean): Gate {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let arrived!: () => void;
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  const wait = async (op: Operation, key: string): Promise<void> => {
    if (!holds(op, key)) return;
    arrived();
    await gate;
  };
  return {
    reached,
    open,
    store: {
      head: async (key: string) => (await wait('head', key), inner.head(key)),
      get: async (key: string) => (await wait('get', key), inner.get(key)),
      put: async (key: string, body: Uint8Array | string, options?: PutOptions) => (await wait('put', key), inner.put(key, body, options)),
      delete: async (key: string) => (await wait('delete', key), inner.delete(key)),
      list: async (prefix: string): Promise<ObjectInfo[]> => (await wait('list', prefix), inner.list(prefix)),
    },
  };
}

/** A store whose matching operations throw, as if the process died at that point. */
export function crashingStore(inner: ObjectStore, crashes: (op: Operation, key: string) => boolean): ObjectStore {
  const check = (op: Operation, key: string): void => {
    if (crashes(op, key)) throw new Error(`simulated crash at ${op} ${key}`);
  };
  return {
    head: async (key) => (check('head', key), inner.head(key)),
    get: async (key) => (check('get', key), inner.get(key)),
    put: async (key, body, options) => (check('put', key), inner.put(key, body, options)),
    delete: async (key) => (check('delete', key), inner.delete(key)),
    list: async (prefix) => (check('list', prefix), inner.list(prefix)),
  };
}
