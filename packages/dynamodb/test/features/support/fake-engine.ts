// A DynamoDBEngine for unit tests of the feature operations that do not touch items: a real LMDB store (the
// meta sub-db is where these features keep their records), an in-memory catalog, account-region namespaces, and a
// dispatch that runs feature handlers without schema validation.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallerIdentity, DynamoDBEngine } from '../../../src/engine.js';
import type { Catalog } from '../../../src/storage/catalog.js';
import { openStore, type Store } from '../../../src/storage/store.js';
import { textBody, WireBody } from '../../../src/operations/wire-body.js';
import { storageOver } from '../../../src/storage/storage.js';
import type { TableMeta } from '../../../src/storage/types.js';
import type { OperationContext, RequestContext } from '../../../src/operations/types.js';
import { featureOperations } from '../../../src/operations/features/index.js';

export interface FakeEngine extends DynamoDBEngine {
  clock: { now: number };
  ctx(region?: string): OperationContext;
  addTable(name: string, region?: string, overrides?: Partial<TableMeta>): TableMeta;
}

export function openFakeEngine(): FakeEngine {
  const dir = mkdtempSync(join(tmpdir(), 'ack-features-'));
  const store: Store = openStore({ path: dir });
  const tables = new Map<string, TableMeta>();
  let nextId = 1;
  const catalog: Catalog = {
    get: (ns, name) => tables.get(`${ns}\u0000${name}`),
    list: (ns) =>
      [...tables.values()].filter((t) => t.namespace === ns).sort((a, b) => (a.TableName < b.TableName ? -1 : 1)),
    all: () => [...tables.values()],
    byArn: (arn) => [...tables.values()].find((t) => t.TableArn === arn),
    put: (t) => void tables.set(`${t.namespace}\u0000${t.TableName}`, structuredClone(t)),
    remove: (t) => void tables.delete(`${t.namespace}\u0000${t.TableName}`),
    allocateTableId: () => nextId++,
  };
  const clock = { now: Date.UTC(2026, 10, 24, 4, 0, 0) };
  const engine: FakeEngine = {
    options: {
      dataDir: dir,
      accountId: '123456789012',
      region: 'us-west-2',
      isolation: 'account-region',
      tableDelayMs: 0,
      sync: 'never',
      ttlSweepIntervalMs: 0,
      streamShardRollMs: 4 * 60 * 60 * 1000,
      streamLogSegmentBytes: 64 * 1024 * 1024,
    },
    storage: storageOver(store, catalog),
    catalog,
    clock,
    now: () => clock.now,
    contextFor(caller: CallerIdentity, requestId = 'req'): RequestContext {
      const accountId = caller.accountId ?? '123456789012';
      const region = caller.region ?? 'us-west-2';
      return { accountId, region, namespace: `${accountId}:${region}`, requestId };
    },
    async dispatch(operation, input, ctx) {
      const op = featureOperations.find((o) => o.name === operation);
      if (!op) throw new Error(`no such operation in the fake: ${operation}`);
      const result = await op.handle(input as never, { ...ctx, engine });
      return result instanceof WireBody ? result.toObject() : result;
    },
    async dispatchWire(operation, input, ctx) {
      return textBody(await engine.dispatch(operation, input, ctx));
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
    ctx(region = 'us-west-2') {
      return { ...engine.contextFor({ region }), engine };
    },
    addTable(name, region = 'us-west-2', overrides = {}) {
      const ctx = engine.contextFor({ region });
      const table: TableMeta = {
        id: catalog.allocateTableId(),
        namespace: ctx.namespace,
        accountId: ctx.accountId,
        region,
        TableName: name,
        TableArn: `arn:aws:dynamodb:${region}:${ctx.accountId}:table/${name}`,
        TableId: '00000000-0000-4000-8000-000000000000',
        CreationDateTime: clock.now / 1000,
        TableStatus: 'ACTIVE',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        key: { hash: { name: 'id', type: 'S' } },
        BillingMode: 'PAY_PER_REQUEST',
        BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
        ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 0, NumberOfDecreasesToday: 0 },
        GlobalSecondaryIndexes: [],
        LocalSecondaryIndexes: [],
        DeletionProtectionEnabled: false,
        Tags: [],
        PointInTimeRecoveryEnabled: false,
        ...overrides,
      };
      catalog.put(table);
      return table;
    },
  };
  return engine;
}

/** Runs `fn` and returns the DynamoDBError it throws (fails the test if it does not throw). */
export async function errorOf(fn: () => unknown): Promise<{ code: string; message: string }> {
  try {
    await fn();
  } catch (e) {
    const err = e as { code?: string; message: string };
    return { code: err.code ?? 'NotADynamoDBError', message: err.message };
  }
  throw new Error('expected an error, got none');
}
