// The sweeper on a controlled clock: bounded batches per tick, only expired items, and a stale index entry never
// deletes an item whose TTL moved into the future.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openFakeEngine, type FakeEngine } from './support/fake-engine.js';
import { allItems, putItems } from '../../src/storage/items.js';
import { startTtl, stopTtl, type TtlService } from '../../src/features/ttl/service.js';
import { SWEEP_BATCH_PER_TABLE } from '../../src/features/ttl/sweeper.js';
import type { TableMeta } from '../../src/storage/types.js';

let engine: FakeEngine;
let table: TableMeta;
let ttl: TtlService;
test.before.each(() => {
  engine = openFakeEngine();
  table = engine.addTable('sessions', 'us-west-2', { TimeToLive: { AttributeName: 'exp', Enabled: true } });
  ttl = startTtl(engine); // interval 0 in the fake: ticks only when the test calls them
});
test.after.each(async () => {
  await stopTtl(engine);
  await engine.close();
});

const nowSeconds = () => Math.floor(engine.clock.now / 1000);
const ids = () => [...allItems(engine.storage.store, table)].map((i) => (i.id as { S: string }).S).sort();

test('deletes only what has expired, at most one batch per table per tick', async () => {
  const expired = Array.from({ length: 250 }, (_, i) => ({
    id: { S: `x${String(i).padStart(3, '0')}` },
    exp: { N: String(nowSeconds() - 1) },
  }));
  await putItems(
    engine.storage,
    table,
    [...expired, { id: { S: 'future' }, exp: { N: String(nowSeconds() + 60) } }, { id: { S: 'none' } }],
    'user',
  );
  await engine.storage.store.writes.settled();
  assert.is(await ttl.sweeper.tick(), SWEEP_BATCH_PER_TABLE);
  assert.is(await ttl.sweeper.tick(), SWEEP_BATCH_PER_TABLE);
  assert.is(await ttl.sweeper.tick(), 50);
  assert.is(await ttl.sweeper.tick(), 0);
  assert.equal(ids(), ['future', 'none']);
  engine.clock.now += 61_000;
  await engine.storage.store.writes.settled();
  assert.is(await ttl.sweeper.tick(), 1);
  assert.equal(ids(), ['none']);
});

test('an index entry gone stale (item re-written without the listener) does not delete the item', async () => {
  await putItems(engine.storage, table, [{ id: { S: 'a' }, exp: { N: String(nowSeconds() - 1) } }], 'user');
  await engine.storage.store.writes.settled();
  // Re-write the item with a future expiry while nobody listens (as after a crash between commit and index write).
  const listeners = engine.storage.writeListeners.splice(0);
  await putItems(engine.storage, table, [{ id: { S: 'a' }, exp: { N: String(nowSeconds() + 3600) } }], 'user');
  engine.storage.writeListeners.push(...listeners);
  assert.is(await ttl.sweeper.tick(), 0);
  assert.equal(ids(), ['a']);
});

test('tables without TTL are never swept', async () => {
  const plain = engine.addTable('plain');
  await putItems(engine.storage, plain, [{ id: { S: 'p' }, exp: { N: '1' } }], 'user');
  await engine.storage.store.writes.settled();
  assert.is(await ttl.sweeper.tick(), 0);
  assert.is([...allItems(engine.storage.store, plain)].length, 1);
});

test.run();
