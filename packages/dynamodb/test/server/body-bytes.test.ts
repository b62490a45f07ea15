// Response bodies (server/body-bytes.ts): small ones stay text; large ones, written piece by piece into pooled buffers,
// must be byte for byte what Buffer.from(text) gives, whatever their characters, and a buffer must never serve two
// answers.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BodyBuffers, POOLED_FROM_CHARS } from '../../src/server/body-bytes.js';
import { textBody, WireBody, wireBody, wireBodyOfLists } from '../../src/operations/wire-body.js';

const item = (i: number, filler: string) => JSON.stringify({ pk: { S: `k${i}` }, d: { S: filler } });
const page = (n: number, filler: string) =>
  wireBody(
    'Items',
    Array.from({ length: n }, (_, i) => item(i, filler)),
    { Count: n, ScannedCount: n },
  );

/** Encodes a body that must land in a pooled buffer. */
function pooled(pool: BodyBuffers, body: WireBody): { bytes: Buffer; release: () => void } {
  const { bytes, release } = pool.encode(body);
  assert.ok(Buffer.isBuffer(bytes) && release, 'a large body is written into a pooled buffer');
  return { bytes, release };
}

test('a small body stays text, with nothing to release', () => {
  const body = wireBody('Item', item(1, 'abc'), { ConsumedCapacity: { TableName: 't', CapacityUnits: 0.5 } });
  assert.ok(body.length < POOLED_FROM_CHARS);
  const { bytes, release } = new BodyBuffers().encode(body);
  assert.is(bytes, body.text);
  assert.is(release, undefined);
  assert.equal(JSON.parse(bytes as string), {
    Item: { pk: { S: 'k1' }, d: { S: 'abc' } },
    ConsumedCapacity: { TableName: 't', CapacityUnits: 0.5 },
  });
});

test('a large body is written exactly, ASCII or not (1-, 2-, 3- and 4-byte UTF-8)', () => {
  const pool = new BodyBuffers();
  for (const filler of ['x'.repeat(900), 'é'.repeat(500), '€'.repeat(400), '😀'.repeat(300), 'a€é😀'.repeat(100)]) {
    const body = page(1000, filler);
    assert.ok(body.length >= POOLED_FROM_CHARS);
    const { bytes, release } = pooled(pool, body);
    assert.ok(bytes.equals(Buffer.from(body.text, 'utf8')), `bytes differ for ${filler.slice(0, 4)}…`);
    release();
  }
});

test('a body whose UTF-8 outgrows the first estimate moves to a bigger buffer intact', () => {
  // 3 bytes per character against an estimate of 1.125 bytes per character: several moves.
  const body = new WireBody(['{"Items":[', Array.from({ length: 200 }, (_, i) => item(i, '€'.repeat(2000))), ']}']);
  const { bytes, release } = pooled(new BodyBuffers(), body);
  assert.ok(bytes.equals(Buffer.from(body.text, 'utf8')));
  assert.is((JSON.parse(bytes.toString()) as any).Items.length, 200);
  release();
});

test('a released buffer serves the next large body; one in use never does', () => {
  const pool = new BodyBuffers();
  const first = pooled(pool, page(500, 'x'.repeat(900)));
  const second = pooled(pool, page(500, 'y'.repeat(900)));
  assert.is.not(first.bytes.buffer, second.bytes.buffer, 'two answers in flight share a buffer');
  first.release();
  first.release(); // twice must not pool it twice
  const third = pooled(pool, page(500, 'z'.repeat(900)));
  const fourth = pooled(pool, page(500, 'w'.repeat(900)));
  assert.is(third.bytes.buffer, first.bytes.buffer, 'the released buffer was not reused');
  assert.is.not(fourth.bytes.buffer, third.bytes.buffer, 'a buffer released twice served two answers');
  assert.ok(second.bytes.includes('y'.repeat(900)) && !second.bytes.includes('z'.repeat(900)));
});

test('idle buffers are kept up to the pool limit only', () => {
  const pool = new BodyBuffers(1024 * 1024);
  const answers = Array.from({ length: 4 }, () => pooled(pool, page(500, 'x'.repeat(900)))); // ~460 KB: 512 KB buffers
  answers.forEach((a) => a.release());
  assert.is(pool.pooledBytes, 1024 * 1024);
});

test('textBody serialises any value, an absent one as {}', () => {
  assert.is(textBody({ TableNames: ['a'] }).text, '{"TableNames":["a"]}');
  assert.is(textBody(undefined).text, '{}');
  assert.is(wireBody('Item', undefined, { ConsumedCapacity: undefined }).text, '{}');
  assert.is(wireBody('Items', [], { Count: 0 }).text, '{"Items":[],"Count":0}');
});

test('lists of items keyed by name (BatchGetItem) serialise and encode exactly', () => {
  const small = wireBodyOfLists(
    'Responses',
    [
      ['a', ['1', '2']],
      ['b', []],
    ],
    { UnprocessedKeys: {}, ConsumedCapacity: undefined },
  );
  assert.is(small.text, '{"Responses":{"a":[1,2],"b":[]},"UnprocessedKeys":{}}');
  assert.is(small.length, small.text.length);
  const large = wireBodyOfLists(
    'Responses',
    [
      ['t1', Array.from({ length: 60 }, (_, i) => item(i, 'é'.repeat(900)))],
      ['t2', [item(1, '😀')]],
    ],
    { UnprocessedKeys: {} },
  );
  assert.is(large.length, large.text.length);
  const { bytes, release } = pooled(new BodyBuffers(), large);
  assert.ok(bytes.equals(Buffer.from(large.text, 'utf8')));
  assert.is((JSON.parse(bytes.toString()) as any).Responses.t1.length, 60);
  release();
});

test.run();
