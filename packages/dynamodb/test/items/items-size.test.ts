import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { itemSize, type Item } from '../../src/model/index.js';
import { fastItemSize } from '../../src/storage/items-size.js';

const samples: Item[] = [
  {},
  { a: { S: '' } },
  { id: { S: 'x'.repeat(1000) }, n: { N: '-123.4500e3' }, b: { B: 'AAECAw==' } },
  { 'ключ': { S: 'значение, достаточно длинное, чтобы пойти нативным путём 😀😀' } },
  { lone: { S: 'abc\ud800def'.repeat(10) }, short: { S: 'é😀' } },
  { t: { BOOL: true }, z: { NULL: true }, ss: { SS: ['a', 'bb'.repeat(30)] }, ns: { NS: ['1', '22', '-0.5'] }, bs: { BS: ['AQ==', 'AgM='] } },
  { m: { M: { ['k'.repeat(40)]: { L: [{ S: 'x' }, { M: {} }, { L: [] }, { N: '7' }] }, e: { M: { deep: { S: 'ü'.repeat(50) } } } } } },
];

test('fastItemSize equals model itemSize', () => {
  for (const item of samples) assert.is(fastItemSize(item), itemSize(item), JSON.stringify(item).slice(0, 80));
});

test.run();
