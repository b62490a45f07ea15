import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validateAttributeValue, validateItem } from '../../src/model/index.js';
import { DynamoDBError } from '../../src/errors.js';

function fails(value: unknown, message: string, code = 'ValidationException') {
  try {
    validateAttributeValue(value);
  } catch (e) {
    assert.instance(e, DynamoDBError);
    assert.is((e as DynamoDBError).message, message, JSON.stringify(value));
    assert.is((e as DynamoDBError).code, code);
    return;
  }
  assert.unreachable(`expected failure for ${JSON.stringify(value)}`);
}

const P = 'One or more parameter values were invalid: ';

test('exactly one datatype', () => {
  for (const v of [{}, { a: '' }, { M: { a: {} } }, { L: [{}] }, { L: [{ a: {} }] }, { S: null }]) {
    fails(v, 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  }
  fails(
    { S: 'a', N: '1' },
    'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes',
  );
  fails(
    { M: { x: { BOOL: true, NULL: true } } },
    'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes',
  );
});

test('invalid values, in DynamoDB wording', () => {
  fails({ NULL: 'no' }, P + 'Null attribute value types must have the value of true');
  fails({ NULL: false }, P + 'Null attribute value types must have the value of true');
  fails({ SS: [] }, P + 'An string set  may not be empty');
  fails({ NS: [] }, P + 'An number set  may not be empty');
  fails({ BS: [] }, P + 'Binary sets should not be empty');
  // The current value layer's wording (paritysuite tests/tier3/error-messages/valueLayers.test.ts, 2026-10-09);
  // the older one is the ValueFault's `older` text (e2e fidelity-value-layers.test.ts).
  fails({ SS: ['a', 'a'] }, P + 'Input collection ["a", "a"] contains duplicates.');
  fails({ BS: ['Yg==', 'Yg=='] }, P + 'Input collection ["Yg==","Yg=="]of type BS contains duplicates.');
  fails({ NS: ['1', '1.0'] }, P + 'Input collection contains duplicates.');
  fails({ L: [{ S: 'ok' }, { SS: [] }] }, P + 'An string set  may not be empty');
  fails({ M: { deep: { M: { x: { NS: ['1', 'x'] } } } } }, 'The parameter cannot be converted to a numeric value: x');
});

test('numbers: checked before the multiple-types error, like DynamoDB', () => {
  fails({ S: '', N: '' }, 'The parameter cannot be converted to a numeric value: ');
  fails({ S: 'a', N: 'b' }, 'The parameter cannot be converted to a numeric value: b');
  fails({ NS: ['1', ''] }, 'The parameter cannot be converted to a numeric value: ');
  fails({ NS: ['1', 'b'] }, 'The parameter cannot be converted to a numeric value: b');
  fails(
    { N: '123456789012345678901234567890123456789' },
    'Attempting to store more than 38 significant digits in a Number',
  );
  fails({ N: '1e126' }, 'Number overflow. Attempting to store a number with magnitude larger than supported range');
  fails({ N: '-1e-131' }, 'Number underflow. Attempting to store a number with magnitude smaller than supported range');
});

// dynalite test/helpers.js assertType, its newer revision (validation/serialization-texts.ts).
test('JSON type errors are SerializationExceptions', () => {
  const S = 'SerializationException';
  fails({ S: 1 }, 'NUMBER_VALUE cannot be converted to String', S);
  fails({ S: 34.56 }, 'DECIMAL_VALUE cannot be converted to String', S);
  fails({ S: true }, 'TRUE_VALUE cannot be converted to String', S);
  fails({ N: [] }, 'Unrecognized collection type class java.lang.String', S);
  fails({ N: {} }, 'Start of structure or map found where not expected', S);
  fails({ SS: 'a' }, 'Unexpected field type', S);
  fails({ L: {} }, 'Start of structure or map found where not expected', S);
  fails(
    { M: [] },
    'Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>',
    S,
  );
  fails({ M: 'x' }, 'Unexpected field type', S);
  fails({ L: ['x'] }, 'Unexpected value type in payload', S);
  fails({ L: [[]] }, 'Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue', S);
  fails({ B: 23 }, 'only base-64-encoded strings are convertible to bytes', S);
  fails({ BS: [[]] }, 'Unrecognized collection type class java.nio.ByteBuffer', S);
  fails({ B: 'abc' }, 'Base64 encoded length is expected a multiple of 4 bytes but found: 3', S);
  fails({ B: '=+/=' }, 'Invalid last non-pad Base64 character dectected', S);
  // No recorded answer for a character outside the alphabet: coral's older wording is kept.
  fails({ B: 'ab-=' }, "'ab-=' can not be converted to a Blob: Invalid Base64 character: '-'", S);
  fails({ BOOL: 'maybe' }, 'Unexpected token received from parser', S);
  fails({ BOOL: 23 }, 'NUMBER_VALUE cannot be converted to Boolean', S);
  fails({ NULL: [] }, 'Unrecognized collection type class java.lang.Boolean', S);
});

test('returns canonical values; empty strings and binaries allowed outside keys', () => {
  assert.equal(validateAttributeValue({ N: '1.50' }), { N: '1.5' });
  assert.equal(validateAttributeValue({ N: '-0' }), { N: '0' });
  assert.equal(validateAttributeValue({ NS: ['1e2', '0.000', '-1.10'] }), { NS: ['100', '0', '-1.1'] });
  assert.equal(validateAttributeValue({ S: '' }), { S: '' });
  assert.equal(validateAttributeValue({ B: '' }), { B: '' });
  assert.equal(validateAttributeValue({ SS: ['', 'a'] }), { SS: ['', 'a'] });
  assert.equal(validateAttributeValue({ BOOL: 'true' }), { BOOL: true });
  assert.equal(validateAttributeValue({ NULL: true, Z: 1 }), { NULL: true });
  assert.equal(validateAttributeValue({ M: { a: { L: [{ N: '01' }, { M: {} }, { L: [] }] }, b: { BS: ['AA=='] } } }), {
    M: { a: { L: [{ N: '1' }, { M: {} }, { L: [] }] }, b: { BS: ['AA=='] } },
  });
});

test('nesting limit: 31 levels of maps/lists accepted, 32 refused', () => {
  const nest = (levels: number): unknown => {
    let v: unknown = { S: 'leaf' };
    for (let i = 0; i < levels; i++) v = i % 2 ? { M: { k: v } } : { L: [v] };
    return v;
  };
  validateAttributeValue(nest(31));
  fails(
    nest(32),
    'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit',
  );
});

test('attribute names longer than 65535 bytes are refused', () => {
  validateItem({ ['a'.repeat(65535)]: { S: 'x' } });
  try {
    validateItem({ x: { M: { ['é'.repeat(32768)]: { S: 'x' } } } });
    assert.unreachable();
  } catch (e) {
    assert.is(
      (e as Error).message,
      '1 validation error detected: Attribute name is too large, must be less than 65536 bytes',
    );
  }
});

test('validateItem validates every attribute', () => {
  assert.equal(validateItem({ id: { S: 'x' }, n: { N: '2.0' } }), { id: { S: 'x' }, n: { N: '2' } });
  assert.equal(validateItem({}), {});
  try {
    validateItem({ id: { S: 'x' }, bad: {} });
    assert.unreachable();
  } catch (e) {
    assert.is(
      (e as Error).message,
      'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes',
    );
  }
});

test.run();
