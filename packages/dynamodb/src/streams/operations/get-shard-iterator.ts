// GetShardIterator: where in a shard GetRecords starts. TRIM_HORIZON: the oldest untrimmed record; LATEST: just
// after the newest; AT_/AFTER_SEQUENCE_NUMBER: at or after a record's sequence number (API reference). The type and
// SequenceNumber must agree (ValidationException both ways: ScyllaDB Alternator's test_get_shard_iterator, run
// against AWS); an unknown shard is ResourceNotFoundException (test_get_shard_iterator_for_nonexistent_shard).
// No recorded AWS wording for these messages: ours say what is wrong.
import Type from 'typebox';
import { DynamoDBError, resourceNotFound, validation } from '../../errors.js';
import { defineOperation } from '../../operations/types.js';
import type { ShardMeta, StreamMeta } from '../../storage/stream-records.js';
import { encodeIterator } from '../iterators.js';
import { parseSequenceNumber } from '../sequence-numbers.js';
import type { TableStreams } from '../table-streams.js';
import { currentStreams, findStream, SequenceNumber, ShardId, StreamArn, STREAMS_OPERATION_PREFIX } from './common.js';

const ShardIteratorType = Type.Union([
  Type.Literal('TRIM_HORIZON'),
  Type.Literal('LATEST'),
  Type.Literal('AT_SEQUENCE_NUMBER'),
  Type.Literal('AFTER_SEQUENCE_NUMBER'),
]);
type IteratorType = 'TRIM_HORIZON' | 'LATEST' | 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER';

export const trimmed = () =>
  // The wording AWS answered in ironSource/node-dynamodb-stream#13.
  new DynamoDBError('TrimmedDataAccessException', 'The data you are trying to access has been trimmed');

export const getShardIterator = defineOperation({
  name: `${STREAMS_OPERATION_PREFIX}GetShardIterator`,
  input: Type.Object({
    SequenceNumber: Type.Optional(SequenceNumber),
    ShardId,
    ShardIteratorType,
    StreamArn,
  }),
  handle(input, ctx) {
    const type = input.ShardIteratorType as IteratorType;
    const bySequence = type === 'AT_SEQUENCE_NUMBER' || type === 'AFTER_SEQUENCE_NUMBER';
    if (bySequence && input.SequenceNumber === undefined) {
      throw validation(`SequenceNumber is required for ShardIteratorType ${type}`);
    }
    if (!bySequence && input.SequenceNumber !== undefined) {
      throw validation(`SequenceNumber must not be given for ShardIteratorType ${type}`);
    }
    const streams = currentStreams(ctx);
    const meta = findStream(streams, ctx, input.StreamArn);
    const shard = meta.shards.find((s) => s.ShardId === input.ShardId);
    if (!shard) {
      throw resourceNotFound(`Requested resource not found: Shard: ${input.ShardId} in Stream: ${meta.arn} not found`);
    }
    const position = startPosition(streams, meta, shard, type, input.SequenceNumber);
    return {
      ShardIterator: encodeIterator({ arn: meta.arn, shardId: shard.ShardId, position, issuedAt: ctx.engine.now() }),
    };
  },
});

function startPosition(
  streams: TableStreams,
  meta: StreamMeta,
  shard: ShardMeta,
  type: IteratorType,
  sequenceNumber: string | undefined,
): number {
  const oldest = Math.max(shard.start, meta.trimmedThrough + 1);
  if (type === 'TRIM_HORIZON') return oldest;
  if (type === 'LATEST')
    return shard.end !== undefined ? shard.end + 1 : Math.max(shard.start, streams.nextSequenceNumber);
  const seq = parseSequenceNumber(sequenceNumber!);
  const last = shard.end ?? streams.nextSequenceNumber - 1;
  if (seq === undefined || seq < shard.start || seq > last) {
    throw validation(`Invalid SequenceNumber ${sequenceNumber} for shard ${shard.ShardId}`);
  }
  if (seq < oldest) throw trimmed();
  return type === 'AT_SEQUENCE_NUMBER' ? seq : seq + 1;
}
