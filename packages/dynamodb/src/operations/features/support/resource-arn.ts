// Resolves the ResourceArn of the tagging and resource-policy operations to a table of the caller's namespace,
// with DynamoDB's validation order: shape of the ARN first, then region, then existence.
import { resourceNotFound, validation } from '../../../errors.js';
import type { TableMeta } from '../../../storage/types.js';
import type { OperationContext } from '../../types.js';
import { isDynamoDBServiceArn, parseDynamoDBArn, type ParsedDynamoDBArn } from './arn.js';

export interface ResolvedResource {
  arn: ParsedDynamoDBArn;
  /** The table, or undefined when none of that name is usable in the caller's namespace. */
  table: TableMeta | undefined;
}

/** Checks that `resourceArn` names a table (or its stream) of the caller's region; `allowStream` for policies. */
export function parseResourceArn(ctx: OperationContext, resourceArn: string, allowStream: boolean): ResolvedResource {
  if (!resourceArn.startsWith('arn:')) {
    throw validation(`One or more parameter values were invalid: ARNs must start with 'arn:': ${resourceArn}`);
  }
  if (!isDynamoDBServiceArn(resourceArn)) {
    throw validation(
      `One or more parameter values were invalid: Provided Arn is not a DynamoDB resource arn: ${resourceArn}`,
    );
  }
  const arn = parseDynamoDBArn(resourceArn);
  const kind = arn?.subresource.split('/')[0] ?? '';
  const acceptedKind =
    arn !== undefined && (kind === '' || (kind === 'stream' && arn.subresource.length > 'stream/'.length));
  if (!arn || !acceptedKind) {
    throw validation(
      `One or more parameter values were invalid: Invalid resource arn provided, only table or stream is accepted. Provided resource arn: ${resourceArn}`,
    );
  }
  if (arn.region !== ctx.region) {
    throw validation(`Invalid TableArn: Invalid ResourceArn provided as input ${resourceArn}`);
  }
  if (kind === 'stream' && !allowStream) {
    throw resourceNotFound(`Requested resource not found: ResourceArn: ${resourceArn} not found`);
  }
  const candidate = ctx.engine.catalog.get(ctx.namespace, arn.tableName);
  const table =
    candidate && candidate.accountId === arn.accountId && candidate.TableStatus !== 'CREATING' ? candidate : undefined;
  return { arn, table };
}

/** Step 1 of the tagging APIs: the ARN's shape (a missing ARN is "Invalid TableArn", as DynamoDB says). */
export function checkTaggingArn(
  ctx: OperationContext,
  resourceArn: string | undefined,
): ResolvedResource & { raw: string } {
  if (resourceArn === undefined) throw validation('Invalid TableArn');
  return { ...parseResourceArn(ctx, resourceArn, false), raw: resourceArn };
}

/** Step 2, after the request's own members were checked: the table must exist (and not be going away). */
export function requireTaggedTable(resolved: ResolvedResource & { raw: string }): TableMeta {
  const { table } = resolved;
  if (!table || table.TableStatus === 'DELETING') {
    throw resourceNotFound(`Requested resource not found: ResourceArn: ${resolved.raw} not found`);
  }
  return table;
}
