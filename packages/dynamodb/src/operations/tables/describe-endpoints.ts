import Type from 'typebox';
import { defineOperation } from '../types.js';

export const describeEndpoints = defineOperation({
  name: 'DescribeEndpoints',
  input: Type.Object({}),
  handle(_request, ctx) {
    return { Endpoints: [{ Address: `dynamodb.${ctx.region}.amazonaws.com`, CachePeriodInMinutes: 1440 }] };
  },
});
