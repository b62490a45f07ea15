import { Type } from 'typebox';
import { defineOperation } from '../types.js';
import {
  checkExpectedRevision,
  checkPolicyDocument,
  nextRevisionId,
  requirePolicyTable,
} from './support/resource-policy.js';
import { saveTable } from './support/tables.js';
import { ResourceArnSchema } from './support/schemas.js';

export const putResourcePolicy = defineOperation({
  name: 'PutResourcePolicy',
  input: Type.Object({
    ResourceArn: ResourceArnSchema,
    Policy: Type.String(),
    ExpectedRevisionId: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    ConfirmRemoveSelfResourceAccess: Type.Optional(Type.Boolean()),
  }),
  handle(input, ctx) {
    const table = requirePolicyTable(ctx, input.ResourceArn);
    checkPolicyDocument(input.Policy);
    checkExpectedRevision(table, input.ExpectedRevisionId, input.ResourceArn);
    const RevisionId = nextRevisionId(ctx.engine.now(), table.ResourcePolicy?.RevisionId);
    saveTable(ctx, { ...table, ResourcePolicy: { Policy: input.Policy, RevisionId } });
    return { RevisionId };
  },
});
