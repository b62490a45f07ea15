// Validation messages for common mistakes, word for word, each beside the recorded evidence it follows (tests
// run against DynamoDB itself). Raw HTTP checks status and __type; the SDK v3 cases check what clients surface.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BatchWriteItemCommand, GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { createTable, rejects, startItemsServer, type ItemsServer } from './items-harness.js';

let s: ItemsServer;

test.before(async () => {
  s = await startItemsServer();
  await createTable(s.client, {
    TableName: 'hash',
    KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'a', AttributeType: 'S' }],
  });
});
test.after(async () => {
  await s?.close();
});

const VALIDATION = 'com.amazon.coral.validate#ValidationException';
const PATTERN = 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+';

async function expectValidation(target: string, body: unknown, message: string) {
  const r = await s.raw(target, body);
  assert.is(r.status, 400, `${target} ${JSON.stringify(body).slice(0, 200)}`);
  assert.equal(r.body, { __type: VALIDATION, message });
}

test('data-plane TableName: plain names follow the CreateTable rules, ARNs their format', async () => {
  // ExtendDB crates/core/src/error/messages.rs (captured from DynamoDB with the AWS CLI, 2026).
  const key = { a: { S: 'k' } };
  await expectValidation(
    'GetItem',
    { TableName: 'ab', Key: key },
    "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3",
  );
  await expectValidation(
    'GetItem',
    { TableName: 'a;b', Key: key },
    `1 validation error detected: Value 'a;b' at 'tableName' failed to satisfy constraint: ${PATTERN}`,
  );
  await expectValidation(
    'Scan',
    { TableName: 'x'.repeat(256) },
    `1 validation error detected: Value '${'x'.repeat(256)}' at 'tableName' failed to satisfy constraint: Member must have length less than or equal to 255`,
  );
  // ExtendDB validation/table_arn.rs (PR #200, captured from DynamoDB): an ARN of another resource type.
  const stream = 'arn:aws:dynamodb:us-west-2:000000000000:stream/hash';
  await expectValidation(
    'GetItem',
    { TableName: stream, Key: key },
    `1 validation error detected: Value '${stream}' at 'tableName' failed to satisfy constraint: Invalid resource type`,
  );
  // ...while the table's own ARN is served.
  const ok = await s.raw('GetItem', { TableName: 'arn:aws:dynamodb:us-west-2:000000000000:table/hash', Key: key });
  assert.is(ok.status, 200, JSON.stringify(ok.body));
  // dynalite test/getItem.js: pattern before length, every member in one message.
  await expectValidation(
    'GetItem',
    { TableName: 'a;', Key: key },
    `2 validation errors detected: Value 'a;' at 'tableName' failed to satisfy constraint: ${PATTERN}; Value 'a;' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3`,
  );
});

test('RequestItems: map rules print the map as JSON, in DynamoDB order with the enums', async () => {
  // paritysuite dynamodb-conformance tests/tier3/validation-ordering/batchOperations.test.ts (us-east-1 and
  // eu-west-2, 2026-10-09).
  const KEYS =
    'Map keys must satisfy constraint: [Member must have length less than or equal to 255, Member must have length greater than or equal to 3, Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]';
  const RCC =
    "Value 'BOGUS' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]";
  const RICM =
    "Value 'BOGUS2' at 'returnItemCollectionMetrics' failed to satisfy constraint: Member must satisfy enum value set: [SIZE, NONE]";
  await expectValidation(
    'BatchGetItem',
    { RequestItems: { 'bad!name': { Keys: [{ pk: { S: 'a' } }] } }, ReturnConsumedCapacity: 'BOGUS' },
    `2 validation errors detected: Value '{"bad!name":{"Keys":[{"pk":{"S":"a"}}]}}' at 'requestItems' failed to satisfy constraint: ${KEYS}; ${RCC}`,
  );
  // BatchWriteItem reports the enum alone over the bad table name, and both enums together.
  const put = [{ PutRequest: { Item: { pk: { S: 'a' } } } }];
  await expectValidation(
    'BatchWriteItem',
    { RequestItems: { 'bad!name': put }, ReturnConsumedCapacity: 'BOGUS' },
    `1 validation error detected: ${RCC}`,
  );
  await expectValidation(
    'BatchWriteItem',
    { RequestItems: { 'missing-table': put }, ReturnConsumedCapacity: 'BOGUS', ReturnItemCollectionMetrics: 'BOGUS2' },
    `2 validation errors detected: ${RCC}; ${RICM}`,
  );
  await expectValidation(
    'BatchWriteItem',
    { RequestItems: { 'bad!name': put } },
    `1 validation error detected: Value '{"bad!name":[{"PutRequest":{"Item":{"pk":{"S":"a"}}}}]}' at 'requestItems' failed to satisfy constraint: ${KEYS}`,
  );
  // dynalite test/batchWriteItem.js: list lengths are a map-value rule.
  await expectValidation(
    'BatchWriteItem',
    { RequestItems: { hash: [] } },
    `1 validation error detected: Value '{"hash":[]}' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]`,
  );
});

test('enum values are listed in DynamoDB order', async () => {
  // ExtendDB tests/test_wording_parity_validation.py (us-east-1, 2026).
  await expectValidation(
    'PutItem',
    { TableName: 'hash', Item: { a: { S: 'k' } }, ReturnValues: 'GARBAGE' },
    "1 validation error detected: Value 'GARBAGE' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]",
  );
  // dynalite test/scan.js and test/query.js.
  await expectValidation(
    'Scan',
    { TableName: 'hash', Select: 'hi', ConditionalOperator: 'AN' },
    "2 validation errors detected: Value 'hi' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]; Value 'AN' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [OR, AND]",
  );
});

test('Query: an unknown ConditionalOperator beside an unknown Select is answered alone, in the newer form', async () => {
  // paritysuite tests/tier3/validation-ordering/query.test.ts (eu-west-2, us-east-1, 2026-10-09): bare, and the
  // Select error is not joined to it, although the table does not exist.
  await expectValidation(
    'Query',
    {
      TableName: 'vo_query_xor_absent',
      KeyConditions: { pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'a' }] } },
      QueryFilter: { b: { ComparisonOperator: 'NULL' }, c: { ComparisonOperator: 'NULL' } },
      ConditionalOperator: 'XOR',
      Select: 'BOGUS',
    },
    'Failed to satisfy constraint: Member must satisfy enum value set: [ALL, OR]',
  );
});

test('constraint violations are listed in DynamoDB member order', async () => {
  // dynalite test/getItem.js "incorrect attributes" (recorded against DynamoDB).
  await expectValidation(
    'GetItem',
    { TableName: 'abc;', ReturnConsumedCapacity: 'hi', AttributesToGet: [] },
    "4 validation errors detected: Value 'hi' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]; Value '[]' at 'attributesToGet' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
      `Value 'abc;' at 'tableName' failed to satisfy constraint: ${PATTERN}; Value null at 'key' failed to satisfy constraint: Member must not be null`,
  );
  // dynalite test/query.js "incorrect attributes".
  await expectValidation(
    'Query',
    {
      TableName: 'abc;',
      ReturnConsumedCapacity: 'hi',
      AttributesToGet: [],
      IndexName: 'abc;',
      Select: 'hi',
      Limit: -1,
    },
    "6 validation errors detected: Value '-1' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1; Value 'hi' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]; " +
      "Value '[]' at 'attributesToGet' failed to satisfy constraint: Member must have length greater than or equal to 1; Value 'hi' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]; " +
      `Value 'abc;' at 'tableName' failed to satisfy constraint: ${PATTERN}; Value 'abc;' at 'indexName' failed to satisfy constraint: ${PATTERN}`,
  );
});

test('BatchWriteItem words a bad table key as a schema mismatch (SDK v3)', async () => {
  // nubo-db/dynoxide issue #97 (captured against DynamoDB, eu-west-2); floci-io/floci PR #3227 (live AWS).
  const items: Record<string, AttributeValue>[] = [{ a: { N: '1' } }, { b: { S: 'x' } }];
  for (const Item of items) {
    await rejects(
      s.client.send(new BatchWriteItemCommand({ RequestItems: { hash: [{ PutRequest: { Item } }] } })),
      'ValidationException',
      'The provided key element does not match the schema',
    );
  }
  await rejects(
    s.client.send(new GetItemCommand({ TableName: 'hash', Key: { a: { N: '1' } } })),
    'ValidationException',
    'The provided key element does not match the schema',
  );
});

test('COUNT with a ProjectionExpression: Query in the envelope, Scan bare', async () => {
  // ExtendDB tests/test_wording_parity_validation.py (verified against DynamoDB, us-east-1, 2026).
  await expectValidation(
    'Query',
    {
      TableName: 'hash',
      KeyConditionExpression: 'a = :p',
      ExpressionAttributeValues: { ':p': { S: 'x' } },
      Select: 'COUNT',
      ProjectionExpression: 'a',
    },
    '1 validation error detected: Cannot specify the ProjectionExpression when choosing to get only the Count',
  );
  await expectValidation(
    'Scan',
    { TableName: 'hash', Select: 'COUNT', ProjectionExpression: 'a' },
    'Cannot specify the ProjectionExpression when choosing to get only the Count',
  );
});

test('DeleteTable answers without the table shape; the name is free again at once', async () => {
  // ScyllaDB test/alternator/test_table.py test_delete_table_description(_with_si), run against DynamoDB:
  // no CreationDateTime, KeySchema, AttributeDefinitions or index lists; TableId, TableArn and the billing
  // summary stay.
  const table = {
    TableName: 'doomed',
    KeySchema: [
      { AttributeName: 'p', KeyType: 'HASH' as const },
      { AttributeName: 'c', KeyType: 'RANGE' as const },
    ],
    AttributeDefinitions: [
      { AttributeName: 'p', AttributeType: 'S' as const },
      { AttributeName: 'c', AttributeType: 'S' as const },
      { AttributeName: 'x', AttributeType: 'S' as const },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'hello',
        KeySchema: [{ AttributeName: 'x', KeyType: 'HASH' as const }],
        Projection: { ProjectionType: 'ALL' as const },
      },
    ],
    LocalSecondaryIndexes: [
      {
        IndexName: 'hithere',
        KeySchema: [
          { AttributeName: 'p', KeyType: 'HASH' as const },
          { AttributeName: 'x', KeyType: 'RANGE' as const },
        ],
        Projection: { ProjectionType: 'ALL' as const },
      },
    ],
  };
  await createTable(s.client, table);
  const r = await s.raw('DeleteTable', { TableName: 'doomed' });
  assert.is(r.status, 200);
  const got = r.body.TableDescription;
  assert.is(got.TableName, 'doomed');
  assert.is(got.TableStatus, 'DELETING');
  assert.match(got.TableId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.ok(got.TableArn.startsWith('arn:'));
  assert.is(got.BillingModeSummary.BillingMode, 'PAY_PER_REQUEST');
  assert.ok(got.BillingModeSummary.LastUpdateToPayPerRequestDateTime);
  assert.equal(got.ProvisionedThroughput, { NumberOfDecreasesToday: 0, ReadCapacityUnits: 0, WriteCapacityUnits: 0 });
  for (const field of [
    'CreationDateTime',
    'KeySchema',
    'AttributeDefinitions',
    'GlobalSecondaryIndexes',
    'LocalSecondaryIndexes',
  ])
    assert.not.ok(field in got, field);
  await createTable(s.client, table);
  const again = await s.raw('DescribeTable', { TableName: 'doomed' });
  assert.is(again.status, 200);
});

test.run();
