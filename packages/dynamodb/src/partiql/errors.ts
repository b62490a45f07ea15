// DynamoDB's PartiQL messages, verbatim. Sources: the message catalogue of DynamoDB Local's PartiQL layer
// (`ddb.partiql.shared.exceptions.ValidationExceptionMessages`, shared with the service) and conformance suites
// pinned against AWS (the "wasn't well formed" details, `Aliasing is not supported`, the NextToken messages).
import { DynamoDBError, validation } from '../errors.js';

export const NOT_WELL_FORMED = "Statement wasn't well formed, can't be processed: ";

/** A statement the parser cannot read; `detail` as AWS words it ('' for the bare envelope). */
export const malformed = (detail: string) => validation(NOT_WELL_FORMED + detail);

export const MESSAGES = {
  leftover: 'Unexpected token after expression',
  unexpectedTerm: 'Unexpected term',
  unexpectedKeyword: 'Unexpected keyword',
  unexpectedOperator: 'Unexpected operator',
  missingRhs: 'Missing right-hand side expression of infix operator',
  expectedDml: 'Expected data manipulation',
  expectedIdentifier: 'Expected identifier for simple path',
  aliasing: 'Aliasing is not supported',
  parameterCount: "Number of parameters in request and statement don't match.",
  incompleteKey: 'Where clause does not contain a mandatory equality on all key attributes',
  starAndOthers: "Other attributes should not be present in the projection when '*' is used.",
  missingCompare: 'MISSING must be compared using IS operator',
  emptyBag: 'Empty bags are not supported',
  bagType: 'Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags',
  existsOutsideTx: 'EXISTS can only be used in ExecuteTransaction write requests.',
  insertReturning: 'RETURNING is not supported in INSERT',
  orderByNoWhere: 'Must have WHERE clause in the statement when using ORDER BY clause.',
  orderByNoHashKey:
    'Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.',
  consistentGsi: 'Strongly consistent read is not supported on Global Secondary Indexes',
  noSuchIndex: 'The table does not have the specified index',
  invalidNextToken: 'Invalid NextToken',
  nextTokenMismatch: 'NextToken does not match request',
  batchKey: 'Select statements within BatchExecuteStatement must specify the primary key in the where clause.',
  txKey: 'Select statements within ExecuteTransaction must specify the primary key in the where clause.',
  txIndex: 'Reads on indices are not supported within transactions.',
  txIndexWrite: 'Operations on indices are not supported in transactions',
  txReturning: 'RETURNING clause is not supported in ExecuteTransaction.',
  indexWrite: 'This operation is not supported on an index',
  duplicateItem: 'Duplicate primary key exists in table',
} as const;

export const duplicateItem = () => new DynamoDBError('DuplicateItemException', MESSAGES.duplicateItem);
export const unsupportedClause = (clause: string) => validation(`Unsupported clause: ${clause}`);
/** Positions (`at line:column:length`) follow the message where AWS gives one (paritysuite
 *  tier3/error-messages/partiqlFunctions.test.ts, four regions, October 2026). */
const at = (position: string | undefined) => (position ? ` at ${position}` : '');
export const unrecognizedFunction = (name: string, position?: string) =>
  validation(`Unrecognized function: ${name}${at(position)}`);
export const keyAbsent = (key: string) => validation(`Key attribute should be present in the item: Key ${key}`);
export const keyTypeMismatch = (key: string) =>
  validation(`Key attribute's data type should match its data type in table's schema: Key ${key}`);
export const multipleKeyConditions = (key: string) =>
  validation(`Multiple conditions on same key ${key}. Only single item Update/Insert/Delete are supported`);
export const duplicateProjection = (name: string) => validation(`Duplicate identifiers in select clause: ${name}`);
export const orderByNonKey = (name: string) =>
  validation(`Variable reference ${name} in ORDER BY clause must be part of the primary key`);
export const deleteReturning = (variant: string) =>
  validation(
    `Invalid returning clause: RETURNING ${variant} *. Only RETURNING ALL OLD * is allowed in DELETE statements.`,
  );
export const setFunctionFirstArg = (fn: string, position: string) =>
  validation(`The first argument to ${fn} must equal the assignment value${at(position)}`);
export const setFunctionArity = (fn: string, position: string) =>
  validation(`${fn} must have exactly two arguments${at(position)}`);
export const setFunctionSecondArg = (fn: string, position: string) =>
  validation(`The second argument to ${fn} must be a value with type SET${at(position)}`);
export const documentPathOperand = (fn: string) =>
  validation(`Operator or function requires a document path; operator or function: ${fn}`);
export const operandCount = (fn: string, count: number) =>
  validation(
    `Incorrect number of operands for operator or function; operator or function: ${fn}, number of operands: ${count}`,
  );
