import type { AttributeValue, ScalarKeyType } from './types.js';
export function encodeKeyValue(value: AttributeValue, type: ScalarKeyType): Buffer { throw new Error('not implemented'); }
export function decodeKeyValue(buf: Uint8Array, offset: number, type: ScalarKeyType): { value: AttributeValue; end: number } { throw new Error('not implemented'); }
export function hashPrefix(encodedPartitionKey: Uint8Array): Buffer { throw new Error('not implemented'); }
export function segmentRange(segment: number, totalSegments: number): { start: number; end: number } { throw new Error('not implemented'); }
