// JSON patch bounds and semantics (src/patch/json-patch.ts). The limits are the real apiserver's:
// maxJSONPatchOperations = 10000 answered 413 "Request entity too large: The allowed maximum operations in a JSON
// patch is 10000, got N" (k8s.io/apiserver endpoints/handlers/patch.go), and JSONPatchMaxCopyBytes = 3 MiB
// (k8s.io/apiserver server/config.go) as evanphx/json-patch's AccumulatedCopySizeLimit, whose error the handler
// answers like any failed operation: 422 Invalid "the server rejected our request due to an error in our request"
// with empty details (NewGenericServerResponse(422, ...) in apimachinery api/errors).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StatusError } from '../../src/errors.js';
import { applyJsonPatch, MAX_COPY_BYTES } from '../../src/patch/json-patch.js';

const statusOf = (fn: () => unknown): StatusError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof StatusError) return err;
    throw err;
  }
  throw new Error('expected a StatusError');
};

test('RFC 6902 operations: add, remove, replace, move, copy, test; the input is not modified', () => {
  const doc = { a: { b: 1 }, list: [1, 2], s: 'x' };
  const out = applyJsonPatch(doc, [
    { op: 'add', path: '/a/c', value: 2 },
    { op: 'add', path: '/list/-', value: 3 },
    { op: 'add', path: '/list/0', value: 0 },
    { op: 'remove', path: '/s' },
    { op: 'replace', path: '/a/b', value: 10 },
    { op: 'move', from: '/a/c', path: '/moved' },
    { op: 'copy', from: '/list', path: '/copy' },
    { op: 'test', path: '/a', value: { b: 10 } },
    { op: 'add', path: '/k~1e~0y', value: true },
  ]);
  assert.equal(out, { a: { b: 10 }, list: [0, 1, 2, 3], moved: 2, copy: [0, 1, 2, 3], 'k/e~y': true });
  assert.equal(doc, { a: { b: 1 }, list: [1, 2], s: 'x' });
});

test('a failed operation (bad path, failed test, unknown op) is 422 with empty details', () => {
  for (const ops of [
    [{ op: 'remove', path: '/missing' }],
    [{ op: 'test', path: '/a', value: 2 }],
    [{ op: 'frobnicate', path: '/a' }],
    [{ op: 'add', path: 'no-slash', value: 1 }],
    [{ op: 'add', path: '/list/9', value: 1 }],
    [{ op: 'move', from: '/a', path: '/a/b' }],
  ]) {
    const s = statusOf(() => applyJsonPatch({ a: 1, list: [] }, ops));
    assert.equal(s.status, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the server rejected our request due to an error in our request',
      reason: 'Invalid',
      code: 422,
      details: {},
    });
  }
});

test('more than 10,000 operations: 413 RequestEntityTooLarge before any is applied', () => {
  const ops = Array.from({ length: 10_001 }, () => ({ op: 'test', path: '/a', value: 1 }));
  const s = statusOf(() => applyJsonPatch({ a: 1 }, ops));
  assert.is(s.code, 413);
  assert.is(s.reason, 'RequestEntityTooLarge');
  assert.is(s.message, 'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001');
  assert.equal(applyJsonPatch({ a: 1 }, ops.slice(1)), { a: 1 });
});

test('the copy bomb: copying a map into itself 19 times is refused once 3 MiB have been copied', () => {
  const doc = { metadata: { annotations: { x: 'y'.repeat(2_000) } } };
  const ops = Array.from({ length: 19 }, (_, i) => ({
    op: 'copy',
    from: '/metadata/annotations',
    path: `/metadata/annotations/k${i}`,
  }));
  const before = process.memoryUsage().rss;
  const s = statusOf(() => applyJsonPatch(doc, ops));
  assert.is(s.code, 422);
  // unbounded, the object would reach 2 KB × 2^19 ≈ 1 GB; bounded, it never passes the 3 MiB budget
  assert.ok(process.memoryUsage().rss - before < 256 * 1024 * 1024);
  // copies within the budget are fine
  const within = applyJsonPatch(doc, ops.slice(0, 5)) as { metadata: { annotations: Record<string, unknown> } };
  assert.is(Object.keys(within.metadata.annotations).length, 6);
  assert.ok(MAX_COPY_BYTES === 3 * 1024 * 1024);
});

test('user keys such as __proto__ and constructor are ordinary keys', () => {
  const doc = JSON.parse('{"data":{"__proto__":"a"}}');
  const out = applyJsonPatch(doc, [
    { op: 'add', path: '/data/constructor', value: 'c' },
    { op: 'replace', path: '/data/__proto__', value: 'b' },
    { op: 'test', path: '/data/__proto__', value: 'b' },
    { op: 'copy', from: '/data', path: '/copy' },
    { op: 'add', path: '/spec', value: JSON.parse('{"__proto__":{"polluted":true}}') },
  ]) as Record<string, Record<string, unknown>>;
  assert.is(
    JSON.stringify(out),
    '{"data":{"__proto__":"b","constructor":"c"},"copy":{"__proto__":"b","constructor":"c"},"spec":{"__proto__":{"polluted":true}}}',
  );
  assert.is(Object.getPrototypeOf(out.data), Object.prototype);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
  // `toString` is not a member of the document just because Object.prototype has one
  assert.is(statusOf(() => applyJsonPatch({ a: {} }, [{ op: 'remove', path: '/a/toString' }])).code, 422);
});

test('a body that is not a list of objects is 400, in Go decoding words', () => {
  assert.is(
    statusOf(() => applyJsonPatch({}, {})).message,
    'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
  );
  assert.is(
    statusOf(() => applyJsonPatch({}, [1])).message,
    'json: cannot unmarshal number into Go value of type jsonpatch.Operation',
  );
});

test.run();
