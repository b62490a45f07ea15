// DynamoDB Streams over time and errors, with @aws-sdk/client-dynamodb-streams: disable (DISABLED, shards closed,
// still readable), enable again (a new stream ARN), DeleteTable (the stream ends, readable 24 hours), TTL deletions
// (userIdentity), the 15-minute iterator and 24-hour record lifetimes (the server's clock is advanced, no sleeping),
// restart (same records, same sequence numbers), and the errors of every operation.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  PutItemCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { maintainStreams } from '@ack-local/dynamodb';
import { createTable, expectError, waitFor } from './features-support.js';
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
  ddb = await startStreamsServer({ ttlSweepIntervalMs: 20 });
  newStreamTable = streamTables(ddb, 'life');
});
test.after(async () => ddb?.close());

const HOUR = 60 * 60 * 1000;
const streamTable = (viewType: 'KEYS_ONLY' | 'NEW_AND_OLD_IMAGES' = 'KEYS_ONLY') => newStreamTable(viewType);
const put = (table: string, id: string) => putId(ddb, table, id);
const describe = async (arn: string) =>
  (await ddb.streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription!;
const setStream = (TableName: string, StreamSpecification: { StreamEnabled: boolean; StreamViewType?: 'KEYS_ONLY' }) =>
  ddb.client.send(new UpdateTableCommand({ TableName, StreamSpecification }));

test('disabling: DISABLED, shards closed, records still readable; enabling again makes a new stream', async () => {
  // Alternator test_streams_disabled_stream / test_streams_closed_read (the behaviour AWS shows).
  const { name, arn } = await streamTable();
  await put(name, 'before');
  const [shard] = await shardsOf(ddb.streams, arn);
  const iterator = await iteratorFor(ddb.streams, arn, shard!.ShardId!);
  await setStream(name, { StreamEnabled: false });
  await put(name, 'while-off');
  const disabled = await describe(arn);
  assert.is(disabled.StreamStatus, 'DISABLED');
  assert.ok(disabled.Shards!.every((s) => /^\d+$/.test(s.SequenceNumberRange!.EndingSequenceNumber ?? '')));
  const read = await drain(ddb.streams, iterator);
  assert.equal(
    read.records.map((r) => r.dynamodb!.Keys!.id!.S),
    ['before'],
  );
  assert.is(read.next, undefined);
  await setStream(name, { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' });
  await put(name, 'after');
  const listed = (await ddb.streams.send(new ListStreamsCommand({ TableName: name }))).Streams!;
  assert.is(listed.length, 2);
  const fresh = listed.find((s) => s.StreamArn !== arn)!;
  assert.is((await describe(fresh.StreamArn!)).StreamStatus, 'ENABLED');
  assert.equal(
    (await allRecords(ddb.streams, fresh.StreamArn!)).map((r) => r.dynamodb!.Keys!.id!.S),
    ['after'],
  );
});

test('with table transitions on, a stream is ENABLING, then ENABLED; DISABLING, then DISABLED', async () => {
  // API reference, StreamDescription.StreamStatus (ENABLING | ENABLED | DISABLING | DISABLED); issue 17: disabling
  // makes the stream DISABLING, then DISABLED. Transitions last tableDelayMs on the server's clock (no sleeping).
  const slow = await startStreamsServer({ tableDelayMs: 1000 });
  try {
    const TableName = 'life-slow';
    const created = await slow.client.send(
      new CreateTableCommand({
        TableName,
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
      }),
    );
    const arn = created.TableDescription!.LatestStreamArn!;
    const status = async () =>
      (await slow.streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription!.StreamStatus;
    assert.is(await status(), 'ENABLING');
    slow.clock.now += 1000;
    assert.is(await status(), 'ENABLED');
    await slow.client.send(new UpdateTableCommand({ TableName, StreamSpecification: { StreamEnabled: false } }));
    assert.is(await status(), 'DISABLING');
    slow.clock.now += 1000;
    assert.is(await status(), 'DISABLED');
  } finally {
    await slow.close();
  }
});

test('GetRecords answers at most 1 MB a page; the next page goes on from there', async () => {
  // API reference, GetRecords: "a maximum of 1 MB of data or 1000 stream records, whichever comes first".
  const { name, arn } = await streamTable('NEW_AND_OLD_IMAGES');
  const big = 'x'.repeat(300 * 1024);
  for (const id of ['a', 'b', 'c', 'd']) {
    await ddb.client.send(new PutItemCommand({ TableName: name, Item: { id: { S: id }, big: { S: big } } }));
  }
  const [shard] = await shardsOf(ddb.streams, arn);
  const first = await ddb.streams.send(
    new GetRecordsCommand({ ShardIterator: await iteratorFor(ddb.streams, arn, shard!.ShardId!) }),
  );
  assert.ok(first.Records!.length >= 1 && first.Records!.length < 4, `${first.Records!.length} records`);
  const rest = await drain(ddb.streams, first.NextShardIterator);
  assert.equal(
    [...first.Records!, ...rest.records].map((r) => r.dynamodb!.Keys!.id!.S),
    ['a', 'b', 'c', 'd'],
  );
});

test('UpdateTable errors: enabling an enabled stream (any view type), disabling a disabled one', async () => {
  // Alternator test_streams_change_type, test_streams_enable_on_enabled, test_streams_disable_on_disabled (AWS).
  const { name } = await streamTable();
  await expectError(
    ddb.client.send(
      new UpdateTableCommand({
        TableName: name,
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'OLD_IMAGE' },
      }),
    ),
    'ValidationException',
    /already.*enabled/,
  );
  await expectError(
    setStream(name, { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' }),
    'ValidationException',
    /already.*enabled/,
  );
  await createTable(ddb.client, 'life-plain');
  await expectError(setStream('life-plain', { StreamEnabled: false }), 'ValidationException', /stream.*disable/);
});

test('DeleteTable ends the stream: DISABLED, still listed and readable, gone 24 hours later', async () => {
  // API reference, DeleteTable: the stream goes DISABLED and is deleted after 24 hours.
  const { name, arn } = await streamTable();
  await put(name, 'kept');
  await ddb.client.send(new DeleteTableCommand({ TableName: name }));
  assert.is((await describe(arn)).StreamStatus, 'DISABLED');
  assert.equal(
    (await ddb.streams.send(new ListStreamsCommand({ TableName: name }))).Streams!.map((s) => s.StreamArn),
    [arn],
  );
  assert.equal(
    (await allRecords(ddb.streams, arn)).map((r) => r.dynamodb!.Keys!.id!.S),
    ['kept'],
  );
  ddb.clock.now += 24 * HOUR;
  await maintainStreams(ddb.engine);
  await expectError(
    ddb.streams.send(new DescribeStreamCommand({ StreamArn: arn })),
    'ResourceNotFoundException',
    `Requested resource not found: Stream: ${arn} not found`,
  );
});

test('TTL deletions are REMOVE records with userIdentity Service / dynamodb.amazonaws.com', async () => {
  // Developer guide, "DynamoDB Streams and Time to Live".
  const { name, arn } = await streamTable('NEW_AND_OLD_IMAGES');
  await ddb.client.send(
    new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { Enabled: true, AttributeName: 'exp' } }),
  );
  const expires = String(Math.floor(ddb.clock.now / 1000) - 10);
  await ddb.client.send(new PutItemCommand({ TableName: name, Item: { id: { S: 'gone' }, exp: { N: expires } } }));
  await ddb.client.send(
    new PutItemCommand({ TableName: name, Item: { id: { S: 'by-user' }, exp: { N: '99999999999' } } }),
  );
  await waitFor(async () => (await allRecords(ddb.streams, arn)).length === 3);
  const removal = (await allRecords(ddb.streams, arn)).find((r) => r.eventName === 'REMOVE');
  assert.is(removal!.eventName, 'REMOVE');
  assert.equal(removal!.dynamodb!.Keys, { id: { S: 'gone' } });
  assert.equal(removal!.dynamodb!.OldImage, { id: { S: 'gone' }, exp: { N: expires } });
  assert.equal(removal!.userIdentity, { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' });
});

test("global tables: a replica's writes appear in the replica's own stream", async () => {
  const { name } = await streamTable('NEW_AND_OLD_IMAGES');
  await ddb.client.send(
    new UpdateTableCommand({ TableName: name, ReplicaUpdates: [{ Create: { RegionName: 'eu-west-1' } }] }),
  );
  const eu = ddb.clientFor({ region: 'eu-west-1' });
  await waitFor(async () => {
    const table = (await eu.send(new DescribeTableCommand({ TableName: name }))).Table;
    return table?.TableStatus === 'ACTIVE';
  });
  const euArn = (await eu.send(new DescribeTableCommand({ TableName: name }))).Table!.LatestStreamArn!;
  assert.match(euArn, /^arn:aws:dynamodb:eu-west-1:/);
  const euStreams = new DynamoDBStreamsClient({
    endpoint: ddb.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'dummy', secretAccessKey: 'dummy' },
  });
  try {
    await put(name, 'replicated');
    await waitFor(async () =>
      (await allRecords(euStreams, euArn)).some((r) => r.dynamodb!.Keys!.id!.S === 'replicated'),
    );
    const record = (await allRecords(euStreams, euArn)).find((r) => r.dynamodb!.Keys!.id!.S === 'replicated')!;
    assert.is(record.eventName, 'INSERT');
    assert.is(record.awsRegion, 'eu-west-1');
    assert.equal(record.dynamodb!.NewImage, { id: { S: 'replicated' } });
  } finally {
    euStreams.destroy();
  }
});

test('iterators expire after 15 minutes: ExpiredIteratorException', async () => {
  // API reference, GetShardIterator: "A shard iterator expires 15 minutes after it is returned".
  const { arn } = await streamTable();
  const [shard] = await shardsOf(ddb.streams, arn);
  const iterator = await iteratorFor(ddb.streams, arn, shard!.ShardId!);
  ddb.clock.now += 15 * 60 * 1000;
  await ddb.streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
  ddb.clock.now += 1;
  await expectError(
    ddb.streams.send(new GetRecordsCommand({ ShardIterator: iterator })),
    'ExpiredIteratorException',
    // No AWS answer on record: the API model's documented text of the error's message member (botocore reference,
    // DynamoDBStreams.Client.exceptions.ExpiredIteratorException).
    'The provided iterator exceeds the maximum age allowed.',
  );
});

test('records older than 24 hours are trimmed: TRIM_HORIZON moves on, old positions are TrimmedDataAccess', async () => {
  // API reference, TrimmedDataAccessException (both causes it lists).
  const { name, arn } = await streamTable();
  await put(name, 'old');
  const [shard] = await shardsOf(ddb.streams, arn);
  const oldIterator = await iteratorFor(ddb.streams, arn, shard!.ShardId!);
  const [old] = (await drain(ddb.streams, oldIterator)).records;
  ddb.clock.now += 23 * HOUR;
  await put(name, 'young');
  ddb.clock.now += HOUR + 1;
  await maintainStreams(ddb.engine);
  assert.equal(
    (await allRecords(ddb.streams, arn)).map((r) => r.dynamodb!.Keys!.id!.S),
    ['young'],
  );
  const fresh = await iteratorFor(ddb.streams, arn, shard!.ShardId!); // issued now: only the position is stale
  assert.ok(fresh);
  await expectError(
    iteratorFor(ddb.streams, arn, shard!.ShardId!, 'AT_SEQUENCE_NUMBER', old!.dynamodb!.SequenceNumber),
    'TrimmedDataAccessException',
    'The data you are trying to access has been trimmed',
  );
});

test('GetShardIterator and DescribeStream errors', async () => {
  const { arn } = await streamTable();
  const [shard] = await shardsOf(ddb.streams, arn);
  const shardId = shard!.ShardId!;
  const seq = shard!.SequenceNumberRange!.StartingSequenceNumber!;
  const iterator = (ShardIteratorType: string, SequenceNumber?: string, StreamArn = arn, ShardId = shardId) =>
    ddb.streams.send(
      new GetShardIteratorCommand({
        StreamArn,
        ShardId,
        ShardIteratorType: ShardIteratorType as 'LATEST',
        SequenceNumber,
      }),
    );
  // Alternator test_get_shard_iterator: the type and SequenceNumber must agree; a bad type; an unknown shard.
  await expectError(iterator('AT_SEQUENCE_NUMBER'), 'ValidationException', /SequenceNumber/);
  await expectError(iterator('AFTER_SEQUENCE_NUMBER'), 'ValidationException', /SequenceNumber/);
  await expectError(iterator('LATEST', seq), 'ValidationException', /SequenceNumber/);
  await expectError(iterator('TRIM_HORIZON', seq), 'ValidationException', /SequenceNumber/);
  await expectError(
    iterator('bulle', seq),
    'ValidationException',
    "1 validation error detected: Value 'bulle' at 'shardIteratorType' failed to satisfy constraint: " +
      'Member must satisfy enum value set: [TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER]',
  );
  await expectError(
    iterator('LATEST', undefined, arn, 'shardId-00000000000000000000-0000ffff'),
    'ResourceNotFoundException',
    /Shard/,
  );
  // Alternator test_get_shard_iterator_for_nonexistent_stream / test_describe_nonexistent_stream: a malformed ARN is
  // a ValidationException on AWS; a well-formed unknown one is not found.
  // The text: AWS's, quoted by the Java SDK in amazon-archives/logstash-input-dynamodb#18.
  await expectError(iterator('LATEST', undefined, 'x'.repeat(40)), 'ValidationException', 'Invalid StreamArn');
  const unknown = arn.replace(/stream\/.*$/, 'stream/2000-01-01T00:00:00.000');
  await expectError(
    ddb.streams.send(new DescribeStreamCommand({ StreamArn: unknown })),
    'ResourceNotFoundException',
    `Requested resource not found: Stream: ${unknown} not found`,
  );
  await expectError(
    ddb.streams.send(new DescribeStreamCommand({ StreamArn: 'sdfadfsdfnlfkajakfgjalksfgklasjklasdjfklasdfasdfgasf' })),
    'ValidationException',
    'Invalid StreamArn',
  );
  // A sequence number of another shard (or none of ours).
  await expectError(iterator('AT_SEQUENCE_NUMBER', '9'.repeat(30)), 'ValidationException', /SequenceNumber/);
  // ListStreams: Limit 1..100 (API reference; Alternator test_list_streams_zero_limit / _too_high_limit).
  await expectError(ddb.streams.send(new ListStreamsCommand({ Limit: 0 })), 'ValidationException', /limit/);
  await expectError(ddb.streams.send(new ListStreamsCommand({ Limit: 101 })), 'ValidationException', /limit/);
  await expectError(
    ddb.streams.send(
      new ListStreamsCommand({ ExclusiveStartStreamArn: 'kossaapaaasdafsdaasdasdasdasasdasfadfadfasdas' }),
    ),
    'ValidationException',
    /StreamArn/,
  );
});

test('GetRecords errors: a malformed iterator, Limit outside 1..1000', async () => {
  // Alternator test_get_records_nonexistent_iterator / test_get_records_too_high_limit (AWS answers).
  await expectError(
    ddb.streams.send(
      new GetRecordsCommand({ ShardIterator: 'sdfsdfsgagaddafgagasgasgasdfasdfasdfasdfasdgasdasdgasdg' }),
    ),
    'ValidationException',
    'Invalid ShardIterator',
  );
  const { arn } = await streamTable();
  const [shard] = await shardsOf(ddb.streams, arn);
  const iterator = await iteratorFor(ddb.streams, arn, shard!.ShardId!, 'LATEST');
  await ddb.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
  for (const Limit of [1001, 0, -1]) {
    await expectError(
      ddb.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit })),
      'ValidationException',
      /Value '-?\d+' at 'limit' failed to satisfy constraint/,
    );
  }
});

test('the Streams operations answer only under their own target; Kinesis destinations are named as unsupported', async () => {
  const call = (target: string, body: unknown) =>
    fetch(ddb.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': target,
        'x-amz-date': '20260101T000000Z',
        authorization:
          'AWS4-HMAC-SHA256 Credential=dummy/20260101/us-west-2/dynamodb/aws4_request, SignedHeaders=host, Signature=x',
      },
      body: JSON.stringify(body),
    });
  const wrong = await call('DynamoDB_20120810.ListStreams', {});
  assert.is(wrong.status, 400);
  assert.equal(await wrong.json(), { __type: 'com.amazon.coral.service#UnknownOperationException' });
  const right = await call('DynamoDBStreams_20120810.ListStreams', {});
  assert.is(right.status, 200);
  const kinesis = await call('DynamoDB_20120810.EnableKinesisStreamingDestination', {
    TableName: 'any',
    StreamArn: 'arn:aws:kinesis:us-west-2:000000000000:stream/somewhere',
  });
  assert.is(kinesis.status, 400);
  assert.equal(await kinesis.json(), {
    __type: 'com.amazon.coral.service#UnknownOperationException',
    message: 'ack-local does not support the DynamoDB operation EnableKinesisStreamingDestination',
  });
});

test.run();
