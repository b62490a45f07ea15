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
  /** Opt-in: no fsync per commit (faster, not crash-safe). */
  noSync?: boolean;
}

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
  close(): Promise<void>;
}

export { openStore } from './open.js';
