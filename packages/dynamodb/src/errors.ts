// The catalogue of DynamoDB errors: one class, one factory per `__type`.
// The wire shape is {"__type": "<namespace>#<Name>", "message": "..."}; the SDKs key on the part after '#',
// but we send the exact namespaces DynamoDB sends, so logs and raw-HTTP tests see the same bytes.

const CORAL_SERVICE = 'com.amazon.coral.service';
const CORAL_VALIDATE = 'com.amazon.coral.validate';
const DYNAMODB = 'com.amazonaws.dynamodb.v20120810';

export interface ErrorSpec {
  readonly namespace: string;
  readonly status: number;
}

export const ERRORS = {
  // Protocol and authentication (coral service layer)
  SerializationException: { namespace: CORAL_SERVICE, status: 400 },
  UnknownOperationException: { namespace: CORAL_SERVICE, status: 400 },
  MissingAuthenticationTokenException: { namespace: CORAL_SERVICE, status: 400 },
  IncompleteSignatureException: { namespace: CORAL_SERVICE, status: 400 },
  InvalidSignatureException: { namespace: CORAL_SERVICE, status: 400 },
  UnrecognizedClientException: { namespace: CORAL_SERVICE, status: 400 },
  AccessDeniedException: { namespace: CORAL_SERVICE, status: 400 },
  RequestEntityTooLarge: { namespace: CORAL_SERVICE, status: 413 },
  // Input validation
  ValidationException: { namespace: CORAL_VALIDATE, status: 400 },
  // Service semantics
  ResourceNotFoundException: { namespace: DYNAMODB, status: 400 },
  ResourceInUseException: { namespace: DYNAMODB, status: 400 },
  ConditionalCheckFailedException: { namespace: DYNAMODB, status: 400 },
  DuplicateItemException: { namespace: DYNAMODB, status: 400 },
  TransactionCanceledException: { namespace: DYNAMODB, status: 400 },
  TransactionConflictException: { namespace: DYNAMODB, status: 400 },
  TransactionInProgressException: { namespace: DYNAMODB, status: 400 },
  IdempotentParameterMismatchException: { namespace: DYNAMODB, status: 400 },
  ItemCollectionSizeLimitExceededException: { namespace: DYNAMODB, status: 400 },
  LimitExceededException: { namespace: DYNAMODB, status: 400 },
  ProvisionedThroughputExceededException: { namespace: DYNAMODB, status: 400 },
  RequestLimitExceeded: { namespace: DYNAMODB, status: 400 },
  BackupNotFoundException: { namespace: DYNAMODB, status: 400 },
  BackupInUseException: { namespace: DYNAMODB, status: 400 },
  ContinuousBackupsUnavailableException: { namespace: DYNAMODB, status: 400 },
  PointInTimeRecoveryUnavailableException: { namespace: DYNAMODB, status: 400 },
  InvalidRestoreTimeException: { namespace: DYNAMODB, status: 400 },
  TableAlreadyExistsException: { namespace: DYNAMODB, status: 400 },
  TableInUseException: { namespace: DYNAMODB, status: 400 },
  TableNotFoundException: { namespace: DYNAMODB, status: 400 },
  GlobalTableAlreadyExistsException: { namespace: DYNAMODB, status: 400 },
  GlobalTableNotFoundException: { namespace: DYNAMODB, status: 400 },
  ReplicaAlreadyExistsException: { namespace: DYNAMODB, status: 400 },
  ReplicaNotFoundException: { namespace: DYNAMODB, status: 400 },
  IndexNotFoundException: { namespace: DYNAMODB, status: 400 },
  PolicyNotFoundException: { namespace: DYNAMODB, status: 400 },
  // DynamoDB Streams (DynamoDBStreams_20120810): the same namespace as DynamoDB's own errors
  ExpiredIteratorException: { namespace: DYNAMODB, status: 400 },
  TrimmedDataAccessException: { namespace: DYNAMODB, status: 400 },
  InternalServerError: { namespace: DYNAMODB, status: 500 },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorName = keyof typeof ERRORS;

export class DynamoDBError extends Error {
  readonly status: number;
  readonly type: string;
  /** Extra top-level members some errors carry (e.g. CancellationReasons, Item). */
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    readonly code: ErrorName,
    message: string,
    extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = code;
    this.status = ERRORS[code].status;
    this.type = `${ERRORS[code].namespace}#${code}`;
    this.extra = extra;
  }

  /** The JSON body DynamoDB sends. Its type-checking layer capitalises the key ("Message") on serialization
   *  errors, unlike every other error; the SDKs read either. */
  toJSON(): Record<string, unknown> {
    const key = this.code === 'SerializationException' ? 'Message' : 'message';
    return { __type: this.type, [key]: this.message, ...this.extra };
  }
}

export const isDynamoDBError = (e: unknown): e is DynamoDBError => e instanceof DynamoDBError;

// Shorthands for the errors raised everywhere. Messages are DynamoDB's, verbatim.
export const validation = (message: string) => new DynamoDBError('ValidationException', message);
export const serialization = (message: string) => new DynamoDBError('SerializationException', message);
export const resourceNotFound = (message = 'Requested resource not found') =>
  new DynamoDBError('ResourceNotFoundException', message);
export const resourceInUse = (message: string) => new DynamoDBError('ResourceInUseException', message);
export const conditionalCheckFailed = (item?: Record<string, unknown>) =>
  new DynamoDBError(
    'ConditionalCheckFailedException',
    'The conditional request failed',
    item ? { Item: item } : undefined,
  );
export const internal = (message = 'Internal server error') => new DynamoDBError('InternalServerError', message);
