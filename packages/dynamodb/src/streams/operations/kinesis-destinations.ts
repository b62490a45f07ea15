// Kinesis Data Streams destinations (DynamoDB's Enable/Disable/Update/DescribeKinesisStreamingDestination): ack-local
// has no Kinesis, so changing a destination answers a ValidationException that names the limit; describing one
// answers the truth (no destinations), so tools that read it keep working.
import Type from 'typebox';
import { validation } from '../../errors.js';
import { findTable } from '../../storage/tables.js';
import { defineOperation } from '../../operations/types.js';
import { TableName } from './common.js';

const NO_KINESIS =
  'Kinesis Data Streams destinations are not supported by ack-local (it has no Kinesis); ' +
  'read changes with DynamoDB Streams on the same endpoint instead';

const DestinationRequest = Type.Object({
  TableName,
  StreamArn: Type.String({ minLength: 37, maxLength: 1024 }),
});

const refuse = (name: string) =>
  defineOperation({
    name,
    input: DestinationRequest,
    handle(input, ctx) {
      findTable(ctx, input.TableName);
      throw validation(NO_KINESIS);
    },
  });

export const kinesisDestinationOperations = [
  refuse('EnableKinesisStreamingDestination'),
  refuse('DisableKinesisStreamingDestination'),
  refuse('UpdateKinesisStreamingDestination'),
  defineOperation({
    name: 'DescribeKinesisStreamingDestination',
    input: Type.Object({ TableName }),
    handle(input, ctx) {
      const table = findTable(ctx, input.TableName);
      return { TableName: table.TableName, KinesisDataStreamDestinations: [] };
    },
  }),
];
