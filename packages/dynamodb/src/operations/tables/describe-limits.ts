import Type from 'typebox';
import { defineOperation } from '../types.js';

/** DynamoDB's default account and table quotas (the values a fresh AWS account reports). */
export const describeLimits = defineOperation({
  name: 'DescribeLimits',
  input: Type.Object({}),
  handle() {
    return {
      AccountMaxReadCapacityUnits: 80000,
      AccountMaxWriteCapacityUnits: 80000,
      TableMaxReadCapacityUnits: 40000,
      TableMaxWriteCapacityUnits: 40000,
    };
  },
});
