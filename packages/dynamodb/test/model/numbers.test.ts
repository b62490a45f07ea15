import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Decimal } from 'decimal.js';
import { normalizeNumber, compareNumbers, addNumbers, subtractNumbers } from '../../src/model/index.js';
import { DynamoDBError } from '../../src/errors.js';
import { rng, randomNumberText } from './rng.js';

function throwsValidation(fn: () => unknown, message: string) {
  try {
    fn();
  } catch (e) {
    assert.instance(e, DynamoDBError);
    assert.is((e as DynamoDBError).code, 'ValidationException');
    assert.is((e as DynamoDBError).message, message);
    return;
  }
  assert.unreachable(`expected ValidationException: ${message}`);
}

test('normalizeNumber gives the canonical form DynamoDB stores', () => {
  const cases: [string, string][] = [
    ['1.50', '1.5'],
    ['-0', '0'],
    ['1e2', '100'],
    ['0.000', '0'],
    ['+1', '1'],
    ['007', '7'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['-0.0', '0'],
    ['1E+2', '100'],
    ['1.23e-3', '0.00123'],
    ['-12.3400', '-12.34'],
    ['0e125', '0'],
    ['0.000', '0'],
    ['1e125', '1' + '0'.repeat(125)],
    ['1e-130', '0.' + '0'.repeat(129) + '1'],
    ['123', '123'],
    ['-5', '-5'],
    ['12345678901234567890123456789012345678', '12345678901234567890123456789012345678'],
    ['1234567890123456789012345678901234567800000', '1234567890123456789012345678901234567800000'],
    ['9.9999999999999999999999999999999999999e125', '99999999999999999999999999999999999999' + '0'.repeat(88)],
  ];
  for (const [input, expected] of cases) assert.is(normalizeNumber(input), expected, input);
});

test('normalizeNumber rejects what DynamoDB rejects, with its messages', () => {
  // The current value layer keeps ": " for an empty string (paritysuite valueLayers.test.ts, 2026-10-09).
  throwsValidation(() => normalizeNumber(''), 'The parameter cannot be converted to a numeric value: ');
  for (const bad of ['abc', '1e', 'e1', '.', '-', '1.2.3', ' 1', '1 ', 'NaN', 'Infinity', '0x10', '1_000', '--1']) {
    throwsValidation(() => normalizeNumber(bad), `The parameter cannot be converted to a numeric value: ${bad}`);
  }
  throwsValidation(
    () => normalizeNumber('123456789012345678901234567890123456789'),
    'Attempting to store more than 38 significant digits in a Number',
  );
  throwsValidation(
    () => normalizeNumber('-1.23456789012345678901234567890123456789'),
    'Attempting to store more than 38 significant digits in a Number',
  );
  // paritysuite dynamodb-conformance tests/tier3/limits/numberExponent.test.ts (eu-west-2, 2026-10): exponents past
  // an int are range-checked, past a long unreadable; zero is checked by the exponent it is written with.
  throwsValidation(
    () => normalizeNumber('1e9223372036854775808'),
    'The parameter cannot be converted to a numeric value: 1e9223372036854775808',
  );
  for (const n of ['1e126', '-1e126', '10e125', '1e99999999999', '1e9223372036854775807', '0e126']) {
    throwsValidation(
      () => normalizeNumber(n),
      'Number overflow. Attempting to store a number with magnitude larger than supported range',
    );
  }
  for (const n of ['1e-131', '-1e-131', '0.1e-130', '1e-99999999999', '0e-131']) {
    throwsValidation(
      () => normalizeNumber(n),
      'Number underflow. Attempting to store a number with magnitude smaller than supported range',
    );
  }
});

test('compareNumbers orders numerically, canonical or not', () => {
  const ordered = [
    '-1e125',
    '-100',
    '-10.5',
    '-10',
    '-9.99',
    '-1',
    '-0.5',
    '-0.05',
    '-1e-130',
    '0',
    '1e-130',
    '0.0001',
    '0.5',
    '1',
    '1.5',
    '1.51',
    '2',
    '9',
    '10',
    '10.01',
    '99',
    '100',
    '1e125',
  ];
  for (let i = 0; i < ordered.length; i++) {
    for (let j = 0; j < ordered.length; j++) {
      const a = normalizeNumber(ordered[i]!);
      const b = normalizeNumber(ordered[j]!);
      assert.is(compareNumbers(a, b), Math.sign(i - j), `${a} vs ${b}`);
    }
  }
  assert.is(compareNumbers('1.50', '1.5'), 0);
  assert.is(compareNumbers('-0', '0'), 0);
  assert.is(compareNumbers('1e2', '99'), 1);
});

test('compareNumbers agrees with exact decimal comparison on random numbers (property)', () => {
  const r = rng(42);
  for (let i = 0; i < 5000; i++) {
    const a = normalizeNumber(randomNumberText(r));
    const b = r() < 0.1 ? a : normalizeNumber(randomNumberText(r));
    assert.is(compareNumbers(a, b), new Decimal(a).comparedTo(new Decimal(b)), `${a} vs ${b}`);
  }
});

test('addNumbers / subtractNumbers are exact', () => {
  assert.is(addNumbers('0.1', '0.2'), '0.3');
  assert.is(addNumbers('1', '-1'), '0');
  assert.is(subtractNumbers('5', '7.5'), '-2.5');
  assert.is(addNumbers('99999999999999999999999999999999999999', '1'), '100000000000000000000000000000000000000');
  assert.is(addNumbers('1e-130', '1e-130'), '0.' + '0'.repeat(129) + '2');
  assert.is(subtractNumbers('-0.5', '-0.5'), '0');
  assert.is(addNumbers('12345678901234567890', '0.12345678901234567'), '12345678901234567890.12345678901234567');
});

const Exact = Decimal.clone({ precision: 1000 });

test('addNumbers / subtractNumbers agree with exact decimals on random operands (property)', () => {
  const r = rng(99);
  for (let i = 0; i < 3000; i++) {
    const small = () => String(Math.floor((r() - 0.5) * 2 * 10 ** Math.floor(r() * 16)));
    const a = normalizeNumber(r() < 0.5 ? small() : randomNumberText(r));
    const b = normalizeNumber(r() < 0.5 ? small() : randomNumberText(r));
    for (const [fn, op] of [
      [addNumbers, 'plus'],
      [subtractNumbers, 'minus'],
    ] as const) {
      const exact = new Exact(a)[op](new Exact(b));
      let expected: string | undefined;
      try {
        expected = normalizeNumber(exact.toFixed());
      } catch {
        expected = undefined; // out of range: the operation must throw too
      }
      if (expected === undefined) assert.throws(() => fn(a, b));
      else assert.is(fn(a, b), expected, `${a} ${op} ${b}`);
    }
  }
});

test('arithmetic results out of range raise DynamoDB errors', () => {
  throwsValidation(
    () => addNumbers('9.9999999999999999999999999999999999999e125', '1e125'),
    'Number overflow. Attempting to store a number with magnitude larger than supported range',
  );
  throwsValidation(
    () => addNumbers('1e20', '1e-20'),
    'Attempting to store more than 38 significant digits in a Number',
  );
  throwsValidation(
    () => subtractNumbers('1.1e-130', '1e-130'),
    'Number underflow. Attempting to store a number with magnitude smaller than supported range',
  );
});

test.run();
