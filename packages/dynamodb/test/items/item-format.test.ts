// Items are stored as a size header plus their wire JSON (storage/item-codec.ts). Data dirs written by earlier
// versions hold msgpack items (in key layout 1: test/items/legacy-layout.ts); opening one converts them once, and every read path then sees the same items.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine } from '../../src/index.js';
import {
  decodeStored,
  itemCodec,
  ITEM_FORMAT,
  storedJson,
  storedPageSize,
  storedSize,
  storedText,
} from '../../src/storage/item-codec.js';
import { itemSize, pageItemSize, type Item } from '../../src/model/index.js';
import { downgradeToLayout1 } from './legacy-layout.js';

const ctx = (engine: Awaited<ReturnType<typeof openEngine>>) =>
  engine.contextFor({ accountId: '123456789012', region: 'us-west-2' });

async function writeTable(dataDir: string, items: Item[]) {
  const engine = await openEngine({ dataDir, ttlSweepIntervalMs: 0 });
  await engine.dispatch(
    'CreateTable',
    {
      TableName: 'legacy',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'g', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byG',
          KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    },
    ctx(engine),
  );
  for (const Item of items) await engine.dispatch('PutItem', { TableName: 'legacy', Item }, ctx(engine));
  await engine.close();
}

test('a data dir with msgpack items is converted at open; Get, Query and Scan return its items', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ack-item-format-'));
  try {
    const items: Item[] = Array.from({ length: 5 }, (_, i) => ({
      pk: { S: `k${i}` },
      g: { S: 'same' },
      text: { S: `é 🎉 "${i}"` },
      n: { N: String(i) },
    }));
    await writeTable(dataDir, items);
    assert.is(
      await downgradeToLayout1(dataDir, { msgpack: true }),
      10,
      'five items and five index entries rewritten as msgpack',
    );

    const engine = await openEngine({ dataDir, ttlSweepIntervalMs: 0 });
    try {
      assert.is(engine.storage.store.meta.get('itemFormat'), ITEM_FORMAT);
      for (const { value } of engine.storage.store.rawItems.getRange({})) {
        assert.is(storedSize(value), itemSize(decodeStored(value)), 'size header');
      }
      const got = (await engine.dispatch(
        'GetItem',
        { TableName: 'legacy', Key: { pk: { S: 'k3' } } },
        ctx(engine),
      )) as { Item: Item };
      assert.equal(got.Item, items[3]);
      const q = (await engine.dispatch(
        'Query',
        {
          TableName: 'legacy',
          IndexName: 'byG',
          KeyConditionExpression: 'g = :g',
          ExpressionAttributeValues: { ':g': { S: 'same' } },
        },
        ctx(engine),
      )) as { Items: Item[] };
      assert.equal(q.Items.map((i) => (i.pk as { S: string }).S).sort(), ['k0', 'k1', 'k2', 'k3', 'k4']);
      const scan = (await engine.dispatch('Scan', { TableName: 'legacy' }, ctx(engine))) as {
        Items: Item[];
        Count: number;
      };
      assert.is(scan.Count, 5);
      assert.equal(
        scan.Items.find((i) => (i.pk as { S: string }).S === 'k1'),
        items[1],
      );
    } finally {
      await engine.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a converted or new data dir is not converted again', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ack-item-format-'));
  try {
    await writeTable(dataDir, [{ pk: { S: 'a' }, g: { S: 'x' } }]);
    const engine = await openEngine({ dataDir, ttlSweepIntervalMs: 0 });
    try {
      assert.is(engine.storage.store.meta.get('itemFormat'), ITEM_FORMAT);
      const got = (await engine.dispatch('GetItem', { TableName: 'legacy', Key: { pk: { S: 'a' } } }, ctx(engine))) as {
        Item: Item;
      };
      assert.equal(got.Item, { pk: { S: 'a' }, g: { S: 'x' } });
    } finally {
      await engine.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

// Writers that know the table store the page size (model/page-size.ts) as a second header field; values written
// without it (the format conversion above, older data) read the same and have it measured on read.
test('the page-size header field is optional', () => {
  const item: Item = { pk: { S: 'k' }, sk: { S: 'é' }, n: { N: '12.5' } };
  const withPage = storedText(item, itemSize(item), pageItemSize(item, 'sk'));
  const without = storedText(item, itemSize(item));
  for (const stored of [withPage, without]) {
    assert.equal(decodeStored(stored), item);
    assert.is(storedJson(stored), JSON.stringify(item));
    assert.is(storedSize(stored), itemSize(item));
    assert.is(storedPageSize(stored, 'sk'), pageItemSize(item, 'sk'));
    const bytes = Buffer.from(stored, 'utf8');
    assert.equal(itemCodec.decode(bytes), item);
  }
  assert.is.not(withPage.length, without.length);
});

test.run();
