// Turns PartiQL conditions and assignments into the expression language of the JSON API (names as `#nN`,
// values as `:vN`), so the engine's own Query/Scan/PutItem/UpdateItem/DeleteItem evaluate them.
import { validation } from '../errors.js';
import type { Expr, Path, UpdateAction, Value } from './ast.js';
import {
  documentPathOperand,
  MESSAGES,
  operandCount,
  setFunctionArity,
  setFunctionFirstArg,
  setFunctionSecondArg,
  unrecognizedFunction,
} from './errors.js';

const NOT_BOOLEAN = 'WHERE clause must contain an expression that resolves to a boolean';
const CONDITION_FUNCTIONS: Record<string, string> = {
  begins_with: 'begins_with',
  contains: 'contains',
  attribute_type: 'attribute_type',
};

export class ExpressionBuilder {
  readonly names: Record<string, string> = {};
  readonly values: Value[] = [];
  readonly #byName = new Map<string, string>();

  name(attribute: string): string {
    let placeholder = this.#byName.get(attribute);
    if (!placeholder) {
      placeholder = `#n${this.#byName.size}`;
      this.#byName.set(attribute, placeholder);
      this.names[placeholder] = attribute;
    }
    return placeholder;
  }

  value(value: Value): string {
    if (value.kind === 'missing') throw validation(MESSAGES.missingCompare);
    this.values.push(value);
    return `:v${this.values.length - 1}`;
  }

  path(path: Path): string {
    let text = this.name(path.root);
    for (const step of path.steps) text += typeof step === 'number' ? `[${step}]` : `.${this.name(step)}`;
    return text;
  }

  /** A WHERE condition (or part of one) as a ConditionExpression / FilterExpression. */
  condition(expr: Expr): string {
    switch (expr.kind) {
      case 'and':
      case 'or':
        return `(${this.condition(expr.left)}) ${expr.kind.toUpperCase()} (${this.condition(expr.right)})`;
      case 'not':
        return `NOT (${this.condition(expr.operand)})`;
      case 'compare':
        return `${this.operand(expr.left)} ${expr.op} ${this.operand(expr.right)}`;
      case 'between':
        return `${this.operand(expr.operand)} BETWEEN ${this.operand(expr.low)} AND ${this.operand(expr.high)}`;
      case 'in':
        return `${this.operand(expr.operand)} IN (${expr.items.map((i) => this.operand(i)).join(', ')})`;
      case 'is':
        return this.isCondition(expr);
      case 'call':
        return this.conditionCall(expr);
      default:
        throw validation(NOT_BOOLEAN);
    }
  }

  private isCondition(expr: Extract<Expr, { kind: 'is' }>): string {
    if (expr.operand.kind !== 'path') {
      throw validation('The left hand side argument to IS must be a Variable Reference, Literal, or Path');
    }
    const path = this.path(expr.operand.path);
    if (expr.type === 'MISSING') return `${expr.negated ? 'attribute_exists' : 'attribute_not_exists'}(${path})`;
    const isNull = `attribute_type(${path}, ${this.value({ kind: 'literal', value: { S: 'NULL' } })})`;
    return expr.negated ? `NOT ${isNull}` : isNull;
  }

  private conditionCall(expr: Extract<Expr, { kind: 'call' }>): string {
    const [first, second] = expr.args;
    if (expr.name === 'attribute_exists' || expr.name === 'attribute_not_exists') {
      // paritysuite tier3/error-messages/partiqlFunctions.test.ts (October 2026): arity first, then the path.
      if (expr.args.length !== 1) throw operandCount(expr.name, expr.args.length);
      if (first!.kind !== 'path') throw documentPathOperand(expr.name);
      return `${expr.name}(${this.path(first!.path)})`;
    }
    if (expr.name === 'missing') {
      if (expr.args.length !== 1 || first?.kind !== 'path') throw unrecognizedFunction(expr.name, expr.at);
      return `attribute_not_exists(${this.path(first.path)})`;
    }
    // EXISTS(path) is no function in a WHERE: "Unrecognized function: exists at 1:48:6" (same source).
    const fn = CONDITION_FUNCTIONS[expr.name];
    if (!fn) throw expr.name === 'size' ? validation(NOT_BOOLEAN) : unrecognizedFunction(expr.name, expr.at);
    if (expr.args.length !== 2 || !first || !second) throw validation(`Incorrect number of arguments for ${fn}`);
    return `${fn}(${this.operand(first)}, ${this.operand(second)})`;
  }

  /** A comparison operand: a path, a value or size(path). */
  operand(expr: Expr): string {
    if (expr.kind === 'path') return this.path(expr.path);
    if (expr.kind === 'call' && expr.name === 'size' && expr.args.length === 1 && expr.args[0]!.kind === 'path') {
      return `size(${this.path(expr.args[0]!.path)})`;
    }
    if (isValue(expr)) return this.value(expr);
    if (expr.kind === 'arith') throw validation(`Unsupported operator in Condition Expression. Operator: ${expr.op}`);
    if (expr.kind === 'call') throw unrecognizedFunction(expr.name, expr.at);
    throw validation(NOT_BOOLEAN);
  }

  /** UPDATE's SET/REMOVE as an UpdateExpression; set_add / set_delete become ADD / DELETE. */
  update(actions: UpdateAction[]): string {
    const sets: string[] = [];
    const removes: string[] = [];
    const adds: string[] = [];
    const deletes: string[] = [];
    for (const action of actions) {
      if (action.kind === 'remove') {
        removes.push(this.path(action.path));
        continue;
      }
      const { value } = action;
      if (value.kind === 'call' && (value.name === 'set_add' || value.name === 'set_delete')) {
        const fn = value.name.toUpperCase();
        if (value.args.length !== 2) throw setFunctionArity(fn, value.at);
        const [target, members] = value.args as [Expr, Expr];
        if (target.kind !== 'path' || !samePath(target.path, action.path)) throw setFunctionFirstArg(fn, value.at);
        // A string or list to add is refused by its type, at the first argument's position (same source).
        if (members.kind !== 'bag' && members.kind !== 'param') throw setFunctionSecondArg(fn, value.argsAt[0]!);
        (value.name === 'set_add' ? adds : deletes).push(`${this.path(action.path)} ${this.value(members)}`);
        continue;
      }
      sets.push(`${this.path(action.path)} = ${this.setValue(value)}`);
    }
    const clauses: string[] = [];
    if (sets.length) clauses.push(`SET ${sets.join(', ')}`);
    if (removes.length) clauses.push(`REMOVE ${removes.join(', ')}`);
    if (adds.length) clauses.push(`ADD ${adds.join(', ')}`);
    if (deletes.length) clauses.push(`DELETE ${deletes.join(', ')}`);
    return clauses.join(' ');
  }

  private setValue(expr: Expr): string {
    if (expr.kind === 'arith') return `${this.setValue(expr.left)} ${expr.op} ${this.setValue(expr.right)}`;
    if (expr.kind === 'call') {
      if (expr.name !== 'list_append' && expr.name !== 'if_not_exists') throw unrecognizedFunction(expr.name, expr.at);
      return `${expr.name}(${expr.args.map((a) => this.setValue(a)).join(', ')})`;
    }
    if (expr.kind === 'path') return this.path(expr.path);
    if (isValue(expr)) return this.value(expr);
    throw validation('IS operator is not supported in update expressions');
  }
}

export const isValue = (expr: Expr): expr is Value =>
  ['literal', 'param', 'list', 'map', 'bag', 'missing'].includes(expr.kind);

export const samePath = (a: Path, b: Path) =>
  a.root === b.root && a.steps.length === b.steps.length && a.steps.every((s, i) => s === b.steps[i]);
