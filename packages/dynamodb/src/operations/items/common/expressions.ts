// Compiling a request's expressions against one shared scope, with DynamoDB's checks on the substitution maps.
import { isDynamoDBError, validation } from '../../../errors.js';
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

const EXPRESSIONS = [
  'ConditionExpression',
  'ProjectionExpression',
  'FilterExpression',
  'UpdateExpression',
  'KeyConditionExpression',
] as const;
const LEGACY = [
  'AttributesToGet',
  'Expected',
  'ConditionalOperator',
  'AttributeUpdates',
  'KeyConditions',
  'QueryFilter',
  'ScanFilter',
] as const;

/** A request uses expressions or the legacy parameters, never both. */
function checkNotMixed(input: Record<string, unknown>): void {
  const legacy = LEGACY.filter((m) => input[m] !== undefined);
  if (legacy.length === 0) return;
  const expressions = EXPRESSIONS.filter((m) => input[m] !== undefined);
  if (expressions.length === 0) return;
  throw validation(
    `Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {${legacy.join(', ')}} Expression parameters: {${expressions.join(', ')}}`,
  );
}

/** Checks ExpressionAttributeNames/Values and returns the request's scope. */
export function openScope(input: ExpressionMembers): ExpressionScope {
  checkNotMixed(input as Record<string, unknown>);
  const names = input.ExpressionAttributeNames;
  const values = input.ExpressionAttributeValues;
  const anyExpression = EXPRESSIONS.some((e) => input[e] !== undefined);
  if (names !== undefined) {
    if (!anyExpression) throw validation('ExpressionAttributeNames can only be specified when using expressions');
    if (Object.keys(names).length === 0) throw validation('ExpressionAttributeNames must not be empty');
  }
  let checkedValues: Record<string, AttributeValue> | undefined;
  if (values !== undefined) {
    if (!anyExpression) throw validation('ExpressionAttributeValues can only be specified when using expressions');
    const keys = Object.keys(values);
    if (keys.length === 0) throw validation('ExpressionAttributeValues must not be empty');
    checkedValues = {};
    for (const k of keys) {
      try {
        checkedValues[k] = validateAttributeValue(values[k]);
      } catch (e) {
        if (isDynamoDBError(e) && e.code === 'ValidationException') {
          throw validation(`ExpressionAttributeValues contains invalid value: ${e.message} for key ${k}`);
        }
        throw e;
      }
    }
  }
  return createScope(names, checkedValues);
}

export const compileCondition = (expr: string | undefined, scope: ExpressionScope): CompiledCondition | undefined =>
  expr === undefined ? undefined : parseCondition(expr, scope, 'ConditionExpression');

export const compileFilter = (expr: string | undefined, scope: ExpressionScope): CompiledCondition | undefined =>
  expr === undefined ? undefined : parseCondition(expr, scope, 'FilterExpression');

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
