// Key layout 2 (DynamoDB's placement hash, storage/migrations/key-layout.ts): a data dir written by key layout 1
// opens, is rewritten once, and GetItem, Query (table, GSI, LSI), Scan and DescribeTable see every item, in the
// order a new data dir gives; a kill -9 in the middle of the rewrite leaves a dir that the next open finishes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { open } from 'lmdb';
import { openEngine } from '../../src/index.js';
import type { Item } from '../../src/model/index.js';
import { downgradeToLayout1 } from './legacy-layout.js';

type Engine = Awaited<ReturnType<typeof openEngine>>;
const ctx = (engine: Engine) => engine.contextFor({ accountId: '123456789012', region: 'us-west-2' });
const call = (engine: Engine, op: string, input: object) => engine.dispatch(op, input, ctx(engine)) as Promise<any>;

const ITEMS: Item[] = Array.from({ length: 20 }, (_, i) => ({
  // p6 is 2,000 bytes long: its storage keys exceed LMDB's limit and end in a digest (items-keys.ts fitKey), so the
  // migration must rebuild them from the stored item, not from the key bytes.
  pk: { S: i % 7 === 6 ? 'p6'.padEnd(2000, '-') : `p${i % 7}` },
  sk: { N: String(i * 3 - 20) },
  g: { S: i % 2 ? 'odd' : 'even' },
  l: { S: `l${i % 4}` },
  payload: { S: 'x'.repeat(i) },
}));

async function writeTable(dataDir: string) {
  const engine = await openEngine({ dataDir, ttlSweepIntervalMs: 0 });
  await call(engine, 'CreateTable', {
    TableName: 'legacy',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: ['pk', 'g', 'l']
      .map((AttributeName) => ({ AttributeName, AttributeType: 'S' }))
      .concat({
        AttributeName: 'sk',
        AttributeType: 'N',
      }),
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      { IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } },
    ],
    LocalSecondaryIndexes: [
      {
        IndexName: 'byL',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'l', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ],
  });
  for (const Item of ITEMS) await call(engine, 'PutItem', { TableName: 'legacy', Item });
  const answers = await readEverything(engine);
  await engine.close();
  return answers;
}

/** Every read whose answer must survive the migration unchanged, order included. */
async function readEverything(engine: Engine) {
  const scan = await call(engine, 'Scan', { TableName: 'legacy' });
  const gsiScan = await call(engine, 'Scan', { TableName: 'legacy', IndexName: 'byG' });
  const gsiQuery = await call(engine, 'Query', {
    TableName: 'legacy',
    IndexName: 'byG',
    KeyConditionExpression: 'g = :g',
    ExpressionAttributeValues: { ':g': { S: 'odd' } },
  });
  const lsiQuery = await call(engine, 'Query', {
    TableName: 'legacy',
    IndexName: 'byL',
    KeyConditionExpression: 'pk = :p',
    ExpressionAttributeValues: { ':p': { S: 'p3' } },
  });
  const query = await call(engine, 'Query', {
    TableName: 'legacy',
    KeyConditionExpression: 'pk = :p AND sk > :s',
    ExpressionAttributeValues: { ':p': { S: 'p1' }, ':s': { N: '-20' } },
  });
  const segments = [];
  for (let Segment = 0; Segment < 3; Segment++) {
    segments.push((await call(engine, 'Scan', { TableName: 'legacy', Segment, TotalSegments: 3 })).Items);
  }
  const gets = [];
  for (const item of ITEMS) {
    gets.push((await call(engine, 'GetItem', { TableName: 'legacy', Key: { pk: item.pk, sk: item.sk } })).Item);
  }
  const described = (await call(engine, 'DescribeTable', { TableName: 'legacy' })).Table;
  return {
    scan: scan.Items,
    gsiScan: gsiScan.Items,
    gsiQuery: gsiQuery.Items,
    lsiQuery: lsiQuery.Items,
    query: query.Items,
    segments,
    gets,
    itemCount: described.ItemCount,
  };
}

function markers(dataDir: string) {
  const env = open({ path: join(dataDir, 'dynamodb'), maxDbs: 8 });
  const meta = env.openDB<unknown, string>({ name: 'meta' });
  const legacy = env.openDB<string, Buffer>({ name: 'items', keyEncoding: 'binary', encoding: 'string' });
  const current = env.openDB<string, Buffer>({ name: 'items.k2', keyEncoding: 'binary', encoding: 'string' });
  const out = {
    layout: meta.get('keyLayout'),
    cursor: meta.get('keyLayoutCursor'),
    legacy: [...legacy.getKeys({})].length,
    current: [...current.getKeys({})].length,
  };
  return env.close().then(() => out);
}

function withDir(name: string, body: (dataDir: string) => Promise<void>) {
  test(name, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ack-key-layout-'));
    try {
      await body(dataDir);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}

// 20 items, 20 GSI entries, 20 LSI entries.
const ENTRIES = 60;

withDir('a layout-1 data dir is migrated at open; every read answers as before', async (dataDir) => {
  const before = await writeTable(dataDir);
  assert.ok(before.scan.length === 20 && before.segments.flat().length === 20);
  assert.is(await downgradeToLayout1(dataDir), ENTRIES);
  // An orphan: an entry of a table no longer in the catalog (a DeleteTable interrupted before its items were
  // dropped). Nothing can read it; the migration leaves it behind.
  const env = open({ path: join(dataDir, 'dynamodb'), maxDbs: 8 });
  const legacy = env.openDB<string, Buffer>({ name: 'items', keyEncoding: 'binary', encoding: 'string' });
  const orphanKey = Buffer.from([0, 0, 3, 231, 0, 0, 1, 2, 3, 4, 0x61, 0, 0]);
  env.transactionSync(() => void legacy.put(orphanKey, '0000004{"pk":{"S":"a"}}'));
  await env.close();
  assert.equal(await markers(dataDir), { layout: undefined, cursor: undefined, legacy: ENTRIES + 1, current: 0 });

  const engine = await openEngine({ dataDir, ttlSweepIntervalMs: 0 });
  try {
    assert.equal(await readEverything(engine), before);
  } finally {
    await engine.close();
  }
  assert.equal(await markers(dataDir), { layout: 2, cursor: undefined, legacy: 0, current: ENTRIES });
});

withDir('kill -9 in the middle of the migration: the next open finishes it', async (dataDir) => {
  const before = await writeTable(dataDir);
  await downgradeToLayout1(dataDir);
  const child = spawn(
    process.execPath,
    [
      '--conditions=ack-local-source',
      '--import',
      'tsx',
      fileURLToPath(new URL('./key-layout-child.ts', import.meta.url)),
      join(dataDir, 'dynamodb'),
      '9',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('waiting for the kill')) child.kill('SIGKILL');
    });
    child.on('exit', () => resolve());
    child.on('error', reject);
  });
  assert.ok(out.includes('copied 9') && !out.includes('finished'), out);

  // Three chunks of three were committed: the legacy entries are all still there, the new database holds exactly the
  // nine the cursor covers, and the layout is not marked, so nothing reads the new database yet.
  const mid = await markers(dataDir);
  assert.is(mid.layout, undefined);
  assert.type(mid.cursor, 'string');
  assert.is(mid.legacy, ENTRIES);
  assert.is(mid.current, 9);

  const engine = await openEngine({ dataDir, ttlSweepIntervalMs: 0 });
  try {
    assert.equal(await readEverything(engine), before);
  } finally {
    await engine.close();
  }
  assert.equal(await markers(dataDir), { layout: 2, cursor: undefined, legacy: 0, current: ENTRIES });
});

withDir('a new data dir is marked with the current layout and never migrated', async (dataDir) => {
  const before = await writeTable(dataDir);
  assert.equal(await markers(dataDir), { layout: 2, cursor: undefined, legacy: 0, current: ENTRIES });
  const engine = await openEngine({ dataDir, ttlSweepIntervalMs: 0 });
  try {
    assert.equal(await readEverything(engine), before);
  } finally {
    await engine.close();
  }
});

test.run();
