import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  allItems,
  backfillIndex,
  deleteItems,
  dropIndexEntries,
  dropTableItems,
  putItems,
  readStats,
} from '../../src/storage/items.js';
import { indexPrefix, prefixEnd, tableItemKey, MAX_STORAGE_KEY } from '../../src/storage/items-keys.js';
import { itemSize, type Item } from '../../src/model/index.js';
import { executeWrite } from '../../src/storage/item-writes.js';
import { index, openTestEngine, table, type TestEngine } from './fixtures.js';

let t: TestEngine;
test.before.each(() => {
  t = openTestEngine();
});
test.after.each(async () => {
  await t.close();
});

const gsi = index(
  'GSI',
  1,
  'byCustomer',
  { hash: { name: 'customer', type: 'S' }, range: { name: 'total', type: 'N' } },
  { ProjectionType: 'KEYS_ONLY' },
);
const lsi = index(
  'LSI',
  2,
  'byDate',
  { hash: { name: 'pk', type: 'S' }, range: { name: 'date', type: 'S' } },
  { ProjectionType: 'INCLUDE', NonKeyAttributes: ['note'] },
);
const orders = table(7, { hash: { name: 'pk', type: 'S' }, range: { name: 'sk', type: 'N' } }, [gsi], [lsi]);

const entries = (tableId: number, indexId: number): Item[] =>
  [
    ...t.engine.storage.store.items.getRange({
      start: indexPrefix(tableId, indexId),
      end: prefixEnd(indexPrefix(tableId, indexId)),
    }),
  ].map((e) => e.value);

const order = (pk: string, sk: number, extra: Item = {}): Item => ({ pk: { S: pk }, sk: { N: String(sk) }, ...extra });

test('putItems writes the item, sparse index entries with their projection, and stats', async () => {
  const a = order('a', 1, { customer: { S: 'c1' }, total: { N: '10' }, note: { S: 'n' }, big: { S: 'x'.repeat(100) } });
  const b = order('a', 2, { date: { S: '2024' }, note: { S: 'hello' }, other: { S: 'y' } });
  await putItems(t.engine.storage, orders, [a, b], 'user');
  assert.equal(entries(7, 0).length, 2);
  assert.equal(entries(7, 1), [{ pk: { S: 'a' }, sk: { N: '1' }, customer: { S: 'c1' }, total: { N: '10' } }]);
  assert.equal(entries(7, 2), [{ pk: { S: 'a' }, sk: { N: '2' }, date: { S: '2024' }, note: { S: 'hello' } }]);
  assert.equal(readStats(t.engine.storage.store, orders, 0), { count: 2, bytes: itemSize(a) + itemSize(b) });
  assert.equal(readStats(t.engine.storage.store, orders, 1).count, 1);
  assert.equal(readStats(t.engine.storage.store, orders, 2).count, 1);
});

test('overwriting an item moves its index entry and keeps stats exact', async () => {
  await putItems(t.engine.storage, orders, [order('a', 1, { customer: { S: 'c1' }, total: { N: '10' } })], 'user');
  const changed = order('a', 1, { customer: { S: 'c2' }, total: { N: '10' } });
  await putItems(t.engine.storage, orders, [changed], 'user');
  const idx = entries(7, 1);
  assert.equal(idx.length, 1);
  assert.equal(idx[0]!.customer, { S: 'c2' });
  assert.equal(readStats(t.engine.storage.store, orders, 0), { count: 1, bytes: itemSize(changed) });
  assert.equal(readStats(t.engine.storage.store, orders, 1).count, 1);
  // Dropping the index key attribute removes the entry (sparse index).
  await putItems(t.engine.storage, orders, [order('a', 1)], 'user');
  assert.equal(entries(7, 1), []);
  assert.equal(readStats(t.engine.storage.store, orders, 1), { count: 0, bytes: 0 });
});

test('deleteItems removes item, entries and stats; deleting a missing key is a no-op', async () => {
  await putItems(
    t.engine.storage,
    orders,
    [order('a', 1, { customer: { S: 'c' }, total: { N: '1' }, date: { S: 'd' } })],
    'user',
  );
  await deleteItems(t.engine.storage, orders, [order('a', 1), order('zz', 9)], 'user');
  assert.equal(entries(7, 0), []);
  assert.equal(entries(7, 1), []);
  assert.equal(entries(7, 2), []);
  assert.equal(readStats(t.engine.storage.store, orders, 0), { count: 0, bytes: 0 });
});

test('items of a partition are stored in range order (numbers numerically)', async () => {
  const sks = [10, -5, 2, 1.5, 100, 0, -100];
  await putItems(
    t.engine.storage,
    orders,
    sks.map((n) => order('p', n)),
    'user',
  );
  const got = entries(7, 0).map((i) => Number((i.sk as { N: string }).N));
  assert.equal(
    got,
    [...sks].sort((x, y) => x - y),
  );
  assert.equal([...allItems(t.engine.storage.store, orders)].length, sks.length);
});

test('write listeners see committed writes with old and new items', async () => {
  const seen: unknown[] = [];
  t.engine.storage.writeListeners.push(({ table: tbl, key, oldItem, newItem }) =>
    seen.push([tbl.TableName, key, oldItem?.v, newItem?.v]),
  );
  await putItems(t.engine.storage, orders, [order('a', 1, { v: { S: '1' } })], 'user');
  await putItems(t.engine.storage, orders, [order('a', 1, { v: { S: '2' } })], 'user');
  await deleteItems(t.engine.storage, orders, [order('a', 1)], 'user');
  assert.equal(seen, [
    ['t7', order('a', 1), undefined, { S: '1' }],
    ['t7', order('a', 1), { S: '1' }, { S: '2' }],
    ['t7', order('a', 1), { S: '2' }, undefined],
  ]);
});

test('change hooks run inside the write transaction, once per change, with its cause', async () => {
  const { storage } = t.engine;
  const seen: unknown[] = [];
  storage.changeHooks.push((change) => {
    // Inside the transaction: the change is already readable, and a write made here commits with it.
    const stored = storage.store.items.get(tableItemKey(change.table, change.key));
    seen.push([change.cause, change.key, change.oldItem?.v, change.newItem?.v, stored?.v]);
    void storage.store.meta.put(`test/${seen.length}`, change.cause);
  });
  const item = order('a', 1, { v: { S: '1' } });
  await executeWrite(storage, { table: orders, key: tableItemKey(orders, item), next: () => item });
  await putItems(storage, orders, [order('a', 1, { v: { S: '2' } })], 'restore');
  await deleteItems(storage, orders, [order('a', 1), order('absent', 1)], 'ttl');
  assert.equal(seen, [
    ['user', order('a', 1), undefined, { S: '1' }, { S: '1' }],
    ['restore', order('a', 1), { S: '1' }, { S: '2' }, { S: '2' }],
    ['ttl', order('a', 1), { S: '2' }, undefined, undefined],
  ]);
  assert.equal(
    [1, 2, 3].map((n) => storage.store.meta.get(`test/${n}`)),
    ['user', 'restore', 'ttl'],
  );
});

test('a throwing change hook aborts its own request only', async () => {
  const { storage } = t.engine;
  storage.changeHooks.push((change) => {
    if (JSON.stringify(change.newItem?.v) === '{"S":"bad"}') throw new Error('hook refused');
  });
  const bad = order('a', 1, { v: { S: 'bad' } });
  const good = order('a', 2, { v: { S: 'good' } });
  const [badWrite, goodWrite] = await Promise.allSettled([
    executeWrite(storage, { table: orders, key: tableItemKey(orders, bad), next: () => bad }),
    executeWrite(storage, { table: orders, key: tableItemKey(orders, good), next: () => good }),
  ]);
  assert.is(badWrite.status, 'rejected');
  assert.is(goodWrite.status, 'fulfilled');
  assert.is(storage.store.items.get(tableItemKey(orders, bad)), undefined);
  assert.equal(storage.store.items.get(tableItemKey(orders, good)), good);
  assert.equal(readStats(storage.store, orders, 0).count, 1);
});

test('backfillIndex indexes existing items in chunks; dropIndexEntries removes them', async () => {
  const plain = table(8, { hash: { name: 'id', type: 'N' } });
  const items = Array.from({ length: 2500 }, (_, i) => ({
    id: { N: String(i) },
    g: { S: `g${i % 3}` },
    ...(i % 2 ? {} : { h: { N: '1' } }),
  }));
  await putItems(t.engine.storage, plain, items, 'user');
  const late = index(
    'GSI',
    3,
    'byG',
    { hash: { name: 'g', type: 'S' }, range: { name: 'h', type: 'N' } },
    { ProjectionType: 'ALL' },
  );
  plain.GlobalSecondaryIndexes.push(late);
  await backfillIndex(t.engine.storage.store, plain, late);
  assert.equal(entries(8, 3).length, 1250);
  assert.equal(readStats(t.engine.storage.store, plain, 3).count, 1250);
  await backfillIndex(t.engine.storage.store, plain, late); // idempotent
  assert.equal(readStats(t.engine.storage.store, plain, 3).count, 1250);
  await dropIndexEntries(t.engine.storage.store, plain, late);
  assert.equal(entries(8, 3), []);
  assert.equal(readStats(t.engine.storage.store, plain, 3), { count: 0, bytes: 0 });
  assert.equal(readStats(t.engine.storage.store, plain, 0).count, 2500);
});

test('dropTableItems removes one table and leaves its neighbours', async () => {
  const t8 = table(8, { hash: { name: 'pk', type: 'S' } });
  await putItems(t.engine.storage, orders, [order('a', 1, { customer: { S: 'c' }, total: { N: '1' } })], 'user');
  await putItems(t.engine.storage, t8, [{ pk: { S: 'x' } }], 'user');
  await dropTableItems(t.engine.storage.store, orders);
  assert.equal(entries(7, 0), []);
  assert.equal(entries(7, 1), []);
  assert.equal(readStats(t.engine.storage.store, orders, 0), { count: 0, bytes: 0 });
  assert.equal(entries(8, 0).length, 1);
  assert.equal(readStats(t.engine.storage.store, t8, 0).count, 1);
});

test("keys beyond lmdb's key limit are stored (hash 2048 + range 1024 bytes)", async () => {
  const long = table(9, { hash: { name: 'pk', type: 'S' }, range: { name: 'sk', type: 'S' } });
  const a = { pk: { S: 'h'.repeat(2048) }, sk: { S: 'r'.repeat(1024) } };
  const b = { pk: { S: 'h'.repeat(2048) }, sk: { S: 'r'.repeat(1023) + 's' } };
  await putItems(t.engine.storage, long, [a, b], 'user');
  assert.ok(tableItemKey(long, a).length <= MAX_STORAGE_KEY);
  assert.equal(t.engine.storage.store.items.get(tableItemKey(long, a)), a);
  assert.equal(t.engine.storage.store.items.get(tableItemKey(long, b)), b);
  assert.equal(readStats(t.engine.storage.store, long, 0).count, 2);
});

test.run();
