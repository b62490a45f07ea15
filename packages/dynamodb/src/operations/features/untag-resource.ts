import { Type } from 'typebox';
import { defineOperation } from '../types.js';
import { emptyBody } from '../wire-body.js';
import { checkTaggingArn, requireTaggedTable } from './support/resource-arn.js';
import { checkTagKeysToRemove } from './support/tags.js';
import { saveTable } from './support/tables.js';

export const untagResource = defineOperation({
  name: 'UntagResource',
  input: Type.Object({
    ResourceArn: Type.Optional(Type.String()),
    TagKeys: Type.Array(Type.String()),
  }),
  handle(input, ctx) {
    const resource = checkTaggingArn(ctx, input.ResourceArn);
    checkTagKeysToRemove(input.TagKeys);
    const table = requireTaggedTable(resource);
    const removed = new Set(input.TagKeys);
    saveTable(ctx, { ...table, Tags: (table.Tags ?? []).filter((t) => !removed.has(t.Key)) });
    return emptyBody();
  },
});
