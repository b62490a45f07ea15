// src/model/md5.ts against node:crypto's MD5, across the padding boundaries (55/56 and 119/120 bytes) and beyond.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { md5FirstWord } from '../../src/model/md5.js';
import { hashPrefixOf } from '../../src/model/key-hash.js';

const reference = (bytes: Uint8Array) => createHash('md5').update(bytes).digest().readUInt32LE(0);

test('first digest word equals node:crypto for every length 0..300', () => {
  let seed = 7;
  for (let length = 0; length <= 300; length++) {
    const bytes = Uint8Array.from({ length }, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    assert.is(md5FirstWord(bytes, length), reference(bytes), `length ${length}`);
  }
});

test('only the given length is hashed', () => {
  const bytes = Buffer.from('Outliersabcdef');
  assert.is(md5FirstWord(bytes, 8), reference(bytes.subarray(0, 8)));
});

test('the placement prefix is the same on both paths (JS for short input, node:crypto for long)', () => {
  for (const length of [1, 200, 247, 248, 249, 2048, 3072]) {
    const key = 'k'.repeat(length);
    const expected = createHash('md5').update(`Outliers${key}`).digest().subarray(0, 3);
    assert.equal(hashPrefixOf(key), expected, `length ${length}`);
  }
});

test.run();
