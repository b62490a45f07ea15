// Finding a global table's replica in another region: the table of the same name in the namespace that
// (account, region) resolves to — in account-region isolation, another region's namespace of the same account.
import type { DynamoDBEngine } from '../../engine.js';
import { DynamoDBError, validation } from '../../errors.js';
import { allItems } from '../../storage/items.js';
import type { TableMeta } from '../../storage/types.js';

export function replicaTable(
  engine: DynamoDBEngine,
  accountId: string,
  region: string,
  tableName: string,
): TableMeta | undefined {
  const namespace = engine.contextFor({ accountId, region }).namespace;
  const table = engine.catalog.get(namespace, tableName);
  return table && table.TableStatus !== 'CREATING' && table.TableStatus !== 'DELETING' ? table : undefined;
}

const invalid = (detail: string) => validation(`One or more parameter values were invalid: ${detail}`);

/** The replica table of `region`, checked against DynamoDB's conditions for joining a (2017.11.29) global table. */
export function requireEligibleReplica(
  engine: DynamoDBEngine,
  accountId: string,
  region: string,
  tableName: string,
  reference: TableMeta | undefined,
): TableMeta {
  const table = replicaTable(engine, accountId, region, tableName);
  if (!table) throw new DynamoDBError('TableNotFoundException', `Table not found: ${tableName} in region ${region}`);
  const stream = table.StreamSpecification;
  if (!stream?.StreamEnabled || stream.StreamViewType !== 'NEW_AND_OLD_IMAGES') {
    throw invalid(
      `Table ${tableName} in region ${region} must have DynamoDB Streams enabled with StreamViewType NEW_AND_OLD_IMAGES`,
    );
  }
  if (table.GlobalTableName !== undefined) {
    throw invalid(
      `Table ${tableName} in region ${region} is already a replica of global table ${table.GlobalTableName}`,
    );
  }
  if (reference && !sameKeys(reference, table)) {
    throw invalid(`Key schema of table ${tableName} in region ${region} does not match the other replicas`);
  }
  if (!allItems(engine.storage.store, table).next().done)
    throw invalid(`Table ${tableName} in region ${region} is not empty`);
  return table;
}

function sameKeys(a: TableMeta, b: TableMeta): boolean {
  const shape = (t: TableMeta) => JSON.stringify([t.key.hash, t.key.range ?? null]);
  return shape(a) === shape(b);
}
