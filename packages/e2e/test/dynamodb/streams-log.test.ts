// The DynamoDB Streams record log (packages/dynamodb/src/storage/stream-log.ts and its neighbours), seen through
// the real AWS SDK v3 clients only: records live in append-only segment files under
// `<data dir>/dynamodb/stream-records/`, indexed in LMDB by one chunk per stream and group commit. What this file
// proves, because each is a way the log can lose or invent records that no other test would notice:
// - a data dir written before the log (commit 7983977, one LMDB value per record; fixtures/dynamodb-data-dir-7983977)
//   opens with today's code: every record comes back as that code answered it, new writes number on above them, a
//   second restart reads both, and the moved records keep their times (the 24-hour retention trims them on time);
// - bytes past the last committed chunk (a torn tail, a segment started by a write that never committed) are cut off
//   at open, and the records before them read back unchanged; chunks whose bytes the log lost (a machine crash with
//   sync 'background') are dropped at open, and their numbers are not handed out again;
// - segments roll over at streamLogSegmentBytes, reads cross them in order, and the retention deletes the files no
//   chunk uses any more (by maintainStreams and by the maintenance timer), also when it trims everything;
// - one group commit with records of two streams gives each stream exactly its own;
// - the numbers of a stream forgotten 24 hours after it was disabled are not handed out again after a restart;
// - a refused write (ConditionalCheckFailed, a cancelled transaction) leaves no record and uses no sequence number;
// - a restart gives back the same records, byte for byte.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  UpdateTableCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, ListStreamsCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';
import { maintainStreams, rollStreamShards } from '@ack-local/dynamodb';
import { removeScratch, scratchDir } from '../../src/scratch.js';
import { expectError, waitFor } from './features-support.js';
import {
  allRecords,
  drain,
  iteratorFor,
  putId,
  shardsOf,
  startStreamsServer,
  streamTables,
  type StreamsHarness,
} from './streams-support.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const FIXTURE = join(repoRoot, 'fixtures/dynamodb-data-dir-7983977');
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Every server and data dir a test opens; whatever the outcome, they are closed and removed after it.
const running = new Set<StreamsHarness>();
const dirs: string[] = [];
test.after.each(async () => {
  for (const ddb of running) await ddb.close();
  running.clear();
  for (const dir of dirs.splice(0)) removeScratch(dir);
});

function dataDir(): string {
  const dir = scratchDir('ack-streams-log-');
  dirs.push(dir);
  return dir;
}

/** A server over `dir` (kept across restarts: close() leaves it). */
async function start(dir: string, options: Parameters<typeof startStreamsServer>[0] = {}) {
  const ddb = await startStreamsServer({ dataDir: dir, ttlSweepIntervalMs: 0, ...options });
  running.add(ddb);
  return ddb;
}

async function stop(ddb: StreamsHarness) {
  running.delete(ddb);
  await ddb.close();
}

/** SDK output as JSON text, binary values as base64 (as expected-records.json keeps them). */
const asJson = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) =>
    v instanceof Uint8Array ? { $base64: Buffer.from(v).toString('base64') } : v,
  );
const plain = (value: unknown): unknown => JSON.parse(asJson(value));

const logDir = (dir: string) => join(dir, 'dynamodb', 'stream-records');
/** The log's segment numbers on disk, oldest first. */
function segments(dir: string): number[] {
  if (!existsSync(logDir(dir))) return [];
  return readdirSync(logDir(dir))
    .filter((name) => /^\d{10}\.log$/.test(name))
    .map((name) => Number(name.slice(0, 10)))
    .sort((a, b) => a - b);
}
const segmentPath = (dir: string, segment: number) => join(logDir(dir), `${String(segment).padStart(10, '0')}.log`);

const seq = (r: _Record) => BigInt(r.dynamodb!.SequenceNumber!);
const ids = (records: _Record[]) => records.map((r) => r.dynamodb!.Keys!.id!.S!);
const events = (records: _Record[]) => records.map((r) => `${r.eventName} ${r.dynamodb!.Keys!.id!.S!}`);

function assertIncreasing(records: _Record[], what: string) {
  for (let i = 1; i < records.length; i++) {
    assert.ok(seq(records[i]!) > seq(records[i - 1]!), `${what}: sequence numbers grow at ${i}`);
  }
}

/** Each record's sequence number is the one after the previous record's: nothing was numbered in between. */
function assertContiguous(records: _Record[], what: string) {
  for (let i = 1; i < records.length; i++) {
    assert.is(seq(records[i]!), seq(records[i - 1]!) + 1n, `${what}: record ${i} follows the one before`);
  }
}

const pad = (n: number) => String(n).padStart(3, '0');
/** An attribute of some 300 bytes, so that a few thousand bytes of log hold about a dozen records. */
const padding = (id: string): Record<string, AttributeValue> => ({ pad: { S: `${id}:`.repeat(40) } });

interface ExpectedStream {
  arn: string;
  status: string;
  viewType: string;
  tableName: string;
  shards: { shardId: string; records: unknown[] }[];
}

test('a data dir from before the log (7983977) opens: same records, new ones above them, twice', async () => {
  const expected = JSON.parse(readFileSync(join(FIXTURE, 'expected-records.json'), 'utf8')) as {
    writtenAt: number;
    streams: ExpectedStream[];
  };
  const dir = dataDir();
  execFileSync('tar', ['-xzf', join(FIXTURE, 'data-dir.tar.gz'), '-C', dir]);
  assert.ok(existsSync(join(dir, 'dynamodb', 'data.mdb')), 'the fixture holds an LMDB data file');
  assert.equal(segments(dir), [], 'the fixture predates the log');
  const legacyCount = expected.streams.flatMap((s) => s.shards.flatMap((sh) => sh.records)).length;
  assert.is(legacyCount, 15);
  const highestLegacy = expected.streams
    .flatMap((s) => s.shards.flatMap((sh) => sh.records as _Record[]))
    .reduce((max, r) => (seq(r) > max ? seq(r) : max), 0n);

  /** Every stream as the fixture recorded it: listing, description, and each shard's records from TRIM_HORIZON. */
  const readAll = async (ddb: StreamsHarness) => {
    const listed = (await ddb.streams.send(new ListStreamsCommand({}))).Streams!.map((s) => s.StreamArn);
    const out: ExpectedStream[] = [];
    for (const arn of listed) {
      const description = (await ddb.streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription!;
      const shards = [];
      for (const shard of description.Shards!) {
        const { records } = await drain(ddb.streams, await iteratorFor(ddb.streams, arn!, shard.ShardId!));
        shards.push({ shardId: shard.ShardId!, records: plain(records) as unknown[] });
      }
      out.push({
        arn: arn!,
        status: description.StreamStatus!,
        viewType: description.StreamViewType!,
        tableName: description.TableName!,
        shards,
      });
    }
    return out;
  };

  // The records' times are the fixture's: run the clock from just after it was written.
  let ddb = await start(dir);
  ddb.clock.now = expected.writtenAt + MINUTE;
  assert.equal(await readAll(ddb), expected.streams, 'legacy records read back as 7983977 answered them');
  assert.is(segments(dir).length, 1, 'the legacy records were moved into the log');
  assert.ok(statSync(segmentPath(dir, segments(dir)[0]!)).size > 0);

  // New writes in three of the streams (the disabled one takes none).
  const [audit, orders, , profiles] = expected.streams;
  await ddb.client.send(
    new PutItemCommand({ TableName: 'orders', Item: { pk: { S: 'd' }, sk: { N: '4' }, note: { S: 'new' } } }),
  );
  await ddb.client.send(
    new UpdateItemCommand({
      TableName: 'orders',
      Key: { pk: { S: 'a' }, sk: { N: '1' } },
      UpdateExpression: 'SET #c = #c + :one',
      ExpressionAttributeNames: { '#c': 'count' },
      ExpressionAttributeValues: { ':one': { N: '1' } },
    }),
  );
  await ddb.client.send(new DeleteItemCommand({ TableName: 'audit', Key: { id: { S: 'e1' } } }));
  await ddb.client.send(new PutItemCommand({ TableName: 'profiles', Item: { id: { S: 'p2' }, name: { S: 'Grace' } } }));
  await ddb.client.send(
    new PutItemCommand({ TableName: 'profiles', Item: { id: { S: 'p2' }, name: { S: 'Grace H.' } } }),
  );
  const after = await readAll(ddb);
  const fresh = (stream: ExpectedStream, i: number) =>
    after[i]!.shards[0]!.records.slice(stream.shards[0]!.records.length) as _Record[];
  // Listing, descriptions and the legacy records are unchanged; the new records follow them.
  const described = ({ shards: _shards, ...stream }: ExpectedStream) => stream;
  assert.equal(after.map(described), expected.streams.map(described));
  for (const [i, stream] of expected.streams.entries()) {
    assert.equal(
      after[i]!.shards.map((sh) => sh.shardId),
      stream.shards.map((sh) => sh.shardId),
    );
    assert.equal(after[i]!.shards[0]!.records.slice(0, stream.shards[0]!.records.length), stream.shards[0]!.records);
  }
  const newOrders = fresh(orders!, 1);
  const newAudit = fresh(audit!, 0);
  const newProfiles = fresh(profiles!, 3);
  assert.equal(fresh(expected.streams[2]!, 2), [], 'the disabled stream takes no records');
  assert.equal(
    newOrders.map((r) => [r.eventName, r.dynamodb!.Keys]),
    [
      ['INSERT', { pk: { S: 'd' }, sk: { N: '4' } }],
      ['MODIFY', { pk: { S: 'a' }, sk: { N: '1' } }],
    ],
  );
  // The MODIFY's OldImage is the item the old code stored.
  const legacyModify = orders!.shards[0]!.records[1] as _Record;
  assert.equal(newOrders[1]!.dynamodb!.OldImage, legacyModify.dynamodb!.NewImage);
  assert.equal(newOrders[1]!.dynamodb!.NewImage!.count, { N: '3' });
  assert.equal(
    newAudit.map((r) => [r.eventName, r.dynamodb!.Keys]),
    [['REMOVE', { id: { S: 'e1' } }]],
  );
  assert.equal(
    newProfiles.map((r) => [r.eventName, r.dynamodb!.OldImage]),
    [
      ['INSERT', undefined],
      ['MODIFY', { id: { S: 'p2' }, name: { S: 'Grace' } }],
    ],
  );
  const written = [...newOrders, ...newAudit, ...newProfiles].sort((a, b) => (seq(a) < seq(b) ? -1 : 1));
  assert.ok(seq(written[0]!) > highestLegacy, 'new sequence numbers start above the legacy ones');
  assert.equal(
    written.map((r) => r.eventName),
    ['INSERT', 'MODIFY', 'REMOVE', 'INSERT', 'MODIFY'],
    'numbered in write order',
  );

  // A second restart reads the moved records and the new ones alike.
  await stop(ddb);
  ddb = await start(dir);
  ddb.clock.now = expected.writtenAt + MINUTE;
  assert.equal(await readAll(ddb), after, 'the second restart reads everything');

  // The moved records kept their times: a day after the fixture was written they are trimmed, the new ones (a
  // minute younger) are not, and the stream disabled then is forgotten.
  ddb.clock.now = expected.writtenAt + DAY + MINUTE / 2;
  await maintainStreams(ddb.engine);
  const listed = (await ddb.streams.send(new ListStreamsCommand({}))).Streams!.map((s) => s.StreamArn);
  assert.equal(listed, [audit!.arn, orders!.arn, profiles!.arn]);
  assert.equal(plain(await allRecords(ddb.streams, orders!.arn)), plain(newOrders));
  assert.equal(plain(await allRecords(ddb.streams, audit!.arn)), plain(newAudit));
  assert.equal(plain(await allRecords(ddb.streams, profiles!.arn)), plain(newProfiles));
});

test('torn tail: bytes past the last commit are cut off at open; records and numbering go on', async () => {
  const dir = dataDir();
  let ddb = await start(dir);
  const { name, arn } = await streamTables(ddb, 'torn')('NEW_AND_OLD_IMAGES');
  for (const id of ['a', 'b', 'c', 'd', 'e']) await putId(ddb, name, id, { v: { N: '1' } });
  await putId(ddb, name, 'a', { v: { N: '2' } });
  const before = await allRecords(ddb.streams, arn);
  assert.is(before.length, 6);
  await stop(ddb);

  const [newest] = segments(dir).slice(-1);
  const file = segmentPath(dir, newest!);
  const committed = statSync(file).size;
  // What a write whose transaction never committed leaves: a plausible record line, then half of another; and a
  // next segment that such a write had started.
  const torn = `999\t${Date.now()}\tI\t5\t{"id":{"S":"ghost"}}\t{"id":{"S":"ghost"}}\t\n998\t17\tM\t`;
  appendFileSync(file, torn);
  writeFileSync(segmentPath(dir, newest! + 1), torn);
  assert.is(statSync(file).size, committed + torn.length);

  ddb = await start(dir);
  assert.is(statSync(file).size, committed, 'the torn tail is gone');
  assert.equal(segments(dir), [newest], 'the uncommitted segment is gone');
  const reopened = await allRecords(ddb.streams, arn);
  assert.is(asJson(reopened), asJson(before));
  await putId(ddb, name, 'f');
  await putId(ddb, name, 'b', { v: { N: '2' } });
  const all = await allRecords(ddb.streams, arn);
  assert.is(asJson(all.slice(0, 6)), asJson(before));
  assert.equal(events(all.slice(6)), ['INSERT f', 'MODIFY b']);
  assertContiguous(all, 'across the restart');
  assert.equal(all[7]!.dynamodb!.OldImage, { id: { S: 'b' }, v: { N: '1' } });
  await stop(ddb);
  ddb = await start(dir);
  assert.is(asJson(await allRecords(ddb.streams, arn)), asJson(all));
});

test('bytes the log lost with the machine (sync background): their records are dropped at open, numbers stay used', async () => {
  const dir = dataDir();
  let ddb = await start(dir);
  const { name, arn } = await streamTables(ddb, 'lost')('NEW_AND_OLD_IMAGES');
  // One PutItem at a time: one chunk each.
  for (const id of ['a', 'b', 'c']) await putId(ddb, name, id);
  const before = await allRecords(ddb.streams, arn);
  await stop(ddb);

  // LMDB's pages reached the disk, the log's last bytes did not: the newest chunk is cut short.
  const [newest] = segments(dir).slice(-1);
  const file = segmentPath(dir, newest!);
  truncateSync(file, statSync(file).size - 5);

  ddb = await start(dir);
  const reopened = await allRecords(ddb.streams, arn);
  assert.is(asJson(reopened), asJson(before.slice(0, 2)), 'the records whose bytes are whole read back');
  await putId(ddb, name, 'd');
  const all = await allRecords(ddb.streams, arn);
  assert.equal(ids(all), ['a', 'b', 'd']);
  assert.ok(seq(all[2]!) > seq(before[2]!), "the lost record's number is not handed out again");
  await stop(ddb);

  // Every byte lost: the stream reads empty, and still numbers on above everything it had.
  rmSync(file);
  ddb = await start(dir);
  assert.equal(await allRecords(ddb.streams, arn), []);
  await putId(ddb, name, 'e');
  const [e] = await allRecords(ddb.streams, arn);
  assert.equal(ids([e!]), ['e']);
  assert.ok(seq(e!) > seq(all[2]!));
});

test('segments roll at streamLogSegmentBytes; reads cross them; retention deletes unused segment files', async () => {
  const dir = dataDir();
  const ddb = await start(dir, { streamLogSegmentBytes: 4096 });
  const { name, arn } = await streamTables(ddb, 'roll')('NEW_AND_OLD_IMAGES');
  const older = Array.from({ length: 35 }, (_, i) => `old-${pad(i)}`);
  const newer = Array.from({ length: 40 }, (_, i) => `new-${pad(i)}`);
  for (const id of older) await putId(ddb, name, id, padding(id));
  const afterOlder = segments(dir);
  assert.ok(afterOlder.length >= 3, `several segments (${afterOlder.length})`);
  for (const segment of afterOlder) assert.ok(statSync(segmentPath(dir, segment)).size <= 4096, 'segments stay small');
  ddb.clock.now += 12 * HOUR;
  // The first newer record is small: it still fits in the segment the older ones ended in, which then holds records
  // on both sides of the retention horizon.
  const boundary = afterOlder[afterOlder.length - 1]!;
  await putId(ddb, name, newer[0]!);
  assert.equal(segments(dir), afterOlder, 'the small record fits in the last segment');
  for (const id of newer.slice(1)) await putId(ddb, name, id, padding(id));
  const afterNewer = segments(dir);
  assert.ok(afterNewer.length >= afterOlder.length + 2, 'the newer records roll further segments');

  const all = await allRecords(ddb.streams, arn);
  assert.equal(ids(all), [...older, ...newer], 'every record, in order, across segments');
  assertContiguous(all, 'across segments');
  // Small pages too: an iterator's position crosses segment boundaries between pages.
  const [shard] = await shardsOf(ddb.streams, arn);
  const paged = await drain(ddb.streams, await iteratorFor(ddb.streams, arn, shard!.ShardId!), 7);
  assert.is(asJson(paged.records), asJson(all));

  // A day after the older records: they are trimmed, and the segments that held only them are deleted; the one
  // that also holds the first newer record stays.
  ddb.clock.now += 12 * HOUR + 1;
  await maintainStreams(ddb.engine);
  assert.equal(
    segments(dir),
    afterNewer.filter((s) => s >= boundary),
    'segments before the boundary are deleted',
  );
  assert.ok(boundary - afterOlder[0]! >= 2, 'there was something to delete');
  const trimmed = await drain(ddb.streams, await iteratorFor(ddb.streams, arn, shard!.ShardId!));
  assert.equal(ids(trimmed.records), newer, 'TRIM_HORIZON starts at the first untrimmed record');
  assert.is(asJson(trimmed.records), asJson(all.slice(older.length)));
  await expectError(
    iteratorFor(ddb.streams, arn, shard!.ShardId!, 'AT_SEQUENCE_NUMBER', all[0]!.dynamodb!.SequenceNumber),
    'TrimmedDataAccessException',
    'The data you are trying to access has been trimmed',
  );
  // Writes go on in the newest segment; a restart reads the rest of the log from its remaining files.
  await putId(ddb, name, 'later', padding('later'));
  const kept = await allRecords(ddb.streams, arn);
  assert.equal(ids(kept), [...newer, 'later']);
  await stop(ddb);
  const reopened = await start(dir, { streamLogSegmentBytes: 4096 });
  assert.is(asJson(await allRecords(reopened.streams, arn)), asJson(kept));
  assert.equal(segments(dir)[0], boundary);
});

test('the maintenance timer (its interval follows streamShardRollMs) deletes segments; trimming all survives a restart', async () => {
  const dir = dataDir();
  // A 100 ms roll interval runs the maintenance every 100 ms; the clock stands still, so shards roll only when it
  // is moved.
  let ddb = await start(dir, { streamLogSegmentBytes: 4096, streamShardRollMs: 100 });
  const { name, arn } = await streamTables(ddb, 'timer')('NEW_IMAGE');
  const written = Array.from({ length: 40 }, (_, i) => `t-${pad(i)}`);
  for (const id of written) await putId(ddb, name, id, padding(id));
  const before = await allRecords(ddb.streams, arn);
  assert.equal(ids(before), written);
  assert.ok(segments(dir).length >= 3, `several segments (${segments(dir).length})`);
  const head = segments(dir).slice(-1);
  ddb.clock.now += DAY + 1;
  await waitFor(() => segments(dir).length === 1);
  assert.equal(segments(dir), head, 'only the segment being appended to is left');
  assert.equal(await allRecords(ddb.streams, arn), []);

  // No chunk is left to say where the log ends: the next open starts it afresh, and numbering goes on.
  await stop(ddb);
  ddb = await start(dir, { streamLogSegmentBytes: 4096, streamShardRollMs: 100 });
  await putId(ddb, name, 'after');
  const after = await allRecords(ddb.streams, arn);
  assert.equal(ids(after), ['after']);
  assert.ok(seq(after[0]!) > seq(before[before.length - 1]!), 'numbers go on above the trimmed ones');
  await stop(ddb);
  ddb = await start(dir, { streamLogSegmentBytes: 4096, streamShardRollMs: 100 });
  assert.is(asJson(await allRecords(ddb.streams, arn)), asJson(after));
});

test('every record trimmed from a shard that never rolled: a restart still numbers on above them', async () => {
  const dir = dataDir();
  // No roll-over by age: the open shard's bounds say nothing of the records it held, only the trim point does.
  let ddb = await start(dir, { streamShardRollMs: 0 });
  const { name, arn } = await streamTables(ddb, 'bare')('KEYS_ONLY');
  for (const id of ['a', 'b', 'c']) await putId(ddb, name, id);
  const before = await allRecords(ddb.streams, arn);
  const shards = (await shardsOf(ddb.streams, arn)).map((s) => s.ShardId);
  ddb.clock.now += DAY + 1;
  await maintainStreams(ddb.engine);
  assert.equal(await allRecords(ddb.streams, arn), []);
  assert.equal(
    (await shardsOf(ddb.streams, arn)).map((s) => s.ShardId),
    shards,
    'the shard stayed open',
  );
  await stop(ddb);
  ddb = await start(dir, { streamShardRollMs: 0 });
  await putId(ddb, name, 'd');
  const after = await allRecords(ddb.streams, arn);
  assert.equal(ids(after), ['d'], 'the new record is past the trim point');
  assert.ok(seq(after[0]!) > seq(before[2]!), 'numbers go on above the trimmed ones');
  await expectError(
    iteratorFor(ddb.streams, arn, shards[0]!, 'AT_SEQUENCE_NUMBER', before[2]!.dynamodb!.SequenceNumber),
    'TrimmedDataAccessException',
    'The data you are trying to access has been trimmed',
  );
});

test('numbers of a forgotten stream are never handed out again, also after a restart', async () => {
  const dir = dataDir();
  // No roll-over by age, so no closed shard of the live stream remembers how far the counter went.
  let ddb = await start(dir, { streamShardRollMs: 0 });
  const make = streamTables(ddb, 'floor');
  const live = await make('KEYS_ONLY');
  const gone = await make('KEYS_ONLY');
  await putId(ddb, live.name, 'first');
  for (const id of ['a', 'b', 'c', 'd', 'e']) await putId(ddb, gone.name, id);
  const goneRecords = await allRecords(ddb.streams, gone.arn);
  await ddb.client.send(
    new UpdateTableCommand({ TableName: gone.name, StreamSpecification: { StreamEnabled: false } }),
  );
  ddb.clock.now += DAY + 1;
  await maintainStreams(ddb.engine);
  const listed = await ddb.streams.send(new ListStreamsCommand({ TableName: gone.name }));
  assert.equal(listed.Streams, [], 'the disabled stream is forgotten after 24 hours');
  // A consumer waits at LATEST of the live stream: past every number handed out so far.
  const [shard] = await shardsOf(ddb.streams, live.arn);
  const latest = await iteratorFor(ddb.streams, live.arn, shard!.ShardId!, 'LATEST');
  await stop(ddb);
  ddb = await start(dir, { streamShardRollMs: 0 });
  await putId(ddb, live.name, 'after-restart');
  const seen = (await drain(ddb.streams, latest)).records;
  assert.equal(ids(seen), ['after-restart'], 'the LATEST iterator taken before the restart sees the new record');
  assert.ok(seq(seen[0]!) > seq(goneRecords.at(-1)!), "its number is above the forgotten stream's");
});

test('two streams in one group commit: each gets exactly its records, also after a restart', async () => {
  const dir = dataDir();
  let ddb = await start(dir);
  const tables = streamTables(ddb, 'pair');
  const left = await tables('NEW_IMAGE');
  const right = await tables('NEW_AND_OLD_IMAGES');
  const item = (id: string, v = '1') => ({ id: { S: id }, v: { N: v } });
  await ddb.client.send(
    new BatchWriteItemCommand({
      RequestItems: {
        [left.name]: ['l1', 'l2', 'l3'].map((id) => ({ PutRequest: { Item: item(id) } })),
        [right.name]: ['r1', 'r2'].map((id) => ({ PutRequest: { Item: item(id) } })),
      },
    }),
  );
  await ddb.client.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        { Put: { TableName: left.name, Item: item('l4') } },
        {
          Update: {
            TableName: right.name,
            Key: { id: { S: 'r1' } },
            UpdateExpression: 'SET v = :v',
            ExpressionAttributeValues: { ':v': { N: '2' } },
          },
        },
        { Delete: { TableName: left.name, Key: { id: { S: 'l1' } } } },
        { Put: { TableName: right.name, Item: item('r3') } },
      ],
    }),
  );
  // Requests sent together mostly share a group commit too; what matters is that none is lost or misfiled.
  await Promise.all(
    ['c1', 'c2', 'c3'].flatMap((id) => [
      putId(ddb, left.name, `l-${id}`, { v: { N: '1' } }),
      putId(ddb, right.name, `r-${id}`, { v: { N: '1' } }),
    ]),
  );

  const check = async (harness: StreamsHarness) => {
    const l = await allRecords(harness.streams, left.arn);
    const r = await allRecords(harness.streams, right.arn);
    assert.equal(events(l.slice(0, 5)), ['INSERT l1', 'INSERT l2', 'INSERT l3', 'INSERT l4', 'REMOVE l1']);
    assert.equal(events(r.slice(0, 4)), ['INSERT r1', 'INSERT r2', 'MODIFY r1', 'INSERT r3']);
    assert.equal(ids(l.slice(5)).sort(), ['l-c1', 'l-c2', 'l-c3']);
    assert.equal(ids(r.slice(4)).sort(), ['r-c1', 'r-c2', 'r-c3']);
    assert.ok(
      l.every((x) => x.dynamodb!.StreamViewType === 'NEW_IMAGE' && x.dynamodb!.OldImage === undefined),
      'left records are left records',
    );
    assert.ok(
      r.every((x) => x.dynamodb!.StreamViewType === 'NEW_AND_OLD_IMAGES'),
      'right records are right records',
    );
    assert.equal(r[2]!.dynamodb!.OldImage, item('r1'));
    assert.equal(r[2]!.dynamodb!.NewImage, item('r1', '2'));
    assertIncreasing(l, 'left');
    assertIncreasing(r, 'right');
    // The transaction numbered its changes in its own order, across both streams.
    assert.equal(
      [l[3]!, r[2]!, l[4]!, r[3]!].map(seq),
      [l[3]!, r[2]!, l[4]!, r[3]!].map(seq).sort((a, b) => (a < b ? -1 : 1)),
    );
    // Every number appears once, in one stream: 8 + 7 changes made 15 numbers with no gap.
    const numbers = [...l, ...r].map(seq).sort((a, b) => (a < b ? -1 : 1));
    assert.is(numbers.length, 15);
    assert.is(numbers[14]! - numbers[0]!, 14n);
    return asJson([l, r]);
  };
  const before = await check(ddb);
  await stop(ddb);
  ddb = await start(dir);
  assert.is(await check(ddb), before);
});

test('a refused write leaves no record and uses no sequence number', async () => {
  const dir = dataDir();
  const ddb = await start(dir);
  const { name, arn } = await streamTables(ddb, 'refused')('NEW_AND_OLD_IMAGES');
  await putId(ddb, name, 'a', { v: { N: '1' } });
  const absent = { ConditionExpression: 'attribute_not_exists(id)' };
  const conditional = ['ConditionalCheckFailedException', 'The conditional request failed'] as const;
  // Each refusal: the request, and the error it must get.
  const refusals: [() => Promise<unknown>, string, string | RegExp][] = [
    [
      () =>
        ddb.client.send(new PutItemCommand({ TableName: name, Item: { id: { S: 'a' }, v: { N: '9' } }, ...absent })),
      ...conditional,
    ],
    [
      () =>
        ddb.client.send(
          new UpdateItemCommand({
            TableName: name,
            Key: { id: { S: 'a' } },
            UpdateExpression: 'SET v = :v',
            ConditionExpression: 'v = :old',
            ExpressionAttributeValues: { ':v': { N: '9' }, ':old': { N: '0' } },
          }),
        ),
      ...conditional,
    ],
    [
      () =>
        ddb.client.send(
          new DeleteItemCommand({
            TableName: name,
            Key: { id: { S: 'a' } },
            ConditionExpression: 'v = :old',
            ExpressionAttributeValues: { ':old': { N: '0' } },
          }),
        ),
      ...conditional,
    ],
    // The first action alone would write: the second cancels the whole transaction.
    [
      () =>
        ddb.client.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              { Put: { TableName: name, Item: { id: { S: 'b' } } } },
              { Put: { TableName: name, Item: { id: { S: 'a' } }, ...absent } },
            ],
          }),
        ),
      'TransactionCanceledException',
      /\[None, ConditionalCheckFailed\]/,
    ],
  ];
  const refuse = () => refusals.map(([send, error, message]) => expectError(send(), error, message));
  for (const [send, error, message] of refusals) await expectError(send(), error, message);
  await putId(ddb, name, 'c');
  // Refused and accepted writes sent together (one group commit, mostly): only the accepted ones leave records.
  await Promise.all([putId(ddb, name, 'd'), ...refuse(), putId(ddb, name, 'e')]);
  await putId(ddb, name, 'f');

  const records = await allRecords(ddb.streams, arn);
  assert.equal(events(records.slice(0, 2)), ['INSERT a', 'INSERT c']);
  assert.equal(ids(records.slice(2, 4)).sort(), ['d', 'e']);
  assert.equal(events(records.slice(4)), ['INSERT f']);
  assertContiguous(records, 'refusals take no number');
  assert.equal(records[0]!.dynamodb!.NewImage, { id: { S: 'a' }, v: { N: '1' } });
  const b = await ddb.client.send(new GetItemCommand({ TableName: name, Key: { id: { S: 'b' } } }));
  assert.is(b.Item, undefined, 'the cancelled transaction wrote nothing');
});

test('a restart gives back the same records byte for byte, shards included', async () => {
  const dir = dataDir();
  let ddb = await start(dir);
  const tables = streamTables(ddb, 'same');
  const { name, arn } = await tables('NEW_AND_OLD_IMAGES');
  const keys = await tables('KEYS_ONLY');
  await putId(ddb, name, 'a', { s: { S: 'héllo ✓ 𝄞 "q" \\ \t\n' }, b: { B: Uint8Array.from([0, 9, 10, 255]) } });
  await putId(ddb, name, 'a', { n: { N: '-1.5e3' }, l: { L: [{ NULL: true }, { BOOL: false }] } });
  await ddb.client.send(
    new BatchWriteItemCommand({
      RequestItems: {
        [name]: ['x', 'y'].map((id) => ({ PutRequest: { Item: { id: { S: id }, m: { M: { k: { SS: ['1'] } } } } } })),
        [keys.name]: [{ PutRequest: { Item: { id: { S: 'k' } } } }],
      },
    }),
  );
  assert.is(rollStreamShards(ddb.engine, name), 1);
  await ddb.client.send(new DeleteItemCommand({ TableName: name, Key: { id: { S: 'x' } } }));
  const read = async (harness: StreamsHarness) =>
    asJson({
      shards: await shardsOf(harness.streams, arn),
      records: await allRecords(harness.streams, arn),
      keys: await allRecords(harness.streams, keys.arn),
    });
  const before = await read(ddb);
  const records = await allRecords(ddb.streams, arn);
  assert.equal(events(records), ['INSERT a', 'MODIFY a', 'INSERT x', 'INSERT y', 'REMOVE x']);
  await stop(ddb);
  ddb = await start(dir);
  assert.is(await read(ddb), before);
  await putId(ddb, name, 'z');
  const more = await allRecords(ddb.streams, arn);
  assert.equal(events(more.slice(5)), ['INSERT z']);
  assert.ok(seq(more[5]!) > seq(records[4]!));
});

test.run();
