// ListStreams: the caller's streams (enabled ones, and disabled ones for 24 hours), optionally of one table, in
// ARN order, paged by Limit (at most 100, API reference) and ExclusiveStartStreamArn / LastEvaluatedStreamArn.
import Type from 'typebox';
import { resourceNotFound } from '../../errors.js';
import { defineOperation } from '../../operations/types.js';
import { checkStreamArn, currentStreams, StreamArn, STREAMS_OPERATION_PREFIX, TableName } from './common.js';

const MAX_LIMIT = 100;

export const listStreams = defineOperation({
  name: `${STREAMS_OPERATION_PREFIX}ListStreams`,
  input: Type.Object({
    ExclusiveStartStreamArn: Type.Optional(StreamArn),
    Limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, javaType: 'Integer' })),
    TableName: Type.Optional(TableName),
  }),
  handle(input, ctx) {
    const start = input.ExclusiveStartStreamArn;
    if (start !== undefined) checkStreamArn(start);
    const streams = currentStreams(ctx);
    const mine = streams.storage
      .streams()
      .filter(
        (s) => s.namespace === ctx.namespace && (input.TableName === undefined || s.tableName === input.TableName),
      );
    // A table that neither exists nor left a stream behind: the API reference lists ResourceNotFoundException.
    if (input.TableName !== undefined && mine.length === 0 && !ctx.engine.catalog.get(ctx.namespace, input.TableName)) {
      throw resourceNotFound(`Requested resource not found: Table: ${input.TableName} not found`);
    }
    const after = start === undefined ? mine : mine.filter((s) => s.arn > start);
    const limit = input.Limit ?? MAX_LIMIT;
    const page = after.slice(0, limit);
    return {
      Streams: page.map((s) => ({ StreamArn: s.arn, TableName: s.tableName, StreamLabel: s.label })),
      ...(after.length > limit && { LastEvaluatedStreamArn: page[page.length - 1]!.arn }),
    };
  },
});
