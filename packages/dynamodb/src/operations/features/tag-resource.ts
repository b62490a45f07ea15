import { Type } from 'typebox';
import { defineOperation } from '../types.js';
import { emptyBody } from '../wire-body.js';
import { checkTaggingArn, requireTaggedTable } from './support/resource-arn.js';
import { checkTagsToAdd, MAX_TAGS_PER_RESOURCE, mergeTags, tooManyTags } from './support/tags.js';
import { saveTable } from './support/tables.js';

export const tagResource = defineOperation({
  name: 'TagResource',
  input: Type.Object({
    // Optional here so that a missing ARN gets DynamoDB's own "Invalid TableArn" rather than a null-member message.
    ResourceArn: Type.Optional(Type.String()),
    Tags: Type.Array(Type.Object({ Key: Type.String(), Value: Type.Optional(Type.String()) })),
  }),
  handle(input, ctx) {
    const resource = checkTaggingArn(ctx, input.ResourceArn);
    const tags = checkTagsToAdd(input.Tags);
    const table = requireTaggedTable(resource);
    const merged = mergeTags(table.Tags ?? [], tags);
    if (merged.length > MAX_TAGS_PER_RESOURCE) throw tooManyTags();
    saveTable(ctx, { ...table, Tags: merged });
    return emptyBody();
  },
});
