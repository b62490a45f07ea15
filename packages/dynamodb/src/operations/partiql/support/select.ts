// Running a SELECT through the engine's own GetItem, Query or Scan (whichever the plan chose), one page per
// ExecuteStatement call: `Limit` counts items read, as in Query/Scan; an IN over partition keys runs one Query
// per key, in the order written, and continues with the next key while the page has room.
import { validation } from '../../../errors.js';
import type { Item } from '../../../model/index.js';
import { bindValue, MESSAGES, type Plan } from '../../../partiql/index.js';
import type { OperationContext } from '../../types.js';
import { wireBody, type WireBody } from '../../wire-body.js';
import { decodeNextToken, encodeNextToken, type Resume } from './next-token.js';
import type { Prepared } from './prepare.js';
import { boundKey, expressionMembers } from './requests.js';
import { addCapacity, projectItem, splitWireBody, type ItemsAndRest } from './wire-items.js';

export interface ReadOptions {
  ConsistentRead?: boolean;
  Limit?: number;
  NextToken?: string;
  ReturnConsumedCapacity?: string;
}

type ReadPlan = Extract<Plan, { kind: 'get' | 'query' | 'scan' }>;

export async function runSelect(ctx: OperationContext, prepared: Prepared, options: ReadOptions): Promise<WireBody> {
  const plan = prepared.plan as ReadPlan;
  if (options.ConsistentRead && prepared.index && isGlobal(prepared)) throw validation(MESSAGES.consistentGsi);
  if (plan.kind === 'get') {
    const { items, rest } = await getItem(ctx, prepared, plan, options);
    return wireBody('Items', items, { ConsumedCapacity: rest.ConsumedCapacity });
  }
  const resume: Resume = options.NextToken ? decodeNextToken(prepared, options.NextToken) : { part: 0 };
  const parts = plan.kind === 'query' ? plan.hashValues.length : 1;
  const items: string[] = [];
  let capacity: unknown;
  let next: Resume | undefined;
  let remaining = options.Limit;
  for (let part = resume.part, start = resume.key; part < parts; part++, start = undefined) {
    const page = await readPart(ctx, prepared, plan, part, start, { ...options, Limit: remaining });
    items.push(...page.items);
    capacity = addCapacity(capacity, page.rest.ConsumedCapacity);
    const lastKey = page.rest.LastEvaluatedKey as Item | undefined;
    if (lastKey) {
      next = { part, key: lastKey };
      break;
    }
    if (remaining !== undefined) {
      remaining -= page.rest.ScannedCount as number;
      if (remaining <= 0) {
        if (part + 1 < parts) next = { part: part + 1 };
        break;
      }
    }
  }
  return wireBody('Items', items, {
    NextToken: next && encodeNextToken(prepared, next),
    ConsumedCapacity: capacity,
  });
}

const isGlobal = (prepared: Prepared) =>
  prepared.table.GlobalSecondaryIndexes.some((i) => i.IndexName === prepared.index);

/** GetItem for a SELECT that names the whole primary key (also the reads of batches and transactions). */
export async function getItem(
  ctx: OperationContext,
  prepared: Prepared,
  plan: Extract<Plan, { kind: 'get' }>,
  options: ReadOptions,
): Promise<ItemsAndRest> {
  const input: Record<string, unknown> = {
    TableName: prepared.table.TableName,
    Key: boundKey(plan.key, prepared.params),
    ConsistentRead: options.ConsistentRead,
    ReturnConsumedCapacity: options.ReturnConsumedCapacity,
  };
  return read(ctx, 'GetItem', 'Item', withProjection(input, plan), plan);
}

function readPart(
  ctx: OperationContext,
  prepared: Prepared,
  plan: Extract<Plan, { kind: 'query' | 'scan' }>,
  part: number,
  start: Item | undefined,
  options: ReadOptions,
): Promise<ItemsAndRest> {
  const { params } = prepared;
  const input: Record<string, unknown> = {
    TableName: prepared.table.TableName,
    IndexName: prepared.index,
    ConsistentRead: options.ConsistentRead,
    ReturnConsumedCapacity: options.ReturnConsumedCapacity,
    Limit: options.Limit,
    ExclusiveStartKey: start,
    FilterExpression: plan.filter,
  };
  if (plan.kind === 'query') {
    input.KeyConditionExpression = plan.keyCondition;
    input.ScanIndexForward = !plan.descending;
    Object.assign(input, expressionMembers(plan, params, { ':h': bindHash(plan, part, params) }));
  } else Object.assign(input, expressionMembers(plan, params));
  return read(ctx, plan.kind === 'query' ? 'Query' : 'Scan', 'Items', withProjection(input, plan), plan);
}

function bindHash(plan: Extract<Plan, { kind: 'query' }>, part: number, params: Prepared['params']) {
  return bindValue(plan.hashValues[part]!, params);
}

function withProjection(input: Record<string, unknown>, plan: ReadPlan): Record<string, unknown> {
  if (Object.keys(plan.names).length) input.ExpressionAttributeNames = plan.names;
  return input;
}

/** Whole items go through as stored text; projected ones are decoded to be renamed (projectItem). */
async function read(
  ctx: OperationContext,
  operation: string,
  member: 'Item' | 'Items',
  input: Record<string, unknown>,
  plan: ReadPlan,
): Promise<ItemsAndRest> {
  const { projection } = plan;
  if (!projection) return splitWireBody(await ctx.engine.dispatchWire(operation, input, ctx), member);
  const { [member]: found, ...rest } = (await ctx.engine.dispatch(operation, input, ctx)) as Record<string, unknown>;
  const list = (found === undefined ? [] : member === 'Items' ? found : [found]) as Item[];
  return { items: list.map((item) => JSON.stringify(projectItem(item, projection))), rest };
}
