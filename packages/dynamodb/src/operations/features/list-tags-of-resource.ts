import { Type } from 'typebox';
import { validation } from '../../errors.js';
import { defineOperation } from '../types.js';
import { checkTaggingArn, requireTaggedTable } from './support/resource-arn.js';
import { MAX_TAGS_PER_RESOURCE } from './support/tags.js';

// A resource holds at most 50 tags and one page carries 50, so NextToken is only ever honoured, never issued:
// clients that page (the ACK controller does) and clients that do not both see every tag.
const PAGE_SIZE = MAX_TAGS_PER_RESOURCE;

export const listTagsOfResource = defineOperation({
  name: 'ListTagsOfResource',
  input: Type.Object({
    ResourceArn: Type.Optional(Type.String()),
    NextToken: Type.Optional(Type.String()),
  }),
  handle(input, ctx) {
    const table = requireTaggedTable(checkTaggingArn(ctx, input.ResourceArn));
    const start = input.NextToken === undefined ? 0 : decodeToken(input.NextToken);
    const tags = (table.Tags ?? []).slice(start, start + PAGE_SIZE);
    const next = start + PAGE_SIZE < (table.Tags ?? []).length ? String(start + PAGE_SIZE) : undefined;
    return next === undefined ? { Tags: tags } : { Tags: tags, NextToken: next };
  },
});

function decodeToken(token: string): number {
  if (!/^\d{1,3}$/.test(token)) throw validation('Invalid NextToken');
  return Number(token);
}
