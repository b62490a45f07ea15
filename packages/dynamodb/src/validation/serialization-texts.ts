// What DynamoDB's JSON layer answers (SerializationException) when a member holds the wrong JSON type: one table,
// per member kind, of the text for each JSON type found. Evidence: dynalite's test/helpers.js `assertType` table
// (its newer revision, re-run against DynamoDB: "NUMBER_VALUE cannot be converted to String", "Unrecognized
// collection type class java.lang.String", ...), which replaced the older "class java.lang.Short can not be
// converted to an String" texts; where the two disagree the newer wins. Kinds it does not cover keep coral's
// generic texts ("Unexpected field type", "Start of list found where not expected").

/** Member kinds as DynamoDB's model declares them. `AttributeValue` is an attribute value in a map or list. */
export type MemberKind =
  | 'String'
  | 'Boolean'
  | 'Integer'
  | 'Long'
  | 'Double'
  | 'Blob'
  | 'List'
  | 'Map'
  | 'AttributeMap'
  | 'Structure'
  | 'AttributeValue';

type JsonKind = 'string' | 'true' | 'false' | 'integer' | 'decimal' | 'array' | 'object';

const jsonKindOf = (value: unknown): JsonKind =>
  typeof value === 'string'
    ? 'string'
    : value === true
      ? 'true'
      : value === false
        ? 'false'
        : typeof value === 'number'
          ? Number.isInteger(value)
            ? 'integer'
            : 'decimal'
          : Array.isArray(value)
            ? 'array'
            : 'object';

const TOKEN: Record<JsonKind, string> = {
  string: 'STRING_VALUE',
  true: 'TRUE_VALUE',
  false: 'FALSE_VALUE',
  integer: 'NUMBER_VALUE',
  decimal: 'DECIMAL_VALUE',
  array: 'START_ARRAY',
  object: 'START_OBJECT',
};

const START_OF_STRUCTURE = 'Start of structure or map found where not expected';
const START_OF_LIST = 'Start of list found where not expected';
const UNEXPECTED_FIELD = 'Unexpected field type';
const MODEL = 'com.amazonaws.dynamodb.v20120810';

/** A scalar member of a Java type: "<TOKEN> cannot be converted to <Type>", collections named by class. */
function scalar(javaType: string, found: JsonKind): string {
  if (found === 'array') return `Unrecognized collection type class java.lang.${javaType}`;
  if (found === 'object') return START_OF_STRUCTURE;
  return `${TOKEN[found]} cannot be converted to ${javaType}`;
}

const TEXTS: Record<MemberKind, (found: JsonKind) => string> = {
  String: (found) => scalar('String', found),
  Integer: (found) => scalar('Integer', found),
  Long: (found) => scalar('Long', found),
  Double: (found) => scalar('Double', found),
  Boolean: (found) => (found === 'string' ? 'Unexpected token received from parser' : scalar('Boolean', found)),
  Blob: (found) =>
    found === 'array'
      ? 'Unrecognized collection type class java.nio.ByteBuffer'
      : found === 'object'
        ? START_OF_STRUCTURE
        : 'only base-64-encoded strings are convertible to bytes',
  List: (found) => (found === 'object' ? START_OF_STRUCTURE : UNEXPECTED_FIELD),
  // A map or structure whose element shape the table does not name: coral's generic texts.
  Map: (found) => (found === 'array' ? START_OF_LIST : UNEXPECTED_FIELD),
  Structure: (found) => (found === 'array' ? START_OF_LIST : UNEXPECTED_FIELD),
  AttributeMap: (found) =>
    found === 'array'
      ? `Unrecognized collection type java.util.Map<java.lang.String, ${MODEL}.AttributeValue>`
      : UNEXPECTED_FIELD,
  AttributeValue: (found) =>
    found === 'array'
      ? `Unrecognized collection type class ${MODEL}.AttributeValue`
      : 'Unexpected value type in payload',
};

/** The SerializationException text for `value` found where a member of `kind` belongs. */
export const wrongJsonType = (kind: MemberKind, value: unknown): string => TEXTS[kind](jsonKindOf(value));
