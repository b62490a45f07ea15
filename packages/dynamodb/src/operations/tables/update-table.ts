// UpdateTable: billing mode, throughput, streams, encryption, table class, deletion protection, on-demand
// throughput and GSI Create/Update/Delete, with DynamoDB's admission rules and messages. Answers UPDATING for
// changes that take time in AWS; the record settles after tableDelayMs (storage/settle.ts).
import Type, { type Static } from 'typebox';
import { resourceInUse, validation } from '../../errors.js';
import { requireTable } from '../table-lookup.js';
import type { IndexMeta, ProvisionedThroughputMeta, TableMeta } from '../../storage/types.js';
import { defineOperation, type OperationContext } from '../types.js';
import { describeTable } from './describe.js';
import { createIndex, existingGlobalIndex, limitExceeded, runIndexJobs } from './gsi-changes.js';
import { invalid } from './keys.js';
import { applyReplicaUpdates } from '../../features/global-tables/replica-updates.js';
import { syncStreams } from '../../streams/index.js';
import {
  AttributeDefinitions,
  BillingMode,
  GlobalSecondaryIndex,
  IndexName,
  OnDemandThroughput,
  ProvisionedThroughput,
  SSESpecification,
  StreamSpecification,
  TableClass,
  TableName,
  WarmThroughput,
} from './schemas.js';
import { checkSseSpecification, checkTableClass, sseDescription, streamLabel } from './table-features.js';

const GlobalSecondaryIndexUpdate = Type.Object({
  Update: Type.Optional(
    Type.Object({
      IndexName,
      ProvisionedThroughput: Type.Optional(ProvisionedThroughput),
      OnDemandThroughput: Type.Optional(OnDemandThroughput),
      WarmThroughput: Type.Optional(WarmThroughput),
    }),
  ),
  Create: Type.Optional(GlobalSecondaryIndex),
  Delete: Type.Optional(Type.Object({ IndexName })),
});

const input = Type.Object({
  AttributeDefinitions: Type.Optional(AttributeDefinitions),
  TableName,
  BillingMode: Type.Optional(BillingMode),
  ProvisionedThroughput: Type.Optional(ProvisionedThroughput),
  GlobalSecondaryIndexUpdates: Type.Optional(Type.Array(GlobalSecondaryIndexUpdate)),
  StreamSpecification: Type.Optional(StreamSpecification),
  SSESpecification: Type.Optional(SSESpecification),
  ReplicaUpdates: Type.Optional(Type.Array(Type.Unknown(), { minItems: 1 })),
  TableClass: Type.Optional(TableClass),
  DeletionProtectionEnabled: Type.Optional(Type.Boolean()),
  MultiRegionConsistency: Type.Optional(Type.String()),
  OnDemandThroughput: Type.Optional(OnDemandThroughput),
  WarmThroughput: Type.Optional(WarmThroughput),
});
type Input = Static<typeof input>;
type IndexUpdate = Static<typeof GlobalSecondaryIndexUpdate>;

const AT_LEAST_ONE =
  'At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, SSESpecification, ' +
  'ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, ' +
  'OnDemandThroughput, WarmThroughput or TableClass is required';

const inUse = (detail: string) => resourceInUse(`Attempt to change a resource which is still in use: ${detail}`);

/** What a request asks for, in the terms the admission rules speak. */
interface Changes {
  throughput: boolean;
  billing: boolean;
  stream: boolean;
  sse: boolean;
  replicas: boolean;
  deletionProtection: boolean;
  onDemand: boolean;
  warm: boolean;
  tableClass: boolean;
  multiRegion: boolean;
  indexCreates: NonNullable<IndexUpdate['Create']>[];
  indexDeletes: string[];
  indexUpdates: NonNullable<IndexUpdate['Update']>[];
}

export const updateTable = defineOperation({
  name: 'UpdateTable',
  input,
  async handle(request, ctx) {
    const changes = admit(request);
    const table = requireTable(ctx, request.TableName);
    checkTableState(table, changes);
    const now = ctx.engine.now();
    let next = structuredClone(table);
    const pending = applyBillingAndThroughput(request, changes, next, now);
    const created = applyIndexUpdates(request, changes, next, ctx, pending);
    applyStream(request, next, now);
    applySse(request, next, ctx);
    applyTableClass(request, next, now);
    if (request.DeletionProtectionEnabled !== undefined)
      next.DeletionProtectionEnabled = request.DeletionProtectionEnabled;
    applyOnDemand(request, next);
    if (changes.replicas) {
      next = await applyReplicaUpdates(ctx, next, request.ReplicaUpdates!);
    }
    const settlesAt = now + ctx.engine.options.tableDelayMs;
    if (takesTime(changes)) {
      next.TableStatus = 'UPDATING';
      next.settlesAt = settlesAt;
    }
    ctx.engine.catalog.put(next);
    if (changes.stream) syncStreams(ctx.engine);
    await runIndexJobs(ctx, next, created, changes.indexDeletes);
    return { TableDescription: describeTable(ctx.engine, next) };
  },
});

/** Request-shape rules that need no table: DynamoDB answers these before looking the table up. */
function admit(request: Input): Changes {
  const updates = request.GlobalSecondaryIndexUpdates;
  const changes: Changes = {
    throughput: request.ProvisionedThroughput !== undefined,
    billing: request.BillingMode !== undefined,
    stream: request.StreamSpecification !== undefined,
    sse: request.SSESpecification !== undefined,
    replicas: request.ReplicaUpdates !== undefined,
    deletionProtection: request.DeletionProtectionEnabled !== undefined,
    onDemand: request.OnDemandThroughput !== undefined,
    warm: request.WarmThroughput !== undefined,
    tableClass: request.TableClass !== undefined,
    multiRegion: request.MultiRegionConsistency !== undefined,
    indexCreates: [],
    indexDeletes: [],
    indexUpdates: [],
  };
  const others = [
    changes.throughput,
    changes.billing,
    changes.stream,
    changes.sse,
    changes.replicas,
    changes.deletionProtection,
    changes.onDemand,
    changes.warm,
    changes.tableClass,
    changes.multiRegion,
  ].filter(Boolean).length;
  if (others === 0 && !(updates && updates.length > 0)) throw validation(AT_LEAST_ONE);
  if (updates && updates.length === 0) throw invalid('List of GlobalSecondaryIndexUpdates is empty');
  collectIndexActions(updates ?? [], changes);
  const indexJob = changes.indexCreates.length + changes.indexDeletes.length > 0;
  const total = others + (updates && updates.length > 0 ? 1 : 0);
  if (changes.sse && total > 1)
    throw invalid('Server-Side Encryption modification must be the only operation in the request');
  if (indexJob && changes.throughput) throw invalid('You cannot create or delete index while updating table IOPS');
  if (indexJob && changes.stream) throw invalid('You cannot create or delete index while changing stream status');
  if (indexJob && changes.deletionProtection)
    throw invalid('DeletionProtection modification must be the only operation in the request');
  if (indexJob && changes.tableClass)
    throw invalid('TableClass modification must be the only operation in the request');
  if (changes.indexCreates.length > 0 && changes.warm) {
    throw invalid('Create global secondary index cannot be specified when updating WarmThroughput');
  }
  if (changes.stream && changes.throughput) throw invalid('You cannot modify stream status while updating table IOPS');
  if (changes.onDemand && total - (changes.billing ? 1 : 0) > 1) {
    throw invalid('OnDemandThroughput can only be combined with BillingMode in an UpdateTable request');
  }
  if (changes.replicas && total > 1) throw invalid('Replica modification must be the only operation in the request');
  if (request.SSESpecification) checkSseSpecification(request.SSESpecification);
  if (request.TableClass !== undefined) checkTableClass(request.TableClass);
  const stream = request.StreamSpecification;
  if (stream?.StreamEnabled && !stream.StreamViewType)
    throw invalid('If stream is being enabled then UpdateViewType is required');
  if (stream && !stream.StreamEnabled && stream.StreamViewType) {
    throw invalid('If stream is being disabled, then UpdateViewType must not be specified');
  }
  if (changes.indexCreates.length + changes.indexDeletes.length > 1) {
    throw limitExceeded('Only 1 online index can be created or deleted simultaneously per table');
  }
  return changes;
}

function collectIndexActions(updates: IndexUpdate[], changes: Changes) {
  const touched = new Set<string>();
  for (const update of updates) {
    const actions = [update.Create, update.Update, update.Delete].filter((a) => a !== undefined);
    if (actions.length === 0) {
      throw invalid(
        'One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null',
      );
    }
    if (actions.length > 1)
      throw invalid('Only one global secondary index action is allowed per GlobalSecondaryIndexUpdate object');
    const name = actions[0]!.IndexName;
    if (touched.has(name))
      throw invalid(`Only one global secondary index update per index is allowed simultaneously. Index: ${name}`);
    touched.add(name);
    if (update.Create) changes.indexCreates.push(update.Create);
    if (update.Update) changes.indexUpdates.push(update.Update);
    if (update.Delete) changes.indexDeletes.push(update.Delete.IndexName);
  }
}

/** Status gates: CREATING and DELETING tables refuse every change; UPDATING ones admit only a few. */
function checkTableState(table: TableMeta, changes: Changes) {
  if (table.TableStatus === 'CREATING') throw inUse(`Table is being created: ${table.TableName}`);
  if (table.TableStatus === 'DELETING') throw inUse(`Table is being deleted: ${table.TableName}`);
  const busy = table.GlobalSecondaryIndexes.filter((i) => i.IndexStatus === 'CREATING' || i.IndexStatus === 'DELETING');
  const deleting = busy.filter((i) => i.IndexStatus === 'DELETING').map((i) => i.IndexName);
  if (changes.indexCreates.length + changes.indexDeletes.length > 0 && busy.length > 0) {
    throw limitExceeded('Only 1 online index can be created or deleted simultaneously per table');
  }
  if ((changes.throughput || changes.billing) && deleting.length > 0) {
    throw inUse(
      `Can't change table IOPS when an index is being deleted. Table: ${table.TableName} Indexes: [${deleting.join(', ')}]`,
    );
  }
  const onlyAdmittedWhileUpdating =
    !changes.throughput &&
    !changes.billing &&
    !changes.stream &&
    !changes.tableClass &&
    changes.indexCreates.length === 0 &&
    changes.indexDeletes.length === 0;
  if (table.TableStatus === 'UPDATING' && !onlyAdmittedWhileUpdating)
    throw inUse(`Table is being updated: ${table.TableName}`);
}

/** Changes that keep an AWS table UPDATING for a while (GSI Update, SSE and on-demand limits do not). */
const takesTime = (c: Changes) =>
  c.throughput ||
  c.billing ||
  c.stream ||
  c.tableClass ||
  c.deletionProtection ||
  c.indexCreates.length > 0 ||
  c.indexDeletes.length > 0;

/** Returns the GSI throughput updates a billing switch to PROVISIONED consumed (so they are not applied twice). */
function applyBillingAndThroughput(request: Input, changes: Changes, table: TableMeta, now: number): Set<string> {
  const consumed = new Set<string>();
  const target = request.BillingMode ?? table.BillingMode;
  const requested = request.ProvisionedThroughput;
  if (target === 'PAY_PER_REQUEST') {
    if (requested)
      throw invalid(
        'Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST',
      );
    if (request.BillingMode === 'PAY_PER_REQUEST') {
      const switching = table.BillingMode !== 'PAY_PER_REQUEST';
      if (switching) {
        table.ProvisionedThroughput = { ...table.ProvisionedThroughput, ReadCapacityUnits: 0, WriteCapacityUnits: 0 };
        for (const index of table.GlobalSecondaryIndexes) {
          index.ProvisionedThroughput = {
            ...zeroThroughput(index.ProvisionedThroughput),
            ReadCapacityUnits: 0,
            WriteCapacityUnits: 0,
          };
        }
      }
      const since = switching ? undefined : table.BillingModeSummary?.LastUpdateToPayPerRequestDateTime;
      table.BillingMode = 'PAY_PER_REQUEST';
      table.BillingModeSummary = {
        BillingMode: 'PAY_PER_REQUEST',
        LastUpdateToPayPerRequestDateTime: since ?? now / 1000,
      };
    }
    return consumed;
  }
  // PROVISIONED after this request.
  if (changes.billing && !requested)
    throw invalid('ProvisionedThroughput must be specified when BillingMode is PROVISIONED');
  if (table.BillingMode === 'PAY_PER_REQUEST') {
    const live = table.GlobalSecondaryIndexes.filter((index) => index.IndexStatus !== 'DELETING');
    const updateOf = (index: IndexMeta) =>
      changes.indexUpdates.find((u) => u.IndexName === index.IndexName && u.ProvisionedThroughput);
    // Every index without throughput is named, in table order, comma-separated (dynalite test/updateTable.js,
    // recorded against DynamoDB: "... must be specified for index: index3,index4").
    const missing = live.filter((index) => !updateOf(index)).map((index) => index.IndexName);
    if (missing.length > 0) throw invalid(`ProvisionedThroughput must be specified for index: ${missing.join(',')}`);
    for (const index of live) {
      const update = updateOf(index)!;
      index.ProvisionedThroughput = {
        ...zeroThroughput(index.ProvisionedThroughput),
        ...update.ProvisionedThroughput!,
      };
      delete index.OnDemandThroughput;
      consumed.add(index.IndexName);
    }
    table.BillingMode = 'PROVISIONED';
    table.BillingModeSummary = { BillingMode: 'PROVISIONED' };
    delete table.OnDemandThroughput;
    table.ProvisionedThroughput = { ...table.ProvisionedThroughput, ...requested! };
    return consumed;
  }
  if (changes.billing) table.BillingModeSummary = { BillingMode: 'PROVISIONED' };
  if (requested)
    table.ProvisionedThroughput = changedThroughput(table.ProvisionedThroughput, requested, 'the table', now);
  return consumed;
}

const zeroThroughput = (meta: ProvisionedThroughputMeta | undefined): ProvisionedThroughputMeta =>
  meta ?? { ReadCapacityUnits: 0, WriteCapacityUnits: 0, NumberOfDecreasesToday: 0 };

/** New throughput with DynamoDB's increase/decrease bookkeeping; an identical request is refused. */
function changedThroughput(
  current: ProvisionedThroughputMeta,
  requested: { ReadCapacityUnits: number; WriteCapacityUnits: number },
  subject: string,
  now: number,
): ProvisionedThroughputMeta {
  const { ReadCapacityUnits: read, WriteCapacityUnits: write } = requested;
  if (read === current.ReadCapacityUnits && write === current.WriteCapacityUnits) {
    const of = subject === 'the table' ? 'the table' : `index ${subject}`;
    throw validation(
      `The provisioned throughput for ${subject === 'the table' ? of : `the ${of}`} will not change. The requested value equals the current value. ` +
        `Current ReadCapacityUnits provisioned for ${of}: ${current.ReadCapacityUnits}. Requested ReadCapacityUnits: ${read}. ` +
        `Current WriteCapacityUnits provisioned for ${of}: ${current.WriteCapacityUnits}. Requested WriteCapacityUnits: ${write}. ` +
        'Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.',
    );
  }
  const next: ProvisionedThroughputMeta = { ...current, ReadCapacityUnits: read, WriteCapacityUnits: write };
  if (read > current.ReadCapacityUnits || write > current.WriteCapacityUnits) next.LastIncreaseDateTime = now / 1000;
  if (read < current.ReadCapacityUnits || write < current.WriteCapacityUnits) {
    next.LastDecreaseDateTime = now / 1000;
    next.NumberOfDecreasesToday = current.NumberOfDecreasesToday + 1;
  }
  return next;
}

/** Applies GSI Create/Update/Delete actions; returns the created indexes (to backfill once committed). */
function applyIndexUpdates(
  request: Input,
  changes: Changes,
  table: TableMeta,
  ctx: OperationContext,
  consumed: Set<string>,
): IndexMeta[] {
  const now = ctx.engine.now();
  const settlesAt = now + ctx.engine.options.tableDelayMs;
  for (const update of changes.indexUpdates) {
    const index = existingGlobalIndex(table, update.IndexName, 'update');
    if (index.IndexStatus === 'DELETING')
      throw inUse(`Index is being deleted. Table: ${table.TableName} Index: ${index.IndexName}`);
    if (consumed.has(index.IndexName)) continue;
    if (update.ProvisionedThroughput) {
      if (table.BillingMode === 'PAY_PER_REQUEST') {
        throw invalid(
          `The only Updates for index: ${index.IndexName} when TableThroughputMode is PAY_PER_REQUEST can be to OnDemandThroughput, WarmThroughput`,
        );
      }
      index.ProvisionedThroughput = changedThroughput(
        zeroThroughput(index.ProvisionedThroughput),
        update.ProvisionedThroughput,
        index.IndexName,
        now,
      );
    }
    if (update.OnDemandThroughput) {
      if (table.BillingMode === 'PROVISIONED') {
        throw invalid(
          `MaxReadRequestUnits for OnDemandThroughput for index : ${index.IndexName} cannot be specified when the table BillingMode is PROVISIONED`,
        );
      }
      index.OnDemandThroughput = update.OnDemandThroughput;
    }
    index.IndexStatus = 'UPDATING';
    index.settlesAt = settlesAt;
  }
  for (const name of changes.indexDeletes) {
    const index = existingGlobalIndex(table, name, 'delete');
    index.IndexStatus = 'DELETING';
    index.settlesAt = settlesAt;
  }
  return changes.indexCreates.map((create) => createIndex(request.AttributeDefinitions, create, table, settlesAt));
}

function applyStream(request: Input, table: TableMeta, now: number) {
  const spec = request.StreamSpecification;
  if (!spec) return;
  const enabled = table.StreamSpecification?.StreamEnabled === true;
  if (spec.StreamEnabled) {
    if (enabled) throw validation(`Table already has an enabled stream: TableName: ${table.TableName}`);
    // A stream enabled again is a new stream: a new label even within the same millisecond.
    let label = streamLabel(now);
    if (label === table.LatestStreamLabel) label = streamLabel(now + 1);
    table.StreamSpecification = { StreamEnabled: true, StreamViewType: spec.StreamViewType! };
    table.LatestStreamLabel = label;
    table.LatestStreamArn = `${table.TableArn}/stream/${label}`;
  } else {
    if (!enabled) throw validation(`Table has no stream to disable: TableName: ${table.TableName}`);
    table.StreamSpecification = { StreamEnabled: false };
  }
}

function applySse(request: Input, table: TableMeta, ctx: OperationContext) {
  const spec = request.SSESpecification;
  if (!spec) return;
  if (!spec.Enabled) {
    if (!table.SSEDescription) throw invalid('Table is already encrypted by default');
    delete table.SSEDescription;
    return;
  }
  const next = sseDescription(spec, ctx)!;
  if (table.SSEDescription?.KMSMasterKeyArn === next.KMSMasterKeyArn) {
    throw invalid(
      'Table is already encrypted with given KMSMasterKeyId. Use KMSMasterKeyId parameter if you want to change Master Key',
    );
  }
  table.SSEDescription = next;
}

function applyTableClass(request: Input, table: TableMeta, now: number) {
  if (request.TableClass === undefined) return;
  table.TableClassSummary = { TableClass: request.TableClass as 'STANDARD', LastUpdateDateTime: now / 1000 };
}

function applyOnDemand(request: Input, table: TableMeta) {
  const onDemand = request.OnDemandThroughput;
  if (!onDemand) return;
  if (table.BillingMode === 'PROVISIONED') {
    const member = onDemand.MaxReadRequestUnits !== undefined ? 'MaxReadRequestUnits' : 'MaxWriteRequestUnits';
    throw invalid(`${member} for OnDemandThroughput cannot be specified when the table BillingMode is PROVISIONED`);
  }
  for (const member of ['MaxReadRequestUnits', 'MaxWriteRequestUnits'] as const) {
    const value = onDemand[member];
    if (value !== undefined && value !== -1 && value < 1) {
      throw invalid(`Requested ${member} for OnDemandThroughput for table is outside of valid range`);
    }
  }
  table.OnDemandThroughput = { ...table.OnDemandThroughput, ...onDemand };
}
