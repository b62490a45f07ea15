// BatchExecuteStatement and ExecuteTransaction through @aws-sdk/client-dynamodb, and the three PartiQL commands
// of @aws-sdk/lib-dynamodb (native JavaScript parameters). Evidence beside each assertion:
//   [guide]     AWS developer guide: "Running batch operations with PartiQL", "Performing transactions with PartiQL"
//   [api]       API reference: BatchStatementError (its Code enum), ExecuteTransaction
//   [moto]      moto's test_dynamodb_statements.py (BatchExecuteStatement response shape, per-slot errors)
//   [pinned]    conformance suites pinned against AWS ("Validation failed in TransactStatements[0]: ...")
//   [ddb-local] DynamoDB Local's PartiQL catalogue and TransactionProcessor
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  BatchExecuteStatementCommand,
  ExecuteStatementCommand,
  ExecuteTransactionCommand,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  BatchExecuteStatementCommand as DocBatchExecuteStatementCommand,
  ExecuteStatementCommand as DocExecuteStatementCommand,
  ExecuteTransactionCommand as DocExecuteTransactionCommand,
} from '@aws-sdk/lib-dynamodb';
import { createTable, rejects, startItemsServer, type ItemsServer } from './items-harness.js';

let s: ItemsServer;

test.before(async () => {
  s = await startItemsServer();
  await createTable(s.client, {
    TableName: 'users',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  });
  for (const id of ['u1', 'u2']) {
    await s.client.send(
      new PutItemCommand({ TableName: 'users', Item: { id: { S: id }, n: { N: '1' }, name: { S: `name-${id}` } } }),
    );
  }
});
test.after(async () => {
  await s?.close();
});

const stmt = (Statement: string, Parameters?: any[]) => ({ Statement, Parameters });
const getUser = async (id: string) =>
  (await s.client.send(new GetItemCommand({ TableName: 'users', Key: { id: { S: id } } }))).Item;

test('BatchExecuteStatement reads: one slot per statement, TableName and Item [moto; api]', async () => {
  const r = await s.client.send(
    new BatchExecuteStatementCommand({
      Statements: [
        stmt(`SELECT id FROM "users" WHERE id = ?`, [{ S: 'u1' }]),
        stmt(`SELECT * FROM "users" WHERE id = 'nobody'`),
        stmt(`SELECT * FROM "users" WHERE n = 1`),
        stmt(`SELECT * FROM "missing-table" WHERE id = 'a'`),
        stmt(`SELECT * FROM "users" WHERE`),
      ],
    }),
  );
  assert.equal(r.Responses, [
    { TableName: 'users', Item: { id: { S: 'u1' } } },
    { TableName: 'users' },
    {
      TableName: 'users',
      Error: {
        Code: 'ValidationError',
        Message: 'Select statements within BatchExecuteStatement must specify the primary key in the where clause.',
      },
    },
    { Error: { Code: 'ResourceNotFound', Message: 'Requested resource not found' } },
    // [pinned] an empty WHERE in BatchExecuteStatement
    {
      Error: { Code: 'ValidationError', Message: "Statement wasn't well formed, can't be processed: Unexpected term" },
    },
  ]);
});

test('BatchExecuteStatement writes: per-statement DuplicateItem / ConditionalCheckFailed [api: BatchStatementError]', async () => {
  const r = await s.client.send(
    new BatchExecuteStatementCommand({
      Statements: [
        stmt(`INSERT INTO "users" VALUE {'id': 'b1', 'n': 1}`),
        stmt(`INSERT INTO "users" VALUE {'id': 'u1'}`),
        {
          ...stmt(`UPDATE "users" SET n = 5 WHERE id = 'u2' AND n = 99`),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
        stmt(`UPDATE "users" SET n = n + 1 WHERE id = 'u2'`),
        stmt(`DELETE FROM "users" WHERE id = 'b1'`),
      ],
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  const responses = r.Responses!;
  assert.equal(responses[0], { TableName: 'users' });
  assert.equal(responses[1], {
    TableName: 'users',
    Error: { Code: 'DuplicateItem', Message: 'Duplicate primary key exists in table' },
  });
  assert.is(responses[2]!.Error?.Code, 'ConditionalCheckFailed');
  assert.is(responses[2]!.Error?.Message, 'The conditional request failed');
  assert.equal(responses[2]!.Error?.Item?.n, { N: '1' });
  assert.equal(responses[3], { TableName: 'users' });
  assert.equal(responses[4], { TableName: 'users' });
  assert.equal((await getUser('u2'))!.n, { N: '2' });
  assert.is(await getUser('b1'), undefined);
  assert.ok(r.ConsumedCapacity && r.ConsumedCapacity.length > 0);
});

test('BatchExecuteStatement limits: 25 statements, no mixing of reads and writes [guide; api]', async () => {
  const many = Array.from({ length: 26 }, () => stmt(`SELECT * FROM "users" WHERE id = 'u1'`));
  await rejects(
    s.client.send(new BatchExecuteStatementCommand({ Statements: many })),
    'ValidationException',
    /Member must have length less than or equal to 25/,
  );
  // The guide forbids mixing; the message is ours (no recorded AWS answer found).
  await rejects(
    s.client.send(
      new BatchExecuteStatementCommand({
        Statements: [stmt(`SELECT * FROM "users" WHERE id = 'u1'`), stmt(`DELETE FROM "users" WHERE id = 'zz'`)],
      }),
    ),
    'ValidationException',
  );
});

test('ExecuteTransaction writes with EXISTS apply together [guide: transactions, EXISTS]', async () => {
  const r = await s.client.send(
    new ExecuteTransactionCommand({
      TransactStatements: [
        stmt(`EXISTS(SELECT * FROM "users" WHERE id = 'u1' AND n = 1)`),
        stmt(`INSERT INTO "users" VALUE {'id': ?, 'n': 7}`, [{ S: 't1' }]),
        stmt(`UPDATE "users" SET n = n + 10 WHERE id = 'u2'`),
      ],
    }),
  );
  assert.equal(r.Responses ?? [], []);
  assert.equal((await getUser('t1'))!.n, { N: '7' });
  assert.equal((await getUser('u2'))!.n, { N: '12' });
});

test('ExecuteTransaction cancels all with reasons in statement order [api; ddb-local: TransactionProcessor]', async () => {
  const e = await rejects(
    s.client.send(
      new ExecuteTransactionCommand({
        TransactStatements: [
          stmt(`UPDATE "users" SET n = 0 WHERE id = 'u2'`),
          stmt(`EXISTS(SELECT * FROM "users" WHERE id = 'u1' AND n = 42)`),
          stmt(`INSERT INTO "users" VALUE {'id': 't1'}`),
          stmt(`UPDATE "users" SET n = 1 WHERE id = 'nobody'`),
        ],
      }),
    ),
    'TransactionCanceledException',
    'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, ValidationError, ConditionalCheckFailed]',
  );
  assert.equal(e.CancellationReasons, [
    { Code: 'None' },
    { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
    { Code: 'ValidationError', Message: 'Duplicate primary key exists in table' },
    { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
  ]);
  assert.equal((await getUser('u2'))!.n, { N: '12' }); // nothing applied
});

test('ExecuteTransaction: an INSERT without its key cancels with a ValidationError reason [ddb-local: TransactionProcessor]', async () => {
  const e = await rejects(
    s.client.send(
      new ExecuteTransactionCommand({
        TransactStatements: [stmt(`DELETE FROM "users" WHERE id = 'zz'`), stmt(`INSERT INTO "users" VALUE {'n': 1}`)],
      }),
    ),
    'TransactionCanceledException',
  );
  assert.equal(e.CancellationReasons, [
    { Code: 'None' },
    { Code: 'ValidationError', Message: 'Key attribute should be present in the item: Key id' },
  ]);
});

// The developer guide lists EXISTS among PartiQL functions, but DynamoDB answers EXISTS(path) in a WHERE with
// "Unrecognized function: exists at <position>"; attribute_exists is the function that works there (paritysuite
// tier3/error-messages/partiqlFunctions.test.ts and tier2/partiql/whereFunctions.test.ts, October 2026).
test('attribute_exists and missing() work in a WHERE, EXISTS(path) does not; EXISTS(SELECT) in transactions', async () => {
  const r = await s.client.send(
    new ExecuteTransactionCommand({ TransactStatements: [stmt(`SELECT id FROM "users" WHERE id = 'u1'`)] }),
  );
  assert.equal(r.Responses, [{ Item: { id: { S: 'u1' } } }]);
  const found = await s.client.send(
    new ExecuteStatementCommand({
      Statement: `SELECT id FROM "users" WHERE attribute_exists(name) AND missing(nothing) AND id = 'u1'`,
    }),
  );
  assert.equal(found.Items, [{ id: { S: 'u1' } }]);
  await rejects(
    s.client.send(
      new ExecuteStatementCommand({ Statement: `SELECT id FROM "users" WHERE exists(name) AND id = 'u1'` }),
    ),
    'ValidationException',
    'Unrecognized function: exists at 1:30:6',
  );
});

test('ExecuteTransaction reads: full keys only, answers in order [guide; ddb-local catalogue; pinned]', async () => {
  const r = await s.client.send(
    new ExecuteTransactionCommand({
      TransactStatements: [
        stmt(`SELECT name FROM "users" WHERE id = 'u1'`),
        stmt(`SELECT * FROM "users" WHERE id = 'nobody'`),
        stmt(`SELECT * FROM "users" WHERE id = ?`, [{ S: 't1' }]),
      ],
    }),
  );
  assert.equal(r.Responses, [{ Item: { name: { S: 'name-u1' } } }, {}, { Item: { id: { S: 't1' }, n: { N: '7' } } }]);
  await rejects(
    s.client.send(new ExecuteTransactionCommand({ TransactStatements: [stmt(`SELECT * FROM "users" WHERE n = 1`)] })),
    'ValidationException',
    'Validation failed in TransactStatements[0]: Select statements within ExecuteTransaction must specify the primary key in the where clause.',
  );
  await rejects(
    s.client.send(new ExecuteTransactionCommand({ TransactStatements: [stmt(`SELECT * FROM "users" WHERE`)] })),
    'ValidationException',
    "Validation failed in TransactStatements[0]: Statement wasn't well formed, can't be processed: Unexpected term",
  );
  await rejects(
    s.client.send(
      new ExecuteTransactionCommand({
        TransactStatements: [
          stmt(`DELETE FROM "users" WHERE id = 'x'`),
          stmt(`UPDATE "users" SET a = 1 WHERE id = 'x' RETURNING ALL NEW *`),
        ],
      }),
    ),
    'ValidationException',
    'Validation failed in TransactStatements[1]: RETURNING clause is not supported in ExecuteTransaction.',
  );
  await rejects(
    s.client.send(new ExecuteTransactionCommand({ TransactStatements: [stmt(`SELECT * FROM "nope" WHERE id = 'x'`)] })),
    'ResourceNotFoundException',
    'Requested resource not found',
  );
});

test('ExecuteTransaction ClientRequestToken is idempotent, as TransactWriteItems [api]', async () => {
  const input = {
    TransactStatements: [stmt(`UPDATE "users" SET n = n + 1 WHERE id = 'u1'`)],
    ClientRequestToken: 'token-1',
  };
  await s.client.send(new ExecuteTransactionCommand(input));
  await s.client.send(new ExecuteTransactionCommand(input));
  assert.equal((await getUser('u1'))!.n, { N: '2' });
  await rejects(
    s.client.send(
      new ExecuteTransactionCommand({
        ...input,
        TransactStatements: [stmt(`UPDATE "users" SET n = 0 WHERE id = 'u1'`)],
      }),
    ),
    'IdempotentParameterMismatchException',
  );
});

test('lib-dynamodb: the document client PartiQL commands take and return native values', async () => {
  await s.doc.send(
    new DocExecuteStatementCommand({
      Statement: `INSERT INTO "users" VALUE {'id': ?, 'tags': ?, 'profile': ?, 'active': ?}`,
      Parameters: ['doc1', new Set(['a', 'b']), { age: 30, langs: ['ts', 'py'] }, true],
    }),
  );
  const one = await s.doc.send(
    new DocExecuteStatementCommand({ Statement: `SELECT * FROM "users" WHERE id = ?`, Parameters: ['doc1'] }),
  );
  assert.equal(one.Items, [
    { id: 'doc1', tags: new Set(['a', 'b']), profile: { age: 30, langs: ['ts', 'py'] }, active: true },
  ]);
  const batch = await s.doc.send(
    new DocBatchExecuteStatementCommand({
      Statements: [
        { Statement: `SELECT id FROM "users" WHERE id = ?`, Parameters: ['doc1'] },
        { Statement: `SELECT id FROM "users" WHERE id = ?`, Parameters: ['u1'] },
      ],
    }),
  );
  assert.equal(
    batch.Responses?.map((r) => r.Item),
    [{ id: 'doc1' }, { id: 'u1' }],
  );
  const tx = await s.doc.send(
    new DocExecuteTransactionCommand({
      TransactStatements: [{ Statement: `SELECT profile.age FROM "users" WHERE id = ?`, Parameters: ['doc1'] }],
    }),
  );
  assert.equal(tx.Responses, [{ Item: { age: 30 } }]);
});

test.run();
