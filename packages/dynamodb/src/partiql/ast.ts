// The statements DynamoDB's PartiQL accepts, as the parser reads them. Values stay unbound (a `?` is a `param`)
// so a statement's plan can be cached by its text and bound to each request's Parameters.
import type { AttributeValue } from '../model/index.js';

/** `a.b[1]."c d"`: the first name, then map keys (strings) and list indexes (numbers). */
export interface Path {
  root: string;
  steps: (string | number)[];
}

export type Value =
  | { kind: 'literal'; value: AttributeValue }
  | { kind: 'param'; index: number }
  | { kind: 'list'; items: Value[] }
  | { kind: 'map'; entries: [string, Value][] }
  | { kind: 'bag'; items: Value[] }
  | { kind: 'missing' };

export type Expr =
  | Value
  | { kind: 'path'; path: Path }
  | {
      kind: 'call';
      name: string;
      args: Expr[];
      /** Where AWS's messages point: `line:column:length` of the function name and of each argument's first token. */
      at: string;
      argsAt: string[];
    }
  | { kind: 'compare'; op: '=' | '<>' | '<' | '<=' | '>' | '>='; left: Expr; right: Expr }
  | { kind: 'arith'; op: '+' | '-'; left: Expr; right: Expr }
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; operand: Expr }
  | { kind: 'between'; operand: Expr; low: Expr; high: Expr }
  | { kind: 'in'; operand: Expr; items: Expr[] }
  | { kind: 'is'; operand: Expr; type: 'MISSING' | 'NULL'; negated: boolean };

export interface Source {
  table: string;
  index?: string;
}

export type Returning = 'ALL OLD' | 'MODIFIED OLD' | 'ALL NEW' | 'MODIFIED NEW';

export interface SelectStatement {
  kind: 'select';
  source: Source;
  /** undefined: `*`. */
  projection?: Path[];
  where?: Expr;
  orderBy?: { path: Path; descending: boolean }[];
}

export interface InsertStatement {
  kind: 'insert';
  source: Source;
  item: Value;
}

export type UpdateAction = { kind: 'set'; path: Path; value: Expr } | { kind: 'remove'; path: Path };

export interface UpdateStatement {
  kind: 'update';
  source: Source;
  actions: UpdateAction[];
  where?: Expr;
  returning?: Returning;
}

export interface DeleteStatement {
  kind: 'delete';
  source: Source;
  where?: Expr;
  returning?: Returning;
}

/** `EXISTS(SELECT ...)`: a condition check, in ExecuteTransaction only. */
export interface ExistsStatement {
  kind: 'exists';
  select: SelectStatement;
}

export type Statement = SelectStatement | InsertStatement | UpdateStatement | DeleteStatement | ExistsStatement;

export interface ParsedStatement {
  statement: Statement;
  /** How many `?` the text holds. */
  parameterCount: number;
}
