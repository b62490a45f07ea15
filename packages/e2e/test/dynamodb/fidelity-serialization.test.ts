// SerializationException texts for each wrong JSON type, per member kind, over raw HTTP (the SDKs cannot send a
// mistyped member). Evidence: dynalite test/helpers.js `assertType`, its newer revision, run against DynamoDB (one
// table per kind: String, Integer/Long, Boolean, Blob, List, Map<AttributeValue>, AttributeValue); our table is
// packages/dynamodb/src/validation/serialization-texts.ts. Kinds the table does not name keep coral's generic texts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTable, startItemsServer, type ItemsServer } from './items-harness.js';

let s: ItemsServer;

test.before(async () => {
  s = await startItemsServer();
  await createTable(s.client, {
    TableName: 'ser',
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  });
});
test.after(async () => {
  await s?.close();
});

const SERIALIZATION = 'com.amazon.coral.service#SerializationException';

/** Each [value, text] sent at the member `place` builds into the request. */
async function expectTexts(target: string, place: (v: unknown) => unknown, cases: [unknown, string][]) {
  for (const [value, text] of cases) {
    const r = await s.raw(target, place(value));
    assert.is(r.status, 400, `${target} ${JSON.stringify(value)}`);
    // DynamoDB capitalises the key on serialization errors ("Message").
    assert.equal(r.body, { __type: SERIALIZATION, Message: text }, `${target} ${JSON.stringify(value)}`);
  }
}

const STRUCT = 'Start of structure or map found where not expected';

test('String members (TableName, an S value)', async () => {
  const cases: [unknown, string][] = [
    [true, 'TRUE_VALUE cannot be converted to String'],
    [false, 'FALSE_VALUE cannot be converted to String'],
    [23, 'NUMBER_VALUE cannot be converted to String'],
    [2147483648, 'NUMBER_VALUE cannot be converted to String'],
    [34.56, 'DECIMAL_VALUE cannot be converted to String'],
    [[], 'Unrecognized collection type class java.lang.String'],
    [{}, STRUCT],
  ];
  await expectTexts('DescribeTable', (v) => ({ TableName: v }), cases);
  await expectTexts('PutItem', (v) => ({ TableName: 'ser', Item: { pk: { S: 'k' }, a: { S: v } } }), cases);
  await expectTexts('PutItem', (v) => ({ TableName: 'ser', Item: { pk: { S: 'k' }, a: { NS: [v] } } }), cases);
});

test('Integer, Long and Boolean members', async () => {
  await expectTexts('ListTables', (v) => ({ Limit: v }), [
    ['23', 'STRING_VALUE cannot be converted to Integer'],
    [true, 'TRUE_VALUE cannot be converted to Integer'],
    [[], 'Unrecognized collection type class java.lang.Integer'],
    [{}, STRUCT],
  ]);
  await expectTexts('Scan', (v) => ({ TableName: 'ser', ConsistentRead: v }), [
    ['23', 'Unexpected token received from parser'],
    [23, 'NUMBER_VALUE cannot be converted to Boolean'],
    [34.56, 'DECIMAL_VALUE cannot be converted to Boolean'],
    [[], 'Unrecognized collection type class java.lang.Boolean'],
    [{}, STRUCT],
  ]);
  await expectTexts('PutItem', (v) => ({ TableName: 'ser', Item: { pk: { S: 'k' }, a: { BOOL: v } } }), [
    ['23', 'Unexpected token received from parser'],
    [23, 'NUMBER_VALUE cannot be converted to Boolean'],
  ]);
});

test('Blob members (B, BS members)', async () => {
  const cases: [unknown, string][] = [
    [true, 'only base-64-encoded strings are convertible to bytes'],
    [23, 'only base-64-encoded strings are convertible to bytes'],
    [34.56, 'only base-64-encoded strings are convertible to bytes'],
    [[], 'Unrecognized collection type class java.nio.ByteBuffer'],
    [{}, STRUCT],
    ['23456', 'Base64 encoded length is expected a multiple of 4 bytes but found: 5'],
    ['=+/=', 'Invalid last non-pad Base64 character dectected'],
    ['+/+=', 'Invalid last non-pad Base64 character dectected'],
  ];
  await expectTexts('PutItem', (v) => ({ TableName: 'ser', Item: { pk: { S: 'k' }, a: { B: v } } }), cases);
  await expectTexts('PutItem', (v) => ({ TableName: 'ser', Item: { pk: { S: 'k' }, a: { BS: [v] } } }), cases);
});

test('List, attribute-map and attribute-value members', async () => {
  const put = (a: unknown) => ({ TableName: 'ser', Item: { pk: { S: 'k' }, a } });
  await expectTexts('PutItem', (v) => put({ L: v }), [
    ['23', 'Unexpected field type'],
    [true, 'Unexpected field type'],
    [34.56, 'Unexpected field type'],
    [{}, STRUCT],
  ]);
  const MAP_OF_VALUES =
    'Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>';
  await expectTexts('PutItem', (v) => put({ M: v }), [
    ['23', 'Unexpected field type'],
    [23, 'Unexpected field type'],
    [[], MAP_OF_VALUES],
  ]);
  await expectTexts('GetItem', (v) => ({ TableName: 'ser', Key: v }), [
    [true, 'Unexpected field type'],
    [[], MAP_OF_VALUES],
  ]);
  const VALUE = 'Unexpected value type in payload';
  const VALUE_LIST = 'Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue';
  await expectTexts('GetItem', (v) => ({ TableName: 'ser', Key: { pk: v } }), [
    ['23', VALUE],
    [23, VALUE],
    [[], VALUE_LIST],
  ]);
  await expectTexts('PutItem', (v) => put({ L: [v] }), [
    [true, VALUE],
    [[], VALUE_LIST],
  ]);
  await expectTexts('PutItem', (v) => put({ M: { b: v } }), [
    [34.56, VALUE],
    [[], VALUE_LIST],
  ]);
});

test.run();
