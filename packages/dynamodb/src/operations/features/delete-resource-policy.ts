import { Type } from 'typebox';
import { defineOperation } from '../types.js';
import {
  checkExpectedRevision,
  nextRevisionId,
  policyNotFound,
  requirePolicyTable,
} from './support/resource-policy.js';
import { saveTable } from './support/tables.js';
import { ResourceArnSchema } from './support/schemas.js';

export const deleteResourcePolicy = defineOperation({
  name: 'DeleteResourcePolicy',
  input: Type.Object({
    ResourceArn: ResourceArnSchema,
    ExpectedRevisionId: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  }),
  handle(input, ctx) {
    const table = requirePolicyTable(ctx, input.ResourceArn);
    checkExpectedRevision(table, input.ExpectedRevisionId, input.ResourceArn);
    if (!table.ResourcePolicy) throw policyNotFound(input.ResourceArn);
    const RevisionId = nextRevisionId(ctx.engine.now(), table.ResourcePolicy.RevisionId);
    const { ResourcePolicy: _removed, ...rest } = table;
    saveTable(ctx, rest);
    return { RevisionId };
  },
});
