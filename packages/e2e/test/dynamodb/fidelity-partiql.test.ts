// PartiQL answers recorded against DynamoDB by paritysuite/dynamodb-conformance (tests/tier2/partiql/*.test.ts,
// tests/tier3/error-messages/partiql*.test.ts), driven with the real SDK (@aws-sdk/client-dynamodb v3).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  BatchExecuteStatementCommand,
  ExecuteStatementCommand,
  ExecuteTransactionCommand,
  GetItemCommand,
  PutItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { createTable, rejects, startItemsServer, type ItemsServer } from './items-harness.js';

let s: ItemsServer;
const T = 'from-first';
const C = 'composite';
const N = 'numbers';

test.before(async () => {
  s = await startItemsServer();
  await createTable(s.client, {
    TableName: T,
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  });
  await createTable(s.client, {
    TableName: N,
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'N' }],
  });
  await createTable(s.client, {
    TableName: C,
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
    ],
  });
  for (const sk of ['1', '2', '3'])
    await s.client.send(new PutItemCommand({ TableName: C, Item: { pk: { S: 'pq-overlap' }, sk: { S: sk } } }));
});
test.after(async () => {
  await s?.close();
});

async function seed(pk: string): Promise<string> {
  await s.client.send(new PutItemCommand({ TableName: T, Item: { pk: { S: pk }, a: { N: '1' }, b: { S: 'bee' } } }));
  return pk;
}
const stored = async (pk: string) =>
  (await s.client.send(new GetItemCommand({ TableName: T, Key: { pk: { S: pk } }, ConsistentRead: true }))).Item;
const run = (Statement: string, Parameters?: AttributeValue[]) =>
  s.client.send(new ExecuteStatementCommand({ Statement, ...(Parameters && { Parameters }) }));

// paritysuite tests/tier2/partiql/fromFirstUpdate.test.ts (eu-west-2, October 2026; us-east-1, eu-west-1 and
// us-west-2 answered the same): `FROM "T" WHERE <key> SET/REMOVE ...` is an UPDATE of the item the WHERE names.
test('FROM-first UPDATE: SET, REMOVE, RETURNING, parameters, lower case', async () => {
  const pk = await seed('ff-set');
  await run(`FROM "${T}" WHERE pk = '${pk}' SET c = 1`);
  assert.equal((await stored(pk))?.c, { N: '1' });

  await run(`FROM "${T}" WHERE pk = '${pk}' SET c = 2 REMOVE a`);
  const item = await stored(pk);
  assert.equal([item?.c, item?.a], [{ N: '2' }, undefined]);

  const returned = await run(`FROM "${T}" WHERE pk = '${pk}' SET d = 3 RETURNING ALL NEW *`);
  assert.equal(returned.Items, [{ pk: { S: pk }, b: { S: 'bee' }, c: { N: '2' }, d: { N: '3' } }]);

  await run(`from "${T}" where pk = '${pk}' set e = 4`);
  await run(`FROM "${T}" WHERE pk = ? SET f = ?`, [{ S: pk }, { N: '7' }]);
  const last = await stored(pk);
  assert.equal([last?.e, last?.f], [{ N: '4' }, { N: '7' }]);
});

test('FROM-first UPDATE: a further WHERE condition is a condition on the write', async () => {
  const pk = await seed('ff-condition');
  await run(`FROM "${T}" WHERE pk = '${pk}' AND a = 1 SET c = 5`);
  assert.equal((await stored(pk))?.c, { N: '5' });
  await rejects(run(`FROM "${T}" WHERE pk = '${pk}' AND a = 2 SET c = 6`), 'ConditionalCheckFailedException');
  assert.equal((await stored(pk))?.c, { N: '5' });
  // A key that matches no item fails its condition and creates nothing.
  await rejects(run(`FROM "${T}" WHERE pk = 'ff-absent' SET c = 1`), 'ConditionalCheckFailedException');
  assert.is(await stored('ff-absent'), undefined);
});

test('FROM-first UPDATE: ExecuteTransaction and BatchExecuteStatement run it', async () => {
  const tx = await seed('ff-tx');
  await s.client.send(
    new ExecuteTransactionCommand({ TransactStatements: [{ Statement: `FROM "${T}" WHERE pk = '${tx}' SET c = 1` }] }),
  );
  assert.equal((await stored(tx))?.c, { N: '1' });
  const batch = await seed('ff-batch');
  const r = await s.client.send(
    new BatchExecuteStatementCommand({ Statements: [{ Statement: `FROM "${T}" WHERE pk = '${batch}' SET c = 1` }] }),
  );
  assert.equal([r.Responses?.length, r.Responses?.[0]?.Error], [1, undefined]);
  assert.equal((await stored(batch))?.c, { N: '1' });
});

// paritysuite tests/tier3/error-messages/partiqlGrammar.test.ts ("The FROM-first UPDATE form", eu-west-2,
// October 2026): the refusals and their exact words.
test('FROM-first UPDATE: refusals', async () => {
  const KEY = 'Where clause does not contain a mandatory equality on all key attributes';
  const LEFTOVER = "Statement wasn't well formed, can't be processed: Unexpected token after expression";
  for (const [statement, message] of [
    [`FROM "${T}" SET c = 1`, KEY],
    [`FROM "${T}" REMOVE a`, KEY],
    [`FROM "${T}" WHERE a = 1 SET c = 1`, KEY],
    [`FROM "${T}" SET c = 1 WHERE pk = 'ff-msg'`, LEFTOVER],
    [`FROM "${T}" SET c = 1 WHERE pk = 'ff-msg' SET d = 2`, LEFTOVER],
  ]) {
    await rejects(run(statement!), 'ValidationException', message);
  }
  await rejects(
    run(`FROM "${T}-never-created" WHERE pk = 'x' SET c = 1`),
    'ResourceNotFoundException',
    'Requested resource not found',
  );
  assert.is(await stored('ff-msg'), undefined);
});

// paritysuite tests/tier3/error-messages/partiqlGrammar.test.ts (eu-west-2, October 2026): a number literal whose
// exponent, or whose scale (digits after the point less the exponent), does not fit a 32-bit integer is not well
// formed, with nothing after the colon; one that converts but is out of range gets the number rule's message.
test('number literals that cannot be converted', async () => {
  const NOT_WELL_FORMED = "Statement wasn't well formed, can't be processed: ";
  for (const literal of ['1e2147483648', '1e99999999999', '1.5e-2147483647'])
    await rejects(run(`SELECT * FROM "${N}" WHERE pk = ${literal}`), 'ValidationException', NOT_WELL_FORMED);
  await rejects(
    run(`SELECT * FROM "${N}" WHERE pk = 1e126`),
    'ValidationException',
    'Number overflow. Attempting to store a number with magnitude larger than supported range under root',
  );
});

// paritysuite tests/tier2/partiql/whereOverlap.test.ts and tier3/error-messages/partiqlGrammar.test.ts
// (eu-west-2 and us-east-1, October 2026): OR branches that overlap on the sort key are refused; a branch whose
// sort-key condition is negated or <> is left out of that check, and the statement returns the union.
test('OR branches overlapping on the sort key', async () => {
  const P = 'pq-overlap';
  for (const condition of ["x = '1'", "x <> '1'"]) {
    await rejects(
      run(`SELECT * FROM "${C}" WHERE pk = '${P}' AND ${condition} OR pk = '${P}' AND sk = '2'`),
      'ValidationException',
      'Overlapping conditions with range keys are not supported in where clause',
    );
  }
  const sortKeys = async (where: string) =>
    ((await run(`SELECT * FROM "${C}" WHERE ${where}`)).Items ?? []).map((i) => i.sk!.S!).sort();
  const cases: [string, string[]][] = [
    [`pk = '${P}' AND NOT sk = '1'`, ['2', '3']],
    [`pk = '${P}' AND sk <> '1'`, ['2', '3']],
    [`pk = '${P}' AND NOT begins_with(sk, 'x')`, ['1', '2', '3']],
    [`pk = '${P}' AND NOT sk IN ['1', '3']`, ['2']],
    [`pk = '${P}' AND NOT sk > '5'`, ['1', '2', '3']],
    [`pk = '${P}' AND NOT (sk = '1')`, ['2', '3']],
  ];
  for (const [left, expected] of cases)
    assert.equal(await sortKeys(`${left} OR pk = '${P}' AND sk = '2'`), expected, left);
  assert.equal(await sortKeys(`pk = '${P}' OR pk = '${P}' AND NOT sk = '1'`), ['1', '2', '3']);
});

// paritysuite tests/tier3/error-messages/partiqlFunctions.test.ts (eu-west-2, October 2026; us-east-1, eu-west-1
// and us-west-2 gave the same strings): function refusals, with `at line:column:length` where AWS gives one.
test('function messages and their positions', async () => {
  const F = 'pq-fn-msg';
  await s.client.send(
    new PutItemCommand({
      TableName: T,
      Item: { pk: { S: F }, ss: { SS: ['a', 'b', 'c'] }, s: { S: 'str' }, m: { M: { inner: { SS: ['x'] } } } },
    }),
  );
  const where = (condition: string) => `SELECT * FROM "${T}" WHERE pk = '${F}' AND ${condition}`;
  const update = (set: string) => `UPDATE "${T}" SET ${set} WHERE pk = '${F}'`;
  /** `1:<column>:<length>` of the first `token` at or after `from`. */
  const at = (statement: string, token: string, length = token.length, from = 0) =>
    `1:${statement.indexOf(token, from) + 1}:${length}`;
  const cases: [string, (st: string) => string][] = [
    [
      where("attribute_exists('ss')"),
      () => 'Operator or function requires a document path; operator or function: attribute_exists',
    ],
    [
      where('attribute_exists(ss, s)'),
      () =>
        'Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2',
    ],
    [where('EXISTS(ss)'), (st) => `Unrecognized function: exists at ${at(st, 'EXISTS')}`],
    [where("set_add(ss, <<'x'>>) = ss"), (st) => `Unrecognized function: set_add at ${at(st, 'set_add')}`],
    [
      where('attribute_exists(m.inner)'),
      () => "Statement wasn't well formed, can't be processed: Invalid path dot component",
    ],
    [
      update("t = set_add(ss, <<'x'>>)"),
      (st) => `The first argument to SET_ADD must equal the assignment value at ${at(st, 'set_add')}`,
    ],
    [update('ss = set_add(ss)'), (st) => `SET_ADD must have exactly two arguments at ${at(st, 'set_add')}`],
    [
      update("ss = set_add(ss, ['x'])"),
      (st) =>
        `The second argument to SET_ADD must be a value with type SET at ${at(st, 'ss', 2, st.indexOf('set_add('))}`,
    ],
    [
      update("ss = set_delete(ss, 'a')"),
      (st) =>
        `The second argument to SET_DELETE must be a value with type SET at ${at(st, 'ss', 2, st.indexOf('set_delete('))}`,
    ],
    [update('ss = set_add(ss, <<>>)'), () => 'Empty bags are not supported'],
    [
      update("ss = set_add(ss, <<'x', 'x'>>)"),
      () => 'One or more parameter values were invalid: Input collection [x, x] contains duplicates.',
    ],
    [update('ss = set_add(ss, <<1>>)'), () => 'An operand in the update expression has an incorrect data type'],
  ];
  for (const [statement, message] of cases) await rejects(run(statement), 'ValidationException', message(statement));
  const found = await run(where('attribute_exists(ss) AND attribute_not_exists(nothing)'));
  assert.is(found.Items?.length, 1);
});

// paritysuite tests/tier2/partiql/writeResponses.test.ts (eu-west-2, October 2026; three more regions agreed):
// writes answer an empty Items list; a transaction of writes an empty Responses list, capacity beside it.
test('what PartiQL writes answer', async () => {
  const pk = await seed('wr-a');
  assert.equal((await run(`INSERT INTO "${T}" VALUE {'pk': 'wr-new'}`)).Items, []);
  assert.equal((await run(`UPDATE "${T}" SET a = 2 WHERE pk = '${pk}'`)).Items, []);
  assert.equal((await run(`DELETE FROM "${T}" WHERE pk = 'wr-never-written'`)).Items, []);
  const tx = await s.client.send(
    new ExecuteTransactionCommand({
      TransactStatements: [
        { Statement: `UPDATE "${T}" SET a = 3 WHERE pk = '${pk}'` },
        { Statement: `DELETE FROM "${T}" WHERE pk = 'wr-new'` },
      ],
    }),
  );
  assert.equal(tx.Responses, []);
  const withCapacity = await s.client.send(
    new ExecuteTransactionCommand({
      TransactStatements: [{ Statement: `UPDATE "${T}" SET a = 4 WHERE pk = '${pk}'` }],
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  assert.equal([withCapacity.Responses, withCapacity.ConsumedCapacity?.map((c) => c.TableName)], [[], [T]]);
});

// paritysuite tests/tier3/error-messages/partiqlParameterNumbers.test.ts (eu-west-2 and us-east-1, October 2026):
// a number parameter is read as Java's BigDecimal reads it; the first problem in document order is the answer,
// in the value rule's own words, also inside ExecuteTransaction.
test('number parameters', async () => {
  const UNCONVERTIBLE = 'The parameter cannot be converted to a numeric value';
  const NEST =
    'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit';
  const select = `SELECT * FROM "${C}" WHERE pk = 'pq-pn' AND n = ?`;
  const pair = `SELECT * FROM "${C}" WHERE pk = 'pq-pn' AND x = ? AND y = ?`;
  const deep = (depth: number, leaf: AttributeValue = { S: 'leaf' }) => {
    let v = leaf;
    for (let i = 0; i < depth; i++) v = { M: { n: v } };
    return v;
  };
  const cases: [string, AttributeValue[], string][] = [
    [select, [{ N: '1e99999999999' }], `${UNCONVERTIBLE}: 1e99999999999`],
    [`SELECT * FROM "${C}" WHERE pk = ?`, [{ N: '1e-2147483648' }], `${UNCONVERTIBLE}: 1e-2147483648`],
    [
      select,
      [{ N: '1e2147483647' }],
      'Number underflow. Attempting to store a number with magnitude smaller than supported range',
    ],
    [select, [{ N: '' }], UNCONVERTIBLE],
    [select, [{ L: [{ N: '1' }, { N: '1e99999999999' }] }], `${UNCONVERTIBLE}: 1e99999999999`],
    [select, [{ NS: ['1', '1e99999999999'] }], `${UNCONVERTIBLE}: 1e99999999999`],
    [pair, [deep(40), { N: 'abc' }], NEST],
    [pair, [{ N: 'abc' }, deep(40)], `${UNCONVERTIBLE}: abc`],
    [select, [deep(40, { N: 'abc' })], NEST],
  ];
  for (const [statement, parameters, message] of cases)
    await rejects(run(statement, parameters), 'ValidationException', message);
  await rejects(
    s.client.send(
      new ExecuteTransactionCommand({
        TransactStatements: [
          {
            Statement: `UPDATE "${C}" SET n = ? WHERE pk = 'pq-pn' AND sk = 's'`,
            Parameters: [{ N: '1e99999999999' }],
          },
        ],
      }),
    ),
    'ValidationException',
    `${UNCONVERTIBLE}: 1e99999999999`,
  );
});

test.run();
