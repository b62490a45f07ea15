// Recursive-descent parsers for condition (also filter and key condition), projection and update expressions.
// Syntax errors carry DynamoDB's wording: the offending token and the text from the token before it to the token
// after it ("near"). With backtracking (a parenthesis may open a condition or an operand) the error reported is
// the one that got furthest, as a PEG parser would.
import { validation } from '../errors.js';
import { tokenize, type Token } from './lexer.js';
import type {
  Comparator,
  ConditionAst,
  FunctionAst,
  OperandAst,
  ParsedCondition,
  PathAst,
  PathElementAst,
  UpdateActionAst,
  UpdateSectionAst,
  UpdateSectionType,
  ValueAst,
} from './ast.js';

class SyntaxFail {
  constructor(readonly at: number) {}
}

const CONDITION_KEYWORDS = new Set(['AND', 'OR', 'NOT', 'BETWEEN', 'IN']);
const UPDATE_KEYWORDS = new Set(['SET', 'REMOVE', 'ADD', 'DELETE']);
const COMPARATORS = new Set(['=', '<>', '<', '<=', '>', '>=']);

class Parser {
  private readonly tokens: Token[];
  private pos = 0;
  private furthest = 0;
  /** Set when a parenthesis directly encloses another one. */
  redundantParens = false;
  private readonly parenthesized = new WeakSet<object>();

  constructor(
    private readonly src: string,
    private readonly kind: string,
    private readonly keywords: Set<string>,
  ) {
    this.tokens = tokenize(src);
  }

  run<T>(parse: () => T): T {
    try {
      const result = parse();
      if (this.peek().type !== 'eof') this.fail();
      return result;
    } catch (e) {
      if (e instanceof SyntaxFail) throw this.syntaxError();
      // Too deep for the stack (issue 18: 4096 "(" used to answer a 500). Within the 4 KB limit balanced
      // parentheses nest at most 2048 deep, which parses; deeper means unclosed ones, so the error is at the end.
      if (e instanceof RangeError) {
        this.furthest = this.tokens.length - 1;
        throw this.syntaxError();
      }
      throw e;
    }
  }

  private syntaxError() {
    const i = Math.min(this.furthest, this.tokens.length - 1);
    const tok = this.tokens[i]!;
    const from = i > 0 ? this.tokens[i - 1]!.start : tok.start;
    const to = i + 1 < this.tokens.length ? this.tokens[i + 1]!.end : this.src.length;
    const near = this.src.slice(from, tok.type === 'eof' ? this.src.length : to);
    return validation(`Invalid ${this.kind}: Syntax error; token: "${tok.text}", near: "${near}"`);
  }

  private fail(): never {
    if (this.pos > this.furthest) this.furthest = this.pos;
    throw new SyntaxFail(this.pos);
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  private isPunct(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.type === 'punct' && t.text === text;
  }

  private expectPunct(text: string): void {
    if (!this.isPunct(text)) this.fail();
    this.next();
  }

  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t.type === 'name' && t.text.toUpperCase() === word;
  }

  private expectKeyword(word: string): void {
    if (!this.isKeyword(word)) this.fail();
    this.next();
  }

  // ---- paths and operands ----

  private pathElement(): PathElementAst {
    const t = this.peek();
    if (t.type === 'attrName') {
      this.next();
      return { type: 'alias', name: t.text };
    }
    if (t.type === 'name' && !this.keywords.has(t.text.toUpperCase())) {
      this.next();
      return { type: 'name', name: t.text };
    }
    return this.fail();
  }

  path(): PathAst {
    return this.pathTail([this.pathElement()]);
  }

  /** Continues a path with .name and [index] steps. */
  private pathTail(elements: PathElementAst[]): PathAst {
    for (;;) {
      if (this.isPunct('.')) {
        this.next();
        elements.push(this.pathElement());
      } else if (this.isPunct('[')) {
        this.next();
        const t = this.peek();
        if (t.type !== 'number') this.fail();
        this.next();
        this.expectPunct(']');
        elements.push({ type: 'index', index: Number(t.text) });
      } else {
        return { kind: 'path', elements };
      }
    }
  }

  private value(): ValueAst {
    const t = this.peek();
    if (t.type !== 'attrValue') this.fail();
    this.next();
    return { kind: 'value', name: t.text };
  }

  private isFunctionCall(): boolean {
    return this.peek().type === 'name' && this.isPunct('(', 1);
  }

  private functionCall(arg: () => OperandAst): FunctionAst {
    const name = this.next().text;
    this.next(); // (
    const args = [arg()];
    while (this.isPunct(',')) {
      this.next();
      args.push(arg());
    }
    this.expectPunct(')');
    return { kind: 'function', name, args };
  }

  /** Condition operand: value, path, function call, or any of them in parentheses. */
  private operand(): OperandAst {
    if (this.isPunct('(')) {
      this.next();
      const inner = this.operand();
      this.expectPunct(')');
      if (this.parenthesized.has(inner)) this.redundantParens = true;
      // A parenthesised path may go on: "(a.b).c", "(a)[1]".
      if (inner.kind === 'path' && (this.isPunct('.') || this.isPunct('['))) return this.pathTail([...inner.elements]);
      const wrapped = { ...inner } as OperandAst;
      this.parenthesized.add(wrapped);
      return wrapped;
    }
    if (this.peek().type === 'attrValue') return this.value();
    if (this.isFunctionCall()) return this.functionCall(() => this.operand());
    return this.path();
  }

  // ---- conditions ----

  condition(): ConditionAst {
    let left = this.andCondition();
    while (this.isKeyword('OR')) {
      this.next();
      left = { kind: 'or', left, right: this.andCondition() };
    }
    return left;
  }

  private andCondition(): ConditionAst {
    let left = this.notCondition();
    while (this.isKeyword('AND')) {
      this.next();
      left = { kind: 'and', left, right: this.notCondition() };
    }
    return left;
  }

  private notCondition(): ConditionAst {
    if (this.isKeyword('NOT')) {
      this.next();
      return { kind: 'not', arg: this.notCondition() };
    }
    return this.primaryCondition();
  }

  private primaryCondition(): ConditionAst {
    if (this.isPunct('(')) {
      const save = this.pos;
      const redundantBefore = this.redundantParens;
      try {
        this.next();
        const inner = this.condition();
        this.expectPunct(')');
        // "(a) = b": the parenthesis held an operand, not a condition.
        if (!this.continuesComparison()) {
          if (this.parenthesized.has(inner)) this.redundantParens = true;
          const wrapped = { ...inner } as ConditionAst;
          this.parenthesized.add(wrapped);
          return wrapped;
        }
      } catch (e) {
        if (!(e instanceof SyntaxFail)) throw e;
      }
      this.pos = save;
      this.redundantParens = redundantBefore;
    }
    return this.comparison();
  }

  private continuesComparison(): boolean {
    const t = this.peek();
    return (t.type === 'punct' && COMPARATORS.has(t.text)) || this.isKeyword('BETWEEN') || this.isKeyword('IN');
  }

  private comparison(): ConditionAst {
    const left = this.operand();
    const t = this.peek();
    if (t.type === 'punct' && COMPARATORS.has(t.text)) {
      this.next();
      return { kind: 'compare', op: t.text as Comparator, left, right: this.operand() };
    }
    if (this.isKeyword('BETWEEN')) {
      this.next();
      const low = this.operand();
      this.expectKeyword('AND');
      return { kind: 'between', arg: left, low, high: this.operand() };
    }
    if (this.isKeyword('IN')) {
      this.next();
      this.expectPunct('(');
      const list = [this.operand()];
      while (this.isPunct(',')) {
        this.next();
        list.push(this.operand());
      }
      this.expectPunct(')');
      return { kind: 'in', arg: left, list };
    }
    if (left.kind === 'function') return { kind: 'call', call: left };
    return this.fail();
  }

  // ---- projection ----

  projection(): PathAst[] {
    const paths = [this.path()];
    while (this.isPunct(',')) {
      this.next();
      paths.push(this.path());
    }
    return paths;
  }

  // ---- update ----

  update(): UpdateSectionAst[] {
    const sections: UpdateSectionAst[] = [];
    do {
      const t = this.peek();
      const type = t.type === 'name' ? t.text.toUpperCase() : '';
      if (!UPDATE_KEYWORDS.has(type)) this.fail();
      this.next();
      const actions = [this.updateAction(type as UpdateSectionType)];
      while (this.isPunct(',')) {
        this.next();
        actions.push(this.updateAction(type as UpdateSectionType));
      }
      sections.push({ type: type as UpdateSectionType, actions });
    } while (this.peek().type !== 'eof');
    return sections;
  }

  private updateAction(type: UpdateSectionType): UpdateActionAst {
    const path = this.path();
    switch (type) {
      case 'SET': {
        this.expectPunct('=');
        return { type, path, value: this.setValue() };
      }
      case 'REMOVE':
        return { type, path };
      case 'ADD':
      case 'DELETE':
        return { type, path, value: this.value() };
    }
  }

  /** operand [(+|-) operand], each side optionally parenthesised: "(b + c)", "((b.c.d)+(e))". */
  private setValue(): OperandAst {
    const left = this.setTerm();
    if (this.isPunct('+') || this.isPunct('-')) {
      const op = this.next().text as '+' | '-';
      return { kind: 'arithmetic', op, left, right: this.setTerm() };
    }
    return left;
  }

  private setTerm(): OperandAst {
    if (this.isPunct('(')) {
      this.next();
      const inner = this.setValue();
      this.expectPunct(')');
      return inner;
    }
    return this.setOperand();
  }

  private setOperand(): OperandAst {
    if (this.peek().type === 'attrValue') return this.value();
    if (this.isFunctionCall()) return this.functionCall(() => this.functionArgument());
    return this.path();
  }

  /** A function's argument is an operand, optionally parenthesised, never arithmetic: "list_append(a, :v + :w)"
   *  is a syntax error at the "+" (dynalite's update grammar, FunctionArgumentList → OperandParens). */
  private functionArgument(): OperandAst {
    if (this.isPunct('(')) {
      this.next();
      const inner = this.functionArgument();
      this.expectPunct(')');
      return inner;
    }
    return this.setOperand();
  }
}

export function parseConditionSyntax(src: string, kind: string): ParsedCondition {
  const p = new Parser(src, kind, CONDITION_KEYWORDS);
  const ast = p.run(() => p.condition());
  return { ast, redundantParens: p.redundantParens };
}

export function parseProjectionSyntax(src: string, kind = 'ProjectionExpression'): PathAst[] {
  const p = new Parser(src, kind, new Set());
  return p.run(() => p.projection());
}

export function parseUpdateSyntax(src: string, kind = 'UpdateExpression'): UpdateSectionAst[] {
  const p = new Parser(src, kind, UPDATE_KEYWORDS);
  return p.run(() => p.update());
}
