// What the rest of the engine holds of storage: the LMDB store, the table catalog and the typed metadata store
// built over it, and the observers of item changes. One per engine; every storage function that writes items
// takes it (never the engine), so storage depends on nothing above it.
import { createCatalog, type Catalog } from './catalog.js';
import type { ChangeObservers, InTransactionChangeHook, ItemWriteListener } from './change-hooks.js';
import { openMetadata, type MetadataStore } from './metadata/index.js';
import { openStore, type Store, type StoreOptions } from './store.js';

export interface Storage extends ChangeObservers {
  readonly store: Store;
  readonly catalog: Catalog;
  readonly metadata: MetadataStore;
  /** Run inside the write transaction of every item change (storage/change-hooks.ts). */
  readonly changeHooks: InTransactionChangeHook[];
  /** Run after the commit of every item change (storage/change-hooks.ts). */
  readonly writeListeners: ItemWriteListener[];
}

/** Opens the data dir's store and builds the catalog (clock `now`, for lazy status transitions) over it. */
export function openStorage(options: StoreOptions, now: () => number): Storage {
  const store = openStore(options);
  return storageOver(store, createCatalog(store, now));
}

/** A Storage over an open store and a catalog (tests give an in-memory catalog). */
export function storageOver(store: Store, catalog: Catalog): Storage {
  return { store, catalog, metadata: openMetadata(store), changeHooks: [], writeListeners: [] };
}
