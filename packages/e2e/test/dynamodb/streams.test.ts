// DynamoDB Streams over HTTP with @aws-sdk/client-dynamodb-streams on the DynamoDB endpoint: the table side
// (StreamSpecification, LatestStreamArn/Label), records per view type and write path, every iterator type, paging,
// roll-over with lineage. Behaviour asserted here is the one ScyllaDB Alternator's test/alternator/test_streams.py
// records against AWS (named per test), and the DynamoDB Streams API reference.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type StreamViewType,
} from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, GetRecordsCommand, ListStreamsCommand } from '@aws-sdk/client-dynamodb-streams';
import { rollStreamShards, maintainStreams } from '@ack-local/dynamodb';
import { createTable } from './features-support.js';
import {
  allRecords,
  drain,
  iteratorFor,
  shardsOf,
  putId,
  startStreamsServer,
  streamTables,
  type StreamsHarness,
} from './streams-support.js';

let ddb: StreamsHarness;
let newStreamTable: ReturnType<typeof streamTables>;
test.before(async () => {
  ddb = await startStreamsServer();
  newStreamTable = streamTables(ddb, 'streams');
});
test.after(async () => ddb?.close());

const streamTable = (viewType: StreamViewType, extra = {}) => newStreamTable(viewType, extra);
const put = (table: string, id: string, extra: Record<string, { S: string } | { N: string }> = {}) =>
  putId(ddb, table, id, extra);

test('CreateTable answers LatestStreamArn/Label; DescribeTable, ListStreams and DescribeStream agree', async () => {
  // Alternator test_latest_stream_arn / test_latest_stream_label / test_stream_specification / test_describe_stream
  const { name, arn, description } = await streamTable('KEYS_ONLY');
  const label = description.LatestStreamLabel!;
  assert.match(label, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
  assert.is(arn, `${description.TableArn}/stream/${label}`);
  assert.equal(description.StreamSpecification, { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' });
  const table = (await ddb.client.send(new DescribeTableCommand({ TableName: name }))).Table!;
  assert.is(table.LatestStreamArn, arn);
  assert.is(table.LatestStreamLabel, label);
  const listed = await ddb.streams.send(new ListStreamsCommand({ TableName: name }));
  assert.equal(listed.Streams, [{ StreamArn: arn, TableName: name, StreamLabel: label }]);
  const stream = (await ddb.streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription!;
  assert.is(stream.StreamStatus, 'ENABLED');
  assert.is(stream.StreamViewType, 'KEYS_ONLY');
  assert.is(stream.TableName, name);
  assert.equal(stream.KeySchema, [{ AttributeName: 'id', KeyType: 'HASH' }]);
  assert.ok(stream.CreationRequestDateTime instanceof Date);
  assert.is(stream.Shards!.length, 1);
  const shard = stream.Shards![0]!;
  assert.ok(shard.ShardId!.length >= 28 && shard.ShardId!.length <= 65);
  assert.match(shard.SequenceNumberRange!.StartingSequenceNumber!, /^\d{21,40}$/); // Alternator #7158
  assert.is(shard.SequenceNumberRange!.EndingSequenceNumber, undefined);
  assert.is(shard.ParentShardId, undefined);
});

// Alternator do_updates_1 (recorded against AWS): an identical PutItem and a DeleteItem of a missing item leave no
// record; UpdateItem that creates is INSERT; images per view type (test_streams_new_image, ..._old_image, ...).
for (const viewType of ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'] as const) {
  test(`records of a ${viewType} stream: events, keys, images, no record for writes that change nothing`, async () => {
    const { name, arn } = await streamTable(viewType);
    await put(name, 'a', { x: { N: '2' } });
    await put(name, 'a', { x: { N: '2.0' } }); // the same item: no record
    await put(name, 'a', { y: { S: 'three' } });
    await ddb.client.send(new DeleteItemCommand({ TableName: name, Key: { id: { S: 'a' } } }));
    await ddb.client.send(new DeleteItemCommand({ TableName: name, Key: { id: { S: 'a' } } })); // missing: none
    const update = (value: string) =>
      ddb.client.send(
        new UpdateItemCommand({
          TableName: name,
          Key: { id: { S: 'a' } },
          UpdateExpression: 'SET b = :v',
          ExpressionAttributeValues: { ':v': { N: value } },
        }),
      );
    await update('4');
    await update('4'); // sets the same value: none
    await update('5');
    const records = await allRecords(ddb.streams, arn);
    assert.equal(
      records.map((r) => r.eventName),
      ['INSERT', 'MODIFY', 'REMOVE', 'INSERT', 'MODIFY'],
    );
    const images = [
      [undefined, { id: 'a', x: '2' }],
      [
        { id: 'a', x: '2' },
        { id: 'a', y: 'three' },
      ],
      [{ id: 'a', y: 'three' }, undefined],
      [undefined, { id: 'a', b: '4' }],
      [
        { id: 'a', b: '4' },
        { id: 'a', b: '5' },
      ],
    ];
    const flat = (image: Record<string, { S?: string; N?: string }> | undefined) =>
      image && Object.fromEntries(Object.entries(image).map(([k, v]) => [k, v.S ?? v.N]));
    let previous = 0n;
    records.forEach((record, i) => {
      const [oldImage, newImage] = images[i]!;
      const d = record.dynamodb!;
      assert.equal(d.Keys, { id: { S: 'a' } });
      assert.is(d.StreamViewType, viewType);
      const withNew = viewType === 'NEW_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES';
      const withOld = viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES';
      assert.equal(flat(d.NewImage as never), withNew ? newImage : undefined);
      assert.equal(flat(d.OldImage as never), withOld ? oldImage : undefined);
      assert.is(record.eventSource, 'aws:dynamodb');
      assert.is(record.eventVersion, '1.1');
      assert.is(record.awsRegion, 'us-west-2');
      assert.match(record.eventID!, /^[0-9a-f]{32}$/);
      assert.is(record.userIdentity, undefined);
      assert.ok(d.ApproximateCreationDateTime instanceof Date);
      assert.ok(d.SizeBytes! > 0);
      const seq = BigInt(d.SequenceNumber!); // Alternator #7424: comparable as big integers, increasing
      assert.ok(seq > previous);
      previous = seq;
    });
  });
}

test('BatchWriteItem and TransactWriteItems write one record per changed item, in order', async () => {
  const { name, arn } = await streamTable('NEW_AND_OLD_IMAGES');
  await ddb.client.send(
    new BatchWriteItemCommand({
      RequestItems: {
        [name]: [{ PutRequest: { Item: { id: { S: 'b1' } } } }, { PutRequest: { Item: { id: { S: 'b2' } } } }],
      },
    }),
  );
  await ddb.client.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        { Put: { TableName: name, Item: { id: { S: 't1' }, v: { N: '1' } } } },
        { Delete: { TableName: name, Key: { id: { S: 'b1' } } } },
        { ConditionCheck: { TableName: name, Key: { id: { S: 'b2' } }, ConditionExpression: 'attribute_exists(id)' } },
      ],
    }),
  );
  const records = await allRecords(ddb.streams, arn);
  assert.equal(
    records.map((r) => `${r.eventName} ${r.dynamodb!.Keys!.id!.S}`),
    ['INSERT b1', 'INSERT b2', 'INSERT t1', 'REMOVE b1'],
  );
});

test('iterators: LATEST, AT_ and AFTER_SEQUENCE_NUMBER, paging with Limit and NextShardIterator', async () => {
  // Alternator test_streams_no_records, _last_result, _at_sequence_number, _after_sequence_number, _trim_horizon
  const { name, arn } = await streamTable('KEYS_ONLY');
  const [shard] = await shardsOf(ddb.streams, arn);
  const latest = await iteratorFor(ddb.streams, arn, shard!.ShardId!, 'LATEST');
  const empty = await ddb.streams.send(new GetRecordsCommand({ ShardIterator: latest }));
  assert.equal(empty.Records, []);
  assert.ok(empty.NextShardIterator);
  for (const id of ['1', '2', '3', '4', '5']) await put(name, id);
  const fromLatest = await drain(ddb.streams, latest);
  assert.equal(
    fromLatest.records.map((r) => r.dynamodb!.Keys!.id!.S),
    ['1', '2', '3', '4', '5'],
  );
  const paged = await drain(ddb.streams, await iteratorFor(ddb.streams, arn, shard!.ShardId!), 2);
  assert.equal(
    paged.records.map((r) => r.dynamodb!.Keys!.id!.S),
    ['1', '2', '3', '4', '5'],
  );
  const third = fromLatest.records[2]!.dynamodb!.SequenceNumber!;
  const at = await drain(
    ddb.streams,
    await iteratorFor(ddb.streams, arn, shard!.ShardId!, 'AT_SEQUENCE_NUMBER', third),
  );
  assert.equal(
    at.records.map((r) => r.dynamodb!.Keys!.id!.S),
    ['3', '4', '5'],
  );
  const after = await drain(
    ddb.streams,
    await iteratorFor(ddb.streams, arn, shard!.ShardId!, 'AFTER_SEQUENCE_NUMBER', third),
  );
  assert.equal(
    after.records.map((r) => r.dynamodb!.Keys!.id!.S),
    ['4', '5'],
  );
  // The iterator after the last record sees the next write (Alternator test_streams_another_result).
  await put(name, '6');
  const more = await ddb.streams.send(new GetRecordsCommand({ ShardIterator: fromLatest.next }));
  assert.equal(
    more.Records!.map((r) => r.dynamodb!.Keys!.id!.S),
    ['6'],
  );
});

test('shard roll-over: the shard closes, a child names it as parent, one item keeps its order across both', async () => {
  const { name, arn } = await streamTable('NEW_IMAGE');
  await put(name, 'k', { v: { N: '1' } });
  await put(name, 'k', { v: { N: '2' } });
  assert.is(rollStreamShards(ddb.engine, name), 1);
  await put(name, 'k', { v: { N: '3' } });
  const shards = await shardsOf(ddb.streams, arn);
  assert.is(shards.length, 2);
  const [parent, child] = shards as [(typeof shards)[0], (typeof shards)[0]];
  assert.ok(parent.SequenceNumberRange!.EndingSequenceNumber);
  assert.is(child.ParentShardId, parent.ShardId);
  assert.is(child.SequenceNumberRange!.EndingSequenceNumber, undefined);
  assert.ok(
    BigInt(child.SequenceNumberRange!.StartingSequenceNumber!) >
      BigInt(parent.SequenceNumberRange!.EndingSequenceNumber!),
  );
  assert.ok(parent.ShardId! < child.ShardId!); // listed in lexical order (Alternator list_shards, #7409)
  // Reading a closed shard to its end: no NextShardIterator (Alternator test_streams_closed_read).
  const closed = await drain(ddb.streams, await iteratorFor(ddb.streams, arn, parent.ShardId!));
  assert.is(closed.next, undefined);
  const latestOfClosed = await ddb.streams.send(
    new GetRecordsCommand({ ShardIterator: await iteratorFor(ddb.streams, arn, parent.ShardId!, 'LATEST') }),
  );
  assert.equal(latestOfClosed.Records, []);
  assert.is(latestOfClosed.NextShardIterator, undefined);
  const values = (await allRecords(ddb.streams, arn)).map((r) => r.dynamodb!.NewImage!.v!.N);
  assert.equal(values, ['1', '2', '3']);
  // DescribeStream pages shards: Limit 1, then from LastEvaluatedShardId; past the last shard, none.
  const first = (await ddb.streams.send(new DescribeStreamCommand({ StreamArn: arn, Limit: 1 }))).StreamDescription!;
  assert.is(first.LastEvaluatedShardId, parent.ShardId);
  const second = (
    await ddb.streams.send(
      new DescribeStreamCommand({ StreamArn: arn, Limit: 1, ExclusiveStartShardId: first.LastEvaluatedShardId }),
    )
  ).StreamDescription!;
  assert.equal(
    second.Shards!.map((s) => s.ShardId),
    [child.ShardId],
  );
  assert.is(second.LastEvaluatedShardId, undefined);
});

test('shards roll over by themselves once the interval has passed (default four hours)', async () => {
  const { name, arn } = await streamTable('KEYS_ONLY');
  await put(name, 'x');
  await maintainStreams(ddb.engine);
  assert.is((await shardsOf(ddb.streams, arn)).length, 1);
  ddb.clock.now += 4 * 60 * 60 * 1000;
  await maintainStreams(ddb.engine);
  const shards = await shardsOf(ddb.streams, arn);
  assert.is(shards.length, 2);
  assert.is(shards[1]!.ParentShardId, shards[0]!.ShardId);
  await put(name, 'y');
  assert.equal(
    (await allRecords(ddb.streams, arn)).map((r) => r.dynamodb!.Keys!.id!.S),
    ['x', 'y'],
  );
});

test('ListStreams pages by Limit and ExclusiveStartStreamArn; a table without a stream lists none', async () => {
  // Alternator test_list_streams_paged / test_list_streams_empty
  await streamTable('KEYS_ONLY');
  await streamTable('KEYS_ONLY');
  const seen: string[] = [];
  let start: string | undefined;
  do {
    const page = await ddb.streams.send(new ListStreamsCommand({ Limit: 1, ExclusiveStartStreamArn: start }));
    assert.ok(page.Streams!.length <= 1);
    seen.push(...page.Streams!.map((s) => s.StreamArn!));
    start = page.LastEvaluatedStreamArn;
  } while (start);
  const all = (await ddb.streams.send(new ListStreamsCommand({}))).Streams!.map((s) => s.StreamArn!);
  assert.equal(seen, all);
  assert.is(new Set(all).size, all.length);
  await createTable(ddb.client, 'no-stream');
  assert.equal((await ddb.streams.send(new ListStreamsCommand({ TableName: 'no-stream' }))).Streams, []);
});

test.run();
