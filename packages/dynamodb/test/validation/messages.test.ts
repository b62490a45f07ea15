// The schema walker answers like DynamoDB's request layer: SerializationException for JSON types that do not fit,
// one ValidationException listing constraint violations in DynamoDB's words and member paths.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Type from 'typebox';
import { isDynamoDBError, type DynamoDBError } from '../../src/errors.js';
import { operations } from '../../src/operations/index.js';
import { compileValidator, memberName } from '../../src/validation/index.js';

const createTable = compileValidator(operations.get('CreateTable')!.input);
const listTables = compileValidator(operations.get('ListTables')!.input);

function failure(run: () => unknown): DynamoDBError {
  try {
    run();
  } catch (e) {
    if (isDynamoDBError(e)) return e;
    throw e;
  }
  throw new Error('expected the validator to throw');
}

const validationMessage = (run: () => unknown) => {
  const e = failure(run);
  assert.is(e.code, 'ValidationException');
  assert.is(e.type, 'com.amazon.coral.validate#ValidationException');
  return e.message;
};

const serializationMessage = (run: () => unknown) => {
  const e = failure(run);
  assert.is(e.code, 'SerializationException');
  assert.is(e.type, 'com.amazon.coral.service#SerializationException');
  return e.message;
};

test('missing members, patterns and lengths, in DynamoDB order', () => {
  assert.is(
    validationMessage(() => createTable({ TableName: 'abc;' })),
    "3 validation errors detected: Value null at 'attributeDefinitions' failed to satisfy constraint: Member must not be null; " +
      "Value 'abc;' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
      "Value null at 'keySchema' failed to satisfy constraint: Member must not be null",
  );
  assert.is(
    validationMessage(() =>
      createTable({ TableName: 'ab', AttributeDefinitions: [], KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }] }),
    ),
    "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3",
  );
  const long = 'a'.repeat(256);
  assert.is(
    validationMessage(() =>
      createTable({ TableName: long, AttributeDefinitions: [], KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }] }),
    ),
    `1 validation error detected: Value '${long}' at 'tableName' failed to satisfy constraint: Member must have length less than or equal to 255`,
  );
});

test('nested members: structures, list members, bounds and enums', () => {
  assert.is(
    validationMessage(() => createTable({ TableName: 'abc', AttributeDefinitions: [], ProvisionedThroughput: {} })),
    "3 validation errors detected: Value null at 'provisionedThroughput.writeCapacityUnits' failed to satisfy constraint: Member must not be null; " +
      "Value null at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must not be null; " +
      "Value null at 'keySchema' failed to satisfy constraint: Member must not be null",
  );
  assert.is(
    validationMessage(() =>
      createTable({
        TableName: 'abc',
        AttributeDefinitions: [{ AttributeName: 'b', AttributeType: 'SS' }],
        KeySchema: [{ KeyType: 'HASH' }, { AttributeName: 'a' }, { KeyType: 'Woop', AttributeName: 'a' }],
        ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: -1 },
      }),
    ),
    "7 validation errors detected: Value 'SS' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]; " +
      "Value '-1' at 'provisionedThroughput.writeCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
      "Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
      "Value '[{KeyType: HASH}, {AttributeName: a}, {KeyType: Woop,AttributeName: a}]' at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2; " +
      "Value null at 'keySchema.1.member.attributeName' failed to satisfy constraint: Member must not be null; " +
      "Value null at 'keySchema.2.member.keyType' failed to satisfy constraint: Member must not be null; " +
      "Value 'Woop' at 'keySchema.3.member.keyType' failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]",
  );
});

test('at most ten violations are reported', () => {
  const message = validationMessage(() =>
    createTable({
      TableName: 'abc',
      AttributeDefinitions: [],
      KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }],
      LocalSecondaryIndexes: [{}, {}, {}, {}, {}],
    }),
  );
  assert.ok(message.startsWith('10 validation errors detected: '), message);
  assert.is(message.split('; ').length, 10);
  assert.ok(
    message.includes(
      "Value null at 'localSecondaryIndexes.1.member.indexName' failed to satisfy constraint: Member must not be null",
    ),
  );
});

// The texts per member kind: dynalite test/helpers.js assertType, its newer revision (validation/serialization-texts.ts).
test('JSON types that do not fit are SerializationExceptions, before any constraint', () => {
  assert.is(
    serializationMessage(() => createTable({ TableName: 5 })),
    'NUMBER_VALUE cannot be converted to String',
  );
  assert.is(
    serializationMessage(() => createTable({ TableName: true })),
    'TRUE_VALUE cannot be converted to String',
  );
  assert.is(
    serializationMessage(() => createTable({ TableName: 'ab', KeySchema: 'x' })),
    'Unexpected field type',
  );
  assert.is(
    serializationMessage(() => createTable({ TableName: 'ab', KeySchema: {} })),
    'Start of structure or map found where not expected',
  );
  assert.is(
    serializationMessage(() => createTable({ TableName: ['x'] })),
    'Unrecognized collection type class java.lang.String',
  );
  assert.is(
    serializationMessage(() => createTable({ TableName: { S: 'x' } })),
    'Start of structure or map found where not expected',
  );
  assert.is(
    serializationMessage(() =>
      createTable({ TableName: 'x', ProvisionedThroughput: { ReadCapacityUnits: '5', WriteCapacityUnits: 1 } }),
    ),
    'STRING_VALUE cannot be converted to Long',
  );
  assert.is(
    serializationMessage(() => createTable({ TableName: 'ab', KeySchema: [['x']] })),
    'Start of list found where not expected',
  );
  assert.is(
    serializationMessage(() => createTable({ TableName: 'ab', DeletionProtectionEnabled: 'yes' })),
    'Unexpected token received from parser',
  );
  assert.is(
    serializationMessage(() => listTables({ Limit: false })),
    'FALSE_VALUE cannot be converted to Integer',
  );
  assert.is(
    serializationMessage(() => listTables([])),
    'Start of list found where not expected',
  );
});

test('null is absent, unknown members are ignored, fractional integers are truncated', () => {
  assert.equal(listTables({ Limit: null, Foo: 1 }), { Limit: null, Foo: 1 });
  assert.equal(listTables({ Limit: 7.9 }), { Limit: 7 });
  assert.is(
    validationMessage(() => listTables({ Limit: 0, ExclusiveStartTableName: 'a;' })),
    "3 validation errors detected: Value 'a;' at 'exclusiveStartTableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
      "Value 'a;' at 'exclusiveStartTableName' failed to satisfy constraint: Member must have length greater than or equal to 3; " +
      "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
  );
  assert.is(
    validationMessage(() => listTables({ Limit: 101 })),
    "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100",
  );
});

test('any operation schema works by declaring input: Type.Enum, maps and item-like members', () => {
  const check = compileValidator(
    Type.Object({
      Select: Type.Optional(Type.Enum(['ALL_ATTRIBUTES', 'COUNT'])),
      Tags: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 2 }), { maxProperties: 1 })),
      Item: Type.Optional(Type.Unknown()),
    }),
  );
  assert.is(
    validationMessage(() => check({ Select: 'X', Tags: { a: 'long', b: 'x' } })),
    "3 validation errors detected: Value 'X' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [ALL_ATTRIBUTES, COUNT]; " +
      "Value '{a: long,b: x}' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 1; " +
      "Value 'long' at 'tags.a.member' failed to satisfy constraint: Member must have length less than or equal to 2",
  );
  assert.equal(check({ Item: { anything: { S: 1 } } }), { Item: { anything: { S: 1 } } });
  assert.is(
    serializationMessage(() => check({ Tags: { a: 1 } })),
    'NUMBER_VALUE cannot be converted to String',
  );
});

test('member names print in lowerCamelCase as DynamoDB does', () => {
  assert.is(memberName('TableName'), 'tableName');
  assert.is(memberName('SSESpecification'), 'sSESpecification');
});

test.run();
