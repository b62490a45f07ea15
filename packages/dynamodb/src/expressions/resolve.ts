// Semantic checks shared by the compilers. DynamoDB parses a whole expression before judging it, and when several
// things are wrong it reports one by category precedence (e.g. a reserved word before an undefined placeholder),
// so errors are collected per category (first one wins) and thrown at the end in the grammar's order.
import type { AttributeValue } from '../model/index.js';
import { validation } from '../errors.js';
import { isReservedWord } from './reserved-words.js';
import type { PathAst, ValueAst } from './ast.js';
import type { DocumentPath } from './index.js';
import type { RequestScope } from './scope.js';

export type ErrorCategory =
  | 'parens'
  | 'unknownFunction'
  | 'misusedFunction'
  | 'reserved'
  | 'section'
  | 'attrName'
  | 'attrValue'
  | 'operand'
  | 'distinct'
  | 'function'
  | 'pathOverlap'
  | 'pathConflict'
  | 'condition';

export class Resolver {
  private readonly errors = new Map<ErrorCategory, string>();

  /** combineUndefined: conditions report the first undefined name or value, whichever comes first.
   *  topNames: when given, collects the top-level attribute name of every path resolved. */
  constructor(
    readonly scope: RequestScope,
    readonly kind: string,
    private readonly combineUndefined = false,
    private readonly topNames?: Set<string>,
  ) {}

  report(category: ErrorCategory, message: string): void {
    if (!this.errors.has(category)) this.errors.set(category, message);
  }

  has(category: ErrorCategory): boolean {
    return this.errors.has(category);
  }

  /** Records under `into` the highest-precedence error collected so far among `order` (if `into` is still free). */
  settle(into: ErrorCategory, order: readonly ErrorCategory[]): void {
    if (this.errors.has(into)) return;
    for (const c of order) {
      const message = this.errors.get(c);
      if (message !== undefined) {
        this.errors.set(into, message);
        return;
      }
    }
  }

  /** Throws the highest-precedence error collected, if any. */
  throwFirst(order: readonly ErrorCategory[]): void {
    for (const c of order) {
      const message = this.errors.get(c);
      if (message !== undefined) throw validation(`Invalid ${this.kind}: ${message}`);
    }
  }

  path(ast: PathAst): DocumentPath {
    const out: DocumentPath = [];
    for (const el of ast.elements) {
      if (el.type === 'index') {
        out.push(el.index);
      } else if (el.type === 'name') {
        if (isReservedWord(el.name))
          this.report('reserved', `Attribute name is a reserved keyword; reserved keyword: ${el.name}`);
        out.push(el.name);
      } else {
        const name = this.scope.name(el.name);
        if (name === undefined) {
          this.report(
            'attrName',
            `An expression attribute name used in the document path is not defined; attribute name: ${el.name}`,
          );
          out.push(el.name);
        } else {
          out.push(name);
        }
      }
    }
    if (this.topNames && typeof out[0] === 'string') this.topNames.add(out[0]);
    return out;
  }

  value(ast: ValueAst): AttributeValue | undefined {
    const v = this.scope.value(ast.name);
    if (v === undefined) {
      this.report(
        this.combineUndefined ? 'attrName' : 'attrValue',
        `An expression attribute value used in expression is not defined; attribute value: ${ast.name}`,
      );
    }
    return v;
  }
}

/** AttributeValue as DynamoDB prints it in messages: {N:1}, {S:abc}. */
export function valueText(v: AttributeValue): string {
  for (const k in v) {
    const inner = (v as Record<string, unknown>)[k];
    return `{${k}:${Array.isArray(inner) ? '[' + inner.join(', ') + ']' : typeof inner === 'object' ? JSON.stringify(inner) : String(inner)}}`;
  }
  return '{}';
}
