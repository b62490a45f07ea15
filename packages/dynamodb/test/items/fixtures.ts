// A bare engine for storage unit tests: a real LMDB environment laid out as storage/store.ts says, no catalog.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBEngine } from '../../src/engine.js';
import { openStore, type Store } from '../../src/storage/store.js';
import type { IndexMeta, TableMeta } from '../../src/storage/types.js';
import type { Catalog } from '../../src/storage/catalog.js';
import { storageOver } from '../../src/storage/storage.js';
import type { KeyShape } from '../../src/model/index.js';

export interface TestEngine {
  engine: DynamoDBEngine;
  close(): Promise<void>;
}

export function openTestEngine(): TestEngine {
  const dir = mkdtempSync(join(tmpdir(), 'ack-items-'));
  const store: Store = openStore({ path: dir, sync: 'never' });
  const storage = storageOver(store, undefined as unknown as Catalog); // these tests never read the catalog
  const engine = { storage, now: () => Date.now() } as unknown as DynamoDBEngine;
  return {
    engine,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function index(
  kind: 'GSI' | 'LSI',
  id: number,
  name: string,
  key: KeyShape,
  projection: IndexMeta['Projection'],
): IndexMeta {
  const KeySchema: IndexMeta['KeySchema'] = [{ AttributeName: key.hash.name, KeyType: 'HASH' }];
  if (key.range) KeySchema.push({ AttributeName: key.range.name, KeyType: 'RANGE' });
  return { kind, id, IndexName: name, KeySchema, key, Projection: projection, IndexStatus: 'ACTIVE' };
}

export function table(id: number, key: KeyShape, gsis: IndexMeta[] = [], lsis: IndexMeta[] = []): TableMeta {
  const KeySchema: TableMeta['KeySchema'] = [{ AttributeName: key.hash.name, KeyType: 'HASH' }];
  if (key.range) KeySchema.push({ AttributeName: key.range.name, KeyType: 'RANGE' });
  return {
    id,
    namespace: 'test',
    accountId: '000000000000',
    region: 'us-west-2',
    TableName: `t${id}`,
    TableArn: `arn:aws:dynamodb:us-west-2:000000000000:table/t${id}`,
    TableId: `00000000-0000-0000-0000-${String(id).padStart(12, '0')}`,
    CreationDateTime: 0,
    TableStatus: 'ACTIVE',
    AttributeDefinitions: [],
    KeySchema,
    key,
    BillingMode: 'PAY_PER_REQUEST',
    ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 0, NumberOfDecreasesToday: 0 },
    GlobalSecondaryIndexes: gsis,
    LocalSecondaryIndexes: lsis,
    DeletionProtectionEnabled: false,
    Tags: [],
    PointInTimeRecoveryEnabled: false,
  };
}
