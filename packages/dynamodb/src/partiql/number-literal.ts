// Number literals in a statement, checked by DynamoDB's number rules where the parser meets them.
import { validation } from '../errors.js';
import { normalizeNumber } from '../model/index.js';
import type { Value } from './ast.js';

/** Where INSERT's item literal sits: AWS names a number inside attribute `m` as `root.x`, not `root.m.x`. */
export const ITEM = '';

/** A number literal, checked by DynamoDB's number rules; AWS appends where it sits: "... under root.x" (pinned). */
export function numberLiteral(text: string, at: string): Value {
  if (at === ITEM) at = 'root';
  try {
    return { kind: 'literal', value: { N: normalizeNumber(text) } };
  } catch (e) {
    if (e instanceof Error) throw validation(`${e.message} under ${at}`);
    throw e;
  }
}
