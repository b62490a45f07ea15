import { Type, type Static } from 'typebox';
import { validation } from '../../errors.js';
import { compileStatement, MESSAGES } from '../../partiql/index.js';
import * as S from '../items/common/schemas.js';
import { defineOperation, type OperationContext } from '../types.js';
import { batchStatementError } from './support/batch-errors.js';
import { prepare, type Prepared } from './support/prepare.js';
import { ParametersSchema, StatementSchema } from './support/schemas.js';
import { getItem } from './support/select.js';
import { runWrite } from './support/write.js';

const BatchStatementRequest = Type.Object({
  Statement: StatementSchema,
  Parameters: Type.Optional(ParametersSchema),
  ConsistentRead: Type.Optional(S.ConsistentReadSchema),
  ReturnValuesOnConditionCheckFailure: Type.Optional(S.ReturnValuesOnConditionCheckFailureSchema),
});

export const BatchExecuteStatementInput = Type.Object({
  Statements: Type.Array(BatchStatementRequest, { minItems: 1, maxItems: 25 }),
  ReturnConsumedCapacity: Type.Optional(S.ReturnConsumedCapacitySchema),
});

type Request = Static<typeof BatchExecuteStatementInput>['Statements'][number];

/** Reads and writes cannot share a batch (developer guide, "Running batch operations with PartiQL"); the
 *  message is ours: no recorded AWS answer was found. */
const MIXED = 'Batch operations must contain either only read statements or only write statements';

export const batchExecuteStatement = defineOperation({
  name: 'BatchExecuteStatement',
  input: BatchExecuteStatementInput,
  // Malformed parameter values are worded in the older layer (model/value-faults.ts; paritysuite
  // tier3/error-messages/partiqlParameterNumbers.test.ts and partiqlFunctions.test.ts, October 2026).
  valueLayer: 'older',
  async handle(input, ctx) {
    checkNotMixed(input.Statements);
    const Responses: Record<string, unknown>[] = [];
    let capacity: unknown[] | undefined;
    for (const request of input.Statements) {
      const { response, consumed } = await runOne(ctx, request, input.ReturnConsumedCapacity);
      Responses.push(response);
      if (consumed) (capacity ??= []).push(consumed);
    }
    return capacity ? { Responses, ConsumedCapacity: capacity } : { Responses };
  },
});

function checkNotMixed(requests: Request[]): void {
  let reads = 0;
  for (const r of requests) {
    try {
      if (compileStatement(r.Statement).statement.kind === 'select') reads++;
      else if (compileStatement(r.Statement).statement.kind === 'exists') return; // answered in its own slot
    } catch {
      return; // a statement that does not parse is answered in its own slot
    }
  }
  if (reads > 0 && reads < requests.length) throw validation(MIXED);
}

/** One statement's slot: `{TableName, Item}` for a read, `{TableName}` for a write, `{Error, TableName?}`. */
async function runOne(ctx: OperationContext, request: Request, returnCapacity: string | undefined) {
  let prepared: Prepared | undefined;
  try {
    prepared = prepare(ctx, request.Statement, request.Parameters);
    const TableName = prepared.table.TableName;
    const { plan } = prepared;
    if (plan.kind === 'check') throw validation(MESSAGES.existsOutsideTx);
    if (plan.kind === 'query' || plan.kind === 'scan') throw validation(MESSAGES.batchKey);
    if (plan.kind === 'get') {
      const options = { ConsistentRead: request.ConsistentRead, ReturnConsumedCapacity: returnCapacity };
      const { items, rest } = await getItem(ctx, prepared, plan, options);
      const response: Record<string, unknown> = { TableName };
      if (items[0]) response.Item = JSON.parse(items[0]);
      return { response, consumed: rest.ConsumedCapacity };
    }
    const answer = await runWrite(ctx, prepared, { ...request, ReturnConsumedCapacity: returnCapacity });
    return { response: { TableName }, consumed: answer.ConsumedCapacity };
  } catch (e) {
    const error = batchStatementError(e);
    if (!error) throw e;
    const response: Record<string, unknown> = { Error: error };
    if (prepared) response.TableName = prepared.table.TableName;
    return { response, consumed: undefined };
  }
}
