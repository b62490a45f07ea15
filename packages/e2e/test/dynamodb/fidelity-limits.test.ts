// DynamoDB's request limits, at the boundary and one past it, with the SDK v3: expression size, document nesting
// depth, number exponents and byte cost, and the 400 KB item size on each write surface. Each test names the
// recorded evidence it follows (paritysuite dynamodb-conformance tests/tier3/limits/*, captured against AWS).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  BatchWriteItemCommand,
  ExecuteStatementCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { createTable, rejects, startItemsServer, type ItemsServer } from './items-harness.js';

let s: ItemsServer;
const T = 'limits';
const TN = 'limits_n';

test.before(async () => {
  s = await startItemsServer();
  await createTable(s.client, {
    TableName: T,
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  });
  await createTable(s.client, {
    TableName: TN,
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'N' }],
  });
});
test.after(async () => {
  await s?.close();
});

const S = (v: string): AttributeValue => ({ S: v });
const key = (id: string) => ({ pk: S(id) });
const send = (command: any): Promise<any> => s.client.send(command);

// ---- Expression size: 4096 bytes of the raw text on every expression member ----------------------------------
// paritysuite tests/tier3/limits/expressionSize.test.ts (eu-west-2, us-east-1, eu-central-1, ap-southeast-2,
// 2026-07-12; transactions 2026-09-12): 4096 accepted, 4097 refused, aliases not substituted before counting.
// The UpdateExpression message stops at the semicolon, the others add the size (tests/tier3/validation-ordering/
// deepRequests.test.ts, ten regions, 2026-10-09).
const TOO_BIG = 'Expression size has exceeded the maximum allowed size;';
const padName = (i: number, len = 50) => 'a'.repeat(len - `x${i}`.length) + `x${i}`;

/** Clauses joined to exactly `target` bytes, the last name stretched to land on the byte. */
function exactly(target: number, prefix: string, joiner: string, clause: (i: number, len: number) => string) {
  const parts: string[] = [];
  let total = prefix.length;
  for (let i = 0; ; i++) {
    const add = (parts.length ? joiner.length : 0) + clause(i, 50).length;
    if (total + add > target) break;
    parts.push(clause(i, 50));
    total += add;
  }
  if (total < target) parts[parts.length - 1] = clause(parts.length - 1, 50 + target - total);
  const text = prefix + parts.join(joiner);
  assert.is(Buffer.byteLength(text), target);
  const values: Record<string, AttributeValue> = {};
  for (let i = 0; i < parts.length; i++) values[`:v${i}`] = S('x');
  return { text, values };
}
const update = (n: number) => exactly(n, 'SET ', ', ', (i, len) => `${padName(i, len)} = :v${i}`);
const condition = (n: number) => exactly(n, '', ' AND ', (i, len) => `attribute_not_exists(${padName(i, len)})`).text;
const filter = (n: number) => exactly(n, '', ' OR ', (i, len) => `${padName(i, len)} = :v${i}`);
const projection = (n: number) => exactly(n, '', ', ', (i, len) => padName(i, len)).text;

test('expression size: 4096 bytes pass on every member, 4097 are refused in DynamoDB words', async () => {
  const at = update(4096);
  await send(
    new UpdateItemCommand({
      TableName: T,
      Key: key('u'),
      UpdateExpression: at.text,
      ExpressionAttributeValues: at.values,
    }),
  );
  const got = await send(new GetItemCommand({ TableName: T, Key: key('u') }));
  assert.equal(got.Item?.[padName(0)], S('x'));
  const over = update(4097);
  await rejects(
    send(
      new UpdateItemCommand({
        TableName: T,
        Key: key('u'),
        UpdateExpression: over.text,
        ExpressionAttributeValues: over.values,
      }),
    ),
    'ValidationException',
    `Invalid UpdateExpression: ${TOO_BIG}`,
  );
  await send(new PutItemCommand({ TableName: T, Item: key('c'), ConditionExpression: condition(4096) }));
  await rejects(
    send(new PutItemCommand({ TableName: T, Item: key('c2'), ConditionExpression: condition(4097) })),
    'ValidationException',
    `Invalid ConditionExpression: ${TOO_BIG} expression size: 4097`,
  );
  const f = filter(4096);
  const q = await send(
    new QueryCommand({
      TableName: T,
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: f.text,
      ExpressionAttributeValues: { ...f.values, ':pk': S('u') },
    }),
  );
  assert.is(q.Count, 1); // the item UpdateItem wrote matches the first disjunct: the filter was evaluated
  const f2 = filter(4097);
  await rejects(
    send(new ScanCommand({ TableName: T, FilterExpression: f2.text, ExpressionAttributeValues: f2.values })),
    'ValidationException',
    `Invalid FilterExpression: ${TOO_BIG} expression size: 4097`,
  );
  const p = await send(new GetItemCommand({ TableName: T, Key: key('u'), ProjectionExpression: projection(4096) }));
  assert.equal(p.Item?.[padName(0)], S('x'));
  await rejects(
    send(new GetItemCommand({ TableName: T, Key: key('u'), ProjectionExpression: projection(4097) })),
    'ValidationException',
    `Invalid ProjectionExpression: ${TOO_BIG} expression size: 4097`,
  );
});

test('expression size: the raw text counts, not the text with aliases substituted', async () => {
  const names: Record<string, string> = {};
  for (let i = 0; i < 30; i++) names[`#a${i}`] = 'n'.repeat(246) + `q${i}`;
  const got = await send(
    new GetItemCommand({
      TableName: T,
      Key: key('u'),
      ProjectionExpression: Object.keys(names).join(', '),
      ExpressionAttributeNames: names,
    }),
  );
  assert.equal(got.Item, {});
});

test('expression size in a transaction: a top-level ValidationException, nothing written', async () => {
  const over = update(4097);
  await rejects(
    send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: T, Item: key('t-first') } },
          {
            Update: {
              TableName: T,
              Key: key('t'),
              UpdateExpression: over.text,
              ExpressionAttributeValues: over.values,
            },
          },
        ],
      }),
    ),
    'ValidationException',
    `Invalid UpdateExpression: ${TOO_BIG}`,
  );
  assert.is((await send(new GetItemCommand({ TableName: T, Key: key('t-first') }))).Item, undefined);
  await rejects(
    send(
      new TransactWriteItemsCommand({
        TransactItems: [{ Put: { TableName: T, Item: key('t'), ConditionExpression: condition(4097) } }],
      }),
    ),
    'ValidationException',
    `Invalid ConditionExpression: ${TOO_BIG} expression size: 4097`,
  );
});

// ---- Nesting depth: 32 levels, the attribute itself counted as level 1 -------------------------------------------
// paritysuite tests/tier3/limits/nestingDepth.test.ts (eu-west-2, us-east-1, 2026-06 and 2026-09-12).
const NESTING =
  'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit';
function deep(depth: number): AttributeValue {
  let v: AttributeValue = S('leaf');
  for (let i = 0; i < depth; i++) v = { M: { n: v } };
  return v;
}

test('nesting depth: 31 wraps are stored on every write surface, 32 refused', async () => {
  await send(new PutItemCommand({ TableName: T, Item: { ...key('n1'), d: deep(31) } }));
  await send(
    new BatchWriteItemCommand({ RequestItems: { [T]: [{ PutRequest: { Item: { ...key('n2'), d: deep(31) } } }] } }),
  );
  await send(
    new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: T, Item: { ...key('n3'), d: deep(31) } } }] }),
  );
  for (const id of ['n1', 'n2', 'n3']) {
    const got = await send(new GetItemCommand({ TableName: T, Key: key(id) }));
    assert.equal(got.Item?.d, deep(31), id);
  }
  await rejects(
    send(new PutItemCommand({ TableName: T, Item: { ...key('x'), d: deep(32) } })),
    'ValidationException',
    NESTING,
  );
  await rejects(
    send(
      new BatchWriteItemCommand({ RequestItems: { [T]: [{ PutRequest: { Item: { ...key('x'), d: deep(32) } } }] } }),
    ),
    'ValidationException',
    NESTING,
  );
  await rejects(
    send(
      new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: T, Item: { ...key('x'), d: deep(32) } } }] }),
    ),
    'ValidationException',
    NESTING,
  );
  // A 31-level expression value is accepted (the condition runs and fails); a 32-level one is refused.
  const cond = (depth: number) =>
    new UpdateItemCommand({
      TableName: T,
      Key: key('n1'),
      UpdateExpression: 'SET touched = :t',
      ConditionExpression: 'd = :deep',
      ExpressionAttributeValues: { ':t': S('y'), ':deep': deep(depth) },
    });
  await send(cond(31)); // n1.d is deep(31): the condition holds
  await rejects(send(cond(32)), 'ValidationException', /Nesting Levels have exceeded supported limits/);
});

// ---- Numbers: exponents and byte cost ------------------------------------------------------------------------------
// paritysuite tests/tier3/limits/numberExponent.test.ts (eu-west-2, 2026-10) and numberByteSize.test.ts
// (eu-west-2, 2026-08-18). PutItem words them in its validation envelope (valueLayers.test.ts, 2026-10-09).
const OVERFLOW = 'Number overflow. Attempting to store a number with magnitude larger than supported range';
const UNDERFLOW = 'Number underflow. Attempting to store a number with magnitude smaller than supported range';
const one = (m: string) => `1 validation error detected: ${m}`;

test('number exponents: read in full, past a long unreadable, zero checked by its written exponent', async () => {
  const put = (n: string) => send(new PutItemCommand({ TableName: T, Item: { ...key('nx'), v: { N: n } } }));
  const cases: [string, string][] = [
    ['1e99999999999', OVERFLOW],
    ['1e-99999999999', UNDERFLOW],
    ['1e2147483648', OVERFLOW],
    ['1e9223372036854775808', 'The parameter cannot be converted to a numeric value: 1e9223372036854775808'],
    ['0e126', OVERFLOW],
    ['0e-131', UNDERFLOW],
  ];
  for (const [n, message] of cases) await rejects(put(n), 'ValidationException', one(message));
  await put('0e125');
  assert.equal((await send(new GetItemCommand({ TableName: T, Key: key('nx') }))).Item?.v, { N: '0' });
  await put('0042.1200');
  assert.equal((await send(new GetItemCommand({ TableName: T, Key: key('nx') }))).Item?.v, { N: '42.12' });
  // Keys and key conditions are refused too, bare on the reads.
  await rejects(
    send(new GetItemCommand({ TableName: TN, Key: { pk: { N: '1e99999999999' } } })),
    'ValidationException',
    OVERFLOW,
  );
  await rejects(
    send(
      new QueryCommand({
        TableName: TN,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': { N: '1e99999999999' } },
      }),
    ),
    'ValidationException',
    OVERFLOW,
  );
});

const MAX_ITEM = 409_600;
const PUT_TOO_BIG = 'Item size has exceeded the maximum allowed size';
const UPDATE_TOO_BIG = 'Item size to update has exceeded the maximum allowed size';
/** {pk, [name]: value?, p: padding} of exactly `total` bytes, given what the extra attribute costs. */
function sized(id: string, total: number, extra?: { name: string; value: AttributeValue; cost: number }) {
  const used = 2 + id.length + 1 + (extra ? extra.name.length + extra.cost : 0);
  return { ...key(id), ...(extra ? { [extra.name]: extra.value } : {}), p: S('x'.repeat(total - used)) };
}

test("number byte cost: 1 + a byte per digit pair aligned on the point + 1 if negative, at the item's edge", async () => {
  const costs: [string, number][] = [
    ['3.14159', 5],
    ['123456', 4],
    ['1E125', 2],
    ['-1', 3],
  ];
  for (const [literal, cost] of costs) {
    const extra = { name: 'n', value: { N: literal }, cost };
    await send(new PutItemCommand({ TableName: T, Item: sized(`nb${cost}`, MAX_ITEM, extra) }));
    await rejects(
      send(new PutItemCommand({ TableName: T, Item: sized(`nb${cost}`, MAX_ITEM + 1, extra) })),
      'ValidationException',
      PUT_TOO_BIG,
    );
  }
});

// ---- 400 KB item size by surface ------------------------------------------------------------------------------------
// paritysuite tests/tier3/limits/itemSizeBySurface.test.ts (eu-west-2, 2026-08-18): the ceiling is the item's own
// size, exactly 409,600; a put's excess is a plain ValidationException (in a transaction too, before it opens), an
// update's is worded "to update" and, in a transaction, cancels it with a ValidationError reason.
test('item size by surface: BatchWriteItem, PartiQL, TransactWriteItems', async () => {
  const batch = (item: Record<string, AttributeValue>) =>
    send(new BatchWriteItemCommand({ RequestItems: { [T]: [{ PutRequest: { Item: item } }] } }));
  await batch(sized('bw', MAX_ITEM));
  await rejects(batch(sized('bw', MAX_ITEM + 1)), 'ValidationException', PUT_TOO_BIG);

  const insert = (item: Record<string, AttributeValue>) =>
    send(
      new ExecuteStatementCommand({
        Statement: `INSERT INTO "${T}" VALUE {'pk': ?, 'p': ?}`,
        Parameters: [item.pk!, item.p!],
      }),
    );
  await insert(sized('pi', MAX_ITEM));
  await rejects(insert(sized('pj', MAX_ITEM + 1)), 'ValidationException', PUT_TOO_BIG);
  await send(new PutItemCommand({ TableName: T, Item: key('pu') }));
  const grow = (total: number) =>
    send(
      new ExecuteStatementCommand({
        Statement: `UPDATE "${T}" SET p = ? WHERE pk = ?`,
        Parameters: [sized('pu', total).p, S('pu')],
      }),
    );
  await grow(MAX_ITEM);
  await rejects(grow(MAX_ITEM + 1), 'ValidationException', UPDATE_TOO_BIG);

  const transactPut = (item: Record<string, AttributeValue>) =>
    send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: T, Item: item } }] }));
  await transactPut(sized('tp', MAX_ITEM));
  await rejects(transactPut(sized('tp', MAX_ITEM + 1)), 'ValidationException', PUT_TOO_BIG);
  const transactUpdate = (total: number) =>
    send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Update: {
              TableName: T,
              Key: key('tu'),
              UpdateExpression: 'SET p = :p',
              ExpressionAttributeValues: { ':p': sized('tu', total).p! },
            },
          },
        ],
      }),
    );
  await transactUpdate(MAX_ITEM);
  const error = await rejects(transactUpdate(MAX_ITEM + 1), 'TransactionCanceledException');
  assert.is(error.CancellationReasons?.[0]?.Code, 'ValidationError');
  assert.is(error.CancellationReasons?.[0]?.Message, UPDATE_TOO_BIG);
});

test.run();
