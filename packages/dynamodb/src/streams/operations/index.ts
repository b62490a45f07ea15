// The DynamoDB Streams operations (target prefix DynamoDBStreams_20120810) and the Kinesis streaming destination
// operations of DynamoDB's own API, which ack-local answers with a clear error (no Kinesis here).
import type { Operation } from '../../operations/types.js';
import { describeStream } from './describe-stream.js';
import { getRecords } from './get-records.js';
import { getShardIterator } from './get-shard-iterator.js';
import { kinesisDestinationOperations } from './kinesis-destinations.js';
import { listStreams } from './list-streams.js';

export const streamOperations: Operation<any>[] = [
  listStreams,
  describeStream,
  getShardIterator,
  getRecords,
  ...kinesisDestinationOperations,
];

export { STREAMS_OPERATION_PREFIX } from './common.js';
