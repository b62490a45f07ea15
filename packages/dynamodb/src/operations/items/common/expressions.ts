// Compiling a request's expressions against one shared scope, with DynamoDB's checks on the substitution maps.
import { isDynamoDBError, validation } from '../../../errors.js';
import { ValueFault } from '../../../model/value-faults.js';
import {
  createScope,
  parseCondition,
  parseProjection,
  parseUpdate,
  type CompiledCondition,
  type CompiledProjection,
  type CompiledUpdate,
  type ExpressionScope,
} from '../../../expressions/index.js';
import { validateAttributeValue, type AttributeValue, type Item } from '../../../model/index.js';
import { pick } from '../../../storage/items-keys.js';

export interface ExpressionMembers {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
  ConditionExpression?: string;
  ProjectionExpression?: string;
  FilterExpression?: string;
  UpdateExpression?: string;
  KeyConditionExpression?: string;
  AttributesToGet?: string[];
}

// The order DynamoDB lists the members in its "Can not use both ..." message (recorded against DynamoDB: ExtendDB
// tests/test_conditional_operator.py, dual-target; the AWS DAX client's RequestValidator lists the same order).
const EXPRESSIONS = [
  'ProjectionExpression',
  'FilterExpression',
  'KeyConditionExpression',
  'UpdateExpression',
  'ConditionExpression',
] as const;
const LEGACY = [
  'AttributesToGet',
  'AttributeUpdates',
  'Expected',
  'ScanFilter',
  'QueryFilter',
  'ConditionalOperator',
] as const;

/** A request uses expressions or the legacy parameters, not both. KeyConditions is the exception: DynamoDB accepts
 *  it beside FilterExpression / ProjectionExpression, and only counts it against a KeyConditionExpression. */
function checkNotMixed(input: Record<string, unknown>): void {
  const expressions = EXPRESSIONS.filter((m) => input[m] !== undefined);
  if (expressions.length === 0) return;
  const legacy: string[] = LEGACY.filter((m) => input[m] !== undefined);
  if (input.KeyConditions !== undefined && input.KeyConditionExpression !== undefined) legacy.push('KeyConditions');
  if (legacy.length === 0) return;
  throw validation(
    `Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {${legacy.join(', ')}} Expression parameters: {${expressions.join(', ')}}`,
  );
}

/** ConditionalOperator joins two or more legacy conditions; DynamoDB checks this before anything about them. */
function checkConditionalOperator(input: Record<string, unknown>): void {
  if (input.ConditionalOperator === undefined) return;
  const conditions = (input.Expected ?? input.ScanFilter ?? input.QueryFilter) as object | undefined;
  const count = conditions ? Object.keys(conditions).length : 0;
  if (count === 0) throw validation('ConditionalOperator cannot be used without Filter or Expected');
  if (count === 1)
    throw validation('ConditionalOperator can only be used when Filter or Expected has two or more elements');
}

/** The expressions of an operation that may use ExpressionAttributeValues, as its message names them. */
export type ValueExpressions = readonly (typeof EXPRESSIONS)[number][];

/** "ExpressionAttributeValues can only be specified when using expressions: FilterExpression and
 *  KeyConditionExpression are null" (dynalite test/query.js, scan.js, putItem.js, updateItem.js). */
function valuesWithoutExpression(names: ValueExpressions): string {
  const verb = names.length > 1 ? 'are' : 'is';
  return `ExpressionAttributeValues can only be specified when using expressions: ${names.join(' and ')} ${verb} null`;
}

/** Checks the expression/legacy combination and ExpressionAttributeNames/Values; returns the request's scope.
 *  `valueExpressions`: the operation's expressions that may hold :values (none for GetItem and BatchGetItem). */
/** PutItem, UpdateItem and DeleteItem report these request checks inside DynamoDB's validation envelope, and the
 *  values message without naming the missing expressions (paritysuite dynamodb-conformance
 *  tests/tier3/error-messages/{putItem,deleteItem}.test.ts, eu-west-2 and us-east-1, 2026-10-09). */
export const inEnvelope = (message: string) => `1 validation error detected: ${message}`;

export function openScope(
  input: ExpressionMembers,
  valueExpressions: ValueExpressions,
  envelope = false,
): ExpressionScope {
  const members = input as Record<string, unknown>;
  const refuse = (message: string) => validation(envelope ? inEnvelope(message) : message);
  checkNotMixed(members);
  checkConditionalOperator(members);
  const names = input.ExpressionAttributeNames;
  // GetItem and BatchGetItem have no ExpressionAttributeValues member: DynamoDB ignores one sent anyway.
  const values = valueExpressions.length > 0 ? input.ExpressionAttributeValues : undefined;
  if (names !== undefined) {
    if (!EXPRESSIONS.some((e) => members[e] !== undefined))
      throw refuse('ExpressionAttributeNames can only be specified when using expressions');
    if (Object.keys(names).length === 0) throw refuse('ExpressionAttributeNames must not be empty');
  }
  let checkedValues: Record<string, AttributeValue> | undefined;
  if (values !== undefined) {
    if (!valueExpressions.some((e) => members[e] !== undefined))
      throw envelope
        ? refuse('ExpressionAttributeValues can only be specified when using expressions')
        : validation(valuesWithoutExpression(valueExpressions));
    const keys = Object.keys(values);
    if (keys.length === 0) throw refuse('ExpressionAttributeValues must not be empty');
    checkedValues = {};
    for (const k of keys) {
      try {
        checkedValues[k] = validateAttributeValue(values[k]);
      } catch (e) {
        const wrap = (m: string) => `ExpressionAttributeValues contains invalid value: ${m} for key ${k}`;
        // Only the older value layer wraps a number or set fault (model/value-faults.ts).
        if (e instanceof ValueFault) throw e.map((m) => m, wrap);
        if (isDynamoDBError(e) && e.code === 'ValidationException') throw validation(wrap(e.message));
        throw e;
      }
    }
  }
  return createScope(names, checkedValues);
}

/** `envelope`: PutItem, UpdateItem and DeleteItem report an empty expression, and a value the condition uses but
 *  the request does not define, inside the validation envelope (paritysuite tests/tier3/error-messages/
 *  {deleteItem,updateItem}.test.ts, eu-west-2 and us-east-1, 2026-10-09). */
export function compileCondition(
  expr: string | undefined,
  scope: ExpressionScope,
  envelope = false,
): CompiledCondition | undefined {
  if (expr === undefined) return undefined;
  if (envelope && expr === '')
    throw validation(inEnvelope('Invalid ConditionExpression: The expression can not be empty;'));
  try {
    return parseCondition(expr, scope, 'ConditionExpression');
  } catch (e) {
    if (envelope && isDynamoDBError(e) && UNDEFINED_VALUE.test(e.message)) throw validation(inEnvelope(e.message));
    throw e;
  }
}

const UNDEFINED_VALUE = /^Invalid ConditionExpression: An expression attribute value used in expression is not defined/;

/** `topNames`, when given, receives the top-level attribute names the filter reads. */
export const compileFilter = (
  expr: string | undefined,
  scope: ExpressionScope,
  topNames?: Set<string>,
): CompiledCondition | undefined =>
  expr === undefined ? undefined : parseCondition(expr, scope, 'FilterExpression', topNames);

export const compileUpdate = (expr: string | undefined, scope: ExpressionScope): CompiledUpdate | undefined =>
  expr === undefined ? undefined : parseUpdate(expr, scope);

/** What a read returns of each item: ProjectionExpression or legacy AttributesToGet. */
export interface Projector {
  apply(item: Item): Item;
  /** Top-level attribute names the projection reads. */
  readonly topNames: readonly string[];
}

export function compileProjection(input: ExpressionMembers, scope: ExpressionScope): Projector | undefined {
  if (input.AttributesToGet !== undefined) {
    if (input.ProjectionExpression !== undefined) {
      throw validation(
        'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}',
      );
    }
    const names = input.AttributesToGet;
    if (new Set(names).size !== names.length) {
      const seen = new Set<string>();
      const dup = names.find((n) => (seen.has(n) ? true : (seen.add(n), false)));
      throw validation(`One or more parameter values were invalid: Duplicate value in attribute name: ${dup}`);
    }
    return { apply: (item) => pick(item, names), topNames: names };
  }
  if (input.ProjectionExpression === undefined) return undefined;
  const compiled: CompiledProjection = parseProjection(input.ProjectionExpression, scope);
  const top = [...new Set(compiled.paths.map((p) => String(p[0])))];
  return { apply: (item) => compiled.apply(item), topNames: top };
}
