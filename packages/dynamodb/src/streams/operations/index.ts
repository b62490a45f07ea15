// The DynamoDB Streams operations (target prefix DynamoDBStreams_20120810). DynamoDB's Kinesis streaming destination
// operations are not implemented: the server names them in its UnknownOperationException (server/unsupported-operation.ts).
import type { Operation } from '../../operations/types.js';
import { describeStream } from './describe-stream.js';
import { getRecords } from './get-records.js';
import { getShardIterator } from './get-shard-iterator.js';
import { listStreams } from './list-streams.js';

export const streamOperations: Operation<any>[] = [listStreams, describeStream, getShardIterator, getRecords];

export { STREAMS_OPERATION_PREFIX } from './common.js';
