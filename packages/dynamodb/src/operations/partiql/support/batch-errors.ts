// BatchExecuteStatement answers a failed statement with `Error {Code, Message}` in its slot: the exception's
// name without "Exception" (the API reference's BatchStatementErrorCodeEnum), ValidationException → ValidationError.
import { isDynamoDBError } from '../../../errors.js';

const CODES: Record<string, string> = {
  ValidationException: 'ValidationError',
  ConditionalCheckFailedException: 'ConditionalCheckFailed',
  DuplicateItemException: 'DuplicateItem',
  ResourceNotFoundException: 'ResourceNotFound',
  TransactionConflictException: 'TransactionConflict',
  ItemCollectionSizeLimitExceededException: 'ItemCollectionSizeLimitExceeded',
  ProvisionedThroughputExceededException: 'ProvisionedThroughputExceeded',
  RequestLimitExceeded: 'RequestLimitExceeded',
  AccessDeniedException: 'AccessDenied',
  InternalServerError: 'InternalServerError',
};

export interface BatchStatementError {
  Code: string;
  Message: string;
  Item?: unknown;
}

/** The per-statement error for `e`, or undefined when `e` is not one a statement answers with. */
export function batchStatementError(e: unknown): BatchStatementError | undefined {
  if (!isDynamoDBError(e)) return undefined;
  const code = CODES[e.code];
  if (!code) return undefined;
  const error: BatchStatementError = { Code: code, Message: e.message };
  if (e.extra?.Item) error.Item = e.extra.Item;
  return error;
}
