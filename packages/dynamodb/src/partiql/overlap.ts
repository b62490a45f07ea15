// DynamoDB refuses a SELECT whose OR branches read overlapping sort-key ranges of one partition ("Overlapping
// conditions with range keys are not supported in where clause"), but leaves out of that check every branch whose
// sort-key condition is negated or written with <> (paritysuite tier2/partiql/whereOverlap.test.ts and
// tier3/error-messages/partiqlGrammar.test.ts, eu-west-2 and us-east-1, October 2026). Only overlaps that are
// certain are refused here: a branch with no sort-key condition (the whole partition) beside another branch on the
// same partition key value. Two bounded ranges are not compared (no recording says how DynamoDB compares them).
import { validation } from '../errors.js';
import { valuesEqual, type KeyShape } from '../model/index.js';
import type { Expr, Value } from './ast.js';
import { isValue } from './builder.js';

const OVERLAP = 'Overlapping conditions with range keys are not supported in where clause';

interface Branch {
  hash: Value;
  /** No sort-key condition at all: the branch reads the whole partition. */
  wholePartition: boolean;
}

export function refuseOverlappingBranches(where: Expr | undefined, shape: KeyShape): void {
  if (!where || where.kind !== 'or' || !shape.range) return;
  const branches = orBranches(where)
    .map((conjuncts) => branchOf(conjuncts, shape))
    .filter((b): b is Branch => b !== undefined);
  for (let i = 0; i < branches.length; i++) {
    for (let j = i + 1; j < branches.length; j++) {
      const [a, b] = [branches[i]!, branches[j]!];
      if ((a.wholePartition || b.wholePartition) && sameValue(a.hash, b.hash)) throw validation(OVERLAP);
    }
  }
}

/** The conjuncts of each branch of a chain of ORs. */
function orBranches(expr: Expr): Expr[][] {
  if (expr.kind === 'or') return [...orBranches(expr.left), ...orBranches(expr.right)];
  return [conjuncts(expr)];
}

const conjuncts = (expr: Expr): Expr[] =>
  expr.kind === 'and' ? [...conjuncts(expr.left), ...conjuncts(expr.right)] : [expr];

/** A branch that fixes the partition key and takes part in the check; undefined for any other. */
function branchOf(terms: Expr[], shape: KeyShape): Branch | undefined {
  const hash = terms.map((t) => equalityValue(t, shape.hash.name)).find((v) => v !== undefined);
  if (!hash) return undefined;
  const sortKey = shape.range!.name;
  const onSortKey = terms.filter((t) => names(t, sortKey));
  if (onSortKey.some((t) => t.kind === 'not' || (t.kind === 'compare' && t.op === '<>'))) return undefined;
  return { hash, wholePartition: onSortKey.length === 0 };
}

function equalityValue(expr: Expr, name: string): Value | undefined {
  if (expr.kind !== 'compare' || expr.op !== '=') return undefined;
  if (isPath(expr.left, name) && isValue(expr.right)) return expr.right;
  if (isPath(expr.right, name) && isValue(expr.left)) return expr.left;
  return undefined;
}

const isPath = (expr: Expr, name: string) =>
  expr.kind === 'path' && expr.path.root === name && expr.path.steps.length === 0;

/** Whether a condition reads the attribute (anywhere inside it). */
function names(expr: Expr, name: string): boolean {
  switch (expr.kind) {
    case 'path':
      return expr.path.root === name;
    case 'and':
    case 'or':
    case 'compare':
    case 'arith':
      return names(expr.left, name) || names(expr.right, name);
    case 'not':
    case 'is':
      return names(expr.operand, name);
    case 'between':
      return [expr.operand, expr.low, expr.high].some((e) => names(e, name));
    case 'in':
      return [expr.operand, ...expr.items].some((e) => names(e, name));
    case 'call':
      return expr.args.some((e) => names(e, name));
    default:
      return false;
  }
}

/** Two partition key values known to be equal: the same literal, or the same parameter. */
function sameValue(a: Value, b: Value): boolean {
  if (a.kind === 'literal' && b.kind === 'literal') return valuesEqual(a.value, b.value);
  return a.kind === 'param' && b.kind === 'param' && a.index === b.index;
}
