// Shared rules of Put/Get/DeleteResourcePolicy. Policies attach to tables (TableMeta.ResourcePolicy); a RevisionId
// is the epoch-millisecond string of the write, as DynamoDB's are.
import { DynamoDBError, validation } from '../../../errors.js';
import type { TableMeta } from '../../../storage/types.js';
import type { OperationContext } from '../../types.js';
import { parseResourceArn } from './resource-arn.js';
import { tableNotFoundResource } from '../../table-lookup.js';

export const MAX_POLICY_BYTES = 20480;
export const NO_POLICY = 'NO_POLICY';

export function requirePolicyTable(ctx: OperationContext, resourceArn: string): TableMeta {
  const { arn, table } = parseResourceArn(ctx, resourceArn, false);
  if (!table) throw tableNotFoundResource(arn.tableName);
  return table;
}

export const policyNotFound = (detail: string) =>
  new DynamoDBError(
    'PolicyNotFoundException',
    `Resource-based policy not found for the provided ResourceArn: ${detail}`,
  );

/** ExpectedRevisionId semantics: NO_POLICY means "only if none exists", any other value must match. */
export function checkExpectedRevision(table: TableMeta, expected: string | undefined, resourceArn: string): void {
  if (expected === undefined) return;
  const current = table.ResourcePolicy;
  if (expected === NO_POLICY) {
    if (current) {
      throw policyNotFound(
        `Requested policy update expecting none to be present for table ${table.TableName}, but a policy exists with revision id ${current.RevisionId}.`,
      );
    }
    return;
  }
  if (!current) throw policyNotFound(resourceArn);
  if (current.RevisionId !== expected) {
    throw policyNotFound(
      `Requested update for policy with revision id ${expected}, but the policy associated to target table ${table.TableName} has revision id ${current.RevisionId}.`,
    );
  }
}

export function checkPolicyDocument(policy: string): void {
  const invalid = (detail: string) => validation(`One or more parameter values were invalid: ${detail}`);
  if (Buffer.byteLength(policy, 'utf8') > MAX_POLICY_BYTES)
    throw invalid(`Maximum policy size of ${MAX_POLICY_BYTES} bytes exceeded`);
  let document: unknown;
  try {
    document = JSON.parse(policy);
  } catch {
    throw invalid('Invalid policy document: This policy contains invalid Json');
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw invalid('Invalid policy document: This policy contains invalid Json');
  }
  const statement = (document as { Statement?: unknown }).Statement;
  if (statement === undefined || (Array.isArray(statement) && statement.length === 0)) {
    throw invalid('Invalid policy document: Could not parse the policy: Statement is empty!');
  }
}

/** A fresh revision id, strictly after the previous one even within the same millisecond. */
export function nextRevisionId(now: number, previous: string | undefined): string {
  const last = previous !== undefined && /^\d+$/.test(previous) ? Number(previous) : 0;
  return String(Math.max(now, last + 1));
}
