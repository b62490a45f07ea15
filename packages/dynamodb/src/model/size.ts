import type { AttributeValue, Item } from './types.js';
export function itemSize(item: Item): number { throw new Error('not implemented'); }
export function attributeValueSize(value: AttributeValue): number { throw new Error('not implemented'); }
