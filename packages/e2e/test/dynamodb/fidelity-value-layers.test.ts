// Attribute-value checks in DynamoDB's two validation layers: the wording of a malformed number and of a
// duplicate set member depends on the operation (and, for the single-item writes, on a "1 validation error
// detected: " envelope). Evidence: paritysuite dynamodb-conformance tests/tier3/error-messages/valueLayers.test.ts
// (captured in eu-west-2, us-east-1, eu-west-1 and us-west-2, 2026-10-09). Where regions differ (transactions),
// we answer in the older layer, which three of the four regions use.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { createTable, startItemsServer, type ItemsServer } from './items-harness.js';

let s: ItemsServer;
const T = 'value_layers';

test.before(async () => {
  s = await startItemsServer();
  await createTable(s.client, {
    TableName: T,
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  });
});
test.after(async () => {
  await s?.close();
});

const S = (v: string): AttributeValue => ({ S: v });
const N = (v: string): AttributeValue => ({ N: v });
const one = (m: string) => `1 validation error detected: ${m}`;
const forKey = (m: string, k: string) => `ExpressionAttributeValues contains invalid value: ${m} for key ${k}`;

/** The ValidationException message an SDK call is refused with ('(accepted)' when it succeeds). */
async function refusal(send: () => Promise<unknown>): Promise<string> {
  try {
    await send();
  } catch (e: any) {
    assert.is(e.name, 'ValidationException', e.message);
    assert.is(e.$metadata?.httpStatusCode, 400);
    return e.message;
  }
  return '(accepted)';
}

const OVERFLOW = 'Number overflow. Attempting to store a number with magnitude larger than supported range';
const UNDERFLOW = 'Number underflow. Attempting to store a number with magnitude smaller than supported range';
const NOT_NUMERIC = 'The parameter cannot be converted to a numeric value';
const SHAPES = ['abc', '', '1e126', '1e2147483647'];
// The current layer range-checks an exponent that fits 64 bits; an empty number keeps ": ".
const CURRENT = [`${NOT_NUMERIC}: abc`, `${NOT_NUMERIC}: `, OVERFLOW, OVERFLOW];
// The older layer reads the exponent as a Java int (1e2147483647 wraps to an underflow); "" has no colon.
const OLDER = [`${NOT_NUMERIC}: abc`, NOT_NUMERIC, OVERFLOW, UNDERFLOW];

async function eachShape(send: (v: AttributeValue, raw: string) => Promise<unknown>): Promise<string[]> {
  const got: string[] = [];
  for (const shape of SHAPES) got.push(await refusal(() => send(N(shape), shape)));
  return got;
}

test('PutItem: every malformed number in an item, inside the envelope', async () => {
  const cases: [string, string][] = [
    ['1e99999999999', OVERFLOW],
    ['-1e99999999999', OVERFLOW],
    ['1e-99999999999', UNDERFLOW],
    ['1e2147483648', OVERFLOW],
    ['1e2147483647', OVERFLOW],
    ['1e-2147483648', UNDERFLOW],
    ['1e126', OVERFLOW],
    ['1e-131', UNDERFLOW],
    ['abc', `${NOT_NUMERIC}: abc`],
    ['1.2.3', `${NOT_NUMERIC}: 1.2.3`],
    ['', `${NOT_NUMERIC}: `],
    [' 1', `${NOT_NUMERIC}:  1`],
    ['1 ', `${NOT_NUMERIC}: 1 `],
    ['0x10', `${NOT_NUMERIC}: 0x10`],
    ['1e', `${NOT_NUMERIC}: 1e`],
    ['NaN', `${NOT_NUMERIC}: NaN`],
    ['Infinity', `${NOT_NUMERIC}: Infinity`],
    ['1234567890123456789012345678901234567890', 'Attempting to store more than 38 significant digits in a Number'],
  ];
  const got: string[] = [];
  for (const [n] of cases) {
    got.push(await refusal(() => s.client.send(new PutItemCommand({ TableName: T, Item: { pk: S('n'), n: N(n) } }))));
  }
  assert.equal(
    got,
    cases.map(([, m]) => one(m)),
  );
});

test('PutItem: set members, nested numbers, condition and Expected values, inside the envelope', async () => {
  const put = (input: object) => s.client.send(new PutItemCommand({ TableName: T, Item: { pk: S('n') }, ...input }));
  const member = await eachShape((_, raw) => put({ Item: { pk: S('n'), n: { NS: ['1', raw] } } }));
  const nested = await eachShape((v) => put({ Item: { pk: S('n'), n: { M: { x: { L: [v] } } } } }));
  const condition = await eachShape((v) =>
    put({ ConditionExpression: 'attribute_not_exists(pk) OR n = :v', ExpressionAttributeValues: { ':v': v } }),
  );
  const expected = await eachShape((v) => put({ Item: { pk: S('n-expected') }, Expected: { n: { Value: v } } }));
  const want = CURRENT.map(one);
  assert.equal(
    { member, nested, condition, expected },
    { member: want, nested: want, condition: want, expected: want },
  );
  const item = await s.client.send(new GetItemCommand({ TableName: T, Key: { pk: S('n-expected') } }));
  assert.is(item.Item, undefined);
});

test('UpdateItem and DeleteItem: values, AttributeUpdates and keys, inside the envelope', async () => {
  const update = (input: object) =>
    s.client.send(new UpdateItemCommand({ TableName: T, Key: { pk: S('n') }, ...input }));
  const value = await eachShape((v) =>
    update({ UpdateExpression: 'SET n = :v', ExpressionAttributeValues: { ':v': v } }),
  );
  const attributeUpdates = await eachShape((v) => update({ AttributeUpdates: { n: { Action: 'PUT', Value: v } } }));
  const keyValue = await eachShape((v) =>
    update({ Key: { pk: v }, UpdateExpression: 'SET n = :o', ExpressionAttributeValues: { ':o': N('1') } }),
  );
  const del = (input: object) => s.client.send(new DeleteItemCommand({ TableName: T, Key: { pk: S('n') }, ...input }));
  const deleteValue = await eachShape((v) =>
    del({ ConditionExpression: 'n = :v', ExpressionAttributeValues: { ':v': v } }),
  );
  const deleteKey = await eachShape((v) => del({ Key: { pk: v } }));
  const want = CURRENT.map(one);
  assert.equal(
    { value, attributeUpdates, keyValue, deleteValue, deleteKey },
    { value: want, attributeUpdates: want, keyValue: want, deleteValue: want, deleteKey: want },
  );
});

test('GetItem, BatchGetItem and Query: the current wording, bare', async () => {
  const get = await eachShape((v) => s.client.send(new GetItemCommand({ TableName: T, Key: { pk: v } })));
  const batchGet = await eachShape((v) =>
    s.client.send(new BatchGetItemCommand({ RequestItems: { [T]: { Keys: [{ pk: v }] } } })),
  );
  const query = await eachShape((v) =>
    s.client.send(
      new QueryCommand({
        TableName: T,
        KeyConditionExpression: 'pk = :p',
        FilterExpression: 'n = :v',
        ExpressionAttributeValues: { ':p': S('n'), ':v': v },
      }),
    ),
  );
  assert.equal({ get, batchGet, query }, { get: CURRENT, batchGet: CURRENT, query: CURRENT });
});

test('BatchWriteItem and transactions: the older wording, bare', async () => {
  const batchWrite = await eachShape((v) =>
    s.client.send(
      new BatchWriteItemCommand({ RequestItems: { [T]: [{ PutRequest: { Item: { pk: S('n'), n: v } } }] } }),
    ),
  );
  const transactPut = await eachShape((v) =>
    s.client.send(
      new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: T, Item: { pk: S('n'), n: v } } }] }),
    ),
  );
  const transactUpdate = await eachShape((v) =>
    s.client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Update: {
              TableName: T,
              Key: { pk: S('n') },
              UpdateExpression: 'SET n = :v',
              ExpressionAttributeValues: { ':v': v },
            },
          },
        ],
      }),
    ),
  );
  const transactGet = await eachShape((v) =>
    s.client.send(new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: T, Key: { pk: v } } }] })),
  );
  assert.equal(
    { batchWrite, transactPut, transactUpdate, transactGet },
    { batchWrite: OLDER, transactPut: OLDER, transactUpdate: OLDER.map((m) => forKey(m, ':v')), transactGet: OLDER },
  );
});

// Sets sent with a repeat and out of order: SS b, a, b; BS /w==, AA==, AA==; NS 2, 1, 2.
const DUPES: AttributeValue[] = [
  { SS: ['b', 'a', 'b'] },
  { BS: [Buffer.from('/w==', 'base64'), Buffer.from('AA==', 'base64'), Buffer.from('AA==', 'base64')] },
  { NS: ['2', '1', '2'] },
];
const INVALID = 'One or more parameter values were invalid: ';
// The current layer quotes members in byte order up to the first repeat, then the repeat, then the rest.
const DUPE_CURRENT = [
  `${INVALID}Input collection ["a", "b", "b"] contains duplicates.`,
  `${INVALID}Input collection ["AA==","/w==","AA=="]of type BS contains duplicates.`,
  `${INVALID}Input collection contains duplicates.`,
];
const DUPE_OLDER = [
  `${INVALID}Input collection [b, a, b] contains duplicates.`,
  `${INVALID}Input collection [/w==, AA==, AA==]of type BS contains duplicates.`,
  'Input collection contains duplicates',
];

async function eachSet(send: (d: AttributeValue) => Promise<unknown>): Promise<string[]> {
  const got: string[] = [];
  for (const d of DUPES) got.push(await refusal(() => send(d)));
  return got;
}

test('duplicate set members: single-item writes in the current wording, enveloped', async () => {
  const put = (input: object) => s.client.send(new PutItemCommand({ TableName: T, Item: { pk: S('d') }, ...input }));
  const item = await eachSet((d) => put({ Item: { pk: S('d'), s: d } }));
  const condition = await eachSet((d) =>
    put({ ConditionExpression: 'attribute_not_exists(pk) OR s = :t', ExpressionAttributeValues: { ':t': d } }),
  );
  const expected = await eachSet((d) => put({ Expected: { s: { Value: d } } }));
  const update = (input: object) =>
    s.client.send(new UpdateItemCommand({ TableName: T, Key: { pk: S('d') }, ...input }));
  const attributeUpdates = await eachSet((d) => update({ AttributeUpdates: { s: { Action: 'PUT', Value: d } } }));
  const updateKey = await eachSet((d) =>
    update({ Key: { pk: d }, UpdateExpression: 'SET o = :o', ExpressionAttributeValues: { ':o': N('1') } }),
  );
  const deleteKey = await eachSet((d) => s.client.send(new DeleteItemCommand({ TableName: T, Key: { pk: d } })));
  const want = DUPE_CURRENT.map(one);
  assert.equal(
    { item, condition, expected, attributeUpdates, updateKey, deleteKey },
    { item: want, condition: want, expected: want, attributeUpdates: want, updateKey: want, deleteKey: want },
  );
});

test('duplicate set members: reads in the current wording, bare', async () => {
  const get = await eachSet((d) => s.client.send(new GetItemCommand({ TableName: T, Key: { pk: d } })));
  const batchGet = await eachSet((d) =>
    s.client.send(new BatchGetItemCommand({ RequestItems: { [T]: { Keys: [{ pk: d }] } } })),
  );
  const query = (input: object) =>
    s.client.send(
      new QueryCommand({
        TableName: T,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': S('d') },
        ...input,
      }),
    );
  const keyValue = await eachSet((d) =>
    query({ KeyConditionExpression: 'pk = :t', ExpressionAttributeValues: { ':t': d } }),
  );
  const filter = await eachSet((d) =>
    query({ FilterExpression: 's = :t', ExpressionAttributeValues: { ':p': S('d'), ':t': d } }),
  );
  const startKey = await eachSet((d) => query({ ExclusiveStartKey: { pk: d } }));
  const queryFilter = await eachSet((d) =>
    query({
      KeyConditionExpression: undefined,
      ExpressionAttributeValues: undefined,
      KeyConditions: { pk: { ComparisonOperator: 'EQ', AttributeValueList: [S('d')] } },
      QueryFilter: { s: { ComparisonOperator: 'EQ', AttributeValueList: [d] } },
    }),
  );
  const want = DUPE_CURRENT;
  assert.equal(
    { get, batchGet, keyValue, filter, startKey, queryFilter },
    { get: want, batchGet: want, keyValue: want, filter: want, startKey: want, queryFilter: want },
  );
});

test('duplicate set members: BatchWriteItem and transactions in the older wording, bare', async () => {
  const batchPut = await eachSet((d) =>
    s.client.send(
      new BatchWriteItemCommand({ RequestItems: { [T]: [{ PutRequest: { Item: { pk: S('d'), s: d } } }] } }),
    ),
  );
  const batchDelete = await eachSet((d) =>
    s.client.send(new BatchWriteItemCommand({ RequestItems: { [T]: [{ DeleteRequest: { Key: { pk: d } } }] } })),
  );
  const transact = (item: object) => s.client.send(new TransactWriteItemsCommand({ TransactItems: [item as any] }));
  const transactPut = await eachSet((d) => transact({ Put: { TableName: T, Item: { pk: S('d'), s: d } } }));
  const transactDelete = await eachSet((d) => transact({ Delete: { TableName: T, Key: { pk: d } } }));
  const cond = { ConditionExpression: 'attribute_not_exists(pk) OR s = :t' };
  const values: string[][] = [];
  for (const shape of [
    (d: AttributeValue) => ({
      Put: { TableName: T, Item: { pk: S('d') }, ...cond, ExpressionAttributeValues: { ':t': d } },
    }),
    (d: AttributeValue) => ({
      Update: {
        TableName: T,
        Key: { pk: S('d') },
        UpdateExpression: 'SET s = :t',
        ExpressionAttributeValues: { ':t': d },
      },
    }),
    (d: AttributeValue) => ({
      Delete: { TableName: T, Key: { pk: S('d') }, ...cond, ExpressionAttributeValues: { ':t': d } },
    }),
    (d: AttributeValue) => ({
      ConditionCheck: { TableName: T, Key: { pk: S('d') }, ...cond, ExpressionAttributeValues: { ':t': d } },
    }),
  ])
    values.push(await eachSet((d) => transact(shape(d))));
  const transactGet = await eachSet((d) =>
    s.client.send(new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: T, Key: { pk: d } } }] })),
  );
  const older = DUPE_OLDER.map((m) => forKey(m, ':t'));
  assert.equal(
    { batchPut, batchDelete, transactPut, transactDelete, values, transactGet },
    {
      batchPut: DUPE_OLDER,
      batchDelete: DUPE_OLDER,
      transactPut: DUPE_OLDER,
      transactDelete: DUPE_OLDER,
      values: [older, older, older, older],
      transactGet: DUPE_OLDER,
    },
  );
});

test.run();
