// Entry points: parse (syntax trees cached per expression text — they do not depend on the request), then check
// and compile against the request's scope (names and values differ per request, so that part is never cached).
import { validation } from '../errors.js';
import type { ExpressionScope, CompiledCondition, CompiledProjection, CompiledUpdate } from './index.js';
import { parseConditionSyntax, parseProjectionSyntax, parseUpdateSyntax } from './parser.js';
import type { ParsedCondition, PathAst, UpdateSectionAst } from './ast.js';
import { asRequestScope } from './scope.js';
import { Resolver } from './resolve.js';
import { compileCondition } from './condition.js';
import { bindKeyCondition, checkKeyCondition, type KeyConditionTerms } from './key-condition.js';
import { compileUpdate } from './update.js';
import { checkPathsDisjoint, projector } from './paths.js';
import { checkOperatorCount } from './operator-count.js';

export type ExpressionKind = 'ConditionExpression' | 'FilterExpression';

/** DynamoDB's limit on the length of any expression string, in bytes. */
export const MAX_EXPRESSION_BYTES = 4096;
const CACHE_LIMIT = 2000;

function checkSize(expr: string, kind: string): void {
  if (expr === '') throw validation(`Invalid ${kind}: The expression can not be empty;`);
  const bytes = Buffer.byteLength(expr, 'utf8');
  if (bytes > MAX_EXPRESSION_BYTES) {
    // An UpdateExpression's message stops at the semicolon; the others name the size (paritysuite
    // dynamodb-conformance tests/tier3/validation-ordering/deepRequests.test.ts, ten regions, 2026-10-09).
    const tail = kind === 'UpdateExpression' ? '' : ` expression size: ${bytes}`;
    throw validation(`Invalid ${kind}: Expression size has exceeded the maximum allowed size;${tail}`);
  }
}

/**
 * The parser descends recursively, one level per parenthesis, so a 4 KB expression of nothing but "(" (issue 19)
 * runs out of stack before it can report its syntax error. That ends as a ValidationException, never a 500. No
 * recorded DynamoDB answer to such an expression was found; the message names the cause in DynamoDB's style.
 */
function boundedParse<T>(kind: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof RangeError) throw validation(`Invalid ${kind}: The expression has too many nested levels;`);
    throw e;
  }
}

/** A bounded cache of syntax trees. Trees are never mutated after parsing, so sharing them is safe. */
class SyntaxCache<T> {
  private readonly map = new Map<string, T>();
  get(key: string, parse: () => T): T {
    let hit = this.map.get(key);
    if (hit === undefined) {
      hit = parse();
      if (this.map.size >= CACHE_LIMIT) this.map.delete(this.map.keys().next().value!);
      this.map.set(key, hit);
    }
    return hit;
  }
}

const conditionCache = new SyntaxCache<ParsedCondition>();
const projectionCache = new SyntaxCache<PathAst[]>();
const updateCache = new SyntaxCache<UpdateSectionAst[]>();

function parsedCondition(expr: string, kind: string): ParsedCondition {
  // Syntax error messages name the kind, so the kind is part of the key.
  return conditionCache.get(kind + '\u0000' + expr, () => boundedParse(kind, () => parseConditionSyntax(expr, kind)));
}

/** `topNames`, when given, receives the top-level attribute names the condition reads (Query's filter check). */
export function parseCondition(
  expr: string,
  scope: ExpressionScope,
  kind: ExpressionKind,
  topNames?: Set<string>,
): CompiledCondition {
  checkSize(expr, kind);
  const parsed = parsedCondition(expr, kind);
  checkOperatorCount(parsed.ast, kind);
  const evaluate = compileCondition(parsed, new Resolver(asRequestScope(scope), kind, true, topNames));
  return { evaluate };
}

export function parseProjection(expr: string, scope: ExpressionScope): CompiledProjection {
  const kind = 'ProjectionExpression';
  checkSize(expr, kind);
  const asts = projectionCache.get(expr, () => boundedParse(kind, () => parseProjectionSyntax(expr, kind)));
  const r = new Resolver(asRequestScope(scope), kind, true);
  const paths = asts.map((p) => r.path(p));
  r.throwFirst(['reserved', 'attrName']);
  checkPathsDisjoint(kind, paths);
  return { paths, apply: projector(paths) };
}

export function parseUpdate(expr: string, scope: ExpressionScope): CompiledUpdate {
  const kind = 'UpdateExpression';
  checkSize(expr, kind);
  const sections = updateCache.get(expr, () => boundedParse(kind, () => parseUpdateSyntax(expr, kind)));
  return compileUpdate(sections, new Resolver(asRequestScope(scope), kind));
}

/** The checks of a KeyConditionExpression that need no table; bind the result with bindKeyCondition once the
 *  table (or index) queried is known. */
export function parseKeyCondition(expr: string, scope: ExpressionScope): KeyConditionTerms {
  const kind = 'KeyConditionExpression';
  checkSize(expr, kind);
  const parsed = parsedCondition(expr, kind);
  return checkKeyCondition(parsed, new Resolver(asRequestScope(scope), kind, true));
}

export { bindKeyCondition, type KeyConditionTerms };
