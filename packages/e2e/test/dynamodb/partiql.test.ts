// PartiQL (ExecuteStatement) through @aws-sdk/client-dynamodb: every statement form, value form and function,
// paging, and the errors in DynamoDB's words. Evidence is named beside each assertion:
//   [guide]    AWS developer guide, "PartiQL - a SQL-compatible query language for Amazon DynamoDB" pages
//   [moto-aws] moto's tests/test_dynamodb/test_dynamodb_statements.py, the ones marked aws_verified (run on AWS)
//   [pinned]   public conformance suites whose PartiQL messages were pinned against AWS (eu-west-1/2, 2026)
//   [ddb-local] DynamoDB Local's PartiQL message catalogue (ValidationExceptionMessages) and recordings of it
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ExecuteStatementCommand, GetItemCommand, PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { createTable, rejects, startItemsServer, type ItemsServer } from './items-harness.js';

let s: ItemsServer;

test.before(async () => {
  s = await startItemsServer();
  await createTable(s.client, {
    TableName: 'Music',
    KeySchema: [
      { AttributeName: 'Artist', KeyType: 'HASH' },
      { AttributeName: 'SongTitle', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'Artist', AttributeType: 'S' },
      { AttributeName: 'SongTitle', AttributeType: 'S' },
      { AttributeName: 'AlbumTitle', AttributeType: 'S' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'byAlbum',
        KeySchema: [{ AttributeName: 'AlbumTitle', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  });
  for (const [artist, song, album, year] of [
    ['Acme Band', 'A Song', 'First', 2001],
    ['Acme Band', 'B Song', 'First', 2002],
    ['Acme Band', 'C Song', 'Second', 2003],
    ['No One', 'Call Me', 'Second', 2004],
  ] as const) {
    await s.client.send(
      new PutItemCommand({
        TableName: 'Music',
        Item: {
          Artist: { S: artist },
          SongTitle: { S: song },
          AlbumTitle: { S: album },
          Year: { N: String(year) },
          Tags: { SS: ['rock', artist === 'No One' ? 'pop' : 'indie'] },
          Info: { M: { label: { S: 'L1' }, ratings: { L: [{ N: '5' }, { N: '3' }] } } },
        },
      }),
    );
  }
});
test.after(async () => {
  await s?.close();
});

const run = (Statement: string, Parameters?: AttributeValue[], extra: Record<string, unknown> = {}) =>
  s.client.send(new ExecuteStatementCommand({ Statement, Parameters, ...extra }));
const titles = (items: Record<string, AttributeValue>[] | undefined) => (items ?? []).map((i) => i.SongTitle?.S);
const NOT_WELL_FORMED = "Statement wasn't well formed, can't be processed: ";

// ---- SELECT

test('SELECT * with the whole key returns the item [guide: select; moto-aws: with_parameter]', async () => {
  const r = await run(`SELECT * FROM "Music" WHERE Artist = ? AND SongTitle = ?`, [
    { S: 'Acme Band' },
    { S: 'A Song' },
  ]);
  assert.equal(r.Items?.length, 1);
  assert.equal(r.Items![0]!.Year, { N: '2001' });
  const none = await run(`SELECT * FROM "Music" WHERE Artist = 'Acme Band' AND SongTitle = 'nope'`);
  assert.equal(none.Items, []); // [moto-aws: with_no_results]
});

test('nested paths are answered under their last part [ddb-local recording: a projection of nested paths]', async () => {
  const r = await run(
    `SELECT Info.label, Info.ratings[1], "Year" FROM "Music" WHERE Artist = 'Acme Band' AND SongTitle = 'A Song'`,
  );
  assert.equal(r.Items, [{ label: { S: 'L1' }, 'ratings[1]': { N: '3' }, Year: { N: '2001' } }]);
  await rejects(
    run(`SELECT Info.label, label FROM "Music"`),
    'ValidationException',
    'Duplicate identifiers in select clause: label', // [ddb-local]
  );
  await rejects(
    run(`SELECT *, Year FROM "Music"`),
    'ValidationException',
    "Other attributes should not be present in the projection when '*' is used.", // [ddb-local]
  );
});

test('the partition key alone runs as a Query with sort-key conditions [guide: select]', async () => {
  const all = await run(`SELECT * FROM "Music" WHERE Artist = 'Acme Band'`);
  assert.equal(titles(all.Items), ['A Song', 'B Song', 'C Song']);
  const between = await run(
    `SELECT SongTitle FROM "Music" WHERE Artist = 'Acme Band' AND SongTitle BETWEEN 'B' AND 'Z'`,
  );
  assert.equal(titles(between.Items), ['B Song', 'C Song']);
  const prefix = await run(`SELECT * FROM "Music" WHERE Artist='Acme Band' AND begins_with(SongTitle, 'C')`);
  assert.equal(titles(prefix.Items), ['C Song']);
  const greater = await run(
    `SELECT * FROM "Music" WHERE Artist='Acme Band' AND SongTitle > 'A Song' AND "Year" < 2003`,
  );
  assert.equal(titles(greater.Items), ['B Song']);
  const twoBounds = await run(`SELECT * FROM "Music" WHERE Artist='Acme Band' AND SongTitle > 'A' AND SongTitle < 'C'`);
  assert.equal(titles(twoBounds.Items), ['A Song', 'B Song']); // runs as a Scan: a Query filter cannot name sk
  const desc = await run(`SELECT * FROM "Music" WHERE Artist='Acme Band' ORDER BY SongTitle DESC`);
  assert.equal(titles(desc.Items), ['C Song', 'B Song', 'A Song']);
});

test('IN over partition keys reads each partition [guide: select, IN]', async () => {
  const r = await run(`SELECT SongTitle FROM "Music" WHERE Artist IN ['No One', 'Acme Band'] AND SongTitle < 'C'`);
  assert.equal(titles(r.Items), ['A Song', 'B Song']);
  const both = await run(`SELECT SongTitle FROM "Music" WHERE Artist IN ['No One', 'Acme Band'] AND SongTitle < 'Cb'`);
  assert.equal(titles(both.Items), ['Call Me', 'A Song', 'B Song', 'C Song']); // one Query per key, in the order written
});

test('any other WHERE scans with a filter: functions and operators [guide: functions; moto-aws: with_all_clauses]', async () => {
  const q = async (where: string, params?: AttributeValue[]) =>
    titles((await run(`SELECT SongTitle FROM "Music" WHERE ${where}`, params)).Items).sort();
  assert.equal(await q(`contains(Tags, 'pop')`), ['Call Me']);
  assert.equal(await q(`attribute_type("Year", 'N') AND "Year" >= 2003`), ['C Song', 'Call Me']);
  assert.equal(await q(`size(Tags) = 2 AND AlbumTitle <> 'First'`), ['C Song', 'Call Me']);
  assert.equal(await q(`Absent IS MISSING AND Info IS NOT MISSING AND "Year" = ?`, [{ N: '2002' }]), ['B Song']);
  assert.equal(await q(`NOT ("Year" BETWEEN 2002 AND 2004) OR SongTitle = 'Call Me'`), ['A Song', 'Call Me']);
  assert.equal(await q(`begins_with(AlbumTitle, 'Sec') AND Info.ratings[0] = 5`), ['C Song', 'Call Me']);
  assert.equal(await q(`"Year" IN [2001, 2004]`), ['A Song', 'Call Me']);
  assert.equal(await q(`Info.label IS NULL`), []);
});

test('a GSI is read as "Table"."Index" [moto-aws: on_gsi]; errors for unknown ones', async () => {
  const r = await run(`SELECT SongTitle FROM "Music"."byAlbum" WHERE AlbumTitle = ?`, [{ S: 'Second' }]);
  assert.equal(titles(r.Items).sort(), ['C Song', 'Call Me']);
  // [moto-aws: on_unknown_gsi_table]
  await rejects(
    run(`SELECT * FROM "Music"."nope"`),
    'ValidationException',
    'The table does not have the specified index',
  );
  await rejects(run(`SELECT * FROM "nope"."byAlbum"`), 'ResourceNotFoundException', 'Requested resource not found');
  await rejects(
    run(`SELECT * FROM "Nothing" WHERE a = 1`),
    'ResourceNotFoundException',
    'Requested resource not found',
  );
  await rejects(
    run(`SELECT * FROM "Music"."byAlbum" WHERE AlbumTitle = 'First'`, undefined, { ConsistentRead: true }),
    'ValidationException',
    'Strongly consistent read is not supported on Global Secondary Indexes', // [ddb-local]
  );
});

test('Limit counts items read; NextToken continues and is bound to its request [pinned]', async () => {
  const seen: string[] = [];
  let NextToken: string | undefined;
  let pages = 0;
  do {
    const r = await run(`SELECT * FROM "Music" WHERE "Year" > 0`, undefined, { Limit: 2, NextToken });
    seen.push(...titles(r.Items).map(String));
    NextToken = r.NextToken;
    pages++;
  } while (NextToken && pages < 10);
  assert.equal(seen.sort(), ['A Song', 'B Song', 'C Song', 'Call Me']);
  const first = await run(`SELECT * FROM "Music" WHERE "Year" > 0`, undefined, { Limit: 1 });
  assert.ok(first.NextToken);
  await rejects(
    run(`SELECT * FROM "Music"`, undefined, { Limit: 1, NextToken: first.NextToken }),
    'ValidationException',
    'NextToken does not match request',
  );
  await rejects(
    run(`SELECT * FROM "Music"`, undefined, { NextToken: 'garbage' }),
    'ValidationException',
    'Invalid NextToken',
  );
  const paged = await run(`SELECT * FROM "Music" WHERE Artist IN ['Acme Band', 'No One']`, undefined, { Limit: 3 });
  assert.equal(paged.Items?.length, 3);
  const rest = await run(`SELECT * FROM "Music" WHERE Artist IN ['Acme Band', 'No One']`, undefined, {
    Limit: 3,
    NextToken: paged.NextToken,
  });
  assert.equal(titles(rest.Items), ['Call Me']);
});

test('ORDER BY needs a key condition [ddb-local catalogue]', async () => {
  await rejects(
    run(`SELECT * FROM "Music" ORDER BY SongTitle`),
    'ValidationException',
    'Must have WHERE clause in the statement when using ORDER BY clause.',
  );
  await rejects(
    run(`SELECT * FROM "Music" WHERE "Year" = 1 ORDER BY SongTitle`),
    'ValidationException',
    'Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.',
  );
  await rejects(
    run(`SELECT * FROM "Music" WHERE Artist = 'x' ORDER BY "Year"`),
    'ValidationException',
    'Variable reference Year in ORDER BY clause must be part of the primary key',
  );
});

// ---- INSERT / UPDATE / DELETE

test('INSERT writes every value form and answers no items [guide: insert; moto-aws: insert_data]', async () => {
  const r = await run(
    `INSERT INTO "Music" VALUE {'Artist': 'Values', 'SongTitle': ?, 's': 'it''s', 'n': -1.50, 't': TRUE, 'f': false,
      'z': NULL, 'm': MISSING, 'l': [1, 'two', [3]], 'map': {'k': {'deep': 'v'}}, 'ss': <<'a', 'b'>>, 'ns': <<1, 2>>,
      'bin': ?}`,
    [{ S: 'All' }, { B: new Uint8Array([1, 2, 3]) }],
  );
  assert.equal(r.Items, []);
  const item = (
    await s.client.send(
      new GetItemCommand({ TableName: 'Music', Key: { Artist: { S: 'Values' }, SongTitle: { S: 'All' } } }),
    )
  ).Item!;
  assert.equal(item.s, { S: "it's" });
  assert.equal(item.n, { N: '-1.5' });
  assert.equal([item.t, item.f, item.z], [{ BOOL: true }, { BOOL: false }, { NULL: true }]);
  assert.is(item.m, undefined);
  assert.equal(item.l, { L: [{ N: '1' }, { S: 'two' }, { L: [{ N: '3' }] }] });
  assert.equal(item.map, { M: { k: { M: { deep: { S: 'v' } } } } });
  assert.equal(item.ss, { SS: ['a', 'b'] });
  assert.equal(item.ns, { NS: ['1', '2'] });
  assert.equal(item.bin, { B: new Uint8Array([1, 2, 3]) });
});

test('INSERT of an existing key is DuplicateItemException [guide: insert, AWS CLI example]', async () => {
  await rejects(
    run(`INSERT INTO "Music" VALUE {'Artist': 'Acme Band', 'SongTitle': 'A Song'}`),
    'DuplicateItemException',
    'Duplicate primary key exists in table',
  );
  await rejects(
    run(`INSERT INTO "Music" VALUE {'Artist': 'x'}`),
    'ValidationException',
    'Key attribute should be present in the item: Key SongTitle', // [ddb-local catalogue]
  );
  await rejects(
    run(`INSERT INTO "Music" VALUE {'Artist': 'x', 'SongTitle': 1}`),
    'ValidationException',
    "Key attribute's data type should match its data type in table's schema: Key SongTitle", // [ddb-local]
  );
  await rejects(
    run(`INSERT INTO "Music" VALUE {'Artist': 'x', 'SongTitle': 'y', 's': <<>>}`),
    'ValidationException',
    'Empty bags are not supported',
  );
});

test('UPDATE: SET values, arithmetic, list_append, set_add, set_delete, nested paths, REMOVE [guide: update]', async () => {
  await run(
    `INSERT INTO "Music" VALUE {'Artist': 'U', 'SongTitle': 'S', 'n': 1, 'l': [1], 'ss': <<'a'>>, 'm': {'x': 1}, 'gone': 1}`,
  );
  const r = await run(
    `UPDATE "Music" SET n = n + 2 SET l = list_append(l, [2]), ss = set_add(ss, <<'b', 'c'>>) SET m.x = ?, m.y = 'new'
     REMOVE gone WHERE Artist = 'U' AND SongTitle = 'S' RETURNING ALL NEW *`,
    [{ N: '9' }],
  );
  assert.equal(r.Items?.length, 1);
  const item = r.Items![0]!;
  assert.equal(item.n, { N: '3' });
  assert.equal(item.l, { L: [{ N: '1' }, { N: '2' }] });
  assert.equal(new Set(item.ss!.SS), new Set(['a', 'b', 'c']));
  assert.equal(item.m, { M: { x: { N: '9' }, y: { S: 'new' } } });
  assert.is(item.gone, undefined);
  const old = await run(
    `UPDATE "Music" SET ss = set_delete(ss, <<'a'>>) WHERE Artist = 'U' AND SongTitle = 'S' RETURNING MODIFIED OLD *`,
  );
  assert.equal(old.Items, [{ ss: { SS: ['a', 'b', 'c'] } }]);
  const plain = await run(`UPDATE "Music" SET n = 0 WHERE Artist = 'U' AND SongTitle = 'S'`);
  assert.equal(plain.Items, []);
});

test('UPDATE never creates an item; extra WHERE terms are conditions [issue 20; ddb-local catalogue]', async () => {
  await rejects(
    run(`UPDATE "Music" SET n = 1 WHERE Artist = 'nobody' AND SongTitle = 'none'`),
    'ConditionalCheckFailedException',
    'The conditional request failed',
  );
  await rejects(
    run(`UPDATE "Music" SET n = 1 WHERE Artist = 'Acme Band' AND SongTitle = 'A Song' AND "Year" = 1999`),
    'ConditionalCheckFailedException',
    'The conditional request failed',
  );
  const failed = await rejects(
    run(`UPDATE "Music" SET n = 1 WHERE Artist = 'Acme Band' AND SongTitle = 'A Song' AND "Year" = 1999`, undefined, {
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    }),
    'ConditionalCheckFailedException',
  );
  assert.equal(failed.Item?.Year, { N: '2001' });
  await rejects(
    run(`UPDATE "Music" SET n = 1 WHERE Artist = 'Acme Band'`),
    'ValidationException',
    'Where clause does not contain a mandatory equality on all key attributes',
  );
  await rejects(
    run(`UPDATE "Music" SET n = 1 WHERE Artist = 'a' AND Artist = 'b' AND SongTitle = 'c'`),
    'ValidationException',
    'Multiple conditions on same key Artist. Only single item Update/Insert/Delete are supported',
  );
  await rejects(
    run(`UPDATE "Music" SET ss = set_add(tags, <<'x'>>) WHERE Artist = 'a' AND SongTitle = 'c'`),
    'ValidationException',
    // With the function's position (paritysuite tier3/error-messages/partiqlFunctions.test.ts, October 2026).
    'The first argument to SET_ADD must equal the assignment value at 1:25:7',
  );
});

test('DELETE with RETURNING ALL OLD *; other RETURNING forms refused [guide: delete; ddb-local catalogue]', async () => {
  await run(`INSERT INTO "Music" VALUE {'Artist': 'D', 'SongTitle': 'S', 'n': 1}`);
  await rejects(
    run(`DELETE FROM "Music" WHERE Artist = 'D' AND SongTitle = 'S' AND n = 2`),
    'ConditionalCheckFailedException',
    'The conditional request failed',
  );
  await rejects(
    run(`DELETE FROM "Music" WHERE Artist = 'D' AND SongTitle = 'S' RETURNING ALL NEW *`),
    'ValidationException',
    'Invalid returning clause: RETURNING ALL NEW *. Only RETURNING ALL OLD * is allowed in DELETE statements.',
  );
  const r = await run(`DELETE FROM "Music" WHERE Artist = 'D' AND SongTitle = 'S' RETURNING ALL OLD *`);
  assert.equal(r.Items, [{ Artist: { S: 'D' }, SongTitle: { S: 'S' }, n: { N: '1' } }]);
  const again = await run(`DELETE FROM "Music" WHERE Artist = 'D' AND SongTitle = 'S'`);
  assert.equal(again.Items, []);
});

// ---- errors

test('syntax errors carry AWS details [pinned]', async () => {
  const cases: [string, string][] = [
    [`SELECT * FROM "Music" WHERE Artist = 'a' foo`, `${NOT_WELL_FORMED}Unexpected token after expression`],
    [`DELETE FROM "Music" WHERE Artist = 'a' ORDER BY Artist`, `${NOT_WELL_FORMED}Unexpected token after expression`],
    [`SELECT * FROM "Music" WHERE`, `${NOT_WELL_FORMED}Unexpected term`],
    [
      `SELECT * FROM "Music" WHERE Artist = 'a' AND`,
      `${NOT_WELL_FORMED}Missing right-hand side expression of infix operator`,
    ],
    [`SELECT * FROM "Music" WHERE ORDER BY Artist`, `${NOT_WELL_FORMED}Unexpected keyword`],
    [`SELECT * FROM "Music" WHERE IS NULL`, `${NOT_WELL_FORMED}Unexpected operator`],
    [`DELETE FROM`, `${NOT_WELL_FORMED}Expected identifier for simple path`],
    [`SELECT * FROM`, `${NOT_WELL_FORMED}Unexpected term`],
    [`SELECT * FROM "Music" WHERE Artist = 1 # note`, NOT_WELL_FORMED],
    [`SELECT * FROM "Music" t WHERE Artist = 'x'`, 'Aliasing is not supported'],
    [`UPDATE "Music" AS t SET a = 3 WHERE Artist = 'x'`, 'Aliasing is not supported'],
    [`INSERT INTO "Music" t VALUE {'Artist': 'x'}`, `${NOT_WELL_FORMED}Unexpected token after expression`],
    [`CREATE TABLE x`, `${NOT_WELL_FORMED}Expected data manipulation`],
  ];
  for (const [statement, message] of cases) await rejects(run(statement), 'ValidationException', message);
});

test('SQL that DynamoDB does not run is refused in its words [ddb-local catalogue and recordings]', async () => {
  await rejects(
    run(`SELECT * FROM "Music" WHERE Artist = 'a' LIMIT 1`),
    'ValidationException',
    'Unsupported clause: LIMIT',
  );
  await rejects(
    run(`SELECT * FROM "Music", "Other"`),
    'ValidationException',
    'Only select from a single table or index is supported.',
  );
  await rejects(
    run(`SELECT * FROM "Music" JOIN "Other" ON a = b`),
    'ValidationException',
    `${NOT_WELL_FORMED}Unexpected token after expression`,
  );
  await rejects(
    run(`INSERT INTO "Music" VALUE {'Artist': 'x', 'SongTitle': 'y'} RETURNING ALL NEW *`),
    'ValidationException',
    'RETURNING is not supported in INSERT',
  );
});

test('ReturnConsumedCapacity reports what the underlying read or write consumed [API reference]', async () => {
  const read = await run(`SELECT * FROM "Music" WHERE Artist = 'Acme Band' AND SongTitle = 'A Song'`, undefined, {
    ReturnConsumedCapacity: 'TOTAL',
  });
  assert.equal(read.ConsumedCapacity, { TableName: 'Music', CapacityUnits: 0.5 });
  const many = await run(`SELECT * FROM "Music" WHERE Artist IN ['Acme Band', 'No One']`, undefined, {
    ReturnConsumedCapacity: 'TOTAL',
    ConsistentRead: true,
  });
  assert.equal(many.ConsumedCapacity, { TableName: 'Music', CapacityUnits: 2 });
  const write = await run(`UPDATE "Music" SET x = 1 WHERE Artist = 'No One' AND SongTitle = 'Call Me'`, undefined, {
    ReturnConsumedCapacity: 'TOTAL',
  });
  // One unit for the item, one for its entry in the byAlbum GSI: what UpdateItem itself reports.
  assert.equal(write.ConsumedCapacity, { TableName: 'Music', CapacityUnits: 2 });
});

test('number literals follow DynamoDB number rules, naming where they sit [pinned]', async () => {
  const OVERFLOW = 'Number overflow. Attempting to store a number with magnitude larger than supported range';
  await rejects(run(`SELECT * FROM "Music" WHERE Artist = 1e126`), 'ValidationException', `${OVERFLOW} under root`);
  await rejects(
    run(`SELECT * FROM "Music" WHERE Artist = 1e-131`),
    'ValidationException',
    'Number underflow. Attempting to store a number with magnitude smaller than supported range under root',
  );
  await rejects(
    run(`INSERT INTO "Music" VALUE {'Artist': 'n', 'SongTitle': 'n', 'm': {'x': 1e126}}`),
    'ValidationException',
    `${OVERFLOW} under root.x`,
  );
  await rejects(
    run(`INSERT INTO "Music" VALUE {'Artist': 'n', 'SongTitle': 'n', 'l': [1, 1e126]}`),
    'ValidationException',
    `${OVERFLOW} under root[1]`,
  );
  await rejects(
    run(`SELECT * FROM "Music" WHERE Artist = 123456789012345678901234567890123456789`),
    'ValidationException',
    'Attempting to store more than 38 significant digits in a Number under root',
  );
});

test('parameters: too few is refused [ddb-local catalogue]; MISSING only with IS [ddb-local]', async () => {
  await rejects(
    run(`SELECT * FROM "Music" WHERE Artist = ? AND SongTitle = ?`, [{ S: 'a' }]),
    'ValidationException',
    "Number of parameters in request and statement don't match.",
  );
  await rejects(
    run(`SELECT * FROM "Music" WHERE Artist = ?`),
    'ValidationException',
    "Number of parameters in request and statement don't match.",
  );
  await rejects(
    run(`SELECT * FROM "Music" WHERE n = MISSING`),
    'ValidationException',
    'MISSING must be compared using IS operator',
  );
  await rejects(run(`SELECT * FROM "Music" WHERE EXISTS(SELECT * FROM "Music")`), 'ValidationException');
});

test('EXISTS outside a transaction is refused [ddb-local catalogue]', async () => {
  await rejects(
    run(`EXISTS(SELECT * FROM "Music" WHERE Artist = 'Acme Band' AND SongTitle = 'A Song')`),
    'ValidationException',
    'EXISTS can only be used in ExecuteTransaction write requests.',
  );
});

test('request members are validated by the API schema [API reference: ExecuteStatement]', async () => {
  const r = await s.raw('ExecuteStatement', { Statement: '' });
  assert.is(r.status, 400);
  assert.match(r.body.message, /Member must have length greater than or equal to 1/);
  const limit = await s.raw('ExecuteStatement', { Statement: 'SELECT * FROM "Music"', Limit: 0 });
  assert.match(limit.body.message, /Member must have value greater than or equal to 1/);
});

test.run();
