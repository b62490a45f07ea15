import Type from 'typebox';
import { defineOperation } from '../types.js';

export const describeEndpoints = defineOperation({
  name: 'DescribeEndpoints',
  input: Type.Object({}),
  // The endpoint the client used (DynamoDB answers its own regional endpoint, i.e. the one called): a client that
  // follows endpoint discovery must keep talking to this server (ScyllaDB's test_describe_endpoints.py calls the
  // address it gets). In-process callers name no host and get DynamoDB's regional name.
  handle(_request, ctx) {
    const address = ctx.endpoint ?? `dynamodb.${ctx.region}.amazonaws.com`;
    return { Endpoints: [{ Address: address, CachePeriodInMinutes: 1440 }] };
  },
});
