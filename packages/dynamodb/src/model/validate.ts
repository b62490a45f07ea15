import type { AttributeValue, Item } from './types.js';
export function validateAttributeValue(value: unknown, _member?: string): AttributeValue {
  throw new Error('not implemented: validateAttributeValue');
}
export function validateItem(item: unknown, _member?: string): Item {
  throw new Error('not implemented: validateItem');
}
