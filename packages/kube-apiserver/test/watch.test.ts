import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { WatchEvent } from '../src/api.js';
import { startWatch } from '../src/watch/watcher.js';
import { customResourceDefinitionKind } from '../src/registry/kinds/custom-resource-definition.js';
import { eventually, openRegistry, statusOf, TABLES, tableObject, type TestRegistry } from './helpers.js';

let t: TestRegistry;
test.before.each(() => {
  t = openRegistry({ watchHistory: 5 });
});
test.after.each(async () => {
  await t.close();
});

const tables = () => t.registry.resolveGvr(TABLES);
const summary = (events: WatchEvent[]) => events.map((e) => `${e.type}:${e.object.metadata?.name ?? ''}`);

function watch(options: {
  resourceVersion?: string;
  labelSelector?: string;
  fieldSelector?: string;
  sendInitialEvents?: boolean;
  namespace?: string;
}) {
  const events: WatchEvent[] = [];
  const kind = tables();
  const w = startWatch(
    t.registry,
    {
      kind,
      selectors: t.registry.store.parseSelectors(kind, options),
      ...(options.namespace ? { namespace: options.namespace } : {}),
      ...(options.resourceVersion !== undefined ? { resourceVersion: options.resourceVersion } : {}),
      ...(options.sendInitialEvents ? { sendInitialEvents: true } : {}),
    },
    (e) => events.push(e),
  );
  return { events, w };
}

test('RV "0" or "" starts with synthetic ADDED for the current state, then live events', () => {
  t.registry.store.create(tables(), 'default', tableObject('a'));
  const { events, w } = watch({ resourceVersion: '0' });
  t.registry.store.patch(tables(), 'default', 'a', 'merge', { spec: { tableClass: 'X' } });
  t.registry.store.create(tables(), 'default', tableObject('b'));
  t.registry.store.delete(tables(), 'default', 'a');
  w.stop();
  t.registry.store.create(tables(), 'default', tableObject('c'));
  assert.equal(summary(events), ['ADDED:a', 'MODIFIED:a', 'ADDED:b', 'DELETED:a']);
  assert.is(events[3]!.object.apiVersion, 'dynamodb.services.k8s.aws/v1alpha1');
  assert.ok(
    Number(events[3]!.object.metadata.resourceVersion) > Number(events[2]!.object.metadata.resourceVersion),
    'DELETED carries a new RV',
  );
});

test('resume from a resourceVersion replays exactly the later history', () => {
  const a = t.registry.store.create(tables(), 'default', tableObject('a')).object;
  t.registry.store.create(tables(), 'default', tableObject('b'));
  const { events } = watch({ resourceVersion: a.metadata.resourceVersion! });
  assert.equal(summary(events), ['ADDED:b']);
});

test('an RV older than the history window gets a 410 Expired ERROR event', () => {
  const first = t.registry.store.create(tables(), 'default', tableObject('a')).object;
  for (let i = 0; i < 6; i++)
    t.registry.store.patch(tables(), 'default', 'a', 'merge', { metadata: { labels: { i: String(i) } } });
  const { events, w } = watch({ resourceVersion: String(Number(first.metadata.resourceVersion) - 1) });
  assert.ok(w.finished);
  assert.is(events.length, 1);
  assert.is(events[0]!.type, 'ERROR');
  const status = events[0]!.object as unknown as { code: number; reason: string; message: string; kind: string };
  assert.is(status.kind, 'Status');
  assert.is(status.code, 410);
  assert.is(status.reason, 'Expired');
  assert.match(status.message, /^too old resource version: \d+ \(\d+\)$/);
});

test('a continue token older than the history window is 410 Expired', () => {
  for (const n of ['a', 'b', 'c']) t.registry.store.create(tables(), 'default', tableObject(n));
  const page = t.registry.store.list(tables(), 'default', { limit: 1 });
  for (let i = 0; i < 6; i++)
    t.registry.store.patch(tables(), 'default', 'c', 'merge', { metadata: { labels: { i: String(i) } } });
  const s = statusOf(() => t.registry.store.list(tables(), 'default', { limit: 1, continue: page.metadata.continue! }));
  assert.is(s.code, 410);
  assert.is(s.reason, 'Expired');
  assert.ok(s.message.startsWith('The provided continue parameter is too old to display a consistent list result.'));
});

test('selectors: an object leaving the selection is DELETED, entering it is ADDED', () => {
  t.registry.store.create(tables(), 'default', { ...tableObject('a'), metadata: { name: 'a', labels: { app: 'x' } } });
  const { events } = watch({ resourceVersion: '0', labelSelector: 'app=x' });
  t.registry.store.patch(tables(), 'default', 'a', 'merge', { metadata: { labels: { app: 'y' } } });
  t.registry.store.patch(tables(), 'default', 'a', 'merge', { metadata: { labels: { app: 'x' } } });
  t.registry.store.create(tables(), 'default', tableObject('other'));
  assert.equal(summary(events), ['ADDED:a', 'DELETED:a', 'ADDED:a']);
});

test('field selector metadata.name and namespace scoping', () => {
  t.registry.store.create(tables(), 'kube-system', tableObject('a', 'kube-system'));
  const { events } = watch({ resourceVersion: '0', fieldSelector: 'metadata.name=a', namespace: 'default' });
  t.registry.store.create(tables(), 'default', tableObject('a'));
  t.registry.store.create(tables(), 'default', tableObject('b'));
  assert.equal(summary(events), ['ADDED:a']);
  assert.is(events[0]!.object.metadata.namespace, 'default');
});

test('sendInitialEvents: ADDED for everything, then a BOOKMARK annotated initial-events-end', () => {
  t.registry.store.create(tables(), 'default', tableObject('a'));
  t.registry.store.create(tables(), 'default', tableObject('b'));
  const { events, w } = watch({ sendInitialEvents: true });
  assert.equal(summary(events), ['ADDED:a', 'ADDED:b', 'BOOKMARK:']);
  assert.equal(events[2]!.object.metadata.annotations, { 'k8s.io/initial-events-end': 'true' });
  assert.is(events[2]!.object.metadata.resourceVersion, String(t.registry.storage.currentRevision()));
  w.bookmark();
  assert.is(events[3]!.type, 'BOOKMARK');
  assert.is(events[3]!.object.kind, 'Table');
});

test('a client that writes from inside its watch callback: every watcher still sees events in resourceVersion order', async () => {
  const { events: first } = watch({ resourceVersion: '0' });
  const client = (await import('../src/client.js')).createInProcessClient(t.registry);
  let reacted = false;
  const stop = client.watch(TABLES, 'default', { resourceVersion: '0' }, (e) => {
    if (e.type === 'ADDED' && !reacted) {
      reacted = true;
      void client.patch(TABLES, 'default', e.object.metadata.name!, 'merge', { metadata: { labels: { seen: 'yes' } } });
    }
  });
  const { events: last } = watch({ resourceVersion: '0' });
  t.registry.store.create(tables(), 'default', tableObject('a'));
  stop();
  for (const events of [first, last]) {
    assert.equal(summary(events), ['ADDED:a', 'MODIFIED:a']);
    assert.ok(Number(events[0]!.object.metadata.resourceVersion) < Number(events[1]!.object.metadata.resourceVersion));
  }
});

test('deleting the CRD ends watches on its resources', async () => {
  let gone = false;
  const kind = tables();
  startWatch(
    t.registry,
    { kind, selectors: t.registry.store.parseSelectors(kind, {}) },
    () => {},
    () => {
      gone = true;
    },
  );
  t.registry.store.delete(customResourceDefinitionKind, undefined, 'tables.dynamodb.services.k8s.aws');
  await eventually(() => gone);
});

test.run();
