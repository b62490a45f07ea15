// The ExpressionAttributeNames/Values of one request, shared by all of its expressions, recording which
// placeholders the expressions used so unused ones can be reported as DynamoDB does.
import type { AttributeValue } from '../model/index.js';
import { validateAttributeValue } from '../model/index.js';
import { NESTING_MESSAGE } from '../model/validate.js';
import { ValueFault } from '../model/value-faults.js';
import { DynamoDBError, validation } from '../errors.js';
import type { ExpressionScope } from './index.js';

const NAME_KEY = /^#[0-9a-zA-Z_]+$/;
const VALUE_KEY = /^:[0-9a-zA-Z_]+$/;

export class RequestScope implements ExpressionScope {
  readonly names: Record<string, string> | undefined;
  readonly values: Record<string, AttributeValue> | undefined;
  private readonly usedNames = new Set<string>();
  private readonly usedValues = new Set<string>();

  constructor(names: Record<string, string> | undefined, values: Record<string, AttributeValue> | undefined) {
    this.names = names;
    this.values = values;
  }

  /** The attribute name behind #placeholder (marking it used), or undefined when not defined. */
  name(placeholder: string): string | undefined {
    const names = this.names;
    if (names === undefined || !Object.hasOwn(names, placeholder)) return undefined;
    this.usedNames.add(placeholder);
    return names[placeholder];
  }

  /** The value behind :placeholder (marking it used), or undefined when not defined. */
  value(placeholder: string): AttributeValue | undefined {
    const values = this.values;
    if (values === undefined || !Object.hasOwn(values, placeholder)) return undefined;
    this.usedValues.add(placeholder);
    return values[placeholder];
  }

  assertAllUsed(): void {
    if (this.names) {
      const unused = Object.keys(this.names).filter((k) => !this.usedNames.has(k));
      if (unused.length)
        throw validation(
          `Value provided in ExpressionAttributeNames unused in expressions: keys: {${unused.join(', ')}}`,
        );
    }
    if (this.values) {
      const unused = Object.keys(this.values).filter((k) => !this.usedValues.has(k));
      if (unused.length)
        throw validation(
          `Value provided in ExpressionAttributeValues unused in expressions: keys: {${unused.join(', ')}}`,
        );
    }
  }
}

/** Builds a request's scope. Validates the maps as DynamoDB does before parsing any expression (non-empty,
 *  placeholder syntax, each value a valid AttributeValue) and keeps the values normalised (numbers canonical). */
export function createScope(
  names: Record<string, string> | undefined,
  values: Record<string, AttributeValue> | undefined,
): ExpressionScope {
  if (names != null) {
    const keys = Object.keys(names);
    if (keys.length === 0) throw validation('ExpressionAttributeNames must not be empty');
    for (const k of keys) {
      if (!NAME_KEY.test(k))
        throw validation(`ExpressionAttributeNames contains invalid key: Syntax error; key: "${k}"`);
    }
  }
  let normalized: Record<string, AttributeValue> | undefined;
  if (values != null) {
    const keys = Object.keys(values);
    if (keys.length === 0) throw validation('ExpressionAttributeValues must not be empty');
    for (const k of keys) {
      if (!VALUE_KEY.test(k))
        throw validation(`ExpressionAttributeValues contains invalid key: Syntax error; key: "${k}"`);
    }
    normalized = {};
    for (const k of keys) {
      try {
        normalized[k] = validateAttributeValue(values[k]);
      } catch (e) {
        const wrap = (m: string) => `ExpressionAttributeValues contains invalid value: ${m} for key ${k}`;
        // Only the older value layer wraps a number or set fault (model/value-faults.ts).
        if (e instanceof ValueFault) throw e.map((m) => m, wrap);
        // The nesting limit is reported as is, like for items.
        if (e instanceof DynamoDBError && e.code === 'ValidationException' && e.message !== NESTING_MESSAGE) {
          throw validation(`ExpressionAttributeValues contains invalid value: ${e.message} for key ${k}`);
        }
        throw e;
      }
    }
  }
  return new RequestScope(names ?? undefined, normalized);
}

/** The scope's implementation; scopes not made by createScope are wrapped (no usage tracking is lost as long as
 *  all parses of a request go through the same scope object). */
export function asRequestScope(scope: ExpressionScope): RequestScope {
  if (scope instanceof RequestScope) return scope;
  const wrapped = new RequestScope(scope.names, scope.values);
  return wrapped;
}
