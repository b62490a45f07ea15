// Recursive descent over DynamoDB's PartiQL: SELECT, INSERT ... VALUE, UPDATE ... SET/REMOVE (or FROM-first), DELETE FROM and
// EXISTS(SELECT ...). Syntax errors carry AWS's detail after "Statement wasn't well formed, can't be processed: ".
import type {
  DeleteStatement,
  Expr,
  InsertStatement,
  ParsedStatement,
  Path,
  Returning,
  SelectStatement,
  Source,
  Statement,
  UpdateAction,
  UpdateStatement,
  Value,
} from './ast.js';
import { malformed, MESSAGES, unsupportedClause } from './errors.js';
import { validation } from '../errors.js';
import { normalizeNumber } from '../model/index.js';
import { tokenize, type Token } from './lexer.js';

/** Words that end an expression or start a clause; where a term should start they are "Unexpected keyword". */
const KEYWORDS = new Set(
  'SELECT FROM WHERE ORDER BY ASC DESC AND OR NOT SET REMOVE VALUE VALUES INTO INSERT UPDATE DELETE RETURNING AS LIMIT GROUP HAVING OFFSET JOIN UNION ON'.split(
    ' ',
  ),
);
/** Operators that cannot start a term ("Unexpected operator"). */
const OPERATORS = new Set(['IS', 'LIKE', 'IN', 'BETWEEN']);
const UNSUPPORTED_CLAUSES = new Set(['LIMIT', 'GROUP', 'HAVING', 'OFFSET']);
const COMPARISONS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);

export function parseStatement(text: string): ParsedStatement {
  const parser = new Parser(tokenize(text), text);
  const statement = parser.statement();
  return { statement, parameterCount: parser.parameters };
}

class Parser {
  #pos = 0;
  parameters = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  /** `line:column:length` of a token, counted in characters from 1, as AWS's messages give positions. */
  private where(t: Token, length = t.text.length): string {
    const before = this.text.slice(0, t.pos);
    const line = before.split('\n').length;
    return `${line}:${t.pos - before.lastIndexOf('\n')}:${length}`;
  }

  statement(): Statement {
    const head = this.peek();
    let statement: Statement;
    if (this.keyword('SELECT')) statement = this.select();
    else if (this.keyword('INSERT')) statement = this.insert();
    else if (this.keyword('UPDATE')) statement = this.update();
    else if (this.keyword('DELETE')) statement = this.delete();
    else if (this.keyword('FROM')) statement = this.fromFirstUpdate();
    else if (head.upper === 'EXISTS' && this.peek(1).text === '(') statement = this.exists();
    else throw malformed(MESSAGES.expectedDml);
    this.punct(';');
    if (this.peek().kind !== 'eof') throw malformed(MESSAGES.leftover);
    return statement;
  }

  // ---- statements

  private select(): SelectStatement {
    let projection: Path[] | undefined;
    if (!this.punct('*')) {
      projection = [this.path()];
      while (this.punct(',')) {
        if (this.peek().text === '*') throw validation(MESSAGES.starAndOthers);
        projection.push(this.path());
      }
    } else if (this.peek().text === ',') throw validation(MESSAGES.starAndOthers);
    this.expectKeyword('FROM', MESSAGES.unexpectedTerm);
    const source = this.source(MESSAGES.unexpectedTerm);
    this.refuseAlias();
    if (this.peek().text === ',') throw validation('Only select from a single table or index is supported.');
    const where = this.keyword('WHERE') ? this.condition() : undefined;
    let orderBy: SelectStatement['orderBy'];
    if (this.keyword('ORDER')) {
      this.expectKeyword('BY', MESSAGES.unexpectedTerm);
      orderBy = [];
      do {
        const path = this.path();
        const descending = this.keyword('DESC') ? true : (this.keyword('ASC'), false);
        orderBy.push({ path, descending });
      } while (this.punct(','));
    }
    this.refuseUnsupportedClause();
    return { kind: 'select', source, projection, where, orderBy };
  }

  private insert(): InsertStatement {
    this.expectKeyword('INTO', MESSAGES.unexpectedTerm);
    const source = this.source(MESSAGES.expectedIdentifier);
    if (!this.keyword('VALUE')) throw malformed(MESSAGES.leftover);
    const item = this.value(ITEM); // its attributes each count as `root` in number messages
    if (this.keyword('RETURNING')) throw validation(MESSAGES.insertReturning);
    return { kind: 'insert', source, item };
  }

  private update(): UpdateStatement {
    const source = this.source(MESSAGES.expectedIdentifier);
    this.refuseAlias();
    const actions = this.updateActions();
    const where = this.keyword('WHERE') ? this.condition() : undefined;
    return { kind: 'update', source, actions, where, returning: this.returning() };
  }

  /** `FROM "T" WHERE <key> SET ... REMOVE ...`: an UPDATE with its clauses in that order (paritysuite
   *  tests/tier2/partiql/fromFirstUpdate.test.ts, recorded against DynamoDB in four regions, October 2026). */
  private fromFirstUpdate(): UpdateStatement {
    const source = this.source(MESSAGES.expectedIdentifier);
    this.refuseAlias();
    const where = this.keyword('WHERE') ? this.condition() : undefined;
    const actions = this.updateActions();
    return { kind: 'update', source, actions, where, returning: this.returning() };
  }

  private updateActions(): UpdateAction[] {
    const actions: UpdateAction[] = [];
    for (;;) {
      if (this.keyword('SET')) {
        do {
          const path = this.path();
          if (!this.punct('=')) throw malformed(MESSAGES.unexpectedTerm);
          actions.push({ kind: 'set', path, value: this.additive() });
        } while (this.punct(','));
      } else if (this.keyword('REMOVE')) {
        do actions.push({ kind: 'remove', path: this.path() });
        while (this.punct(','));
      } else break;
    }
    if (actions.length === 0) throw malformed(MESSAGES.unexpectedTerm);
    return actions;
  }

  private delete(): DeleteStatement {
    this.expectKeyword('FROM', MESSAGES.expectedIdentifier);
    const source = this.source(MESSAGES.expectedIdentifier);
    this.refuseAlias();
    const where = this.keyword('WHERE') ? this.condition() : undefined;
    return { kind: 'delete', source, where, returning: this.returning() };
  }

  private exists(): Statement {
    this.next(); // EXISTS
    this.next(); // (
    if (!this.keyword('SELECT')) throw malformed(MESSAGES.unexpectedTerm);
    const select = this.select();
    if (!this.punct(')')) throw malformed(MESSAGES.leftover);
    return { kind: 'exists', select };
  }

  private returning(): Returning | undefined {
    if (!this.keyword('RETURNING')) return undefined;
    const which = this.next().upper;
    const when = this.next().upper;
    if (!(which === 'ALL' || which === 'MODIFIED') || !(when === 'OLD' || when === 'NEW')) {
      throw malformed(MESSAGES.unexpectedTerm);
    }
    if (!this.punct('*')) {
      throw validation("Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause");
    }
    return `${which} ${when}` as Returning;
  }

  // ---- FROM

  private source(missing: string): Source {
    const name = (): string => {
      const t = this.peek();
      if (t.kind === 'quoted' || (t.kind === 'ident' && !KEYWORDS.has(t.upper))) return this.next().text;
      throw malformed(t.kind === 'eof' || t.text === ';' ? missing : MESSAGES.expectedIdentifier);
    };
    const table = name();
    if (!this.punct('.')) return { table };
    return { table, index: name() };
  }

  /** `FROM "T" t` / `FROM "T" AS t`: DynamoDB refuses aliases with a message of its own. */
  private refuseAlias(): void {
    const t = this.peek();
    if (t.upper === 'AS' || (t.kind === 'ident' && !KEYWORDS.has(t.upper)) || t.kind === 'quoted') {
      throw validation(MESSAGES.aliasing);
    }
  }

  private refuseUnsupportedClause(): void {
    const t = this.peek();
    if (t.kind === 'ident' && UNSUPPORTED_CLAUSES.has(t.upper)) throw unsupportedClause(t.upper);
  }

  // ---- conditions (OR < AND < NOT < comparison < additive < term)

  private condition(): Expr {
    let left = this.conjunction();
    while (this.keyword('OR')) left = { kind: 'or', left, right: this.rightHand(() => this.conjunction()) };
    return left;
  }

  private conjunction(): Expr {
    let left = this.negation();
    while (this.keyword('AND')) left = { kind: 'and', left, right: this.rightHand(() => this.negation()) };
    return left;
  }

  private rightHand(parse: () => Expr): Expr {
    const t = this.peek();
    if (t.kind === 'eof' || t.text === ';') throw malformed(MESSAGES.missingRhs);
    return parse();
  }

  private negation(): Expr {
    if (this.keyword('NOT')) return { kind: 'not', operand: this.negation() };
    return this.comparison();
  }

  private comparison(): Expr {
    const left = this.additive();
    const t = this.peek();
    if (t.kind === 'punct' && COMPARISONS.has(t.text)) {
      this.next();
      const op = t.text === '!=' ? '<>' : (t.text as '=' | '<>' | '<' | '<=' | '>' | '>=');
      return { kind: 'compare', op, left, right: this.additive() };
    }
    if (this.keyword('IS')) {
      const negated = this.keyword('NOT');
      const type = this.next().upper;
      if (type !== 'MISSING' && type !== 'NULL') throw malformed('Expected type name');
      return { kind: 'is', operand: left, type, negated };
    }
    const negated = this.peek().upper === 'NOT' && ['IN', 'BETWEEN'].includes(this.peek(1).upper);
    if (negated) this.next();
    let expr: Expr | undefined;
    if (this.keyword('BETWEEN')) {
      const low = this.additive();
      this.expectKeyword('AND', MESSAGES.unexpectedTerm);
      expr = { kind: 'between', operand: left, low, high: this.additive() };
    } else if (this.keyword('IN')) {
      expr = { kind: 'in', operand: left, items: this.inList() };
    }
    if (expr) return negated ? { kind: 'not', operand: expr } : expr;
    return left;
  }

  private inList(): Expr[] {
    const close = this.punct('[') ? ']' : this.punct('(') ? ')' : undefined;
    if (!close) throw validation(INVALID_IN);
    const items: Expr[] = [];
    if (!this.punct(close)) {
      do items.push(this.additive());
      while (this.punct(','));
      if (!this.punct(close)) throw malformed(MESSAGES.unexpectedTerm);
    }
    if (items.length === 0) throw validation(INVALID_IN);
    return items;
  }

  private additive(): Expr {
    let left = this.term();
    for (;;) {
      const t = this.peek();
      if (t.text !== '+' && t.text !== '-') return left;
      this.next();
      left = { kind: 'arith', op: t.text, left, right: this.term() };
    }
  }

  private term(): Expr {
    const t = this.peek();
    if (t.text === '(' && t.kind === 'punct') {
      this.next();
      const inner = this.condition();
      if (!this.punct(')')) throw malformed(MESSAGES.unexpectedTerm);
      return inner;
    }
    if (t.kind === 'ident' && this.peek(1).text === '(' && !KEYWORDS.has(t.upper) && !OPERATORS.has(t.upper)) {
      const nameToken = this.next();
      this.next();
      const args: Expr[] = [];
      const argsAt: string[] = [];
      if (!this.punct(')')) {
        do {
          argsAt.push(this.where(this.peek()));
          args.push(this.additive());
        } while (this.punct(','));
        if (!this.punct(')')) throw malformed(MESSAGES.unexpectedTerm);
      }
      return { kind: 'call', name: nameToken.text.toLowerCase(), args, at: this.where(nameToken), argsAt };
    }
    if (
      t.kind === 'quoted' ||
      (t.kind === 'ident' && !isWordLiteral(t) && !KEYWORDS.has(t.upper) && !OPERATORS.has(t.upper))
    ) {
      return { kind: 'path', path: this.path() };
    }
    return this.value();
  }

  // ---- values

  /** A value; `at` is where it sits in the literal (`root`, `root.x`, `root[1]`), for number messages. */
  value(at = 'root'): Value {
    const t = this.next();
    switch (t.kind) {
      case 'string':
        return { kind: 'literal', value: { S: t.text } };
      case 'number':
        return numberLiteral(t.text, at);
      case 'param':
        return { kind: 'param', index: this.parameters++ };
      case 'ident':
        if (t.upper === 'TRUE' || t.upper === 'FALSE') return { kind: 'literal', value: { BOOL: t.upper === 'TRUE' } };
        if (t.upper === 'NULL') return { kind: 'literal', value: { NULL: true } };
        if (t.upper === 'MISSING') return { kind: 'missing' };
        throw malformed(OPERATORS.has(t.upper) ? MESSAGES.unexpectedOperator : MESSAGES.unexpectedKeyword);
      case 'punct':
        return this.compound(t, at);
      default:
        throw malformed(MESSAGES.unexpectedTerm);
    }
  }

  private compound(t: Token, at: string): Value {
    if (t.text === '-' && this.peek().kind === 'number') return numberLiteral(`-${this.next().text}`, at);
    if (t.text === '[') return { kind: 'list', items: this.values(']', at) };
    if (t.text === '<<') return { kind: 'bag', items: this.values('>>', at) };
    if (t.text === '{') {
      const entries: [string, Value][] = [];
      if (!this.punct('}')) {
        do {
          const key = this.next();
          if (key.kind !== 'string' && key.kind !== 'quoted') throw malformed(MESSAGES.unexpectedTerm);
          if (!this.punct(':')) throw malformed(MESSAGES.unexpectedTerm);
          entries.push([key.text, this.value(at === ITEM ? 'root' : `${at}.${key.text}`)]);
        } while (this.punct(','));
        if (!this.punct('}')) throw malformed(MESSAGES.unexpectedTerm);
      }
      return { kind: 'map', entries };
    }
    if (t.text === ';' || t.text === ')') throw malformed(MESSAGES.unexpectedTerm);
    throw malformed(COMPARISONS.has(t.text) ? MESSAGES.unexpectedOperator : MESSAGES.unexpectedTerm);
  }

  private values(close: string, at: string): Value[] {
    const items: Value[] = [];
    if (this.punct(close)) return items;
    do items.push(this.value(`${at === ITEM ? 'root' : at}[${items.length}]`));
    while (this.punct(','));
    if (!this.punct(close)) throw malformed(MESSAGES.unexpectedTerm);
    return items;
  }

  // ---- paths

  path(): Path {
    const t = this.next();
    if (t.kind !== 'quoted' && t.kind !== 'ident') throw malformed(MESSAGES.unexpectedTerm);
    if (t.kind === 'ident' && KEYWORDS.has(t.upper)) throw malformed(MESSAGES.unexpectedKeyword);
    const path: Path = { root: t.text, steps: [] };
    for (;;) {
      if (this.punct('.')) {
        const step = this.next();
        if (step.kind !== 'quoted' && step.kind !== 'ident') throw malformed(MESSAGES.unexpectedTerm);
        // A bare join keyword cannot name a map key (paritysuite partiqlFunctions.test.ts, October 2026: `m.inner`).
        if (step.kind === 'ident' && step.upper === 'INNER') throw malformed('Invalid path dot component');
        path.steps.push(step.text);
      } else if (this.punct('[')) {
        const index = this.next();
        if (index.kind === 'number' && /^\d+$/.test(index.text)) path.steps.push(Number(index.text));
        else if (index.kind === 'string') path.steps.push(index.text);
        else throw malformed(MESSAGES.unexpectedTerm);
        if (!this.punct(']')) throw malformed(MESSAGES.unexpectedTerm);
      } else return path;
    }
  }

  // ---- tokens

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.#pos + ahead, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.#pos++;
    return t;
  }

  private punct(text: string): boolean {
    const t = this.peek();
    if (t.kind !== 'punct' || t.text !== text) return false;
    this.#pos++;
    return true;
  }

  private keyword(word: string): boolean {
    const t = this.peek();
    if (t.kind !== 'ident' || t.upper !== word) return false;
    this.#pos++;
    return true;
  }

  private expectKeyword(word: string, detail: string): void {
    if (!this.keyword(word)) throw malformed(this.peek().kind === 'eof' ? detail : MESSAGES.leftover);
  }
}

const INVALID_IN =
  'IN operator must have a left hand argument of type Variable Reference and right hand argument of type Seq with at least one member';

/** Where INSERT's item literal sits: AWS names a number inside attribute `m` as `root.x`, not `root.m.x`. */
const ITEM = '';

/** A number literal, checked by DynamoDB's number rules; AWS appends where it sits: "... under root.x" (pinned). */
function numberLiteral(text: string, at: string): Value {
  if (at === ITEM) at = 'root';
  try {
    return { kind: 'literal', value: { N: normalizeNumber(text) } };
  } catch (e) {
    if (e instanceof Error) throw validation(`${e.message} under ${at}`);
    throw e;
  }
}

const isWordLiteral = (t: Token) => ['TRUE', 'FALSE', 'NULL', 'MISSING'].includes(t.upper);
