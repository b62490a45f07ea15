// ExecuteStatement's NextToken: where the next page starts (which of the statement's Queries, and the key to
// resume after), bound to the statement, its parameters and its table. A token from another request is refused
// with "NextToken does not match request", one that cannot be read with "Invalid NextToken" (both characterised
// on AWS by public conformance suites, eu-west-1, 2026-09).
import { createHash } from 'node:crypto';
import { validation } from '../../../errors.js';
import type { Item } from '../../../model/index.js';
import { MESSAGES } from '../../../partiql/index.js';
import type { Prepared } from './prepare.js';

export interface Resume {
  /** Which Query of the statement (an IN over partition keys runs one per key). */
  part: number;
  /** LastEvaluatedKey of that Query's last page; absent: the part starts from its beginning. */
  key?: Item;
}

function requestHash(prepared: Prepared): string {
  return createHash('sha256')
    .update(`${prepared.table.id}\0${prepared.index ?? ''}\0${prepared.text}\0${JSON.stringify(prepared.params)}`)
    .digest('base64url')
    .slice(0, 22);
}

export function encodeNextToken(prepared: Prepared, resume: Resume): string {
  return Buffer.from(JSON.stringify({ h: requestHash(prepared), ...resume })).toString('base64');
}

export function decodeNextToken(prepared: Prepared, token: string): Resume {
  let decoded: { h?: unknown; part?: unknown; key?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as typeof decoded;
  } catch {
    throw validation(MESSAGES.invalidNextToken);
  }
  if (typeof decoded !== 'object' || decoded === null || typeof decoded.part !== 'number') {
    throw validation(MESSAGES.invalidNextToken);
  }
  if (decoded.h !== requestHash(prepared)) throw validation(MESSAGES.nextTokenMismatch);
  return { part: decoded.part, key: decoded.key as Item | undefined };
}
