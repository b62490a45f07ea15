// Tag rules of TagResource/UntagResource (messages as DynamoDB sends them; checked before the table lookup).
import { validation } from '../../../errors.js';

export const MAX_TAGS_PER_RESOURCE = 50;
const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 256;
// Letters, numbers and spaces representable in UTF-8, plus _ . : / = + - @ (AWS tagging rules).
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export interface Tag {
  Key: string;
  Value: string;
}

export function checkTagKey(key: string): void {
  if (key.length < 1 || key.length > MAX_KEY_LENGTH || !TAG_CHARACTERS.test(key)) {
    throw validation(`The Tag Key provided is invalid, Key: ${key}`);
  }
}

export function checkTagsToAdd(tags: { Key: string; Value?: string }[]): Tag[] {
  if (tags.length === 0) throw validation('Atleast one Tag needs to be provided as Input.');
  return checkTagSet(tags);
}

/** Every rule of a tag list except "not empty" (CreateTable accepts Tags: []). */
export function checkTagSet(tags: { Key: string; Value?: string }[]): Tag[] {
  const seen = new Set<string>();
  for (const tag of tags) {
    checkTagKey(tag.Key);
    if (tag.Key.toLowerCase().startsWith('aws:'))
      throw validation(`Tag Key cannot be prefixed with aws:, Key: ${tag.Key}`);
    if (tag.Value === undefined) throw validation('The Tag Value provided is invalid, Value: null');
    if (tag.Value.length > MAX_VALUE_LENGTH || !TAG_CHARACTERS.test(tag.Value)) {
      throw validation(`The Tag Value provided is invalid, Value: ${tag.Value}`);
    }
    if (seen.has(tag.Key)) throw validation(`Duplicate Tag Keys provided as input: Duplicate Tag Key found ${tag.Key}`);
    seen.add(tag.Key);
  }
  if (tags.length > MAX_TAGS_PER_RESOURCE) throw tooManyTags();
  return tags as Tag[];
}

export function checkTagKeysToRemove(keys: string[]): void {
  if (keys.length === 0) throw validation('Atleast one Tag Key needs to be provided as Input.');
  for (const key of keys) checkTagKey(key);
  if (keys.length > MAX_TAGS_PER_RESOURCE) throw tooManyTags();
}

export const tooManyTags = () => validation('Number of Tags exceed the current limit for the provided ResourceArn');

/** Adds or overwrites tags, keeping the position of keys that already existed. */
export function mergeTags(current: Tag[], added: Tag[]): Tag[] {
  const merged = current.map((t) => ({ ...t }));
  for (const tag of added) {
    const existing = merged.find((t) => t.Key === tag.Key);
    if (existing) existing.Value = tag.Value;
    else merged.push({ Key: tag.Key, Value: tag.Value });
  }
  return merged;
}
