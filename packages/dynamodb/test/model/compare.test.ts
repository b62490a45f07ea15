import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compareValues, valuesEqual, type AttributeValue } from '../../src/model/index.js';
import { rng, randomString, int } from './rng.js';

const b64 = (bytes: number[]) => Buffer.from(bytes).toString('base64');

test('strings compare by UTF-8 bytes, not UTF-16 units', () => {
  assert.is(compareValues({ S: 'a' }, { S: 'b' }), -1);
  assert.is(compareValues({ S: 'b' }, { S: 'a' }), 1);
  assert.is(compareValues({ S: 'a' }, { S: 'a' }), 0);
  assert.is(compareValues({ S: 'a' }, { S: 'ab' }), -1);
  assert.is(compareValues({ S: '' }, { S: 'a' }), -1);
  assert.is(compareValues({ S: 'B' }, { S: 'a' }), -1);
  // U+FF21 (BMP, EF BC A1) sorts before U+1F600 (astral, F0 9F 98 80) in UTF-8; UTF-16 says the opposite.
  assert.is(compareValues({ S: '\uff21' }, { S: '😀' }), -1);
  assert.is(compareValues({ S: '😀' }, { S: '\uff21' }), 1);
  assert.is(compareValues({ S: '\ud7ff' }, { S: '😀' }), -1);
});

test('string order equals Buffer byte order on random strings (property)', () => {
  const r = rng(7);
  const alphabet = [
    'a',
    'b',
    'z',
    'A',
    '\u0000',
    '\u007f',
    '\u0080',
    'é',
    '\u07ff',
    '\u0800',
    '\ud7ff',
    '\ue000',
    '\uffff',
    '😀',
    '𝄞',
    '\u{10ffff}',
  ];
  for (let i = 0; i < 5000; i++) {
    const a = randomString(r, alphabet);
    const b = randomString(r, alphabet);
    assert.is(
      compareValues({ S: a }, { S: b }),
      Buffer.compare(Buffer.from(a), Buffer.from(b)),
      JSON.stringify([a, b]),
    );
  }
});

test('binaries compare by bytes (property over random byte strings)', () => {
  const r = rng(11);
  for (let i = 0; i < 5000; i++) {
    const len1 = int(r, 0, 7);
    const len2 = int(r, 0, 7);
    const pick = () => [0, 1, 0x7f, 0x80, 0xfe, 0xff, int(r, 0, 255)][int(r, 0, 6)]!;
    const a = Array.from({ length: len1 }, pick);
    const b = r() < 0.3 ? [...a, ...Array.from({ length: len2 }, pick)] : Array.from({ length: len2 }, pick);
    assert.is(
      compareValues({ B: b64(a) }, { B: b64(b) }),
      Buffer.compare(Buffer.from(a), Buffer.from(b)),
      JSON.stringify([a, b]),
    );
  }
});

test('numbers compare numerically; other types or mixed types give undefined', () => {
  assert.is(compareValues({ N: '10' }, { N: '9' }), 1);
  assert.is(compareValues({ N: '-10' }, { N: '9' }), -1);
  assert.is(compareValues({ N: '1.0' }, { N: '1' }), 0);
  assert.is(compareValues({ N: '1' }, { S: '1' }), undefined);
  assert.is(compareValues({ BOOL: true }, { BOOL: true }), undefined);
  assert.is(compareValues({ SS: ['a'] }, { SS: ['a'] }), undefined);
  assert.is(compareValues({ S: 'a' }, { B: 'YQ==' }), undefined);
});

test('valuesEqual is deep, sets unordered, numbers numeric', () => {
  const eq = (a: AttributeValue, b: AttributeValue) => valuesEqual(a, b);
  assert.ok(eq({ S: 'x' }, { S: 'x' }));
  assert.not.ok(eq({ S: 'x' }, { S: 'y' }));
  assert.not.ok(eq({ S: '1' }, { N: '1' }));
  assert.ok(eq({ N: '1.50' }, { N: '1.5' }));
  assert.ok(eq({ NULL: true }, { NULL: true }));
  assert.ok(eq({ BOOL: false }, { BOOL: false }));
  assert.not.ok(eq({ BOOL: false }, { BOOL: true }));
  assert.ok(eq({ SS: ['a', 'b'] }, { SS: ['b', 'a'] }));
  assert.not.ok(eq({ SS: ['a', 'b'] }, { SS: ['a'] }));
  assert.not.ok(eq({ SS: ['a', 'b'] }, { SS: ['a', 'c'] }));
  assert.ok(eq({ NS: ['1', '2.0'] }, { NS: ['2', '1'] }));
  assert.ok(eq({ BS: ['YQ==', 'Yg=='] }, { BS: ['Yg==', 'YQ=='] }));
  assert.not.ok(eq({ SS: ['a'] }, { BS: ['a'] } as AttributeValue));
  const big = Array.from({ length: 40 }, (_, i) => `k${i}`);
  assert.ok(eq({ SS: big }, { SS: [...big].reverse() }));
  assert.not.ok(eq({ SS: big }, { SS: [...big.slice(1), 'zz'] }));
  assert.ok(eq({ L: [{ S: 'a' }, { N: '1' }] }, { L: [{ S: 'a' }, { N: '1.0' }] }));
  assert.not.ok(eq({ L: [{ S: 'a' }, { N: '1' }] }, { L: [{ N: '1' }, { S: 'a' }] }));
  assert.not.ok(eq({ L: [{ S: 'a' }] }, { L: [{ S: 'a' }, { S: 'a' }] }));
  assert.ok(
    eq(
      { M: { a: { S: 'x' }, b: { M: { c: { NULL: true } } } } },
      { M: { b: { M: { c: { NULL: true } } }, a: { S: 'x' } } },
    ),
  );
  assert.not.ok(eq({ M: { a: { S: 'x' } } }, { M: { a: { S: 'x' }, b: { S: 'y' } } }));
  assert.not.ok(eq({ M: { a: { S: 'x' }, b: { S: 'y' } } }, { M: { a: { S: 'x' } } }));
  assert.not.ok(eq({ M: {} }, { L: [] }));
});

test.run();
