// Unit tests of DynamoDB's placement hash (src/model/key-hash.ts). The expected values are AWS's answers as
// recorded by dynalite's AWS-run tests (architect/dynalite, test "scan - functionality / segmented scan behavior":
// "should return items in string hash order", "... number hash order", "... from correct string/number hash
// segments"); the SDK-level versions of the same cases are in test/items/scan-order.test.ts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  canonicalNumberBytes,
  hashPrefix,
  hashPrefixOf,
  keyHashBytes,
  HASH_PREFIX_BYTES,
  segmentRange,
} from '../../src/model/key-hash.js';
import type { AttributeValue, ScalarKeyType } from '../../src/model/index.js';

const byPrefix = (values: AttributeValue[], type: ScalarKeyType) =>
  values
    .map((v) => ({ v, p: hashPrefix(v, type) }))
    .sort((a, b) => Buffer.compare(a.p, b.p))
    .map(({ v }) => Object.values(v)[0] as string);

function segmentOf(value: AttributeValue, type: ScalarKeyType, total: number): number {
  const p = hashPrefix(value, type).readUIntBE(0, HASH_PREFIX_BYTES);
  for (let s = 0; s < total; s++) {
    const { start, end } = segmentRange(s, total);
    if (p >= start && p < end) return s;
  }
  return -1;
}

test('S keys: prefix order is the Scan order AWS answered', () => {
  const keys = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'aardman', 'hello', 'zapf', 'äáöü'];
  assert.equal(
    byPrefix(
      keys.map((S) => ({ S })),
      'S',
    ),
    ['2', '8', '9', '1', '6', 'hello', '0', '5', '4', 'äáöü', 'aardman', '7', '3', 'zapf'],
  );
});

test('N keys: prefix order is the Scan order AWS answered', () => {
  const keys = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '-0.09', '999.9', '0.012345', '-999.9'];
  assert.equal(
    byPrefix(
      keys.map((N) => ({ N })),
      'N',
    ),
    ['7', '999.9', '8', '3', '2', '-999.9', '9', '4', '-0.09', '6', '1', '0', '0.012345', '5'],
  );
});

test('N keys hash their canonical form: equal numbers, equal prefix', () => {
  assert.equal(hashPrefix({ N: '1.50' }, 'N'), hashPrefix({ N: '1.5' }, 'N'));
  assert.equal(hashPrefix({ N: '15e-1' }, 'N'), hashPrefix({ N: '1.5' }, 'N'));
  assert.equal(hashPrefix({ N: '-0' }, 'N'), hashPrefix({ N: '0' }, 'N'));
  // The base-100 byte form: zero; 1 = 0.01 × 100^1; -99.1 = -0.9910 × 100^1 (complemented, then 102).
  assert.equal([...canonicalNumberBytes('0')], [0x80]);
  assert.equal([...canonicalNumberBytes('1')], [0xc1, 2]);
  assert.equal([...canonicalNumberBytes('-99.1')], [0x3e, 101 - 99, 101 - 10, 102]);
});

test('segment contents AWS answered with 4096 segments', () => {
  assert.equal(
    ['3635', '228', '1668', '3435'].map((S) => segmentOf({ S }, 'S', 4096)),
    [0, 0, 1, 4],
  );
  assert.equal(
    ['251', '2388'].map((N) => segmentOf({ N }, 'N', 4096)),
    [1, 4095],
  );
});

test('index entries with equal keys: the table key hash gives the order AWS answered', () => {
  // dynalite test/query.js "should query on basic hash global index" and "... if values are equal" (run against
  // AWS): entries are ordered by the placement hash of the table's partition and sort key bytes.
  const order = (keys: [string, string][]) =>
    keys
      .map(([a, b]) => ({ k: a + b, p: hashPrefixOf(keyHashBytes({ S: a }, 'S'), keyHashBytes({ S: b }, 'S')) }))
      .sort((x, y) => Buffer.compare(x.p, y.p))
      .map(({ k }) => k);
  assert.equal(
    order([
      ['a', 'a'],
      ['b', 'b'],
      ['c', 'e'],
      ['c', 'd'],
      ['d', 'a'],
      ['e', 'a'],
    ]),
    ['bb', 'aa', 'ce', 'ea', 'da', 'cd'],
  );
  assert.equal(
    order([
      ['a', 'a'],
      ['b', 'a'],
      ['c', 'a'],
      ['c', 'b'],
      ['d', 'a'],
      ['d', 'b'],
    ]),
    ['aa', 'da', 'ba', 'ca', 'db', 'cb'],
  );
});

test('S keys hashed as text equal their UTF-8 bytes, also mixed with N and B parts', () => {
  for (const text of ['', 'a', 'äáöü', '🎉x', 'a\u0000b']) {
    assert.equal(hashPrefixOf(text), hashPrefixOf(Buffer.from(text, 'utf8')));
    assert.equal(hashPrefixOf(text, 'z'), hashPrefixOf(Buffer.from(text + 'z', 'utf8')));
  }
  const n = keyHashBytes({ N: '12.5' }, 'N') as Buffer;
  assert.equal(hashPrefixOf('k', n), hashPrefixOf(Buffer.concat([Buffer.from('k'), n])));
  assert.equal(hashPrefix({ B: Buffer.from('äb').toString('base64') }, 'B'), hashPrefix({ S: 'äb' }, 'S'));
});

test('segmentRange tiles the 24-bit prefix space in 12-bit buckets', () => {
  for (const n of [1, 2, 3, 7, 4096, 5000, 1000000]) {
    assert.is(segmentRange(0, n).start, 0);
    assert.is(segmentRange(n - 1, n).end, 2 ** 24);
    for (let i = 0; i + 1 < Math.min(n, 300); i++) assert.is(segmentRange(i, n).end, segmentRange(i + 1, n).start);
  }
  assert.equal(segmentRange(0, 2), { start: 0, end: 2 ** 23 });
  assert.equal(segmentRange(1, 3), { start: 1366 << 12, end: 2731 << 12 });
  // More segments than buckets: some segments are empty.
  assert.is(segmentRange(1, 1000000).start, segmentRange(1, 1000000).end);
});

test.run();
