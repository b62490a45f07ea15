import * as assert from 'uvu/assert';
import { DynamoDBError } from '../../src/errors.js';
import { createScope, parseCondition, type ExpressionScope } from '../../src/expressions/index.js';
import type { AttributeValue, Item } from '../../src/model/index.js';

/** Asserts fn throws a ValidationException with exactly this message. */
export function throwsValidation(fn: () => unknown, message: string): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof DynamoDBError)) throw e;
    assert.is(e.code, 'ValidationException');
    assert.is(e.message, message);
    return;
  }
  assert.unreachable(`expected ValidationException: ${message}`);
}

export const scope = (values?: Record<string, AttributeValue>, names?: Record<string, string>): ExpressionScope =>
  createScope(names, values);

/** Evaluates a condition expression against an item. */
export function check(
  expr: string,
  item: Item | undefined,
  values?: Record<string, AttributeValue>,
  names?: Record<string, string>,
): boolean {
  return parseCondition(expr, scope(values, names), 'ConditionExpression').evaluate(item);
}
