// GSI changes of UpdateTable: validating and adding a Create to the table record, finding the index an Update or
// Delete names, and the storage jobs that follow the commit (backfill, dropping entries).
import type { Static } from 'typebox';
import { DynamoDBError, resourceNotFound, validation } from '../../errors.js';
import type { AttributeDefinition } from '../../model/index.js';
import { backfillIndex, dropIndexEntries } from '../../storage/items.js';
import type { IndexMeta, TableMeta } from '../../storage/types.js';
import type { OperationContext } from '../types.js';
import { assertKeyOrder, assertKeysDefined, checkProjection, invalid, keyShape, sortedDefinitions } from './keys.js';
import type { GlobalSecondaryIndex } from './schemas.js';

const MAX_GSIS = 20;

export const limitExceeded = (detail: string) =>
  new DynamoDBError('LimitExceededException', `Subscriber limit exceeded: ${detail}`);

/** The GSI an Update or Delete names; an LSI or a missing index answers as DynamoDB does. */
export function existingGlobalIndex(table: TableMeta, name: string, verb: 'update' | 'delete'): IndexMeta {
  const index = table.GlobalSecondaryIndexes.find((i) => i.IndexName === name);
  if (index) return index;
  if (table.LocalSecondaryIndexes.some((i) => i.IndexName === name)) {
    throw validation(`Cannot ${verb} an index that is not a GlobalSecondaryIndex: ${name}`);
  }
  throw resourceNotFound(`Requested resource not found: Index ${name} for table ${table.TableName}`);
}

/** Adds a GSI Create to the table record (CREATING until settlesAt; filled by runIndexJobs). `requestDefinitions`:
 *  the request's AttributeDefinitions, required with a Create. */
export function createIndex(
  requestDefinitions: AttributeDefinition[] | undefined,
  create: Static<typeof GlobalSecondaryIndex>,
  table: TableMeta,
  settlesAt: number,
): IndexMeta {
  const name = create.IndexName;
  if (!requestDefinitions) throw invalid(`AttributeDefinitions is not specified for index: ${name}`);
  // Existing definitions win: DynamoDB ignores stale or conflicting entries sent along with a GSI Create.
  const known = new Map<string, AttributeDefinition>(requestDefinitions.map((d) => [d.AttributeName, d]));
  for (const d of table.AttributeDefinitions) known.set(d.AttributeName, d);
  const definitions = [...known.values()];
  assertKeysDefined(create.KeySchema, definitions);
  assertKeyOrder(create.KeySchema);
  const projection = checkProjection(create.Projection);
  if ([...table.GlobalSecondaryIndexes, ...table.LocalSecondaryIndexes].some((i) => i.IndexName === name)) {
    throw validation('Attempting to create an index which already exists');
  }
  if (table.GlobalSecondaryIndexes.length + 1 > MAX_GSIS) {
    throw limitExceeded(`Number of global secondary indexes exceeds per-table limit of ${MAX_GSIS}`);
  }
  // Under PAY_PER_REQUEST a throughput sent with the Create (the ACK controller sends 1/1) is ignored.
  if (table.BillingMode === 'PROVISIONED' && !create.ProvisionedThroughput) {
    throw invalid(`Both ReadCapacityUnits and WriteCapacityUnits must be specified for index: ${name}`);
  }
  const used = new Set(create.KeySchema.map((k) => k.AttributeName));
  table.AttributeDefinitions = sortedDefinitions([
    ...table.AttributeDefinitions,
    ...definitions.filter(
      (d) => used.has(d.AttributeName) && !table.AttributeDefinitions.some((t) => t.AttributeName === d.AttributeName),
    ),
  ]);
  const index: IndexMeta = {
    kind: 'GSI',
    id:
      Math.max(0, ...table.GlobalSecondaryIndexes.map((i) => i.id), ...table.LocalSecondaryIndexes.map((i) => i.id)) +
      1,
    IndexName: name,
    KeySchema: create.KeySchema,
    key: keyShape(create.KeySchema, table.AttributeDefinitions),
    Projection: projection,
    IndexStatus: 'CREATING',
    Backfilling: false,
    settlesAt,
    ProvisionedThroughput: {
      ReadCapacityUnits: table.BillingMode === 'PROVISIONED' ? create.ProvisionedThroughput!.ReadCapacityUnits : 0,
      WriteCapacityUnits: table.BillingMode === 'PROVISIONED' ? create.ProvisionedThroughput!.WriteCapacityUnits : 0,
      NumberOfDecreasesToday: 0,
    },
  };
  if (create.OnDemandThroughput && table.BillingMode === 'PAY_PER_REQUEST')
    index.OnDemandThroughput = create.OnDemandThroughput;
  table.GlobalSecondaryIndexes.push(index);
  return index;
}

/** After the record is committed: drop the entries of deleted indexes and fill created ones from the items. */
export async function runIndexJobs(ctx: OperationContext, table: TableMeta, created: IndexMeta[], deleted: string[]) {
  for (const name of deleted) {
    const index = table.GlobalSecondaryIndexes.find((i) => i.IndexName === name)!;
    await dropIndexEntries(ctx.engine.storage.store, table, index);
  }
  for (const index of created) await backfillIndex(ctx.engine.storage.store, table, index);
}
