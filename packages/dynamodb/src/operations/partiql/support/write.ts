// Running INSERT / UPDATE / DELETE through the engine's PutItem / UpdateItem / DeleteItem, with PartiQL's
// answers: no items, or the item RETURNING asks for; an INSERT whose key exists is DuplicateItemException.
import { isDynamoDBError } from '../../../errors.js';
import { duplicateItem } from '../../../partiql/index.js';
import type { OperationContext } from '../../types.js';
import type { Prepared } from './prepare.js';
import { writeRequest } from './requests.js';

export interface WriteOptions {
  ReturnConsumedCapacity?: string;
  ReturnValuesOnConditionCheckFailure?: string;
}

const OPERATIONS = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem' } as const;

export async function runWrite(
  ctx: OperationContext,
  prepared: Prepared,
  options: WriteOptions,
): Promise<Record<string, unknown>> {
  const request = writeRequest(prepared);
  if (!request || request.op === 'ConditionCheck') throw new Error(`not a write: ${prepared.plan.kind}`);
  const returnValues = 'returnValues' in request ? request.returnValues : undefined;
  const input = {
    ...request.input,
    ReturnValues: returnValues,
    ReturnConsumedCapacity: options.ReturnConsumedCapacity,
    ReturnValuesOnConditionCheckFailure: request.op === 'Put' ? undefined : options.ReturnValuesOnConditionCheckFailure,
  };
  let answer: Record<string, unknown>;
  try {
    answer = (await ctx.engine.dispatch(OPERATIONS[request.op], input, ctx)) as Record<string, unknown>;
  } catch (e) {
    // moto's AWS-verified PartiQL tests and the AWS CLI examples of the developer guide: INSERT of an existing key.
    if (request.op === 'Put' && isDynamoDBError(e) && e.code === 'ConditionalCheckFailedException') {
      throw duplicateItem();
    }
    throw e;
  }
  const out: Record<string, unknown> = { Items: answer.Attributes ? [answer.Attributes] : [] };
  if (answer.ConsumedCapacity) out.ConsumedCapacity = answer.ConsumedCapacity;
  return out;
}
