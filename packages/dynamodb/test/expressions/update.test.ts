import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseUpdate, projectPaths } from '../../src/expressions/index.js';
import type { AttributeValue, Item } from '../../src/model/index.js';
import { throwsValidation, scope } from './helpers.js';

const base = (): Item => ({
  id: { S: 'k' },
  n: { N: '10' },
  s: { S: 'str' },
  ss: { SS: ['a', 'b'] },
  ns: { NS: ['1', '2'] },
  bs: { BS: ['AQ=='] },
  l: { L: [{ S: 'l0' }, { S: 'l1' }, { S: 'l2' }, { S: 'l3' }] },
  m: { M: { a: { N: '1' }, kid: { M: { deep: { S: 'd' } } }, list: { L: [{ N: '0' }] } } },
});

const update = (
  expr: string,
  values?: Record<string, AttributeValue>,
  names?: Record<string, string>,
  item: Item | undefined = base(),
) => parseUpdate(expr, scope(values, names)).apply(item);

test('SET: values, paths, nested maps and lists, append past the end', () => {
  const out = update(
    'SET s = :v, m.kid.deep = :v, m.b = :n, l[1] = :v, l[10] = :n, #x = m.a',
    { ':v': { S: 'new' }, ':n': { N: '7' } },
    { '#x': 'copy' },
  );
  assert.equal(out.s, { S: 'new' });
  assert.equal(out.m, {
    M: { a: { N: '1' }, kid: { M: { deep: { S: 'new' } } }, list: { L: [{ N: '0' }] }, b: { N: '7' } },
  });
  assert.equal(out.l, { L: [{ S: 'l0' }, { S: 'new' }, { S: 'l2' }, { S: 'l3' }, { N: '7' }] });
  assert.equal(out.copy, { N: '1' });
  assert.equal(parseUpdate('SET a = :v', scope({ ':v': { S: 'x' } })).apply(undefined), { a: { S: 'x' } });
});

test('SET arithmetic, if_not_exists, list_append', () => {
  assert.equal(update('SET n = n + :one', { ':one': { N: '1' } }).n, { N: '11' });
  assert.equal(update('SET n = :a - n', { ':a': { N: '0.5' } }).n, { N: '-9.5' });
  assert.equal(update('SET c = if_not_exists(c, :z) + :one', { ':z': { N: '0' }, ':one': { N: '1' } }).c, { N: '1' });
  assert.equal(update('SET n = if_not_exists(n, :z)', { ':z': { N: '0' } }).n, { N: '10' });
  assert.equal(update('SET l = list_append(l, :more)', { ':more': { L: [{ S: 'x' }] } }).l!, {
    L: [{ S: 'l0' }, { S: 'l1' }, { S: 'l2' }, { S: 'l3' }, { S: 'x' }],
  });
  assert.equal(update('SET l = list_append(:more, l)', { ':more': { L: [{ S: 'x' }] } }).l!, {
    L: [{ S: 'x' }, { S: 'l0' }, { S: 'l1' }, { S: 'l2' }, { S: 'l3' }],
  });
  assert.equal(
    update('SET q = list_append(if_not_exists(q, :empty), :more)', {
      ':empty': { L: [] },
      ':more': { L: [{ N: '1' }] },
    }).q,
    { L: [{ N: '1' }] },
  );
  // Every value is computed from the item before the update (swap).
  const swapped = update('SET n = s, s = n');
  assert.equal([swapped.n, swapped.s], [{ S: 'str' }, { N: '10' }]);
  assert.equal(update('SET a = :big + :big', { ':big': { N: '0.1' } }).a, { N: '0.2' });
  // Parenthesised operands.
  assert.equal(update('SET a = (n + m.a)').a, { N: '11' });
  assert.equal(
    update('SET a = ((m.kid.deep2) - (n))', undefined, undefined, {
      ...base(),
      m: { M: { kid: { M: { deep2: { N: '1' } } } } },
    }).a,
    { N: '-9' },
  );
  for (const bad of [
    'set (a = (b + c))',
    'set a = (b.c).d + e',
    'set a = (b.c)[0] + e',
    'set a = b + c + d',
    'set a = b / c',
    'set a[1] = 1',
    'SET if_not_exist(a, b) = a',
    'set a=set',
    'remove a = b',
    'delete a if_not_exist(b)',
    'add abort b',
    'set :a = b',
    'remove :a',
    'whatever',
    'set a',
    'delete a b',
  ]) {
    assert.throws(() => parseUpdate(bad, scope()), /^Invalid UpdateExpression: Syntax error; /, bad);
  }
});

test('REMOVE: attributes, nested, list elements by original index', () => {
  const out = update('REMOVE s, m.kid.deep, l[1], l[3], nothere, l[9]');
  assert.not.ok('s' in out);
  assert.equal(out.m, { M: { a: { N: '1' }, kid: { M: {} }, list: { L: [{ N: '0' }] } } });
  assert.equal(out.l, { L: [{ S: 'l0' }, { S: 'l2' }] });
  const out2 = update('REMOVE l[0] SET l[1] = :v', { ':v': { S: 'x' } });
  assert.equal(out2.l, { L: [{ S: 'x' }, { S: 'l2' }, { S: 'l3' }] });
});

test('ADD numbers and sets, DELETE from sets', () => {
  assert.equal(update('ADD n :v', { ':v': { N: '-0.5' } }).n, { N: '9.5' });
  assert.equal(update('ADD newn :v', { ':v': { N: '3' } }).newn, { N: '3' });
  assert.equal(update('ADD ss :v', { ':v': { SS: ['b', 'c'] } }).ss, { SS: ['a', 'b', 'c'] });
  assert.equal(update('ADD ns :v', { ':v': { NS: ['2.0', '3'] } }).ns, { NS: ['1', '2', '3'] });
  assert.equal(update('ADD newset :v', { ':v': { BS: ['AA=='] } }).newset, { BS: ['AA=='] });
  assert.equal(update('ADD m.a :v', { ':v': { N: '1' } }).m!, {
    M: { a: { N: '2' }, kid: { M: { deep: { S: 'd' } } }, list: { L: [{ N: '0' }] } },
  });
  assert.equal(update('DELETE ss :v', { ':v': { SS: ['a', 'zz'] } }).ss, { SS: ['b'] });
  assert.equal(update('DELETE ns :v', { ':v': { NS: ['1.0'] } }).ns, { NS: ['2'] });
  assert.not.ok('ss' in update('DELETE ss :v', { ':v': { SS: ['a', 'b'] } }));
  assert.not.ok('gone' in update('DELETE gone :v', { ':v': { SS: ['a'] } }));
  assert.not.ok('bs' in update('DELETE bs :v', { ':v': { BS: ['AQ=='] } }));
});

test('combined sections; the input item is never modified', () => {
  const item = base();
  const snapshot = JSON.stringify(item);
  const u = parseUpdate(
    'SET m.kid.deep = :v, l[0] = :v REMOVE m.a ADD ns :ns DELETE ss :ss',
    scope({ ':v': { S: 'x' }, ':ns': { NS: ['9'] }, ':ss': { SS: ['a'] } }),
  );
  const out = u.apply(item);
  assert.is(JSON.stringify(item), snapshot);
  assert.equal(out.m, { M: { kid: { M: { deep: { S: 'x' } } }, list: { L: [{ N: '0' }] } } });
  assert.equal(out.ss, { SS: ['b'] });
  assert.equal([...u.updatedAttributes].sort(), ['l', 'm', 'ns', 'ss']);
  assert.equal(u.updatedPaths, [['m', 'kid', 'deep'], ['l', 0], ['m', 'a'], ['ns'], ['ss']]);
  // UPDATED_OLD / UPDATED_NEW are projections of the item before/after onto updatedPaths.
  assert.equal(projectPaths(item, u.updatedPaths), {
    m: { M: { kid: { M: { deep: { S: 'd' } } }, a: { N: '1' } } },
    l: { L: [{ S: 'l0' }] },
    ns: { NS: ['1', '2'] },
    ss: { SS: ['a', 'b'] },
  });
});

test('run-time errors', () => {
  throwsValidation(
    () => update('SET nope.x = :v', { ':v': { S: 'x' } }),
    'The document path provided in the update expression is invalid for update',
  );
  throwsValidation(
    () => update('SET s.x = :v', { ':v': { S: 'x' } }),
    'The document path provided in the update expression is invalid for update',
  );
  throwsValidation(
    () => update('SET m[0] = :v', { ':v': { S: 'x' } }),
    'The document path provided in the update expression is invalid for update',
  );
  throwsValidation(
    () => update('SET l.x = :v', { ':v': { S: 'x' } }),
    'The document path provided in the update expression is invalid for update',
  );
  throwsValidation(
    () => update('REMOVE nope.x'),
    'The document path provided in the update expression is invalid for update',
  );
  throwsValidation(
    () => update('SET n = s + :v', { ':v': { N: '1' } }),
    'An operand in the update expression has an incorrect data type',
  );
  throwsValidation(
    () => update('SET l = list_append(l, s)'),
    'An operand in the update expression has an incorrect data type',
  );
  throwsValidation(
    () => update('ADD s :v', { ':v': { N: '1' } }),
    'An operand in the update expression has an incorrect data type',
  );
  throwsValidation(
    () => update('ADD ss :v', { ':v': { NS: ['1'] } }),
    'An operand in the update expression has an incorrect data type',
  );
  throwsValidation(
    () => update('DELETE ss :v', { ':v': { NS: ['1'] } }),
    'An operand in the update expression has an incorrect data type',
  );
  throwsValidation(
    () => update('SET a = nope'),
    'The provided expression refers to an attribute that does not exist in the item',
  );
  throwsValidation(
    () => update('SET n = :v + :v', { ':v': { N: '9e125' } }),
    'Number overflow. Attempting to store a number with magnitude larger than supported range',
  );
  throwsValidation(
    () => update('ADD n :v', { ':v': { N: '0.00000000000000000000000000000000000001' } }),
    'Attempting to store more than 38 significant digits in a Number',
  );
});

test('parse-time errors', () => {
  const v = { ':a': { S: 'a' }, ':n': { N: '1' }, ':l': { L: [] } };
  throwsValidation(
    () => parseUpdate('set a = :a set c = :a', scope(v)),
    'Invalid UpdateExpression: The "SET" section can only be used once in an update expression;',
  );
  throwsValidation(
    () => parseUpdate('remove d set a = :a remove e', scope(v)),
    'Invalid UpdateExpression: The "REMOVE" section can only be used once in an update expression;',
  );
  throwsValidation(
    () => parseUpdate('add d :n set a = :a add e :n', scope(v)),
    'Invalid UpdateExpression: The "ADD" section can only be used once in an update expression;',
  );
  throwsValidation(
    () => parseUpdate('delete d :l set a = :a delete e :l', scope({ ':l': { SS: ['x'] }, ':a': { S: 'a' } })),
    'Invalid UpdateExpression: The "DELETE" section can only be used once in an update expression;',
  );
  throwsValidation(
    () => parseUpdate('SET a = :a, a.b = :a', scope(v)),
    'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]',
  );
  throwsValidation(
    () => parseUpdate('SET a.b = :a REMOVE a[1]', scope(v)),
    'Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [1]]',
  );
  throwsValidation(
    () => parseUpdate('SET a = :a REMOVE a', scope(v)),
    'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]',
  );
  throwsValidation(
    () => parseUpdate('SET #c = if_not_exist(:a)', scope(v, { '#c': 'c' })),
    'Invalid UpdateExpression: Invalid function name; function: if_not_exist',
  );
  throwsValidation(
    () => parseUpdate('SET a = if_not_exists(:a)', scope(v)),
    'Invalid UpdateExpression: Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: 1',
  );
  throwsValidation(
    () => parseUpdate('SET a = if_not_exists(:a, :a)', scope(v)),
    'Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists',
  );
  throwsValidation(
    () => parseUpdate('SET a = list_append(:a, :l)', scope(v)),
    'Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: S',
  );
  throwsValidation(
    () => parseUpdate('SET a = b + :a', scope(v)),
    'Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S',
  );
  throwsValidation(
    () => parseUpdate('ADD a :a', scope(v)),
    'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING',
  );
  throwsValidation(
    () => parseUpdate('DELETE a :n', scope(v)),
    'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER',
  );
  throwsValidation(
    () => parseUpdate('ADD a :l', scope(v)),
    'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: LIST',
  );
});

test.run();
