// Syntax trees of the four expression grammars, as the parser produces them (names and values still
// placeholders; the compilers resolve them against a request's scope).

export type PathElementAst =
  { type: 'name'; name: string } | { type: 'alias'; name: string } | { type: 'index'; index: number };

export interface PathAst {
  kind: 'path';
  elements: PathElementAst[];
}

export interface ValueAst {
  kind: 'value';
  name: string; // ":v"
}

export interface FunctionAst {
  kind: 'function';
  name: string;
  args: OperandAst[];
}

/** `a + b` / `a - b` (update SET values only). */
export interface ArithmeticAst {
  kind: 'arithmetic';
  op: '+' | '-';
  left: OperandAst;
  right: OperandAst;
}

export type OperandAst = PathAst | ValueAst | FunctionAst | ArithmeticAst;

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type ConditionAst =
  | { kind: 'and' | 'or'; left: ConditionAst; right: ConditionAst }
  | { kind: 'not'; arg: ConditionAst }
  | { kind: 'compare'; op: Comparator; left: OperandAst; right: OperandAst }
  | { kind: 'between'; arg: OperandAst; low: OperandAst; high: OperandAst }
  | { kind: 'in'; arg: OperandAst; list: OperandAst[] }
  | { kind: 'call'; call: FunctionAst };

export interface ParsedCondition {
  ast: ConditionAst;
  redundantParens: boolean;
}

export type UpdateSectionType = 'SET' | 'REMOVE' | 'ADD' | 'DELETE';

export type UpdateActionAst =
  | { type: 'SET'; path: PathAst; value: OperandAst }
  | { type: 'REMOVE'; path: PathAst }
  | { type: 'ADD' | 'DELETE'; path: PathAst; value: ValueAst };

export interface UpdateSectionAst {
  type: UpdateSectionType;
  actions: UpdateActionAst[];
}
