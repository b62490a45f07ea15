// The narrow DynamoDB interface the controller uses. Everything the reconcilers do goes through `call`, so the same
// controller drives our in-process engine, our HTTP server, DynamoDB Local, Alternator or real DynamoDB.

export interface DynamoDBTarget {
  region: string;
  accountId: string;
}

export interface DynamoDBClient {
  /** Runs one DynamoDB API operation (e.g. 'DescribeTable') with its JSON 1.0 input. Throws DynamoDBCallError. */
  call<T = any>(operation: string, input: Record<string, unknown>, target: DynamoDBTarget): Promise<T>;
}

/** An error DynamoDB answered with: `code` is the short error type (e.g. 'ValidationException'). */
export class DynamoDBCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DynamoDBCallError';
  }
}

export const isCallError = (error: unknown, code?: string): error is DynamoDBCallError =>
  error instanceof DynamoDBCallError && (code === undefined || error.code === code);
