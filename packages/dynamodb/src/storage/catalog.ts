// The table catalog over the `catalog` sub-database. Writes are synchronous commits (putSync/removeSync) so a
// control-plane change is visible to the very next request; inside store.env.transactionSync(...) they join
// that transaction instead. Status transitions are lazy: a CREATING/UPDATING/DELETING table or index whose
// settlesAt has passed is reported (and persisted) in its settled state the next time it is read, so no timers
// are needed and --table-delay-ms 0 means "ACTIVE by the next DescribeTable". Every item operation reads its
// table record, so decoded records are kept in memory (dropped on each write of that key; records handed out are
// shared and must be treated as read-only: change a copy, then put() it).
import type { TableMeta } from './types.js';
import type { Store } from './store.js';
import { needsSettling, settle } from './settle.js';

export interface Catalog {
  /** The table as of now (settled), or undefined. Does not hide CREATING tables: callers decide. */
  get(namespace: string, tableName: string): TableMeta | undefined;
  /** Tables of a namespace, sorted by name (ListTables order). */
  list(namespace: string): TableMeta[];
  /** Every table in every namespace (TTL sweeper, global tables). */
  all(): TableMeta[];
  /** Finds a table by ARN (tags, resource policies), across namespaces. */
  byArn(arn: string): TableMeta | undefined;
  /** Stores a table record. Inside a write transaction (store.writes.run) it commits with the other writes. */
  put(table: TableMeta): void;
  remove(table: TableMeta): void;
  /** Allocates a never-reused storage id for a new table. */
  allocateTableId(): number;
}

const SEPARATOR = '\u0000';
const NEXT_TABLE_ID = 'nextTableId';

export const catalogKey = (namespace: string, tableName: string) => `${namespace}${SEPARATOR}${tableName}`;

export function createCatalog(store: Store, now: () => number): Catalog {
  const db = store.catalog;
  const cache = new Map<string, TableMeta>();

  function read(key: string): TableMeta | undefined {
    let table = cache.get(key);
    if (table === undefined) {
      table = db.get(key);
      if (table !== undefined) cache.set(key, table);
    }
    return table;
  }
  function write(key: string, table: TableMeta | undefined) {
    cache.delete(key);
    if (table === undefined) db.removeSync(key);
    else db.putSync(key, table);
    store.committed();
  }

  /** The record as of now; persists a settled state (or the removal of a table that finished DELETING). */
  function current(stored: TableMeta | undefined): TableMeta | undefined {
    if (stored === undefined) return undefined;
    const time = now();
    if (!needsSettling(stored, time)) return stored;
    const next = settle(stored, time);
    write(catalogKey(stored.namespace, stored.TableName), next);
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
      return current(read(catalogKey(namespace, tableName)));
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
      write(catalogKey(table.namespace, table.TableName), table);
    },
    remove(table) {
      write(catalogKey(table.namespace, table.TableName), undefined);
    },
    allocateTableId() {
      const id = store.env.transactionSync(() => {
        const next = (store.meta.get(NEXT_TABLE_ID) as number | undefined) ?? 1;
        store.meta.putSync(NEXT_TABLE_ID, next + 1);
        return next;
      });
      store.committed();
      return id;
    },
  };
}
