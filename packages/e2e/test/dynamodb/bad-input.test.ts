// Malformed and hostile input to the item operations: every request is refused with a 400 DynamoDB error (never
// a 500 or a dropped connection), and afterwards the server still answers and stored data is intact.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createTable, startItemsServer, type ItemsServer } from './items-harness.js';

let s: ItemsServer;
const original = { id: 'keep', n: 1, nested: { list: [1, 'two', { three: 3 }] }, tags: new Set(['a', 'b']) };

test.before(async () => {
  s = await startItemsServer();
  await createTable(s.client, {
    TableName: 'safe',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  });
  await s.doc.send(new PutCommand({ TableName: 'safe', Item: original }));
});
test.after(async () => {
  await s?.close();
});

function deep(depth: number): unknown {
  let v: unknown = { S: 'leaf' };
  for (let i = 0; i < depth; i++) v = { M: { m: v } };
  return v;
}

const BAD: [string, string, unknown][] = [
  ['invalid JSON', 'PutItem', '{"TableName": "safe", "Item": '],
  ['Item is a string', 'PutItem', { TableName: 'safe', Item: 'x' }],
  ['Item is a list', 'PutItem', { TableName: 'safe', Item: [{ S: 'x' }] }],
  ['S is a number', 'PutItem', { TableName: 'safe', Item: { id: { S: 5 } } }],
  ['empty attribute value', 'PutItem', { TableName: 'safe', Item: { id: { S: 'keep' }, x: {} } }],
  ['two types in one value', 'PutItem', { TableName: 'safe', Item: { id: { S: 'keep' }, x: { S: 'a', N: '1' } } }],
  ['unknown type', 'PutItem', { TableName: 'safe', Item: { id: { S: 'keep' }, x: { Q: 'a' } } }],
  ['invalid number', 'PutItem', { TableName: 'safe', Item: { id: { S: 'keep' }, x: { N: 'abc' } } }],
  ['number too large', 'PutItem', { TableName: 'safe', Item: { id: { S: 'keep' }, x: { N: '1e200' } } }],
  [
    'number with too many digits',
    'PutItem',
    { TableName: 'safe', Item: { id: { S: 'keep' }, x: { N: '1'.repeat(39) } } },
  ],
  ['empty string set', 'PutItem', { TableName: 'safe', Item: { id: { S: 'keep' }, x: { SS: [] } } }],
  ['duplicate string set', 'PutItem', { TableName: 'safe', Item: { id: { S: 'keep' }, x: { SS: ['a', 'a'] } } }],
  ['NULL false', 'PutItem', { TableName: 'safe', Item: { id: { S: 'keep' }, x: { NULL: false } } }],
  ['binary not base64', 'PutItem', { TableName: 'safe', Item: { id: { S: 'keep' }, x: { B: '***' } } }],
  ['key of the wrong type', 'PutItem', { TableName: 'safe', Item: { id: { N: '1' } } }],
  ['missing key', 'PutItem', { TableName: 'safe', Item: { other: { S: 'x' } } }],
  ['oversize item', 'PutItem', { TableName: 'safe', Item: { id: { S: 'keep' }, big: { S: 'x'.repeat(410 * 1024) } } }],
  ['deeply nested item', 'PutItem', { TableName: 'safe', Item: { id: { S: 'keep' }, d: deep(40) } }],
  [
    'expression syntax error',
    'PutItem',
    { TableName: 'safe', Item: { id: { S: 'keep' } }, ConditionExpression: 'attribute_not_exists(' },
  ],
  [
    'oversize expression',
    'PutItem',
    { TableName: 'safe', Item: { id: { S: 'keep' } }, ConditionExpression: `attribute_exists(${'a'.repeat(5000)})` },
  ],
  [
    'undefined value placeholder',
    'PutItem',
    { TableName: 'safe', Item: { id: { S: 'keep' } }, ConditionExpression: 'n = :nope' },
  ],
  [
    'invalid expression value',
    'PutItem',
    {
      TableName: 'safe',
      Item: { id: { S: 'keep' } },
      ConditionExpression: 'n = :v',
      ExpressionAttributeValues: { ':v': { N: 'x' } },
    },
  ],
  [
    'ReturnValues not an enum value',
    'PutItem',
    { TableName: 'safe', Item: { id: { S: 'keep' } }, ReturnValues: 'SOME' },
  ],
  ['Key is a string', 'GetItem', { TableName: 'safe', Key: 'keep' }],
  ['Key with extra attribute', 'GetItem', { TableName: 'safe', Key: { id: { S: 'keep' }, n: { N: '1' } } }],
  ['TableName too long', 'GetItem', { TableName: 'x'.repeat(2000), Key: { id: { S: 'keep' } } }],
  ['TableName a number', 'GetItem', { TableName: 7, Key: { id: { S: 'keep' } } }],
  [
    'update of the key',
    'UpdateItem',
    {
      TableName: 'safe',
      Key: { id: { S: 'keep' } },
      UpdateExpression: 'SET id = :v',
      ExpressionAttributeValues: { ':v': { S: 'x' } },
    },
  ],
  [
    'update type error',
    'UpdateItem',
    {
      TableName: 'safe',
      Key: { id: { S: 'keep' } },
      UpdateExpression: 'SET n = n + :v',
      ExpressionAttributeValues: { ':v': { S: 'x' } },
    },
  ],
  [
    'update nesting too deep',
    'UpdateItem',
    {
      TableName: 'safe',
      Key: { id: { S: 'keep' } },
      UpdateExpression: 'SET d = :v',
      ExpressionAttributeValues: { ':v': deep(40) },
    },
  ],
  [
    'update of a path through a scalar',
    'UpdateItem',
    {
      TableName: 'safe',
      Key: { id: { S: 'keep' } },
      UpdateExpression: 'SET n.deeper = :v',
      ExpressionAttributeValues: { ':v': { S: 'x' } },
    },
  ],
  [
    'Limit zero',
    'Query',
    {
      TableName: 'safe',
      KeyConditionExpression: 'id = :v',
      ExpressionAttributeValues: { ':v': { S: 'keep' } },
      Limit: 0,
    },
  ],
  [
    'key condition on a non-key',
    'Query',
    { TableName: 'safe', KeyConditionExpression: 'n = :v', ExpressionAttributeValues: { ':v': { N: '1' } } },
  ],
  ['ExclusiveStartKey of the wrong shape', 'Scan', { TableName: 'safe', ExclusiveStartKey: { nope: { S: 'x' } } }],
  ['negative segment', 'Scan', { TableName: 'safe', Segment: -1, TotalSegments: 2 }],
  ['BatchWriteItem with nothing', 'BatchWriteItem', { RequestItems: {} }],
  [
    'BatchWriteItem with a bad item',
    'BatchWriteItem',
    { RequestItems: { safe: [{ PutRequest: { Item: { id: { S: 'keep' }, x: { N: 'NaN' } } } }] } },
  ],
  ['BatchGetItem with no keys', 'BatchGetItem', { RequestItems: { safe: { Keys: [] } } }],
  ['TransactWriteItems with an empty action', 'TransactWriteItems', { TransactItems: [{}] }],
  [
    'TransactWriteItems with two actions in one element',
    'TransactWriteItems',
    {
      TransactItems: [
        {
          Put: { TableName: 'safe', Item: { id: { S: 'keep' } } },
          Delete: { TableName: 'safe', Key: { id: { S: 'keep' } } },
        },
      ],
    },
  ],
];

for (const [name, target, body] of BAD) {
  test(`refused with a 400: ${name}`, async () => {
    const r = await s.raw(target, body);
    assert.is(r.status, 400, `${name}: ${JSON.stringify(r.body).slice(0, 300)}`);
    assert.type(r.body, 'object');
    assert.match(String(r.body.__type), /#(ValidationException|SerializationException)$/);
    // DynamoDB sends a SerializationException for unparsable JSON without a message.
    if (!String(r.body.__type).endsWith('#SerializationException'))
      assert.type(r.body.message ?? r.body.Message, 'string');
  });
}

test('afterwards the server answers and the stored item is intact', async () => {
  const got = await s.doc.send(new GetCommand({ TableName: 'safe', Key: { id: 'keep' }, ConsistentRead: true }));
  assert.equal(got.Item, original);
  const all = await s.doc.send(new ScanCommand({ TableName: 'safe' }));
  assert.is(all.Count, 1);
});

test.run();
