import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Item } from '../../src/model/index.js';
import { check } from './helpers.js';

const item: Item = {
  id: { S: 'abc' },
  n: { N: '10' },
  neg: { N: '-2.5' },
  b: { B: Buffer.from([1, 2, 3]).toString('base64') },
  t: { BOOL: true },
  z: { NULL: true },
  ss: { SS: ['x', 'y'] },
  ns: { NS: ['1', '2.5'] },
  bs: { BS: [Buffer.from([9]).toString('base64')] },
  l: { L: [{ S: 'a' }, { N: '2' }, { M: { k: { S: 'v' } } }] },
  m: { M: { a: { S: 'hello' }, nested: { M: { deep: { N: '1' } } }, 'x.y': { S: 'dot' } } },
  astral: { S: '😀' },
};

test('comparisons: same-type only, numbers numeric, strings by UTF-8', () => {
  assert.ok(check('n = :v', item, { ':v': { N: '10.0' } }));
  assert.ok(check('n > :v', item, { ':v': { N: '9' } }));
  assert.not.ok(check('n > :v', item, { ':v': { N: '10' } }));
  assert.ok(check('n >= :v', item, { ':v': { N: '10' } }));
  assert.ok(check('neg < :v', item, { ':v': { N: '-2' } }));
  assert.ok(check('neg <= :v', item, { ':v': { N: '-2.5' } }));
  assert.not.ok(check('n = :v', item, { ':v': { S: '10' } }));
  assert.not.ok(check('n < :v', item, { ':v': { S: '99' } }));
  assert.not.ok(check('n > :v', item, { ':v': { S: '1' } }));
  assert.ok(check('id < :v', item, { ':v': { S: 'abd' } }));
  assert.ok(check('astral > :v', item, { ':v': { S: '\uffff' } }));
  assert.ok(check('b > :v', item, { ':v': { B: Buffer.from([1, 2]).toString('base64') } }));
  // <> is true when the types differ or the attribute is absent.
  assert.ok(check('n <> :v', item, { ':v': { S: '10' } }));
  assert.ok(check('absent <> :v', item, { ':v': { S: 'x' } }));
  assert.not.ok(check('n <> :v', item, { ':v': { N: '10' } }));
  // Missing attributes compare false.
  assert.not.ok(check('absent = :v', item, { ':v': { S: 'x' } }));
  assert.not.ok(check('absent < :v', item, { ':v': { S: 'x' } }));
  // Non-scalar ordering is false, equality is deep.
  assert.not.ok(check('ss < l', item));
  assert.not.ok(check('t >= t2', { ...item, t2: { BOOL: true } }));
  assert.ok(check('ss = :v', item, { ':v': { SS: ['y', 'x'] } }));
  assert.ok(check('l = :v', item, { ':v': { L: [{ S: 'a' }, { N: '2.0' }, { M: { k: { S: 'v' } } }] } }));
  assert.ok(check('t = :v AND z = :z', item, { ':v': { BOOL: true }, ':z': { NULL: true } }));
  // Path against path.
  assert.ok(check('n > neg', item));
  assert.ok(check('m.nested.deep < n', item));
});

test('nested paths, list indexes, placeholders with dots', () => {
  assert.ok(check('m.a = :v', item, { ':v': { S: 'hello' } }));
  assert.ok(check('l[0] = :v', item, { ':v': { S: 'a' } }));
  assert.ok(check('l[2].k = :v', item, { ':v': { S: 'v' } }));
  assert.not.ok(check('l[9] = :v', item, { ':v': { S: 'a' } }));
  assert.not.ok(check('m[0] = :v', item, { ':v': { S: 'hello' } }));
  assert.not.ok(check('l.a = :v', item, { ':v': { S: 'a' } }));
  assert.ok(check('m.#xy = :v', item, { ':v': { S: 'dot' } }, { '#xy': 'x.y' }));
  assert.not.ok(check('m.x.y = :v', item, { ':v': { S: 'dot' } }));
  assert.ok(check('#m.#n.#d = :v', item, { ':v': { N: '1' } }, { '#m': 'm', '#n': 'nested', '#d': 'deep' }));
});

test('BETWEEN and IN', () => {
  assert.ok(check('n BETWEEN :a AND :b', item, { ':a': { N: '10' }, ':b': { N: '20' } }));
  assert.ok(check('n BETWEEN :a AND :b', item, { ':a': { N: '1' }, ':b': { N: '10' } }));
  assert.not.ok(check('n BETWEEN :a AND :b', item, { ':a': { N: '11' }, ':b': { N: '20' } }));
  assert.not.ok(check('id BETWEEN :a AND :b', item, { ':a': { N: '1' }, ':b': { N: '20' } }));
  assert.ok(check('id between :a and :b', item, { ':a': { S: 'a' }, ':b': { S: 'b' } }));
  assert.ok(check('n IN (:a, :b)', item, { ':a': { N: '3' }, ':b': { N: '10' } }));
  assert.not.ok(check('n IN (:a, :b)', item, { ':a': { N: '3' }, ':b': { S: '10' } }));
  assert.not.ok(check('absent IN (:a)', item, { ':a': { N: '3' } }));
  assert.ok(check('n in (neg, n)', item));
});

test('functions', () => {
  assert.ok(check('attribute_exists(m.nested.deep)', item));
  assert.not.ok(check('attribute_exists(m.nested.nope)', item));
  assert.ok(check('attribute_not_exists(nope)', item));
  assert.ok(check('attribute_not_exists(id)', undefined));
  assert.not.ok(check('attribute_exists(id)', undefined));
  for (const [path, type] of [
    ['id', 'S'],
    ['n', 'N'],
    ['b', 'B'],
    ['t', 'BOOL'],
    ['z', 'NULL'],
    ['ss', 'SS'],
    ['ns', 'NS'],
    ['bs', 'BS'],
    ['l', 'L'],
    ['m', 'M'],
  ]) {
    assert.ok(check(`attribute_type(${path}, :t)`, item, { ':t': { S: type! } }), `${path} ${type}`);
    assert.not.ok(check(`attribute_type(${path}, :t)`, item, { ':t': { S: type === 'S' ? 'N' : 'S' } }));
  }
  assert.ok(check('begins_with(id, :p)', item, { ':p': { S: 'ab' } }));
  assert.ok(check('begins_with(id, :p)', item, { ':p': { S: '' } }));
  assert.not.ok(check('begins_with(id, :p)', item, { ':p': { S: 'b' } }));
  assert.ok(check('begins_with(b, :p)', item, { ':p': { B: Buffer.from([1, 2]).toString('base64') } }));
  assert.not.ok(check('begins_with(b, :p)', item, { ':p': { B: Buffer.from([2]).toString('base64') } }));
  assert.not.ok(check('begins_with(l, :p)', item, { ':p': { S: 'a' } }));
  assert.ok(check('contains(id, :s)', item, { ':s': { S: 'bc' } }));
  assert.not.ok(check('contains(id, :s)', item, { ':s': { S: 'cb' } }));
  assert.ok(check('contains(ss, :s)', item, { ':s': { S: 'y' } }));
  assert.not.ok(check('contains(ss, :s)', item, { ':s': { S: 'z' } }));
  assert.ok(check('contains(ns, :s)', item, { ':s': { N: '2.50' } }));
  assert.not.ok(check('contains(ns, :s)', item, { ':s': { S: '1' } }));
  assert.ok(check('contains(bs, :s)', item, { ':s': { B: Buffer.from([9]).toString('base64') } }));
  assert.ok(check('contains(l, :s)', item, { ':s': { N: '2' } }));
  assert.ok(check('contains(l, :s)', item, { ':s': { M: { k: { S: 'v' } } } }));
  assert.not.ok(check('contains(l, :s)', item, { ':s': { S: 'b' } }));
  assert.ok(check('contains(b, :s)', item, { ':s': { B: Buffer.from([2, 3]).toString('base64') } }));
  assert.not.ok(check('contains(n, :s)', item, { ':s': { N: '1' } }));
  assert.ok(check('contains(m.a, id)', { ...item, id: { S: 'ell' } }));
});

test('size()', () => {
  const sizeIs = (path: string, n: number) =>
    assert.ok(check(`size(${path}) = :n`, item, { ':n': { N: String(n) } }), `${path} ${n}`);
  sizeIs('id', 3);
  sizeIs('astral', 4);
  sizeIs('b', 3);
  sizeIs('ss', 2);
  sizeIs('ns', 2);
  sizeIs('bs', 1);
  sizeIs('l', 3);
  sizeIs('m', 3);
  sizeIs('m.a', 5);
  assert.not.ok(check('size(n) = :n', item, { ':n': { N: '2' } }));
  assert.not.ok(check('size(t) >= :n', item, { ':n': { N: '0' } }));
  assert.not.ok(check('size(absent) >= :n', item, { ':n': { N: '0' } }));
  assert.ok(check('size(l) > size(ss)', item));
  assert.ok(check(':n < size(id)', item, { ':n': { N: '2' } }));
  assert.ok(check('size(:s) = :n', item, { ':s': { S: 'abcd' }, ':n': { N: '4' } }));
});

test('AND/OR/NOT precedence and parentheses', () => {
  const T = 'attribute_exists(id)';
  const F = 'attribute_exists(nope)';
  assert.ok(check(`${T} OR ${F} AND ${F}`, item)); // AND binds tighter than OR
  assert.not.ok(check(`(${T} OR ${F}) AND ${F}`, item));
  assert.ok(check(`NOT ${F} AND ${T}`, item)); // NOT binds tighter than AND
  assert.not.ok(check(`NOT (${F} OR ${T})`, item));
  assert.ok(check(`NOT ${F} OR ${F}`, item));
  assert.ok(check(`not not ${T}`, item));
  assert.ok(check(`${F} or ${F} or ${T}`, item));
  assert.not.ok(check(`${T} and ${T} and ${F}`, item));
  assert.ok(check('(n) = :v', item, { ':v': { N: '10' } }));
  assert.ok(check('(n = :v) AND (id = :s)', item, { ':v': { N: '10' }, ':s': { S: 'abc' } }));
  assert.ok(check('((n = :v) AND (id = :s)) OR (n < :v)', item, { ':v': { N: '10' }, ':s': { S: 'abc' } }));
  assert.ok(check('(size(id)) = :n', item, { ':n': { N: '3' } }));
  assert.ok(check('(m.nested).deep = :one AND (l)[1] = :two', item, { ':one': { N: '1' }, ':two': { N: '2' } }));
  assert.ok(check('n=:v AND(id=:s)', item, { ':v': { N: '10' }, ':s': { S: 'abc' } }));
});

test('a compiled condition is reusable across items', () => {
  const values = { ':v': { N: '5' } };
  for (let i = 0; i < 20; i++) assert.is(check('n > :v', { n: { N: String(i) } }, values), i > 5);
});

test.run();
