// Accept-Encoding and Content-Encoding as DynamoDB treats them. The table of Accept-Encoding values and the encoding
// DynamoDB picks is ScyllaDB's test_compressed_response.py (test_compressed_response_accept_encodings), which runs
// against DynamoDB; the request side follows test_compressed_request.py.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import {
  chooseResponseEncoding,
  decodeBody,
  DecodedBodyTooLarge,
  UndecodableBody,
} from '../../src/server/content-encoding.js';

const DYNAMODB_CHOICES: [string, string | undefined][] = [
  ['identity', undefined],
  ['', undefined],
  ['br', undefined],
  ['zstd', undefined],
  ['compress', undefined],
  ['x-gzip', undefined],
  ['gzip, deflate', 'gzip'],
  ['br, identity, deflate, gzip', 'deflate'],
  ['GZIP, identity', 'gzip'],
  ['dog, gzip ,, cat', 'gzip'],
  ['gzip;q=0.8, deflate;q=0.5', 'gzip'],
  ['br, gzip;q=0, deflate; q = 0.5 , identity;q=0', 'deflate'],
  ['*', 'gzip'],
  ['*, deflate;q=0.5', 'gzip'],
  ['*, deflate', 'deflate'],
  ['*, identity', 'gzip'],
  ['*, gzip;q=0.5', 'deflate'],
  ['gzip ;q=0', undefined],
  ['identity;q=0', undefined],
  ['*;q=0', undefined],
  ['*;q=0.5,identity', 'gzip'],
  ['gzip;q=0.5,identity;q=0.8', 'gzip'],
  ['br;q=0.8,identity;q=0.5,*;q=0', undefined],
  ['"gzip"', undefined],
  ['gzip br', undefined],
  ['gzip:q=1', undefined],
  ['deflate;q=0.5, gzip;q=31', 'gzip'],
  ['gzip;q=31,deflate;q=51', 'gzip'],
  ['deflate;q=0.5, gzip;q=0.2', 'deflate'],
  ['deflate;q=0.5, gzip;q=1;q=0.2', 'gzip'],
  ['deflate;q=0.5,gzip;q=0.', 'deflate'],
  ['deflate;q=0.5,gzip;q=0.x', 'gzip'],
  ['deflate;q=-0.5,gzip;q=0.2', 'gzip'],
  ['gzip;nq=1;q=0 ', undefined],
  ['gzip;q=0, gzip;q=1, gzip;q=0', 'gzip'],
  ['br,identity;q=0.5,gzip;q=0.0001', 'gzip'],
];

test('Accept-Encoding: the encoding DynamoDB chooses, for each recorded value', () => {
  for (const [header, expected] of DYNAMODB_CHOICES) assert.is(chooseResponseEncoding(header), expected, header);
});

test('request bodies: gzip, deflate (zlib and raw) and identity decode', () => {
  const text = '{"TableName":"t"}';
  for (const [encoding, bytes] of [
    ['gzip', gzipSync(text)],
    ['GZIP ', gzipSync(text)],
    ['deflate', deflateSync(text)],
    ['deflate', deflateRawSync(text)],
    ['identity', Buffer.from(text)],
  ] as const) {
    assert.is(decodeBody(bytes, encoding, 1024).toString(), text, encoding);
  }
});

test('request bodies: broken, empty or unknown encodings cannot be decoded; the decoded size is bounded', () => {
  assert.throws(
    () => decodeBody(Buffer.from('{}'), 'gzip', 1024),
    (e: unknown) => e instanceof UndecodableBody,
  );
  assert.throws(
    () => decodeBody(Buffer.alloc(0), 'gzip', 1024),
    (e: unknown) => e instanceof UndecodableBody,
  );
  assert.throws(
    () => decodeBody(gzipSync('{}'), 'br', 1024),
    (e: unknown) => e instanceof UndecodableBody,
  );
  assert.throws(
    () => decodeBody(gzipSync(' '.repeat(4096)), 'gzip', 1024),
    (e: unknown) => e instanceof DecodedBodyTooLarge,
  );
});

test.run();
