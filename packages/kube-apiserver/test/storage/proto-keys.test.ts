// `__proto__` keys survive LMDB (src/storage/proto-keys.ts): msgpackr, lmdb's encoder, reads such a key back as
// `__proto_`; objects holding keys of that family are stored renamed and read back exactly, across a reopen,
// in objects and in the persisted watch history alike.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rmSync } from 'node:fs';
import type { KubeObject } from '../../src/api.js';
import { ObjectStore } from '../../src/storage/object-store.js';
import { fromStored, toStored } from '../../src/storage/proto-keys.js';
import { tempDir } from '../helpers.js';

const object = (): KubeObject =>
  JSON.parse(
    '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"p","namespace":"default"},' +
      '"data":{"__proto__":"a","__proto_":"b","__proto___":"c","plain":"d"},"spec":[{"__proto__":{"x":1}}]}',
  );

test('the family is renamed out of the way and back; other objects are stored as they are', () => {
  const plain = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'q' }, data: { a: 'b' } } as KubeObject;
  assert.is(toStored(plain), plain);
  assert.is(fromStored(plain), plain);
  const stored = toStored(object());
  assert.not.match(JSON.stringify(stored), /"__proto__?"/);
  assert.is(JSON.stringify(fromStored(stored)), JSON.stringify(object()));
});

test('through LMDB and a reopen: objects, ranges and the watch history keep __proto__ keys', async () => {
  const dir = tempDir();
  try {
    const first = new ObjectStore({ dataDir: dir, historySize: 10 });
    first.commit('ADDED', 'v1/configmaps/default/p', undefined, (rv) => ({
      ...object(),
      metadata: { ...object().metadata, resourceVersion: rv },
    }));
    await first.close();
    const second = new ObjectStore({ dataDir: dir, historySize: 10 });
    try {
      const expected = JSON.stringify(object().data);
      assert.is(JSON.stringify(second.get('v1/configmaps/default/p')!.data), expected);
      assert.is(JSON.stringify([...second.range('v1/configmaps/')][0]!.object.data), expected);
      assert.is(JSON.stringify(second.historySince(0)[0]!.object.data), expected);
      assert.is(Object.getPrototypeOf(second.get('v1/configmaps/default/p')!.data), Object.prototype);
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
