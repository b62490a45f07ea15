import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { itemSize, attributeValueSize } from '../../src/model/index.js';

test('scalar sizes', () => {
  assert.is(attributeValueSize({ S: 'abc' }), 3);
  assert.is(attributeValueSize({ S: '' }), 0);
  assert.is(attributeValueSize({ S: 'é' }), 2);
  assert.is(attributeValueSize({ S: '€' }), 3);
  assert.is(attributeValueSize({ S: '😀' }), 4);
  assert.is(attributeValueSize({ B: 'YWJj' }), 3);
  assert.is(attributeValueSize({ B: 'YQ==' }), 1);
  assert.is(attributeValueSize({ B: 'YWI=' }), 2);
  assert.is(attributeValueSize({ B: '' }), 0);
  assert.is(attributeValueSize({ BOOL: true }), 1);
  assert.is(attributeValueSize({ NULL: true }), 1);
});

test('number sizes follow digit pairs (1 + pairs, +1 when misaligned, +1 negative)', () => {
  const cases: [string, number][] = [
    ['0', 1],
    ['1', 2],
    ['10', 2],
    ['100', 2],
    ['12', 2],
    ['123', 3],
    ['1234', 3],
    ['1.234', 4],
    ['-1', 3],
    ['-12', 3],
    ['0.1', 2],
    ['0.12', 2],
    ['1.2', 3],
    ['12.34', 3],
    ['1.5', 3],
    ['12345678901234567890123456789012345678', 20],
    ['-12345678901234567890123456789012345678', 21],
  ];
  for (const [n, size] of cases) assert.is(attributeValueSize({ N: n }), size, n);
});

test('containers: 3 bytes + 1 per element + contents; map keys count', () => {
  assert.is(attributeValueSize({ L: [] }), 3);
  assert.is(attributeValueSize({ M: {} }), 3);
  assert.is(attributeValueSize({ L: [{ S: 'ab' }, { NULL: true }] }), 3 + 1 + 2 + 1 + 1);
  assert.is(attributeValueSize({ M: { ab: { S: 'xyz' } } }), 3 + 1 + 2 + 3);
  assert.is(attributeValueSize({ M: { a: { L: [{ BOOL: true }] } } }), 3 + 1 + 1 + (3 + 1 + 1));
  assert.is(attributeValueSize({ SS: ['a', 'bc'] }), 3);
  assert.is(attributeValueSize({ NS: ['1', '12'] }), 2 + 2);
  assert.is(attributeValueSize({ BS: ['YQ==', 'YWJj'] }), 4);
});

test('item size = names + values', () => {
  assert.is(itemSize({}), 0);
  assert.is(itemSize({ id: { S: 'abc' }, n: { N: '12' }, é: { BOOL: false } }), 2 + 3 + 1 + 2 + 2 + 1);
});

test.run();
