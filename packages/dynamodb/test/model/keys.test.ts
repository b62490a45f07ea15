import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  encodeKeyValue,
  decodeKeyValue,
  compareValues,
  normalizeNumber,
  type AttributeValue,
  type ScalarKeyType,
} from '../../src/model/index.js';
import { rng, int, randomNumberText, randomString } from './rng.js';

function checkOrderAndRoundTrip(values: AttributeValue[], type: ScalarKeyType) {
  const encoded = values.map((v) => encodeKeyValue(v, type));
  for (let i = 0; i < values.length; i++) {
    const dec = decodeKeyValue(encoded[i]!, 0, type);
    assert.is(dec.end, encoded[i]!.length);
    assert.equal(dec.value, values[i]);
    for (let j = i + 1; j < values.length && j < i + 40; j++) {
      const expected = compareValues(values[i]!, values[j]!)!;
      assert.is(Math.sign(Buffer.compare(encoded[i]!, encoded[j]!)), expected, JSON.stringify([values[i], values[j]]));
      if (expected !== 0) {
        // Prefix-free: neither encoding starts with the other.
        const [short, long] =
          encoded[i]!.length <= encoded[j]!.length ? [encoded[i]!, encoded[j]!] : [encoded[j]!, encoded[i]!];
        assert.not.ok(long.subarray(0, short.length).equals(short), 'prefix');
      }
    }
  }
}

test('N encoding: byte order = numeric order, round-trips (property, 4000 numbers)', () => {
  const r = rng(1);
  const values: AttributeValue[] = [];
  for (let i = 0; i < 4000; i++) values.push({ N: normalizeNumber(randomNumberText(r)) });
  for (const n of [
    '0',
    '1e125',
    '-1e125',
    '1e-130',
    '-1e-130',
    '99999999999999999999999999999999999999e88',
    '-99999999999999999999999999999999999999e88',
    '10',
    '1',
    '1.01',
    '1.1',
    '101',
    '-101',
    '-1.01',
  ])
    values.push({ N: normalizeNumber(n) });
  checkOrderAndRoundTrip(values, 'N');
  // Full sort agrees too.
  const sortedByBytes = [...values].sort((a, b) => Buffer.compare(encodeKeyValue(a, 'N'), encodeKeyValue(b, 'N')));
  for (let i = 1; i < sortedByBytes.length; i++)
    assert.ok(compareValues(sortedByBytes[i - 1]!, sortedByBytes[i]!)! <= 0);
});

test('S encoding: byte order = UTF-8 order, escapes NUL, prefix-free (property)', () => {
  const r = rng(2);
  const alphabet = ['a', 'b', '\u0000', '\u0001', '\u00ff', 'é', '\uffff', '😀', 'ÿ'];
  const values: AttributeValue[] = [];
  for (let i = 0; i < 3000; i++) values.push({ S: randomString(r, alphabet) });
  values.push({ S: '' }, { S: '\u0000' }, { S: '\u0000\u0000' }, { S: 'a\u0000' }, { S: 'a' });
  checkOrderAndRoundTrip(values, 'S');
  assert.ok(Buffer.compare(encodeKeyValue({ S: 'a' }, 'S'), encodeKeyValue({ S: 'a\u0000' }, 'S')) < 0);
});

test('B encoding: byte order, round-trip (property)', () => {
  const r = rng(3);
  const values: AttributeValue[] = [];
  for (let i = 0; i < 3000; i++) {
    const bytes = Array.from({ length: int(r, 0, 6) }, () => [0, 0xff, 1, 0xfe, int(r, 0, 255)][int(r, 0, 4)]!);
    values.push({ B: Buffer.from(bytes).toString('base64') });
  }
  checkOrderAndRoundTrip(values, 'B');
});

test('composite keys concatenate and decode from the front', () => {
  const hash = encodeKeyValue({ S: 'user\u00001' }, 'S');
  const range = encodeKeyValue({ N: '-12.5' }, 'N');
  const buf = Buffer.concat([hash, range, encodeKeyValue({ B: 'AAE=' }, 'B')]);
  const h = decodeKeyValue(buf, 0, 'S');
  assert.equal(h.value, { S: 'user\u00001' });
  const rr = decodeKeyValue(buf, h.end, 'N');
  assert.equal(rr.value, { N: '-12.5' });
  const b = decodeKeyValue(buf, rr.end, 'B');
  assert.equal(b.value, { B: 'AAE=' });
  assert.is(b.end, buf.length);
  // Composite order: hash first, then range.
  const k = (h: string, n: string) => Buffer.concat([encodeKeyValue({ S: h }, 'S'), encodeKeyValue({ N: n }, 'N')]);
  assert.ok(Buffer.compare(k('a', '100'), k('ab', '-1')) < 0);
  assert.ok(Buffer.compare(k('a', '-1'), k('a', '2')) < 0);
});

test.run();
