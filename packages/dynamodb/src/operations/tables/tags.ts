// Tag rules checked at CreateTable (TagResource, owned by the features group, has the same rules).
import { validation } from '../../errors.js';

export const MAX_TAGS = 50;

export function checkTags(tags: { Key: string; Value: string }[]) {
  const seen = new Set<string>();
  for (const tag of tags) {
    if (tag.Key.startsWith('aws:')) throw validation(`Tag Key cannot be prefixed with aws:, Key: ${tag.Key}`);
    if (seen.has(tag.Key)) throw validation(`Duplicate Tag Keys provided as input: Duplicate Tag Key found ${tag.Key}`);
    seen.add(tag.Key);
  }
  if (tags.length > MAX_TAGS) throw validation('Number of Tags exceed the current limit for the provided ResourceArn');
}
