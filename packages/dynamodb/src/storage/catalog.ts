// CONTRACT (implemented by the storage/control-plane owner): the table catalog.
// Status transitions are lazy: a CREATING/UPDATING/DELETING table or index whose settlesAt has passed is
// reported (and persisted) in its settled state the next time it is read, so no timers are needed and
// --table-delay-ms 0 means "ACTIVE by the next DescribeTable".
import type { TableMeta } from './types.js';

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

export { createCatalog } from './catalog-impl.js';
