// In-transaction change hooks (the contract agreed between the storage refactor and DynamoDB Streams): every path
// that writes items calls the hooks registered on its store, inside the LMDB write transaction of the change.
import type { Item } from '../model/index.js';
import type { Store } from './store.js';
import type { TableMeta } from './types.js';

export type ChangeCause = 'user' | 'ttl' | 'replication' | 'restore' | 'import';
export interface ItemChange {
  table: TableMeta; // the table's catalog record at write time
  key: Item; // the item's primary key attributes
  oldItem: Item | undefined; // before (undefined: the item did not exist)
  newItem: Item | undefined; // after (undefined: deleted)
  cause: ChangeCause; // 'ttl' for TTL expiry deletes, 'replication' for global-table replica writes
}
/** Runs synchronously INSIDE the LMDB write transaction that writes the change, once per item change that was
 *  written (old or new present), in commit order. Writes it makes through storage commit atomically with the item;
 *  a throw aborts that request's (child) transaction. */
export type InTransactionChangeHook = (change: ItemChange) => void;

const hooks = new WeakMap<Store, InTransactionChangeHook[]>();

/** The hooks of one store (one engine): a list to push to and splice from. */
export function changeHooksOf(store: Store): InTransactionChangeHook[] {
  let list = hooks.get(store);
  if (!list) hooks.set(store, (list = []));
  return list;
}
