// DescribeStream: status, view type, key schema and shards (with SequenceNumberRange and ParentShardId: lineage)
// of one stream, shards paged by Limit (at most 100) and ExclusiveStartShardId / LastEvaluatedShardId. A shard id
// that is not the stream's starts nowhere: no shards (AWS, as ScyllaDB Alternator's
// test_describe_stream_with_nonexistent_last_shard records).
import Type from 'typebox';
import { defineOperation } from '../../operations/types.js';
import type { ShardMeta } from '../../storage/stream-records.js';
import { formatSequenceNumber } from '../sequence-numbers.js';
import { currentStreams, findStream, ShardId, StreamArn, STREAMS_OPERATION_PREFIX } from './common.js';

const MAX_LIMIT = 100;

const shardDescription = (shard: ShardMeta) => ({
  ShardId: shard.ShardId,
  SequenceNumberRange: {
    StartingSequenceNumber: formatSequenceNumber(shard.start),
    ...(shard.end !== undefined && { EndingSequenceNumber: formatSequenceNumber(shard.end) }),
  },
  ...(shard.ParentShardId && { ParentShardId: shard.ParentShardId }),
});

export const describeStream = defineOperation({
  name: `${STREAMS_OPERATION_PREFIX}DescribeStream`,
  input: Type.Object({
    ExclusiveStartShardId: Type.Optional(ShardId),
    Limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, javaType: 'Integer' })),
    StreamArn,
  }),
  handle(input, ctx) {
    const streams = currentStreams(ctx);
    const meta = findStream(streams, ctx, input.StreamArn);
    const start = input.ExclusiveStartShardId;
    const from = start === undefined ? 0 : meta.shards.findIndex((s) => s.ShardId === start) + 1;
    const after = from === 0 && start !== undefined ? [] : meta.shards.slice(from);
    const limit = input.Limit ?? MAX_LIMIT;
    const page = after.slice(0, limit);
    return {
      StreamDescription: {
        StreamArn: meta.arn,
        StreamLabel: meta.label,
        StreamStatus: streams.status(meta),
        StreamViewType: meta.viewType,
        CreationRequestDateTime: meta.createdAt / 1000,
        TableName: meta.tableName,
        KeySchema: meta.keySchema,
        Shards: page.map(shardDescription),
        ...(after.length > limit && { LastEvaluatedShardId: page[page.length - 1]!.ShardId }),
      },
    };
  },
});
