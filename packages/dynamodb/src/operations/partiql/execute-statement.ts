import { Type } from 'typebox';
import { validation } from '../../errors.js';
import { MESSAGES } from '../../partiql/index.js';
import * as S from '../items/common/schemas.js';
import { defineOperation } from '../types.js';
import { prepare } from './support/prepare.js';
import { NextTokenSchema, ParametersSchema, StatementSchema } from './support/schemas.js';
import { runSelect } from './support/select.js';
import { runWrite } from './support/write.js';

export const ExecuteStatementInput = Type.Object({
  Statement: StatementSchema,
  Parameters: Type.Optional(ParametersSchema),
  ConsistentRead: Type.Optional(S.ConsistentReadSchema),
  NextToken: Type.Optional(NextTokenSchema),
  ReturnConsumedCapacity: Type.Optional(S.ReturnConsumedCapacitySchema),
  Limit: Type.Optional(Type.Integer({ minimum: 1 })),
  ReturnValuesOnConditionCheckFailure: Type.Optional(S.ReturnValuesOnConditionCheckFailureSchema),
});

export const executeStatement = defineOperation({
  name: 'ExecuteStatement',
  input: ExecuteStatementInput,
  // Malformed parameter values are worded in the older layer (model/value-faults.ts; paritysuite
  // tier3/error-messages/partiqlParameterNumbers.test.ts and partiqlFunctions.test.ts, October 2026).
  valueLayer: 'older',
  handle(input, ctx) {
    const prepared = prepare(ctx, input.Statement, input.Parameters);
    switch (prepared.plan.kind) {
      case 'get':
      case 'query':
      case 'scan':
        return runSelect(ctx, prepared, input);
      case 'check':
        throw validation(MESSAGES.existsOutsideTx);
      default:
        return runWrite(ctx, prepared, input);
    }
  },
});
