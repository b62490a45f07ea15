// From a parsed statement and the table's key schema to the JSON API request that runs it:
//   SELECT with the full primary key fixed by equalities and nothing else  → GetItem
//   SELECT fixing the partition key (= or IN)                              → Query per partition key, sort-key
//                                                                            conditions as key conditions
//   any other SELECT                                                       → Scan with a filter
//   INSERT → PutItem with attribute_not_exists; UPDATE → UpdateItem that requires the item; DELETE → DeleteItem;
//   EXISTS(SELECT ...) → a ConditionCheck.
// A plan holds unbound values, so it is computed once per statement text and table (cache.ts).
import { validation } from '../errors.js';
import type { KeyShape } from '../model/index.js';
import type { Expr, Path, Returning, SelectStatement, Statement, Value } from './ast.js';
import { ExpressionBuilder, isValue } from './builder.js';
import { duplicateProjection, MESSAGES, multipleKeyConditions, orderByNonKey } from './errors.js';
import { refuseOverlappingBranches } from './overlap.js';

export interface TableShape {
  name: string;
  key: KeyShape;
  /** The index named in FROM "T"."I", if any. */
  index?: { name: string; key: KeyShape; global: boolean };
}

export interface KeyBinding {
  name: string;
  value: Value;
}

/** Expression members shared by every plan (ExpressionAttributeNames / the values behind `:vN`). */
export interface Expressions {
  names: Record<string, string>;
  values: Value[];
}

/** SELECT a.b, l[1]: each path and the name it is answered under (its last part). Applied to whole items after
 *  the read: a ProjectionExpression would compact lists (`l[1]` comes back as `l[0]`), and capacity is charged on
 *  the whole item either way. */
export interface Projection {
  outputs: { path: Path; label: string }[];
}

export type Plan = Expressions &
  (
    | { kind: 'get'; key: KeyBinding[]; projection?: Projection }
    | {
        kind: 'query';
        hashName: string;
        /** One Query per partition key value (`IN` gives several). */
        hashValues: Value[];
        keyCondition: string;
        filter?: string;
        projection?: Projection;
        descending: boolean;
      }
    | { kind: 'scan'; filter?: string; projection?: Projection }
    | { kind: 'insert'; item: Extract<Value, { kind: 'map' }> }
    | { kind: 'update'; key: KeyBinding[]; update: string; condition: string; returnValues?: string }
    | { kind: 'delete'; key: KeyBinding[]; condition?: string; returnValues?: string }
    | { kind: 'check'; key: KeyBinding[]; condition: string }
  );

const RETURN_VALUES: Record<Returning, string> = {
  'ALL OLD': 'ALL_OLD',
  'MODIFIED OLD': 'UPDATED_OLD',
  'ALL NEW': 'ALL_NEW',
  'MODIFIED NEW': 'UPDATED_NEW',
};

export function planStatement(statement: Statement, table: TableShape): Plan {
  switch (statement.kind) {
    case 'select':
      return planSelect(statement, table);
    case 'insert': {
      if (table.index) throw validation(MESSAGES.indexWrite);
      if (statement.item.kind !== 'map') {
        throw validation(
          'Unsupported format in item expression. Please use struct format {...} to express item values for insert statement.',
        );
      }
      return { kind: 'insert', item: statement.item, names: {}, values: [] };
    }
    case 'update': {
      const b = new ExpressionBuilder();
      const { key, rest } = fullKey(statement.where, table);
      const update = b.update(statement.actions);
      const exists = `attribute_exists(${b.name(table.key.hash.name)})`;
      const condition = rest ? `${exists} AND (${b.condition(rest)})` : exists;
      const returnValues = statement.returning && RETURN_VALUES[statement.returning];
      return { kind: 'update', key, update, condition, returnValues, names: b.names, values: b.values };
    }
    case 'delete': {
      if (statement.returning && statement.returning !== 'ALL OLD') {
        throw validation(
          `Invalid returning clause: RETURNING ${statement.returning} *. Only RETURNING ALL OLD * is allowed in DELETE statements.`,
        );
      }
      const b = new ExpressionBuilder();
      const { key, rest } = fullKey(statement.where, table);
      const condition = rest && b.condition(rest);
      const returnValues = statement.returning && 'ALL_OLD';
      return { kind: 'delete', key, condition, returnValues, names: b.names, values: b.values };
    }
    case 'exists': {
      if (table.index) throw validation(MESSAGES.txIndexWrite);
      const b = new ExpressionBuilder();
      const { key, rest } = fullKey(statement.select.where, table);
      const exists = `attribute_exists(${b.name(table.key.hash.name)})`;
      const condition = rest ? `${exists} AND (${b.condition(rest)})` : exists;
      return { kind: 'check', key, condition, names: b.names, values: b.values };
    }
  }
}

function planSelect(select: SelectStatement, table: TableShape): Plan {
  const b = new ExpressionBuilder();
  const shape = table.index?.key ?? table.key;
  refuseOverlappingBranches(select.where, shape);
  const conjuncts = select.where ? flatten(select.where) : [];
  const hash = conjuncts.find((c) => equalityOn(c, shape.hash.name) || inOn(c, shape.hash.name));
  const range = shape.range && conjuncts.find((c) => c !== hash && rangeConditionOn(c, shape.range!.name));
  checkOrderBy(select, shape, hash !== undefined);
  const projection = select.projection && projectionOf(select.projection);
  const rest = conjuncts.filter((c) => c !== hash && c !== range);
  // A Query's filter may not name key attributes (a second sort-key condition, an IN on the sort key): such
  // a statement scans with the whole WHERE as its filter, which a Scan accepts.
  const keyNames = [shape.hash.name, ...(shape.range ? [shape.range.name] : [])];
  if (!hash || rest.some((c) => mentions(c, keyNames))) {
    if (select.orderBy && hash) throw validation(MESSAGES.orderByNoHashKey);
    const filter = select.where && b.condition(select.where);
    return { kind: 'scan', filter, projection, names: b.names, values: b.values };
  }
  const hashEquality = equalityOn(hash, shape.hash.name);
  const rangeEquality = range && equalityOn(range, shape.range!.name);
  if (!table.index && hashEquality && (!shape.range || rangeEquality) && rest.length === 0) {
    const key = [{ name: shape.hash.name, value: hashEquality }];
    if (rangeEquality) key.push({ name: shape.range!.name, value: rangeEquality });
    return { kind: 'get', key, projection, names: b.names, values: b.values };
  }
  const hashValues = hashEquality ? [hashEquality] : inOn(hash, shape.hash.name)!;
  let keyCondition = `${b.name(shape.hash.name)} = :h`;
  if (range) keyCondition += ` AND ${b.condition(range)}`;
  const filter = rest.length ? rest.map((c) => `(${b.condition(c)})`).join(' AND ') : undefined;
  const descending = select.orderBy?.some((o) => o.descending && o.path.root === shape.range?.name) ?? false;
  const hashName = shape.hash.name;
  return { kind: 'query', hashName, hashValues, keyCondition, filter, projection, descending, ...exprs(b) };
}

const exprs = (b: ExpressionBuilder): Expressions => ({ names: b.names, values: b.values });

function checkOrderBy(select: SelectStatement, shape: KeyShape, fixesHash: boolean): void {
  if (!select.orderBy) return;
  if (!select.where) throw validation(MESSAGES.orderByNoWhere);
  if (!fixesHash) throw validation(MESSAGES.orderByNoHashKey);
  for (const { path } of select.orderBy) {
    if (path.steps.length || (path.root !== shape.hash.name && path.root !== shape.range?.name)) {
      throw orderByNonKey(path.root);
    }
  }
}

function projectionOf(paths: Path[]): Projection {
  const seen = new Set<string>();
  const outputs = paths.map((path) => {
    const label = labelOf(path);
    if (seen.has(label)) throw duplicateProjection(label);
    seen.add(label);
    return { path, label };
  });
  return { outputs };
}

/** The name a projected path is answered under: its last name and any list indexes after it (`m.k[1]` → `k[1]`). */
function labelOf(path: Path): string {
  let label = path.root;
  for (const step of path.steps) label = typeof step === 'number' ? `${label}[${step}]` : step;
  return label;
}

/** UPDATE/DELETE/EXISTS: an equality on every key attribute among the top-level AND terms; the rest is a condition. */
function fullKey(where: Expr | undefined, table: TableShape): { key: KeyBinding[]; rest?: Expr } {
  if (table.index) throw validation(MESSAGES.indexWrite);
  const conjuncts = where ? flatten(where) : [];
  const names = [table.key.hash.name, ...(table.key.range ? [table.key.range.name] : [])];
  const used = new Set<Expr>();
  const key = names.map((name) => {
    const matches = conjuncts.filter((c) => equalityOn(c, name));
    if (matches.length === 0) throw validation(MESSAGES.incompleteKey);
    if (matches.length > 1) throw multipleKeyConditions(name);
    used.add(matches[0]!);
    return { name, value: equalityOn(matches[0]!, name)! };
  });
  const rest = conjuncts.filter((c) => !used.has(c));
  return {
    key,
    rest: rest.reduce<Expr | undefined>((l, r) => (l ? { kind: 'and', left: l, right: r } : r), undefined),
  };
}

/** Whether an expression names any of these top-level attributes. */
function mentions(expr: Expr, names: string[]): boolean {
  switch (expr.kind) {
    case 'path':
      return names.includes(expr.path.root);
    case 'and':
    case 'or':
    case 'compare':
    case 'arith':
      return mentions(expr.left, names) || mentions(expr.right, names);
    case 'not':
      return mentions(expr.operand, names);
    case 'between':
      return [expr.operand, expr.low, expr.high].some((e) => mentions(e, names));
    case 'in':
      return [expr.operand, ...expr.items].some((e) => mentions(e, names));
    case 'is':
      return mentions(expr.operand, names);
    case 'call':
      return expr.args.some((e) => mentions(e, names));
    default:
      return false;
  }
}

function flatten(expr: Expr): Expr[] {
  return expr.kind === 'and' ? [...flatten(expr.left), ...flatten(expr.right)] : [expr];
}

const isAttribute = (expr: Expr, name: string) =>
  expr.kind === 'path' && expr.path.root === name && !expr.path.steps.length;

/** `name = value` (either way round): the value. */
function equalityOn(expr: Expr, name: string): Value | undefined {
  if (expr.kind !== 'compare' || expr.op !== '=') return undefined;
  if (isAttribute(expr.left, name) && isValue(expr.right)) return expr.right;
  if (isAttribute(expr.right, name) && isValue(expr.left)) return expr.left;
  return undefined;
}

/** `name IN [v1, v2]`: the values. */
function inOn(expr: Expr, name: string): Value[] | undefined {
  if (expr.kind !== 'in' || !isAttribute(expr.operand, name) || !expr.items.every(isValue)) return undefined;
  return expr.items as Value[];
}

/** A condition Query accepts on the sort key: a comparison with a value, BETWEEN or begins_with. */
function rangeConditionOn(expr: Expr, name: string): boolean {
  if (expr.kind === 'compare') {
    return expr.op !== '<>' && isAttribute(expr.left, name) && isValue(expr.right);
  }
  if (expr.kind === 'between') return isAttribute(expr.operand, name) && isValue(expr.low) && isValue(expr.high);
  if (expr.kind === 'call' && expr.name === 'begins_with') {
    const [path, prefix] = expr.args;
    return expr.args.length === 2 && isAttribute(path!, name) && isValue(prefix!);
  }
  return false;
}
