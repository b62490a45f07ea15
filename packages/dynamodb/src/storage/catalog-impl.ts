// The table catalog over the `catalog` sub-database. Writes are synchronous commits (putSync/removeSync) so a
// control-plane change is visible to the very next request; inside store.env.transactionSync(...) they join
// that transaction instead. Reads settle elapsed CREATING/UPDATING/DELETING phases and persist the result.
import type { Store } from './store.js';
import type { Catalog } from './catalog.js';
import type { TableMeta } from './types.js';
import { needsSettling, settle } from './settle.js';

const SEPARATOR = '\u0000';
const NEXT_TABLE_ID = 'nextTableId';

export const catalogKey = (namespace: string, tableName: string) => `${namespace}${SEPARATOR}${tableName}`;

export function createCatalog(store: Store, now: () => number): Catalog {
  const db = store.catalog;

  /** The record as of now; persists a settled state (or the removal of a table that finished DELETING). */
  function current(stored: TableMeta | undefined): TableMeta | undefined {
    if (stored === undefined) return undefined;
    const time = now();
    if (!needsSettling(stored, time)) return stored;
    const next = settle(stored, time);
    const key = catalogKey(stored.namespace, stored.TableName);
    if (next === undefined) db.removeSync(key);
    else db.putSync(key, next);
    return next;
  }

  function* entries(start: string, end: string | undefined): Generator<TableMeta> {
    for (const { value } of db.getRange(end === undefined ? { start } : { start, end })) {
      const table = current(value);
      if (table) yield table;
    }
  }

  return {
    get(namespace, tableName) {
      return current(db.get(catalogKey(namespace, tableName)));
    },
    list(namespace) {
      // Keys sort by namespace, then table name (byte order), which is ListTables' order.
      return [...entries(`${namespace}${SEPARATOR}`, `${namespace}\u0001`)];
    },
    all() {
      return [...entries('', undefined)];
    },
    byArn(arn) {
      const parsed = /^arn:aws[a-z-]*:dynamodb:([^:]*):([^:]*):table\/([^/]+)$/.exec(arn);
      if (!parsed) return undefined;
      const tableName = parsed[3]!;
      for (const table of entries('', undefined)) {
        if (table.TableName === tableName && table.TableArn === arn) return table;
      }
      return undefined;
    },
    put(table) {
      db.putSync(catalogKey(table.namespace, table.TableName), table);
    },
    remove(table) {
      db.removeSync(catalogKey(table.namespace, table.TableName));
    },
    allocateTableId() {
      return store.env.transactionSync(() => {
        const next = (store.meta.get(NEXT_TABLE_ID) as number | undefined) ?? 1;
        store.meta.putSync(NEXT_TABLE_ID, next + 1);
        return next;
      });
    },
  };
}
