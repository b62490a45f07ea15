import type { AttributeValue } from './types.js';
export function compareValues(a: AttributeValue, b: AttributeValue): number | undefined { throw new Error('not implemented'); }
export function valuesEqual(a: AttributeValue, b: AttributeValue): boolean { throw new Error('not implemented'); }
