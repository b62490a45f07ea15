// What the four DynamoDB Streams operations share: request members (constraints from the DynamoDB Streams API
// reference), finding a stream by ARN, and the registry names. Streams operations are registered under
// `DynamoDBStreams.<Op>`, so that `DynamoDB_20120810.GetRecords` stays an unknown operation (server/protocol.ts
// maps the `DynamoDBStreams_20120810.` target prefix onto these names).
import Type from 'typebox';
import { resourceNotFound, validation } from '../../errors.js';
import type { OperationContext } from '../../operations/types.js';
import type { StreamMeta } from '../../storage/stream-records.js';
import { streamsOf } from '../index.js';
import type { TableStreams } from '../table-streams.js';

export const STREAMS_OPERATION_PREFIX = 'DynamoDBStreams.';

export const StreamArn = Type.String({ minLength: 37, maxLength: 1024 });
export const ShardId = Type.String({ minLength: 28, maxLength: 65 });
export const SequenceNumber = Type.String({ minLength: 21, maxLength: 40 });
export const TableName = Type.String({ minLength: 3, maxLength: 255, pattern: '[a-zA-Z0-9_.-]+' });

const STREAM_ARN =
  /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[a-zA-Z0-9_.-]{3,255}\/stream\/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/;

/** A stream ARN that is not one: a ValidationException, as AWS answers (ScyllaDB Alternator's
 *  test_describe_nonexistent_stream / test_list_streams_with_nonexistent_last_stream, run against AWS). The text is
 *  AWS's as the Java SDK quoted it from streams.dynamodb.eu-west-1.amazonaws.com
 *  (amazon-archives/logstash-input-dynamodb#18: "Invalid StreamArn (Service: AmazonDynamoDBStreams; Status Code:
 *  400; Error Code: ValidationException"). */
export function checkStreamArn(arn: string): void {
  if (!STREAM_ARN.test(arn)) throw validation('Invalid StreamArn');
}

/** The engine's streams, in line with the catalog. */
export function currentStreams(ctx: OperationContext): TableStreams {
  const streams = streamsOf(ctx.engine);
  streams.sync();
  return streams;
}

/** The caller's stream with this ARN (another namespace's does not exist for it). */
export function findStream(streams: TableStreams, ctx: OperationContext, arn: string): StreamMeta {
  checkStreamArn(arn);
  const meta = streams.storage.stream(arn);
  // DynamoDB Local's wording (quoted in localstack/localstack#2543); AWS's own is not recorded.
  if (!meta || meta.namespace !== ctx.namespace)
    throw resourceNotFound(`Requested resource not found: Stream: ${arn} not found`);
  return meta;
}
