// Expression limits through the AWS SDK v3 and raw JSON: 300 operators, deep nesting, 4096 open parentheses.
// Evidence: ScyllaDB Alternator test/alternator/test_limits.py (run against DynamoDB; quoted per test).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PutItemCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { createTable, rejects, startItemsServer, type ItemsServer } from './items-harness.js';

let s: ItemsServer;
const Key = { p: { S: 'x' } };

test.before(async () => {
  s = await startItemsServer();
  await createTable(s.client, {
    TableName: 'limits',
    KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }],
  });
  await s.client.send(new PutItemCommand({ TableName: 'limits', Item: { ...Key, a: { N: '1' }, b: { N: '2' } } }));
});
test.after(async () => s.close());

const conditional = (ConditionExpression: string) =>
  new UpdateItemCommand({
    TableName: 'limits',
    Key,
    UpdateExpression: 'SET z = :val',
    ConditionExpression,
    ExpressionAttributeValues: { ':val': { N: '1' } },
  });

const TOO_MANY = 'Invalid ConditionExpression: The expression contains too many operators; operator count: 301';

// test_deeply_nested_expression_2: depth 149 (299 operators) works; depth 454 is refused with the quoted message.
test('299 operators pass, 909 are refused at operator count 301', async () => {
  await s.client.send(conditional('a<b ' + 'or (a<b '.repeat(149) + ')'.repeat(149)));
  await rejects(
    s.client.send(conditional('a<b ' + 'or (a<b '.repeat(454) + ')'.repeat(454))),
    'ValidationException',
    TOO_MANY,
  );
});

// test_deeply_nested_expression_2a: "a<b or a<b ..." without parentheses is over DynamoDB's 300 too.
test('a flat chain of ORs counts as well', async () => {
  await rejects(s.client.send(conditional('a<b ' + 'or a<b '.repeat(584))), 'ValidationException', TOO_MANY);
});

// test_deeply_nested_expression_4: 1000 NOTs are operators.
test('1000 NOTs are refused', async () => {
  await rejects(s.client.send(conditional('not '.repeat(1000) + 'a<b')), 'ValidationException', TOO_MANY);
});

test('the FilterExpression names itself in the same message', async () => {
  await rejects(
    s.client.send(new ScanCommand({ TableName: 'limits', FilterExpression: 'a<b ' + 'or a<b '.repeat(300) })),
    'ValidationException',
    'Invalid FilterExpression: The expression contains too many operators; operator count: 301',
  );
});

// test_deeply_nested_expression_5: function calls are not operators; DynamoDB prints "Invalid function name;
// function: f" for 1355 nested calls of an unknown f.
test('1355 nested calls are not counted as operators', async () => {
  await rejects(
    s.client.send(conditional('a < ' + 'f('.repeat(1355) + 'b' + ')'.repeat(1355))),
    'ValidationException',
    'Invalid ConditionExpression: Invalid function name; function: f',
  );
});

// test_deeply_nested_expression_3: DynamoDB answers "The expression has redundant parentheses" for 2046 levels.
test('2046 nested parentheses are redundant', async () => {
  await rejects(
    s.client.send(conditional('('.repeat(2046) + 'a<b' + ')'.repeat(2046))),
    'ValidationException',
    'Invalid ConditionExpression: The expression has redundant parentheses;',
  );
});

// test_deeply_nested_expression_1 (and issue 18, which saw a 500): 4096 "(" are a ValidationException naming the
// ConditionExpression. The exact words are not recorded; ours are the syntax error "(((" gets.
test('4096 open parentheses are a 400 ValidationException, not a 500', async () => {
  const r = await s.raw('UpdateItem', {
    TableName: 'limits',
    Key,
    UpdateExpression: 'SET z = :val',
    ConditionExpression: '('.repeat(4096),
    ExpressionAttributeValues: { ':val': { N: '1' } },
  });
  assert.is(r.status, 400);
  assert.is(r.body.__type, 'com.amazon.coral.validate#ValidationException');
  assert.is(r.body.message, 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "("');
});

test.run();
