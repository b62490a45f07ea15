// The LMDB catalog: namespaced records in name order, ARN lookup, never-reused table ids, and lazy settling of
// CREATING/UPDATING/DELETING phases (persisted, so a restart sees the settled state).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCatalog } from '../../src/storage/catalog.js';
import { openStore } from '../../src/storage/store.js';
import type { Store } from '../../src/storage/store.js';
import type { TableMeta } from '../../src/storage/types.js';
import { settle } from '../../src/storage/settle.js';
import { javaHashSetOrder } from '../../src/operations/tables/java-order.js';

let dir: string;
let store: Store;
let clock = 1_000_000;
const now = () => clock;

function table(namespace: string, name: string, extra: Partial<TableMeta> = {}): TableMeta {
  return {
    id: 1,
    namespace,
    accountId: '000000000000',
    region: 'us-west-2',
    TableName: name,
    TableArn: `arn:aws:dynamodb:us-west-2:000000000000:table/${name}`,
    TableId: 'id',
    CreationDateTime: 1,
    TableStatus: 'ACTIVE',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    key: { hash: { name: 'pk', type: 'S' } },
    BillingMode: 'PAY_PER_REQUEST',
    ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 0, NumberOfDecreasesToday: 0 },
    GlobalSecondaryIndexes: [],
    LocalSecondaryIndexes: [],
    DeletionProtectionEnabled: false,
    Tags: [],
    PointInTimeRecoveryEnabled: false,
    ...extra,
  };
}

test.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ack-catalog-'));
  store = openStore({ path: join(dir, 'dynamodb'), sync: 'never' });
});
test.after(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

test('records are per namespace, listed in name order, found by ARN', () => {
  const catalog = createCatalog(store, now);
  catalog.put(table('a', 'zeta'));
  catalog.put(table('a', 'Alpha'));
  catalog.put(table('a', 'beta'));
  catalog.put(table('b', 'beta', { TableArn: 'arn:aws:dynamodb:eu-west-1:111111111111:table/beta' }));
  assert.equal(
    catalog.list('a').map((t) => t.TableName),
    ['Alpha', 'beta', 'zeta'],
  );
  assert.equal(
    catalog.list('b').map((t) => t.TableName),
    ['beta'],
  );
  assert.is(catalog.get('b', 'zeta'), undefined);
  assert.is(catalog.byArn('arn:aws:dynamodb:eu-west-1:111111111111:table/beta')?.namespace, 'b');
  assert.is(catalog.byArn('arn:aws:dynamodb:eu-west-1:111111111111:table/nope'), undefined);
  catalog.remove(table('a', 'zeta'));
  assert.equal(
    catalog.list('a').map((t) => t.TableName),
    ['Alpha', 'beta'],
  );
  assert.is(catalog.all().length, 3);
});

test('a record read once is served from memory, and every write replaces it', () => {
  const catalog = createCatalog(store, now);
  catalog.put(table('c', 'cached', { DeletionProtectionEnabled: false }));
  assert.is(catalog.get('c', 'cached')?.DeletionProtectionEnabled, false);
  catalog.put(table('c', 'cached', { DeletionProtectionEnabled: true }));
  assert.is(catalog.get('c', 'cached')?.DeletionProtectionEnabled, true);
  assert.is(store.catalog.get('c\u0000cached')?.DeletionProtectionEnabled, true);
  catalog.remove(table('c', 'cached'));
  assert.is(catalog.get('c', 'cached'), undefined);
  assert.is(store.catalog.get('c\u0000cached'), undefined);
});

test('table ids increase and survive a reopen', async () => {
  const first = createCatalog(store, now).allocateTableId();
  const second = createCatalog(store, now).allocateTableId();
  assert.is(second, first + 1);
  await store.close();
  store = openStore({ path: join(dir, 'dynamodb'), sync: 'never' });
  assert.is(createCatalog(store, now).allocateTableId(), second + 1);
});

test('phases settle lazily on read and the settled state is stored', () => {
  const catalog = createCatalog(store, now);
  catalog.put(table('s', 'creating', { TableStatus: 'CREATING', settlesAt: clock + 50 }));
  catalog.put(table('s', 'leaving', { TableStatus: 'DELETING', settlesAt: clock + 50 }));
  assert.is(catalog.get('s', 'creating')?.TableStatus, 'CREATING');
  assert.equal(
    catalog.list('s').map((t) => t.TableName),
    ['creating', 'leaving'],
  );
  clock += 50;
  assert.is(catalog.get('s', 'creating')?.TableStatus, 'ACTIVE');
  assert.is(store.catalog.get('s\u0000creating')?.TableStatus, 'ACTIVE');
  assert.is(store.catalog.get('s\u0000creating')?.settlesAt, undefined);
  assert.equal(
    catalog.list('s').map((t) => t.TableName),
    ['creating'],
  );
  assert.is(store.catalog.get('s\u0000leaving'), undefined);
});

test('a deleted GSI leaves, and so do the attribute definitions only it used', () => {
  const gsi = (name: string, attribute: string, status: 'ACTIVE' | 'DELETING' | 'CREATING') => ({
    kind: 'GSI' as const,
    id: 1,
    IndexName: name,
    KeySchema: [{ AttributeName: attribute, KeyType: 'HASH' as const }],
    key: { hash: { name: attribute, type: 'S' as const } },
    Projection: { ProjectionType: 'ALL' as const },
    IndexStatus: status,
    settlesAt: 10,
    ...(status === 'CREATING' ? { Backfilling: false } : {}),
  });
  const before = table('x', 't', {
    TableStatus: 'UPDATING',
    settlesAt: 10,
    AttributeDefinitions: [
      { AttributeName: 'a', AttributeType: 'S' },
      { AttributeName: 'b', AttributeType: 'S' },
      { AttributeName: 'pk', AttributeType: 'S' },
    ],
    GlobalSecondaryIndexes: [gsi('ga', 'a', 'DELETING'), gsi('gb', 'b', 'CREATING')],
  });
  assert.is(settle(before, 9), before);
  const after = settle(before, 10)!;
  assert.is(after.TableStatus, 'ACTIVE');
  assert.equal(
    after.GlobalSecondaryIndexes.map((i) => [i.IndexName, i.IndexStatus, i.Backfilling]),
    [['gb', 'ACTIVE', undefined]],
  );
  assert.equal(
    after.AttributeDefinitions.map((d) => d.AttributeName),
    ['b', 'pk'],
  );
  assert.is(before.GlobalSecondaryIndexes.length, 2, 'the stored record is not mutated');
});

test('names listed out of a Java HashSet come in bucket order', () => {
  assert.equal(javaHashSetOrder(['pk', 'a', 'sk']), ['a', 'sk', 'pk']);
  assert.equal(javaHashSetOrder(['b', 'a']), ['a', 'b']);
});

test.run();
