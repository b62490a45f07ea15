// Who hears about item changes. Two kinds of observer, both owned by one engine's Storage (never module-global):
// - in-transaction change hooks run inside the LMDB write transaction that writes the change, so whatever they
//   write through storage commits atomically with the item (DynamoDB Streams records);
// - after-commit write listeners run once the change is committed, for work that must not run inside the
//   transaction (global-table replication fan-out, the TTL expiry index).
import type { Item } from '../model/index.js';
import type { StoredItem } from './item-codec.js';
import type { TableMeta } from './types.js';

/** Why an item changed: a client request, TTL expiry, global-table replication, a restore or an import. */
export type ChangeCause = 'user' | 'ttl' | 'replication' | 'restore' | 'import';

export interface ItemChange {
  /** The table's catalog record at write time. */
  table: TableMeta;
  /** The item's primary key attributes. */
  key: Item;
  /** Before (undefined: the item did not exist). */
  oldItem: Item | undefined;
  /** After (undefined: deleted). */
  newItem: Item | undefined;
  /** 'ttl' for TTL expiry deletes, 'replication' for global-table replica writes. */
  cause: ChangeCause;
  /** The stored texts (storage/item-codec.ts: size header + wire JSON) of oldItem/newItem when the write path has
   *  them at no extra cost, so the streams hook copies text instead of serialising and measuring items again. The
   *  old text is only read for tables whose stream is on (item-writes.ts). */
  oldText?: StoredItem;
  newText?: StoredItem;
}

/** Runs synchronously INSIDE the LMDB write transaction that writes the change, once per item change that was
 *  written (old or new present), in commit order. Writes it makes through storage commit atomically with the item;
 *  a throw aborts that request's (child) transaction. */
export type InTransactionChangeHook = (change: ItemChange) => void;

/** Runs after the change committed, in commit order. A throw is swallowed: it never fails the write. */
export type ItemWriteListener = (change: ItemChange) => void;

export interface ChangeObservers {
  readonly changeHooks: InTransactionChangeHook[];
  readonly writeListeners: ItemWriteListener[];
}

/** Calls the in-transaction hooks for one written change. Call inside the transaction, after the write. */
export function runChangeHooks(observers: ChangeObservers, change: ItemChange): void {
  for (const hook of observers.changeHooks) hook(change);
}

/** Tells the write listeners about committed changes, in commit order. A failing listener never fails the write. */
export function notifyWriteListeners(observers: ChangeObservers, changes: readonly ItemChange[]): void {
  for (const change of changes) {
    for (const listener of observers.writeListeners) {
      try {
        listener(change);
      } catch {
        /* replication and TTL bookkeeping must not break writes */
      }
    }
  }
}
