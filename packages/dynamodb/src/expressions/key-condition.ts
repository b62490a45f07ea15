// KeyConditionExpression: a condition restricted to "hash = v [AND range-condition]". It is first checked like any
// condition (syntax, reserved words, placeholders, operand types), then for its shape, then against the key schema.
import type { AttributeValue, AttributeDefinition, KeySchemaElement } from '../model/index.js';
import { typeOf } from '../model/index.js';
import { validation } from '../errors.js';
import type { ConditionAst, OperandAst, ParsedCondition } from './ast.js';
import type { CompiledKeyCondition, RangeCondition } from './index.js';
import { compileCondition } from './condition.js';
import type { Resolver } from './resolve.js';

interface KeyTerm {
  name: string;
  condition: RangeCondition;
}

const FLIPPED: Record<string, '=' | '<' | '<=' | '>' | '>='> = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

class KeyShapeChecker {
  readonly terms: KeyTerm[] = [];

  constructor(private readonly r: Resolver) {}

  private fail(message: string): never {
    throw validation(message);
  }

  private operandName(op: OperandAst): string | undefined {
    if (op.kind !== 'path') return undefined;
    if (op.elements.length > 1) this.fail('KeyConditionExpressions cannot have conditions on nested attributes');
    const el = op.elements[0]!;
    if (el.type === 'index') return undefined;
    return el.type === 'alias' ? this.r.scope.names![el.name]! : el.name;
  }

  private operandValue(op: OperandAst): AttributeValue {
    return this.r.scope.values![(op as { name: string }).name]!;
  }

  private checkNoNesting(ops: OperandAst[]): void {
    if (ops.some((o) => o.kind === 'function')) this.fail('KeyConditionExpressions cannot contain nested operations');
  }

  /** The single key attribute an elementary condition is about, with its position among the operands. */
  private keyOperand(ops: OperandAst[]): { name: string; index: number } {
    let found: { name: string; index: number } | undefined;
    ops.forEach((op, index) => {
      const name = this.operandName(op);
      if (name === undefined) return;
      if (found)
        this.fail('Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition');
      found = { name, index };
    });
    if (!found) this.fail('Invalid condition in KeyConditionExpression: No key attribute specified');
    return found;
  }

  private add(name: string, condition: RangeCondition): void {
    if (this.terms.some((t) => t.name === name))
      // Named after the expression (paritysuite tests/tier3/error-messages/queryKeyConditionOperands.test.ts,
      // eu-west-2, 2026-10; dynalite's older tests had it bare).
      throw validation(
        'Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key',
      );
    this.terms.push({ name, condition });
  }

  check(ast: ConditionAst): void {
    switch (ast.kind) {
      case 'and':
        this.check(ast.left);
        this.check(ast.right);
        return;
      case 'or':
      case 'not':
      case 'in':
        return this.fail(`Invalid operator used in KeyConditionExpression: ${ast.kind.toUpperCase()}`);
      case 'compare': {
        if (ast.op === '<>') this.fail('Invalid operator used in KeyConditionExpression: <>');
        const ops = [ast.left, ast.right];
        this.checkNoNesting(ops);
        const key = this.keyOperand(ops);
        const op = key.index === 0 ? (ast.op as '=' | '<' | '<=' | '>' | '>=') : FLIPPED[ast.op]!;
        this.add(key.name, { op, value: this.operandValue(ops[1 - key.index]!) });
        return;
      }
      case 'between': {
        const ops = [ast.arg, ast.low, ast.high];
        this.checkNoNesting(ops);
        if (ast.arg.kind !== 'path')
          this.fail(
            'Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand',
          );
        const key = this.keyOperand(ops);
        this.add(key.name, { op: 'BETWEEN', low: this.operandValue(ast.low), high: this.operandValue(ast.high) });
        return;
      }
      case 'call': {
        const { name, args } = ast.call;
        if (name === 'size') this.fail('KeyConditionExpressions cannot contain nested operations');
        if (name !== 'begins_with') this.fail(`Invalid operator used in KeyConditionExpression: ${name}`);
        this.checkNoNesting(args);
        if (args[0]!.kind !== 'path')
          this.fail(
            'Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand',
          );
        const key = this.keyOperand(args);
        this.add(key.name, { op: 'begins_with', prefix: this.operandValue(args[1]!) });
        return;
      }
    }
  }
}

function conditionValues(c: RangeCondition): AttributeValue[] {
  return c.op === 'BETWEEN' ? [c.low, c.high] : c.op === 'begins_with' ? [c.prefix] : [c.value];
}

/** A KeyConditionExpression checked as far as it can be without the table: one condition per attribute. */
export interface KeyConditionTerms {
  readonly terms: readonly KeyTerm[];
}

/** Every check that needs no table (syntax, placeholders, operators, shape): DynamoDB makes them before it looks
 *  the table up (dynalite validations/query.js; ExtendDB tests/test_validation_precedence.py). */
export function checkKeyCondition(parsed: ParsedCondition, r: Resolver): KeyConditionTerms {
  compileCondition(parsed, r); // all the checks every condition gets
  const checker = new KeyShapeChecker(r);
  checker.check(parsed.ast);
  return { terms: checker.terms };
}

/** The terms against the key schema queried (table or index). */
export function bindKeyCondition(
  checked: KeyConditionTerms,
  keySchema: KeySchemaElement[],
  attributeDefinitions: AttributeDefinition[],
): CompiledKeyCondition {
  const checker = checked;
  const hashName = keySchema.find((k) => k.KeyType === 'HASH')!.AttributeName;
  const rangeName = keySchema.find((k) => k.KeyType === 'RANGE')?.AttributeName;
  const hashTerm = checker.terms.find((t) => t.name === hashName);
  const foreign = checker.terms.some((t) => t.name !== hashName && t.name !== rangeName);
  // paritysuite tests/tier3/error-messages/queryKeyConditionOperands.test.ts (eu-west-2, 2026-10).
  if (checker.terms.length > keySchema.length) {
    throw validation(
      `The number of query conditions (${checker.terms.length}) exceeds the number of key attributes defined in the schema (${keySchema.length})`,
    );
  }
  if (!hashTerm) throw validation(`Query condition missed key schema element: ${hashName}`);
  if (foreign) {
    // A condition on a non-key attribute: DynamoDB names the key element it expected in its place, if any.
    const rangeTerm = checker.terms.find((t) => t.name === rangeName);
    if (rangeName !== undefined && !rangeTerm)
      throw validation(`Query condition missed key schema element: ${rangeName}`);
    throw validation('Query key condition not supported');
  }
  if (hashTerm.condition.op !== '=') throw validation('Query key condition not supported');
  for (const term of checker.terms) {
    const type = attributeDefinitions.find((d) => d.AttributeName === term.name)?.AttributeType;
    for (const v of conditionValues(term.condition)) {
      if (type !== undefined && typeOf(v) !== type) {
        throw validation(
          'One or more parameter values were invalid: Condition parameter type does not match schema type',
        );
      }
    }
  }
  const result: CompiledKeyCondition = {
    hash: { name: hashName, value: (hashTerm.condition as { value: AttributeValue }).value },
  };
  const rangeTerm = checker.terms.find((t) => t.name === rangeName);
  if (rangeTerm) result.range = { name: rangeTerm.name, ...rangeTerm.condition };
  return result;
}
