// List-then-watch with GenerationChangedPredicate, against a scripted ResourceClient fake.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject, ResourceClient, WatchEvent } from '@ack-local/kube-apiserver';
import { Informer, generationChanged } from '../src/runtime/informer.js';

const obj = (name: string, generation: number, extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'dynamodb.services.k8s.aws/v1alpha1',
  kind: 'Table',
  metadata: { name, namespace: 'ns', generation, ...extra },
});

function fakeKube(lists: KubeObject[][]) {
  const watchers: ((e: WatchEvent) => void)[] = [];
  const watchRVs: (string | undefined)[] = [];
  let listCalls = 0;
  const client = {
    async list() {
      const items = lists[Math.min(listCalls, lists.length - 1)]!;
      listCalls++;
      return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: String(100 * listCalls) }, items };
    },
    watch(_gvr: unknown, _ns: unknown, options: { resourceVersion?: string }, onEvent: (e: WatchEvent) => void) {
      watchRVs.push(options.resourceVersion);
      watchers.push(onEvent);
      return () => {};
    },
  } as unknown as ResourceClient;
  return { client, emit: (e: WatchEvent) => watchers.at(-1)!(e), watchRVs, listCalls: () => listCalls };
}

test('GenerationChangedPredicate: new objects, generation bumps and deletion trigger; status/annotation edits do not', () => {
  assert.ok(generationChanged(undefined, obj('a', 1)));
  assert.ok(generationChanged(obj('a', 1), obj('a', 2)));
  assert.not.ok(generationChanged(obj('a', 1), obj('a', 1, { annotations: { x: 'y' } })));
  assert.ok(generationChanged(obj('a', 1), obj('a', 1, { deletionTimestamp: '2026-01-01T00:00:00Z' })));
});

test('lists first, watches from the list resourceVersion, filters by generation, re-lists on ERROR (410)', async () => {
  const fake = fakeKube([
    [obj('a', 1), obj('b', 1)],
    [obj('a', 1), obj('c', 1)],
  ]);
  const changed: string[] = [];
  const deleted: string[] = [];
  const informer = new Informer({
    kube: fake.client,
    gvr: { group: 'g', version: 'v', resource: 'tables' },
    onChange: (o) => changed.push(`${o.metadata.name}@${o.metadata.generation}`),
    onDelete: (o) => deleted.push(o.metadata.name!),
    relistDelayMs: 1,
  });
  await informer.start();
  assert.equal(changed, ['a@1', 'b@1']);
  assert.equal(fake.watchRVs, ['100']);
  fake.emit({ type: 'MODIFIED', object: { ...obj('a', 1), status: { tableStatus: 'ACTIVE' } } });
  fake.emit({ type: 'MODIFIED', object: obj('a', 2) });
  fake.emit({ type: 'DELETED', object: obj('a', 2) });
  assert.equal(changed, ['a@1', 'b@1', 'a@2']);
  assert.equal(deleted, ['a']);
  fake.emit({
    type: 'ERROR',
    object: { apiVersion: 'v1', kind: 'Status', metadata: {}, code: 410, reason: 'Expired' } as KubeObject,
  });
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(fake.listCalls(), 2);
  assert.equal(fake.watchRVs, ['100', '200']);
  assert.equal(
    changed,
    ['a@1', 'b@1', 'a@2', 'a@1', 'c@1'],
    'a re-appeared (it was deleted), c is new, b unchanged is not replayed',
  );
  assert.equal(deleted, ['a', 'b'], 'b vanished between lists');
  informer.stop();
});

test.run();
