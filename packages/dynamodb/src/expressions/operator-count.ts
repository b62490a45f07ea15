// DynamoDB's cap of 300 operators in a condition. ScyllaDB's test_limits.py (run against DynamoDB) records the
// words "Invalid ConditionExpression: The expression contains too many operators; operator count: 301" for an
// expression of 909 operators: counting stops at the first one past the cap. Comparisons, AND, OR, NOT, BETWEEN
// and IN count; parentheses and function calls do not (its test of 1355 nested calls gets another error).
import { validation } from '../errors.js';
import type { ConditionAst } from './ast.js';

const MAX_OPERATORS = 300;

export function checkOperatorCount(ast: ConditionAst, kind: string): void {
  let count = 0;
  const stack: ConditionAst[] = [ast];
  while (stack.length > 0 && count <= MAX_OPERATORS) {
    const c = stack.pop()!;
    if (c.kind === 'call') continue;
    count++;
    if (c.kind === 'and' || c.kind === 'or') stack.push(c.left, c.right);
    else if (c.kind === 'not') stack.push(c.arg);
  }
  if (count > MAX_OPERATORS) {
    throw validation(`Invalid ${kind}: The expression contains too many operators; operator count: ${count}`);
  }
}
