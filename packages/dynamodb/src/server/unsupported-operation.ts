// The error for a target that names a real DynamoDB operation ack-local does not implement (PartiQL, S3 import and
// export, Kinesis streaming, ...). DynamoDB itself would run it, so its own answer for an unknown target (an
// UnknownOperationException with no message) would leave users guessing; the type stays the same, so clients
// react as they would to any unknown operation, and the message says which one is missing here.
import { DynamoDBError } from '../errors.js';

/** Every operation of the DynamoDB API (2012-08-10), from the API reference's list of actions. */
const DYNAMODB_OPERATIONS = new Set([
  'BatchExecuteStatement',
  'BatchGetItem',
  'BatchWriteItem',
  'CreateBackup',
  'CreateGlobalTable',
  'CreateTable',
  'DeleteBackup',
  'DeleteItem',
  'DeleteResourcePolicy',
  'DeleteTable',
  'DescribeBackup',
  'DescribeContinuousBackups',
  'DescribeContributorInsights',
  'DescribeEndpoints',
  'DescribeExport',
  'DescribeGlobalTable',
  'DescribeGlobalTableSettings',
  'DescribeImport',
  'DescribeKinesisStreamingDestination',
  'DescribeLimits',
  'DescribeTable',
  'DescribeTableReplicaAutoScaling',
  'DescribeTimeToLive',
  'DisableKinesisStreamingDestination',
  'EnableKinesisStreamingDestination',
  'ExecuteStatement',
  'ExecuteTransaction',
  'ExportTableToPointInTime',
  'GetItem',
  'GetResourcePolicy',
  'ImportTable',
  'ListBackups',
  'ListContributorInsights',
  'ListExports',
  'ListGlobalTables',
  'ListImports',
  'ListTables',
  'ListTagsOfResource',
  'PutItem',
  'PutResourcePolicy',
  'Query',
  'RestoreTableFromBackup',
  'RestoreTableToPointInTime',
  'Scan',
  'TagResource',
  'TransactGetItems',
  'TransactWriteItems',
  'UntagResource',
  'UpdateContinuousBackups',
  'UpdateContributorInsights',
  'UpdateGlobalTable',
  'UpdateGlobalTableSettings',
  'UpdateItem',
  'UpdateKinesisStreamingDestination',
  'UpdateTable',
  'UpdateTableReplicaAutoScaling',
  'UpdateTimeToLive',
]);

/** UnknownOperationException: with a message naming the operation when DynamoDB has it, bare (as DynamoDB) if not. */
export function unknownOperation(name: string): DynamoDBError {
  const message = DYNAMODB_OPERATIONS.has(name) ? `ack-local does not support the DynamoDB operation ${name}` : '';
  return new DynamoDBError('UnknownOperationException', message);
}
