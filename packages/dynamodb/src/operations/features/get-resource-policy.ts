import { Type } from 'typebox';
import { defineOperation } from '../types.js';
import { policyNotFound, requirePolicyTable } from './support/resource-policy.js';
import { ResourceArnSchema } from './support/schemas.js';

export const getResourcePolicy = defineOperation({
  name: 'GetResourcePolicy',
  input: Type.Object({ ResourceArn: ResourceArnSchema }),
  handle(input, ctx) {
    const table = requirePolicyTable(ctx, input.ResourceArn);
    // The ACK controller maps PolicyNotFoundException to "no policy".
    if (!table.ResourcePolicy) throw policyNotFound(input.ResourceArn);
    return { Policy: table.ResourcePolicy.Policy, RevisionId: table.ResourcePolicy.RevisionId };
  },
});
