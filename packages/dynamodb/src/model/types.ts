// DynamoDB's data model, in wire format. Items are kept in this shape end to end (request JSON → storage →
// response JSON) so that nothing is converted on the hot path. B/BS hold base64 strings as on the wire.

export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { M: Item }
  | { L: AttributeValue[] }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] };

export type Item = Record<string, AttributeValue>;

export type AttributeType = 'S' | 'N' | 'B' | 'BOOL' | 'NULL' | 'M' | 'L' | 'SS' | 'NS' | 'BS';
export type ScalarKeyType = 'S' | 'N' | 'B';

export interface KeySchemaElement {
  AttributeName: string;
  KeyType: 'HASH' | 'RANGE';
}

export interface AttributeDefinition {
  AttributeName: string;
  AttributeType: ScalarKeyType;
}

/** A resolved key shape: attribute names and their scalar types. */
export interface KeyShape {
  hash: { name: string; type: ScalarKeyType };
  range?: { name: string; type: ScalarKeyType };
}

/** The type tag of an attribute value ('S', 'N', ...). */
export function typeOf(value: AttributeValue): AttributeType {
  for (const k in value) return k as AttributeType;
  throw new Error('empty attribute value');
}
