// CONTRACT (implemented by the storage/control-plane owner). One LMDB environment, named sub-databases.
// Layout (documented in the package README):
//   catalog : `${namespace}\u0000${TableName}` → TableMeta                    (msgpack)
//   items   : u32 tableId | u16 indexId (0 = table) | 4-byte hashPrefix | enc(hash) [| enc(range)]
//             [| enc(table hash) | enc(table range) for index entries]       → 7-digit size | item wire JSON
//             (storage/item-codec.ts; `items` decodes to Item, `rawItems` gives the stored bytes)
//   stats   : u32 tableId | u16 indexId → { count, bytes }                   (live ItemCount / size)
//   meta    : string keys → counters (next table id), backups, global tables, idempotency tokens, itemFormat
import type { Database, RootDatabase } from 'lmdb';
import type { Item } from '../model/index.js';
import type { TableMeta } from './types.js';
import type { StoredItem } from './item-codec.js';
import type { GroupCommit } from './group-commit.js';

export interface StoreOptions {
  /** Directory of the LMDB environment. */
  path: string;
  /** When commits reach the disk (package README, "Durability"). Default 'background'. */
  sync?: SyncMode;
  /** 'background': the longest a commit waits for its flush. Default 100 ms. */
  flushIntervalMs?: number;
}

/** What an answered write has survived:
 *  - 'always': fsynced before the answer (survives power loss; one fsync per group commit);
 *  - 'background': committed before the answer (survives a crash or kill of the server), fsynced at most
 *    flushIntervalMs later (@ack-local/lmdb-flush);
 *  - 'never': committed, left to the OS to write back (throwaway data dirs). */
export type SyncMode = 'always' | 'background' | 'never';

export interface Store {
  readonly env: RootDatabase;
  readonly catalog: Database<TableMeta, string>;
  readonly items: Database<Item, Buffer>;
  /** The items database again, values as stored text (whole-item reads; writes that know the item's size) and keys
   *  read back as latin1 strings (storage/item-codec.ts). */
  readonly rawItems: Database<StoredItem, Buffer>;
  readonly stats: Database<{ count: number; bytes: number }, Buffer>;
  readonly meta: Database<unknown, string>;
  /** Every write but the catalog's: one synchronous commit per event-loop turn (storage/group-commit.ts). */
  readonly writes: GroupCommit;
  /** Call after a commit made outside `writes` (the catalog's), so that the background flush covers it. */
  committed(): void;
  /** Resolves once every commit so far is on disk, whatever the sync mode. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export { openStore } from './open.js';
