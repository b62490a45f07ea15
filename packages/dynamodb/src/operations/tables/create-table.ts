// CreateTable: every check in DynamoDB's order and words, then a CREATING table that settles after tableDelayMs.
import { randomUUID } from 'node:crypto';
import Type, { type Static } from 'typebox';
import { resourceInUse, validation } from '../../errors.js';
import type { AttributeDefinition, KeySchemaElement } from '../../model/index.js';
import type { IndexMeta, TableMeta } from '../../storage/types.js';
import { defineOperation, type OperationContext } from '../types.js';
import { syncStreams } from '../../streams/index.js';
import { describeTable } from './describe.js';
import { javaHashSetOrder } from './java-order.js';
import { assertKeyOrder, assertKeysDefined, checkProjection, invalid, keyShape, sortedDefinitions } from './keys.js';
import {
  AttributeDefinitions,
  BillingMode,
  GlobalSecondaryIndex,
  KeySchema,
  LocalSecondaryIndex,
  OnDemandThroughput,
  ProvisionedThroughput,
  SSESpecification,
  StreamSpecification,
  TableClass,
  TableName,
  Tag,
  WarmThroughput,
} from './schemas.js';
import { checkTableClass, sseDescription, checkSseSpecification, streamLabel } from './table-features.js';
import { checkTagSet } from '../features/support/tags.js';

const input = Type.Object(
  {
    AttributeDefinitions,
    TableName,
    ProvisionedThroughput: Type.Optional(ProvisionedThroughput),
    KeySchema,
    // The GSIs' violations are listed before the LSIs' (paritysuite validation-ordering/createTable.test.ts,
    // eu-west-2 and us-east-1, 2026-10-09).
    GlobalSecondaryIndexes: Type.Optional(Type.Array(GlobalSecondaryIndex)),
    LocalSecondaryIndexes: Type.Optional(Type.Array(LocalSecondaryIndex)),
    BillingMode: Type.Optional(BillingMode),
    StreamSpecification: Type.Optional(StreamSpecification),
    SSESpecification: Type.Optional(SSESpecification),
    Tags: Type.Optional(Type.Array(Tag)),
    TableClass: Type.Optional(TableClass),
    DeletionProtectionEnabled: Type.Optional(Type.Boolean()),
    ResourcePolicy: Type.Optional(Type.String()),
    OnDemandThroughput: Type.Optional(OnDemandThroughput),
    WarmThroughput: Type.Optional(WarmThroughput),
  },
  { title: 'CreateTableInput' },
);
type Input = Static<typeof input>;

/** Out-of-range capacity the service refuses outright (larger values are LimitExceeded in AWS; kept simple). */
const MAX_CAPACITY = 1_000_000_000_000;
const MAX_GSIS = 20;
const MAX_LSIS = 5;

export const createTable = defineOperation({
  name: 'CreateTable',
  input,
  handle(request, ctx) {
    checkRequest(request);
    if (ctx.engine.catalog.get(ctx.namespace, request.TableName)) {
      throw resourceInUse(`Table already exists: ${request.TableName}`);
    }
    const table = buildTable(request, ctx);
    ctx.engine.catalog.put(table);
    syncStreams(ctx.engine);
    return { TableDescription: describeTable(ctx.engine, table) };
  },
});

function checkRequest(request: Input) {
  const billing = request.BillingMode ?? 'PROVISIONED';
  if (billing === 'PAY_PER_REQUEST' && request.ProvisionedThroughput) {
    throw invalid(
      'Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST',
    );
  }
  if (billing === 'PROVISIONED' && !request.ProvisionedThroughput) {
    throw invalid('ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED');
  }
  if (request.ProvisionedThroughput) checkCapacityBounds(request.ProvisionedThroughput);
  checkDefinitions(request.AttributeDefinitions);
  checkTableKey(request);
  checkIndexes(request, billing);
  if (request.StreamSpecification) checkStreamSpecification(request.StreamSpecification);
  if (request.SSESpecification) checkSseSpecification(request.SSESpecification);
  if (request.TableClass !== undefined) checkTableClass(request.TableClass);
  if (request.OnDemandThroughput && billing === 'PROVISIONED') {
    const member =
      request.OnDemandThroughput.MaxReadRequestUnits !== undefined ? 'MaxReadRequestUnits' : 'MaxWriteRequestUnits';
    throw invalid(`${member} for OnDemandThroughput cannot be specified when the table BillingMode is PROVISIONED`);
  }
  if (request.OnDemandThroughput) checkOnDemand(request.OnDemandThroughput, 'table');
  if (request.Tags) checkTagSet(request.Tags);
}

function checkCapacityBounds(throughput: { ReadCapacityUnits: number; WriteCapacityUnits: number }) {
  if (throughput.ReadCapacityUnits > MAX_CAPACITY) {
    throw validation(`Given value ${throughput.ReadCapacityUnits} for ReadCapacityUnits is out of bounds`);
  }
  if (throughput.WriteCapacityUnits > MAX_CAPACITY) {
    throw validation(`Given value ${throughput.WriteCapacityUnits} for WriteCapacityUnits is out of bounds`);
  }
}

function checkOnDemand(onDemand: { MaxReadRequestUnits?: number; MaxWriteRequestUnits?: number }, target: string) {
  for (const member of ['MaxReadRequestUnits', 'MaxWriteRequestUnits'] as const) {
    const value = onDemand[member];
    if (value !== undefined && value !== -1 && value < 1) {
      throw invalid(`Requested ${member} for OnDemandThroughput for ${target} is outside of valid range`);
    }
  }
}

function checkDefinitions(definitions: AttributeDefinition[]) {
  const seen = new Set<string>();
  for (const d of definitions) {
    if (seen.has(d.AttributeName)) throw validation(`Attribute Name is duplicated: ${d.AttributeName}`);
    seen.add(d.AttributeName);
  }
}

function checkTableKey(request: Input) {
  const keys = request.KeySchema.map((k) => k.AttributeName);
  const defined = request.AttributeDefinitions.map((d) => d.AttributeName);
  if (keys.length === 2) {
    if (keys.some((k) => !defined.includes(k)) || (keys[0] === keys[1] && defined.length === 1)) {
      throw validation('Invalid KeySchema: Some index key attribute have no definition');
    }
  } else {
    assertKeysDefined(request.KeySchema, request.AttributeDefinitions);
  }
  assertKeyOrder(request.KeySchema);
  const hasIndexes = request.LocalSecondaryIndexes !== undefined || request.GlobalSecondaryIndexes !== undefined;
  if (!hasIndexes && keys.length !== defined.length) {
    throw invalid(
      'Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions',
    );
  }
}

function checkIndexes(request: Input, billing: 'PROVISIONED' | 'PAY_PER_REQUEST') {
  const lsis = request.LocalSecondaryIndexes;
  const gsis = request.GlobalSecondaryIndexes;
  if (lsis && lsis.length === 0) throw invalid('List of LocalSecondaryIndexes is empty');
  if (gsis && gsis.length === 0) throw invalid('List of GlobalSecondaryIndexes is empty');
  if (!lsis && !gsis) return;
  checkUnusedDefinitions(request);
  const names = new Set<string>();
  if (lsis) {
    if (request.KeySchema.length !== 2) {
      throw invalid(
        'Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex',
      );
    }
    const tableHash = request.KeySchema[0]!.AttributeName;
    for (const lsi of lsis) {
      checkIndexKey(lsi.KeySchema, request.AttributeDefinitions);
      if (lsi.KeySchema.length !== 2)
        throw invalid(`Index KeySchema does not have a range key for index: ${lsi.IndexName}`);
      const indexHash = lsi.KeySchema[0]!.AttributeName;
      if (indexHash !== tableHash) {
        throw invalid(
          `Index KeySchema does not have the same leading hash key as table KeySchema for index: ${lsi.IndexName}. ` +
            `index hash key: ${indexHash}, table hash key: ${tableHash}`,
        );
      }
      checkProjection(lsi.Projection);
      if (names.has(lsi.IndexName)) throw invalid(`Duplicate index name: ${lsi.IndexName}`);
      names.add(lsi.IndexName);
    }
    if (lsis.length > MAX_LSIS) throw invalid(`Number of LocalSecondaryIndexes exceeds per-table limit of ${MAX_LSIS}`);
  }
  if (gsis) {
    for (const gsi of gsis) {
      checkIndexKey(gsi.KeySchema, request.AttributeDefinitions);
      checkProjection(gsi.Projection);
      if (names.has(gsi.IndexName)) throw invalid(`Duplicate index name: ${gsi.IndexName}`);
      names.add(gsi.IndexName);
      if (billing === 'PAY_PER_REQUEST' && gsi.ProvisionedThroughput) {
        throw invalid(
          `ProvisionedThroughput should not be specified for index: ${gsi.IndexName} when BillingMode is PAY_PER_REQUEST`,
        );
      }
      if (billing === 'PROVISIONED' && !gsi.ProvisionedThroughput) {
        throw invalid(`ProvisionedThroughput is not specified for index: ${gsi.IndexName}`);
      }
      if (gsi.ProvisionedThroughput) checkCapacityBounds(gsi.ProvisionedThroughput);
      if (gsi.OnDemandThroughput && billing === 'PROVISIONED') {
        throw invalid(
          `MaxReadRequestUnits for OnDemandThroughput for index: ${gsi.IndexName} cannot be specified when the table BillingMode is PROVISIONED`,
        );
      }
      if (gsi.OnDemandThroughput) checkOnDemand(gsi.OnDemandThroughput, `index : ${gsi.IndexName}`);
    }
    if (gsis.length > MAX_GSIS) throw invalid(`GlobalSecondaryIndex count exceeds the per-table limit of ${MAX_GSIS}`);
  }
}

function checkIndexKey(keySchema: KeySchemaElement[], definitions: AttributeDefinition[]) {
  assertKeysDefined(keySchema, definitions);
  assertKeyOrder(keySchema);
}

/** With indexes, AttributeDefinitions must be exactly the key attributes; checked before other index rules. */
function checkUnusedDefinitions(request: Input) {
  const used = [
    ...request.KeySchema,
    ...(request.LocalSecondaryIndexes ?? []).flatMap((i) => i.KeySchema),
    ...(request.GlobalSecondaryIndexes ?? []).flatMap((i) => i.KeySchema),
  ].map((k) => k.AttributeName);
  const defined = request.AttributeDefinitions.map((d) => d.AttributeName);
  if (defined.some((name) => !used.includes(name))) {
    throw invalid(
      `Some AttributeDefinitions are not used. AttributeDefinitions: [${defined.join(', ')}], keys used: [${javaHashSetOrder(used).join(', ')}]`,
    );
  }
}

function checkStreamSpecification(spec: { StreamEnabled: boolean; StreamViewType?: string }) {
  if (spec.StreamEnabled && !spec.StreamViewType) {
    throw invalid('Table is being created with a stream enabled, UpdateViewType is required');
  }
  if (!spec.StreamEnabled && spec.StreamViewType) {
    throw invalid('Table is being created with a stream disabled, UpdateViewType should not be specified');
  }
}

function buildTable(request: Input, ctx: OperationContext): TableMeta {
  const { engine } = ctx;
  const now = engine.now();
  const settlesAt = now + engine.options.tableDelayMs;
  const billing = request.BillingMode ?? 'PROVISIONED';
  const definitions = sortedDefinitions(request.AttributeDefinitions);
  const tableArn = `arn:aws:dynamodb:${ctx.region}:${ctx.accountId}:table/${request.TableName}`;
  let nextIndexId = 1;
  const lsis: IndexMeta[] = (request.LocalSecondaryIndexes ?? []).map((lsi) => ({
    kind: 'LSI',
    id: nextIndexId++,
    IndexName: lsi.IndexName,
    KeySchema: lsi.KeySchema,
    key: keyShape(lsi.KeySchema, definitions),
    Projection: checkProjection(lsi.Projection),
    IndexStatus: 'CREATING',
    settlesAt,
  }));
  const gsis: IndexMeta[] = (request.GlobalSecondaryIndexes ?? []).map((gsi) => {
    const index: IndexMeta = {
      kind: 'GSI',
      id: nextIndexId++,
      IndexName: gsi.IndexName,
      KeySchema: gsi.KeySchema,
      key: keyShape(gsi.KeySchema, definitions),
      Projection: checkProjection(gsi.Projection),
      IndexStatus: 'CREATING',
      settlesAt,
      ProvisionedThroughput: {
        ReadCapacityUnits: gsi.ProvisionedThroughput?.ReadCapacityUnits ?? 0,
        WriteCapacityUnits: gsi.ProvisionedThroughput?.WriteCapacityUnits ?? 0,
        NumberOfDecreasesToday: 0,
      },
    };
    if (gsi.OnDemandThroughput) index.OnDemandThroughput = gsi.OnDemandThroughput;
    return index;
  });
  const table: TableMeta = {
    id: engine.catalog.allocateTableId(),
    namespace: ctx.namespace,
    accountId: ctx.accountId,
    region: ctx.region,
    TableName: request.TableName,
    TableArn: tableArn,
    TableId: randomUUID(),
    CreationDateTime: now / 1000,
    TableStatus: 'CREATING',
    settlesAt,
    AttributeDefinitions: definitions,
    KeySchema: request.KeySchema,
    key: keyShape(request.KeySchema, definitions),
    BillingMode: billing,
    ProvisionedThroughput: {
      ReadCapacityUnits: request.ProvisionedThroughput?.ReadCapacityUnits ?? 0,
      WriteCapacityUnits: request.ProvisionedThroughput?.WriteCapacityUnits ?? 0,
      NumberOfDecreasesToday: 0,
    },
    GlobalSecondaryIndexes: gsis,
    LocalSecondaryIndexes: lsis,
    DeletionProtectionEnabled: request.DeletionProtectionEnabled ?? false,
    Tags: request.Tags ?? [],
    PointInTimeRecoveryEnabled: false,
  };
  if (request.BillingMode === 'PAY_PER_REQUEST') {
    table.BillingModeSummary = { BillingMode: 'PAY_PER_REQUEST', LastUpdateToPayPerRequestDateTime: now / 1000 };
  } else if (request.BillingMode === 'PROVISIONED') {
    table.BillingModeSummary = { BillingMode: 'PROVISIONED' };
  }
  if (request.OnDemandThroughput) table.OnDemandThroughput = request.OnDemandThroughput;
  if (request.StreamSpecification?.StreamEnabled) {
    const label = streamLabel(now);
    table.StreamSpecification = { StreamEnabled: true, StreamViewType: request.StreamSpecification.StreamViewType! };
    table.LatestStreamLabel = label;
    table.LatestStreamArn = `${tableArn}/stream/${label}`;
  }
  const sse = request.SSESpecification ? sseDescription(request.SSESpecification, ctx) : undefined;
  if (sse) table.SSEDescription = sse;
  if (request.TableClass !== undefined) table.TableClassSummary = { TableClass: request.TableClass as 'STANDARD' };
  if (request.ResourcePolicy !== undefined)
    table.ResourcePolicy = { Policy: request.ResourcePolicy, RevisionId: String(now) };
  return table;
}
