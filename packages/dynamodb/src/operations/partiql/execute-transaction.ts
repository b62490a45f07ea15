import { Type, type Static } from 'typebox';
import { DynamoDBError, isDynamoDBError, validation } from '../../errors.js';
import { isParameterError, MESSAGES } from '../../partiql/index.js';
import * as S from '../items/common/schemas.js';
import { transactionCanceled, type CancellationReason } from '../../storage/item-writes.js';
import { defineOperation, type OperationContext } from '../types.js';
import { prepare, type Prepared } from './support/prepare.js';
import { boundKey, writeRequest } from './support/requests.js';
import { ParametersSchema, StatementSchema } from './support/schemas.js';
import { projectItem } from './support/wire-items.js';

const ParameterizedStatement = Type.Object({
  Statement: StatementSchema,
  Parameters: Type.Optional(ParametersSchema),
  ReturnValuesOnConditionCheckFailure: Type.Optional(S.ReturnValuesOnConditionCheckFailureSchema),
});

export const ExecuteTransactionInput = Type.Object({
  TransactStatements: Type.Array(ParameterizedStatement, { minItems: 1, maxItems: 100 }),
  ClientRequestToken: Type.Optional(Type.String({ minLength: 1, maxLength: 36 })),
  ReturnConsumedCapacity: Type.Optional(S.ReturnConsumedCapacitySchema),
});

type Request = Static<typeof ExecuteTransactionInput>['TransactStatements'][number];

/** The developer guide: a transaction is all reads or all writes (EXISTS counts as a write's condition check).
 *  The message is ours: no recorded AWS answer was found. */
const KEY_MESSAGES = ['Key attribute should be present in the item:', "Key attribute's data type should match"];

const MIXED = 'Transaction must contain either only read statements or only write statements';

export const executeTransaction = defineOperation({
  name: 'ExecuteTransaction',
  input: ExecuteTransactionInput,
  // Malformed parameter values are worded in the older layer (model/value-faults.ts; paritysuite
  // tier3/error-messages/partiqlParameterNumbers.test.ts and partiqlFunctions.test.ts, October 2026).
  valueLayer: 'older',
  async handle(input, ctx) {
    const prepared = input.TransactStatements.map((request, i) => prepareMember(ctx, request, i));
    const reads = prepared.filter((p) => p.plan.kind === 'get').length;
    if (reads > 0 && reads < prepared.length) throw validation(MIXED);
    return reads > 0 ? runReads(ctx, prepared, input.ReturnConsumedCapacity) : runWrites(ctx, prepared, input);
  },
});

/** Translation errors name the statement: "Validation failed in TransactStatements[i]: ..." (DynamoDB Local's
 *  TransactionProcessor; the same prefix pinned against AWS for a malformed statement). An unknown table is
 *  ResourceNotFoundException as it is. */
function prepareMember(ctx: OperationContext, request: Request, i: number): Prepared {
  try {
    const prepared = prepare(ctx, request.Statement, request.Parameters);
    const { plan } = prepared;
    if (plan.kind === 'query' || plan.kind === 'scan') {
      throw validation(prepared.index ? MESSAGES.txIndex : MESSAGES.txKey);
    }
    if ((plan.kind === 'update' || plan.kind === 'delete') && plan.returnValues) {
      throw validation(MESSAGES.txReturning);
    }
    if (plan.kind === 'get' && prepared.index) throw validation(MESSAGES.txIndex);
    return prepared;
  } catch (e) {
    // A parameter's error is answered as it is (paritysuite partiqlParameterNumbers.test.ts, October 2026).
    if (isDynamoDBError(e) && e.code === 'ValidationException' && !isParameterError(e)) {
      throw validation(`Validation failed in TransactStatements[${i}]: ${e.message}`);
    }
    throw e;
  }
}

async function runReads(ctx: OperationContext, prepared: Prepared[], returnCapacity: string | undefined) {
  const TransactItems = prepared.map(({ plan, table, params }) => {
    if (plan.kind !== 'get') throw new Error('planned as a read');
    return { Get: { TableName: table.TableName, Key: boundKey(plan.key, params) } };
  });
  const answer = (await ctx.engine.dispatch(
    'TransactGetItems',
    { TransactItems, ReturnConsumedCapacity: returnCapacity },
    ctx,
  )) as { Responses: { Item?: Record<string, never> }[]; ConsumedCapacity?: unknown };
  const Responses = answer.Responses.map((r, i) => {
    const { plan } = prepared[i]!;
    const projection = plan.kind === 'get' ? plan.projection : undefined;
    return r.Item && projection ? { Item: projectItem(r.Item, projection) } : r;
  });
  return answer.ConsumedCapacity ? { Responses, ConsumedCapacity: answer.ConsumedCapacity } : { Responses };
}

async function runWrites(
  ctx: OperationContext,
  prepared: Prepared[],
  input: { TransactStatements: Request[]; ClientRequestToken?: string; ReturnConsumedCapacity?: string },
) {
  const requests = prepared.map((p, i) => {
    try {
      const request = writeRequest(p)!;
      const onFailure = input.TransactStatements[i]!.ReturnValuesOnConditionCheckFailure;
      return { [request.op]: { ...request.input, ReturnValuesOnConditionCheckFailure: onFailure } };
    } catch (e) {
      if (!isDynamoDBError(e) || e.code !== 'ValidationException') throw e;
      // DynamoDB Local's TransactionProcessor: an INSERT item without (or with a mistyped) key attribute cancels
      // the transaction with a ValidationError reason in its slot and None in the others.
      if (KEY_MESSAGES.some((m) => e.message.startsWith(m))) {
        throw transactionCanceled(
          prepared.map((_, j) => (j === i ? { Code: 'ValidationError', Message: e.message } : { Code: 'None' })),
        );
      }
      throw validation(`Validation failed in TransactStatements[${i}]: ${e.message}`);
    }
  });
  try {
    const answer = (await ctx.engine.dispatch(
      'TransactWriteItems',
      {
        TransactItems: requests,
        ClientRequestToken: input.ClientRequestToken,
        ReturnConsumedCapacity: input.ReturnConsumedCapacity,
      },
      ctx,
    )) as { ConsumedCapacity?: unknown };
    // A transaction of writes answers an empty Responses list, not one entry per statement (paritysuite
    // tier2/partiql/writeResponses.test.ts, four regions, October 2026).
    return answer.ConsumedCapacity ? { Responses: [], ConsumedCapacity: answer.ConsumedCapacity } : { Responses: [] };
  } catch (e) {
    throw renameInsertFailures(e, prepared);
  }
}

/** An INSERT whose key exists fails its attribute_not_exists check; DynamoDB Local's PartiQL transaction layer
 *  reports it as ValidationError "Duplicate primary key exists in table" (TransactionProcessor's error mapper). */
function renameInsertFailures(e: unknown, prepared: Prepared[]): unknown {
  if (!(e instanceof DynamoDBError) || e.code !== 'TransactionCanceledException') return e;
  const reasons = (e.extra?.CancellationReasons ?? []) as CancellationReason[];
  const renamed = reasons.map((reason, i) =>
    prepared[i]?.plan.kind === 'insert' && reason.Code === 'ConditionalCheckFailed'
      ? { Code: 'ValidationError', Message: MESSAGES.duplicateItem }
      : reason,
  );
  return transactionCanceled(renamed);
}
