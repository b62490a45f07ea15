// The PartiQL planner: which JSON API request each SELECT/INSERT/UPDATE/DELETE becomes (issue 20's design: a
// full-key SELECT is a GetItem, a partition-key SELECT a Query with key conditions, anything else a Scan).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileStatement, planFor, type Plan, type TableShape } from '../../src/partiql/index.js';

const table: TableShape = { name: 'T', key: { hash: { name: 'pk', type: 'S' }, range: { name: 'sk', type: 'N' } } };
let n = 0;
const plan = (text: string, shape: TableShape = table): Plan => planFor(text, `test-${n++}`, shape);

test('SELECT: full key → get, partition key → query, else scan', () => {
  assert.is(plan(`SELECT * FROM T WHERE pk = 'a' AND sk = 1`).kind, 'get');
  assert.is(plan(`SELECT * FROM T WHERE sk = ? AND pk = ?`).kind, 'get');
  const q = plan(`SELECT * FROM T WHERE pk = 'a' AND sk BETWEEN 1 AND 5 AND x = 1`);
  assert.is(q.kind, 'query');
  if (q.kind === 'query') {
    assert.is(q.keyCondition, '#n0 = :h AND #n1 BETWEEN :v0 AND :v1');
    assert.is(q.filter, '(#n2 = :v2)');
    assert.equal(q.names, { '#n0': 'pk', '#n1': 'sk', '#n2': 'x' });
  }
  const multi = plan(`SELECT * FROM T WHERE pk IN ['a', 'b']`);
  assert.is(multi.kind === 'query' && multi.hashValues.length, 2);
  assert.is(plan(`SELECT * FROM T WHERE pk = 'a' OR pk = 'b'`).kind, 'scan');
  // A Query filter may not name key attributes: a second sort-key condition scans instead.
  assert.is(plan(`SELECT * FROM T WHERE pk = 'a' AND sk > 1 AND sk < 5`).kind, 'scan');
  assert.is(plan(`SELECT * FROM T`).kind, 'scan');
  const index = plan(`SELECT * FROM T WHERE g = 'x'`, {
    ...table,
    index: { name: 'I', key: { hash: { name: 'g', type: 'S' } }, global: true },
  });
  assert.is(index.kind, 'query');
});

test('writes: INSERT, UPDATE requiring the item, DELETE with extra conditions', () => {
  assert.is(plan(`INSERT INTO T VALUE {'pk': 'a', 'sk': 1}`).kind, 'insert');
  const u = plan(`UPDATE T SET a = a + 1 REMOVE b WHERE pk = 'a' AND sk = 1 AND c > 2 RETURNING ALL NEW *`);
  assert.ok(u.kind === 'update');
  if (u.kind === 'update') {
    assert.is(u.update, 'SET #n0 = #n0 + :v0 REMOVE #n1');
    assert.is(u.condition, 'attribute_exists(#n2) AND (#n3 > :v1)');
    assert.is(u.returnValues, 'ALL_NEW');
  }
  const d = plan(`DELETE FROM T WHERE pk = 'a' AND sk = 1 AND c IS MISSING`);
  assert.is(d.kind === 'delete' && d.condition, 'attribute_not_exists(#n0)');
  const e = plan(`EXISTS(SELECT * FROM T WHERE pk = 'a' AND sk = 1)`);
  assert.is(e.kind === 'check' && e.condition, 'attribute_exists(#n0)');
});

test('a statement is parsed once per text', () => {
  const text = `SELECT * FROM T WHERE pk = ?`;
  assert.is(compileStatement(text), compileStatement(text));
  assert.is(compileStatement(text).parameterCount, 1);
});

test.run();
