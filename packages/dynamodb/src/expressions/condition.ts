// Condition and filter expressions: semantic checks with DynamoDB's messages, then compilation into closures
// (one per node) so that evaluating a filter over many items allocates nothing beyond what size() returns.
import type { AttributeValue, Item } from '../model/index.js';
import { typeOf, valuesEqual, compareValues } from '../model/index.js';
import type { ConditionAst, FunctionAst, OperandAst, ParsedCondition } from './ast.js';
import type { DocumentPath } from './index.js';
import { Resolver, valueText, type ErrorCategory } from './resolve.js';
import { pathReader, pathText } from './paths.js';
import { sizeOf, contains, beginsWith, ordered } from './evaluate.js';

export type Getter = (item: Item | undefined) => AttributeValue | undefined;
export type Predicate = (item: Item | undefined) => boolean;

/** A checked operand: what it is (for the checks) and how to read it (for evaluation). */
export type ResolvedOperand =
  | { kind: 'path'; path: DocumentPath; get: Getter }
  | { kind: 'value'; value: AttributeValue | undefined; get: Getter }
  | { kind: 'size'; arg: ResolvedOperand; get: Getter }
  | { kind: 'function'; name: string; args: ResolvedOperand[]; get: Getter };

/** DynamoDB settles the error of each elementary condition as it parses it (the first one with a problem wins),
 *  then reports by category across the whole expression. */
const ELEMENTARY_ERROR_ORDER: readonly ErrorCategory[] = ['attrName', 'operand', 'distinct', 'function'];
export const CONDITION_ERROR_ORDER: readonly ErrorCategory[] = [
  'parens',
  'unknownFunction',
  'misusedFunction',
  'reserved',
  'condition',
];

const FUNCTION_ARITY: Record<string, number> = {
  attribute_exists: 1,
  attribute_not_exists: 1,
  attribute_type: 2,
  begins_with: 2,
  contains: 2,
  size: 1,
};
const ATTRIBUTE_TYPES = new Set(['S', 'N', 'B', 'NULL', 'SS', 'BOOL', 'L', 'BS', 'NS', 'M']);
const MAX_IN_OPERANDS = 100;

const never: Getter = () => undefined;

/** Static type of an operand where known (values; size() is N). */
function staticType(op: ResolvedOperand): string | undefined {
  if (op.kind === 'value') return op.value === undefined ? undefined : typeOf(op.value);
  if (op.kind === 'size') return 'N';
  return undefined;
}

function samePath(a: ResolvedOperand, b: ResolvedOperand): boolean {
  if (a.kind !== 'path' || b.kind !== 'path' || a.path.length !== b.path.length) return false;
  return a.path.every((el, i) => el === b.path[i]);
}

export class ConditionCompiler {
  constructor(readonly r: Resolver) {}

  operand(ast: OperandAst): ResolvedOperand {
    switch (ast.kind) {
      case 'path': {
        const path = this.r.path(ast);
        return { kind: 'path', path, get: pathReader(path) };
      }
      case 'value': {
        const value = this.r.value(ast);
        return { kind: 'value', value, get: () => value };
      }
      case 'function':
        return this.functionOperand(ast);
      case 'arithmetic':
        // The condition grammar has no arithmetic; the parser never produces it here.
        throw new Error('arithmetic in condition');
    }
  }

  private functionOperand(ast: FunctionAst): ResolvedOperand {
    const args = ast.args.map((a) => this.operand(a));
    this.checkNotMisused(args);
    const arity = FUNCTION_ARITY[ast.name];
    if (arity === undefined) {
      this.r.report('unknownFunction', `Invalid function name; function: ${ast.name}`);
      return { kind: 'function', name: ast.name, args, get: never };
    }
    if (args.length !== arity) {
      this.r.report(
        'operand',
        `Incorrect number of operands for operator or function; operator or function: ${ast.name}, number of operands: ${args.length}`,
      );
      return { kind: 'function', name: ast.name, args, get: never };
    }
    if (args.length === 2 && samePath(args[0]!, args[1]!)) {
      this.r.report(
        'distinct',
        `The first operand must be distinct from the remaining operands for this operator or function; operator: ${ast.name}, first operand: ${pathText((args[0] as { path: DocumentPath }).path)}`,
      );
    }
    this.checkFunctionTypes(ast.name, args);
    if (ast.name === 'size') {
      const arg = args[0]!;
      const inner = arg.get;
      const get: Getter = (item) => {
        const v = inner(item);
        if (v === undefined) return undefined;
        const n = sizeOf(v);
        return n === undefined ? undefined : { N: String(n) };
      };
      return { kind: 'size', arg, get };
    }
    return { kind: 'function', name: ast.name, args, get: never };
  }

  private checkFunctionTypes(name: string, args: ResolvedOperand[]): void {
    const typeError = (type: string) =>
      this.r.report(
        'function',
        `Incorrect operand type for operator or function; operator or function: ${name}, operand type: ${type}`,
      );
    switch (name) {
      case 'attribute_exists':
      case 'attribute_not_exists':
        if (args[0]!.kind !== 'path')
          this.r.report('function', `Operator or function requires a document path; operator or function: ${name}`);
        return;
      case 'begins_with':
        for (const a of args) {
          const t = staticType(a);
          if (t !== undefined && t !== 'S' && t !== 'B') return typeError(t);
        }
        return;
      case 'attribute_type': {
        const t = staticType(args[1]!);
        if (t !== 'S') {
          if (args[1]!.kind !== 'value' || t !== undefined) typeError(t ?? '{NS,SS,L,BS,N,M,B,BOOL,NULL,S}');
          return;
        }
        const typeName = (args[1] as { value: { S: string } }).value.S;
        if (!ATTRIBUTE_TYPES.has(typeName)) {
          this.r.report(
            'function',
            `Invalid attribute type name found; type: ${typeName}, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}`,
          );
        }
        return;
      }
      case 'size': {
        const t = staticType(args[0]!);
        if (t === 'N' || t === 'BOOL' || t === 'NULL') typeError(t);
        return;
      }
    }
  }

  /** Only size() may stand where a value is expected. */
  private checkNotMisused(args: ResolvedOperand[]): void {
    for (const a of args) {
      if (a.kind === 'function') {
        this.r.report(
          'misusedFunction',
          `The function is not allowed to be used this way in an expression; function: ${a.name}`,
        );
        return;
      }
    }
  }

  condition(ast: ConditionAst): Predicate {
    const p = this.conditionNode(ast);
    if (ast.kind !== 'and' && ast.kind !== 'or' && ast.kind !== 'not')
      this.r.settle('condition', ELEMENTARY_ERROR_ORDER);
    return p;
  }

  private conditionNode(ast: ConditionAst): Predicate {
    switch (ast.kind) {
      case 'and': {
        const l = this.condition(ast.left);
        const r = this.condition(ast.right);
        return (item) => l(item) && r(item);
      }
      case 'or': {
        const l = this.condition(ast.left);
        const r = this.condition(ast.right);
        return (item) => l(item) || r(item);
      }
      case 'not': {
        const a = this.condition(ast.arg);
        return (item) => !a(item);
      }
      case 'compare':
        return this.comparison(ast.op, this.operand(ast.left), this.operand(ast.right));
      case 'between':
        return this.between(this.operand(ast.arg), this.operand(ast.low), this.operand(ast.high));
      case 'in':
        return this.in(
          this.operand(ast.arg),
          ast.list.map((o) => this.operand(o)),
        );
      case 'call':
        return this.call(ast.call);
    }
  }

  private comparison(op: string, left: ResolvedOperand, right: ResolvedOperand): Predicate {
    this.checkNotMisused([left, right]);
    if (samePath(left, right)) {
      this.r.report(
        'distinct',
        `The first operand must be distinct from the remaining operands for this operator or function; operator: ${op}, first operand: ${pathText((left as { path: DocumentPath }).path)}`,
      );
    }
    if (op !== '=' && op !== '<>') this.checkOrderable(op, [left, right]);
    const a = left.get;
    const b = right.get;
    switch (op) {
      case '=':
        return (item) => {
          const x = a(item);
          const y = b(item);
          return x !== undefined && y !== undefined && valuesEqual(x, y);
        };
      case '<>':
        return (item) => {
          const x = a(item);
          const y = b(item);
          return !(x !== undefined && y !== undefined && valuesEqual(x, y));
        };
      case '<':
        return (item) => {
          const c = ordered(a(item), b(item));
          return c !== undefined && c < 0;
        };
      case '<=':
        return (item) => {
          const c = ordered(a(item), b(item));
          return c !== undefined && c <= 0;
        };
      case '>':
        return (item) => {
          const c = ordered(a(item), b(item));
          return c !== undefined && c > 0;
        };
      default:
        return (item) => {
          const c = ordered(a(item), b(item));
          return c !== undefined && c >= 0;
        };
    }
  }

  /** Only S, N and B have an order: a literal of another type next to <, <=, >, >= or BETWEEN is refused. */
  private checkOrderable(op: string, operands: ResolvedOperand[]): boolean {
    for (const o of operands) {
      const t = staticType(o);
      if (t !== undefined && t !== 'S' && t !== 'N' && t !== 'B') {
        this.r.report(
          'function',
          `Incorrect operand type for operator or function; operator or function: ${op}, operand type: ${t}`,
        );
        return false;
      }
    }
    return true;
  }

  private between(arg: ResolvedOperand, low: ResolvedOperand, high: ResolvedOperand): Predicate {
    this.checkNotMisused([arg, low, high]);
    if (
      this.checkOrderable('BETWEEN', [arg, low, high]) &&
      low.kind === 'value' &&
      high.kind === 'value' &&
      low.value !== undefined &&
      high.value !== undefined
    ) {
      const lt = typeOf(low.value);
      const ht = typeOf(high.value);
      const bounds = `lower bound operand: AttributeValue: ${valueText(low.value)}, upper bound operand: AttributeValue: ${valueText(high.value)}`;
      if (lt !== ht) {
        this.r.report('function', `The BETWEEN operator requires same data type for lower and upper bounds; ${bounds}`);
      } else {
        const c = compareValues(low.value, high.value);
        if (c !== undefined && c > 0) {
          this.r.report(
            'function',
            `The BETWEEN operator requires upper bound to be greater than or equal to lower bound; ${bounds}`,
          );
        }
      }
    }
    const x = arg.get;
    const lo = low.get;
    const hi = high.get;
    return (item) => {
      const v = x(item);
      if (v === undefined) return false;
      const c1 = ordered(v, lo(item));
      if (c1 === undefined || c1 < 0) return false;
      const c2 = ordered(v, hi(item));
      return c2 !== undefined && c2 <= 0;
    };
  }

  private in(arg: ResolvedOperand, list: ResolvedOperand[]): Predicate {
    this.checkNotMisused([arg, ...list]);
    if (list.length > MAX_IN_OPERANDS) {
      this.r.report(
        'operand',
        `The IN operator is provided with too many operands; number of operands: ${list.length}`,
      );
    }
    const x = arg.get;
    const getters = list.map((o) => o.get);
    return (item) => {
      const v = x(item);
      if (v === undefined) return false;
      for (const g of getters) {
        const w = g(item);
        if (w !== undefined && valuesEqual(v, w)) return true;
      }
      return false;
    };
  }

  private call(ast: FunctionAst): Predicate {
    const fn = this.functionOperand(ast);
    if (fn.kind === 'size') {
      this.r.report(
        'misusedFunction',
        'The function is not allowed to be used this way in an expression; function: size',
      );
      return () => false;
    }
    if (
      fn.kind !== 'function' ||
      FUNCTION_ARITY[ast.name] === undefined ||
      fn.args.length !== FUNCTION_ARITY[ast.name]
    ) {
      return () => false;
    }
    const [a, b] = fn.args.map((o) => o.get) as [Getter, Getter];
    switch (ast.name) {
      case 'attribute_exists':
        return (item) => a(item) !== undefined;
      case 'attribute_not_exists':
        return (item) => a(item) === undefined;
      case 'attribute_type':
        return (item) => {
          const v = a(item);
          const t = b(item);
          return v !== undefined && t !== undefined && 'S' in t && typeOf(v) === t.S;
        };
      case 'begins_with':
        return (item) => {
          const v = a(item);
          const p = b(item);
          return v !== undefined && p !== undefined && beginsWith(v, p);
        };
      case 'contains':
        return (item) => {
          const v = a(item);
          const n = b(item);
          return v !== undefined && n !== undefined && contains(v, n);
        };
    }
    return () => false;
  }
}

export function compileCondition(parsed: ParsedCondition, r: Resolver): Predicate {
  if (parsed.redundantParens) r.report('parens', 'The expression has redundant parentheses;');
  const c = new ConditionCompiler(r);
  const predicate = c.condition(parsed.ast);
  r.throwFirst(CONDITION_ERROR_ORDER);
  return predicate;
}
