// Patches over lists of thousands of items (issue 19: no request may stall the process). Strategic merge and
// server-side apply find list members through Sets and Maps of encoded values; before, every item was compared
// with every other (a 150 KB strategic patch of 5,000 finalizers took 39 s, an apply 166 s). These cases check
// the results at 20,000 items; they would take hours the old way.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject } from '../../src/api.js';
import { applyPatch } from '../../src/patch/index.js';
import { builtinTypes } from '../support/types.js';

const N = 20_000;
const cmType = builtinTypes.find((t) => t.kind === 'ConfigMap')!;
const configMap = (metadata: Partial<KubeObject['metadata']>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'big', namespace: 'default', uid: 'u', resourceVersion: '1', ...metadata },
});
const range = (from: number, to: number, f: (i: number) => string) =>
  Array.from({ length: to - from }, (_, i) => f(from + i));

test('strategic merge: finalizer sets of 20,000 union in order; $deleteFromPrimitiveList and $setElementOrder', () => {
  const current = configMap({ finalizers: range(0, N, (i) => `example.com/f${i}`) });
  const out = applyPatch({
    type: cmType,
    current,
    patchType: 'strategic',
    patch: { metadata: { finalizers: range(N / 2, N + N / 2, (i) => `example.com/f${i}`) } },
  });
  assert.is(out.metadata.finalizers!.length, N + N / 2);
  assert.is(out.metadata.finalizers![N], `example.com/f${N}`);
  const trimmed = applyPatch({
    type: cmType,
    current: out,
    patchType: 'strategic',
    patch: {
      metadata: {
        '$deleteFromPrimitiveList/finalizers': range(0, N, (i) => `example.com/f${i}`),
        '$setElementOrder/finalizers': range(N, N + N / 2, (i) => `example.com/f${i}`).reverse(),
      },
    },
  });
  assert.is(trimmed.metadata.finalizers!.length, N / 2);
  assert.is(trimmed.metadata.finalizers![0], `example.com/f${N + N / 2 - 1}`);
});

test('strategic merge: 20,000 ownerReferences merged by uid, with deletions and new ones', () => {
  const ref = (i: number, name = `n${i}`) => ({ apiVersion: 'v1', kind: 'X', name, uid: `u${i}` });
  const current = configMap({ ownerReferences: range(0, N, (i) => String(i)).map((i) => ref(Number(i))) });
  const patch = [
    ...range(0, N / 2, (i) => String(i)).map((i) => ({ uid: `u${i}`, $patch: 'delete' })),
    ...range(N / 2, N, (i) => String(i)).map((i) => ({ uid: `u${i}`, name: `renamed${i}` })),
    ref(N),
  ];
  const out = applyPatch({
    type: cmType,
    current,
    patchType: 'strategic',
    patch: { metadata: { ownerReferences: patch } },
  });
  const refs = out.metadata.ownerReferences as { uid: string; name: string }[];
  assert.is(refs.length, N / 2 + 1);
  assert.equal(refs[0], { apiVersion: 'v1', kind: 'X', name: `renamed${N / 2}`, uid: `u${N / 2}` });
  assert.is(refs.at(-1)!.uid, `u${N}`);
});

test('server-side apply: a finalizer set of 20,000 merges with the live one', () => {
  const current = configMap({ finalizers: range(0, N, (i) => `example.com/f${i}`) });
  const out = applyPatch({
    type: cmType,
    current,
    patchType: 'apply',
    fieldManager: 'big',
    patch: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'big', finalizers: range(N / 2, N + N / 2, (i) => `example.com/f${i}`) },
    },
  });
  assert.is(out.metadata.finalizers!.length, N + N / 2);
});

test.run();
