// GetRecords: the records of a shard from an iterator's position, at most Limit (1..1000, default 1000) and 1 MB
// (API reference), in sequence-number order, with the iterator to continue from; none once the end of a closed shard
// is reached (NextShardIterator absent, as AWS answers: ScyllaDB Alternator's test_streams_closed_read). An iterator
// lives 15 minutes (ExpiredIteratorException), records 24 hours (TrimmedDataAccessException). The records are the
// keys and images stored with each change as JSON text, put into the answer as they are (operations/wire-body.ts).
import Type from 'typebox';
import { DynamoDBError, resourceNotFound } from '../../errors.js';
import { defineOperation } from '../../operations/types.js';
import { wireBody } from '../../operations/wire-body.js';
import { recordContext, renderRecord } from '../record-json.js';
import { decodeIterator, encodeIterator, ITERATOR_LIFETIME_MS } from '../iterators.js';
import { currentStreams, findStream, STREAMS_OPERATION_PREFIX } from './common.js';
import { trimmed } from './get-shard-iterator.js';

const MAX_LIMIT = 1000;
const MAX_BYTES = 1024 * 1024;

export const getRecords = defineOperation({
  name: `${STREAMS_OPERATION_PREFIX}GetRecords`,
  input: Type.Object({
    Limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, javaType: 'Integer' })),
    ShardIterator: Type.String({ minLength: 1, maxLength: 2048 }),
  }),
  handle(input, ctx) {
    const iterator = decodeIterator(input.ShardIterator);
    const now = ctx.engine.now();
    if (now - iterator.issuedAt > ITERATOR_LIFETIME_MS) {
      // No AWS answer on record; the text is the one the DynamoDB Streams API model documents for this error's
      // `message` member (botocore reference, DynamoDBStreams.Client.exceptions.ExpiredIteratorException).
      throw new DynamoDBError('ExpiredIteratorException', 'The provided iterator exceeds the maximum age allowed.');
    }
    const streams = currentStreams(ctx);
    const meta = findStream(streams, ctx, iterator.arn);
    const shard = meta.shards.find((s) => s.ShardId === iterator.shardId);
    if (!shard) {
      // A shard older than the retention is gone with its records.
      if (meta.shards.length > 0 && iterator.shardId < meta.shards[0]!.ShardId) throw trimmed();
      throw resourceNotFound(
        `Requested resource not found: Shard: ${iterator.shardId} in Stream: ${meta.arn} not found`,
      );
    }
    if (iterator.position <= meta.trimmedThrough) throw trimmed();
    const limit = input.Limit ?? MAX_LIMIT;
    const to = shard.end ?? Number.MAX_SAFE_INTEGER;
    const records: string[] = [];
    let bytes = 0;
    let next = iterator.position;
    let full = false;
    const context = recordContext(meta);
    for (const record of streams.storage.records(meta.tableId, meta.createdAt, iterator.position, to, limit)) {
      const json = renderRecord(context, record);
      // Lengths in UTF-16 units: exact for ASCII, under the UTF-8 size otherwise (a page may pass 1 MB a little).
      if (records.length > 0 && bytes + json.length > MAX_BYTES) {
        full = true;
        break;
      }
      records.push(json);
      bytes += json.length;
      next = record.seq + 1;
    }
    const more = full || records.length === limit;
    const ended = shard.end !== undefined && (!more || next > shard.end);
    const nextIterator = ended
      ? undefined
      : encodeIterator({ arn: meta.arn, shardId: shard.ShardId, position: next, issuedAt: now });
    return wireBody('Records', records, { NextShardIterator: nextIterator });
  },
});
