import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { configMapKind } from '../src/registry/kinds/configmap.js';
import { namespaceKind } from '../src/registry/kinds/namespace.js';
import { secretKind } from '../src/registry/kinds/secret.js';
import { openRegistry, statusOf, TABLES, tableObject, type TestRegistry } from './helpers.js';

let t: TestRegistry;
test.before.each(() => {
  t = openRegistry();
});
test.after.each(async () => {
  await t.close();
});

const tables = () => t.registry.resolveGvr(TABLES);

test('create sets uid, creationTimestamp (RFC3339 seconds), generation 1 and a global resourceVersion', () => {
  const before = t.registry.storage.currentRevision();
  const { object, created } = t.registry.store.create(tables(), 'default', tableObject('items'));
  assert.ok(created);
  assert.match(object.metadata.uid!, /^[0-9a-f-]{36}$/);
  assert.match(object.metadata.creationTimestamp!, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  assert.is(object.metadata.generation, 1);
  assert.is(object.metadata.resourceVersion, String(before + 1));
  assert.is(object.apiVersion, 'dynamodb.services.k8s.aws/v1alpha1');
  assert.is(object.kind, 'Table');
  assert.equal(Object.keys(object).slice(0, 3), ['apiVersion', 'kind', 'metadata']);
});

test('create twice is 409 AlreadyExists with the real message and details', () => {
  t.registry.store.create(tables(), 'default', tableObject('items'));
  const s = statusOf(() => t.registry.store.create(tables(), 'default', tableObject('items')));
  assert.is(s.code, 409);
  assert.is(s.reason, 'AlreadyExists');
  assert.is(s.message, 'tables.dynamodb.services.k8s.aws "items" already exists');
  assert.equal(s.details, { name: 'items', group: 'dynamodb.services.k8s.aws', kind: 'tables' });
});

test('get of a missing object is 404 NotFound with details {name, group, kind: plural}', () => {
  const s = statusOf(() => t.registry.store.get(tables(), 'default', 'nope'));
  assert.is(s.code, 404);
  assert.is(s.message, 'tables.dynamodb.services.k8s.aws "nope" not found');
  assert.equal(s.details, { name: 'nope', group: 'dynamodb.services.k8s.aws', kind: 'tables' });
});

test('create in a missing namespace is 404 namespaces "x" not found', () => {
  const s = statusOf(() => t.registry.store.create(tables(), 'nope', tableObject('items', 'nope')));
  assert.is(s.code, 404);
  assert.is(s.message, 'namespaces "nope" not found');
  assert.equal(s.details, { name: 'nope', kind: 'namespaces' });
});

test('metadata.namespace must match the request namespace (400)', () => {
  const s = statusOf(() => t.registry.store.create(tables(), 'kube-system', tableObject('items', 'default')));
  assert.is(s.code, 400);
  assert.is(s.reason, 'BadRequest');
  assert.is(s.message, 'the namespace of the provided object does not match the namespace sent on the request');
});

test('invalid names are 422 with the RFC 1123 message; namespaces use the label rule', () => {
  const s = statusOf(() => t.registry.store.create(tables(), 'default', tableObject('Bad_Name')));
  assert.is(s.code, 422);
  assert.is(s.reason, 'Invalid');
  assert.ok(
    s.message.startsWith(
      'Table.dynamodb.services.k8s.aws "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of',
    ),
  );
  assert.equal(s.details?.causes?.[0]?.field, 'metadata.name');
  assert.is(s.details?.kind, 'Table');
  const ns = statusOf(() =>
    t.registry.store.create(namespaceKind, undefined, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'a.b' },
    }),
  );
  assert.ok(ns.message.includes('a lowercase RFC 1123 label must consist of'));
  const missing = statusOf(() =>
    t.registry.store.create(tables(), 'default', { ...tableObject('x'), metadata: { namespace: 'default' } }),
  );
  assert.ok(missing.message.endsWith('metadata.name: Required value: name or generateName is required'));
});

test('generateName appends 5 random characters', () => {
  const { object } = t.registry.store.create(tables(), 'default', {
    ...tableObject('x'),
    metadata: { generateName: 'items-' },
  });
  assert.match(object.metadata.name!, /^items-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  assert.is(object.metadata.generateName, 'items-');
});

test('update with a stale resourceVersion is 409 Conflict with the exact message', () => {
  const { object } = t.registry.store.create(tables(), 'default', tableObject('items'));
  t.registry.store.update(tables(), 'default', 'items', {
    ...object,
    spec: { ...(object.spec as object), tableClass: 'STANDARD' },
  });
  const s = statusOf(() =>
    t.registry.store.update(tables(), 'default', 'items', {
      ...object,
      spec: { ...(object.spec as object), tableClass: 'X' },
    }),
  );
  assert.is(s.code, 409);
  assert.is(s.reason, 'Conflict');
  assert.is(
    s.message,
    'Operation cannot be fulfilled on tables.dynamodb.services.k8s.aws "items": the object has been modified; please apply your changes to the latest version and try again',
  );
});

test('a merge patch that sets a stale resourceVersion is 409; without it the patch applies', () => {
  const { object } = t.registry.store.create(tables(), 'default', tableObject('items'));
  t.registry.store.patch(tables(), 'default', 'items', 'merge', { metadata: { labels: { a: 'b' } } });
  const s = statusOf(() =>
    t.registry.store.patch(tables(), 'default', 'items', 'merge', {
      metadata: { resourceVersion: object.metadata.resourceVersion },
      spec: { tableClass: 'X' },
    }),
  );
  assert.is(s.code, 409);
  const ok = t.registry.store.patch(tables(), 'default', 'items', 'merge', { spec: { tableClass: 'STANDARD' } });
  assert.is((ok.object.spec as { tableClass: string }).tableClass, 'STANDARD');
});

test('generation follows spec changes only (not labels, annotations or status)', () => {
  t.registry.store.create(tables(), 'default', tableObject('items'));
  let o = t.registry.store.patch(tables(), 'default', 'items', 'merge', {
    metadata: { labels: { a: 'b' }, annotations: { x: 'y' } },
  }).object;
  assert.is(o.metadata.generation, 1);
  o = t.registry.store.patch(
    tables(),
    'default',
    'items',
    'merge',
    { status: { tableStatus: 'ACTIVE' } },
    { subresource: 'status' },
  ).object;
  assert.is(o.metadata.generation, 1);
  o = t.registry.store.patch(tables(), 'default', 'items', 'merge', { spec: { tableClass: 'STANDARD' } }).object;
  assert.is(o.metadata.generation, 2);
});

test('a write that only reorders keys is a no-op (no generation bump, no new resourceVersion)', () => {
  const { object } = t.registry.store.create(
    tables(),
    'default',
    tableObject('items', 'default', { tableClass: 'STANDARD', billingMode: 'PAY_PER_REQUEST' }),
  );
  const spec = object.spec as Record<string, unknown>;
  const reordered = Object.fromEntries(Object.entries(spec).reverse());
  const again = t.registry.store.update(tables(), 'default', 'items', { ...object, spec: reordered }).object;
  assert.is(again.metadata.generation, 1);
  assert.is(again.metadata.resourceVersion, object.metadata.resourceVersion);
});

test('status subresource: create and main endpoint ignore status, /status changes only status', () => {
  const created = t.registry.store.create(tables(), 'default', {
    ...tableObject('items'),
    status: { tableStatus: 'BOGUS' },
  }).object;
  assert.is(created.status, undefined);
  const viaStatus = t.registry.store.update(
    tables(),
    'default',
    'items',
    {
      ...created,
      metadata: { ...created.metadata, labels: { ignored: 'yes' } },
      spec: { tableName: 'ignored' },
      status: { tableStatus: 'ACTIVE' },
    },
    { subresource: 'status' },
  ).object;
  assert.equal(viaStatus.status, { tableStatus: 'ACTIVE' });
  assert.is(viaStatus.metadata.labels, undefined);
  assert.is((viaStatus.spec as { tableName: string }).tableName, 'items');
  const viaMain = t.registry.store.update(tables(), 'default', 'items', {
    ...viaStatus,
    status: { tableStatus: 'DELETING' },
  }).object;
  assert.equal(viaMain.status, { tableStatus: 'ACTIVE' });
  assert.is(
    viaMain.metadata.resourceVersion,
    viaStatus.metadata.resourceVersion,
    'a no-op write does not bump the resourceVersion',
  );
});

test('finalizers: delete sets deletionTimestamp (+generation), removing the last finalizer deletes', () => {
  t.registry.store.create(tables(), 'default', {
    ...tableObject('items'),
    metadata: { name: 'items', finalizers: ['example.com/hold'] },
  });
  const first = t.registry.store.delete(tables(), 'default', 'items');
  assert.not.ok(first.deleted);
  assert.ok(first.object.metadata.deletionTimestamp);
  assert.is(first.object.metadata.deletionGracePeriodSeconds, 0);
  assert.is(first.object.metadata.generation, 2);
  const added = statusOf(() =>
    t.registry.store.patch(tables(), 'default', 'items', 'merge', {
      metadata: { finalizers: ['example.com/hold', 'example.com/new'] },
    }),
  );
  assert.is(added.code, 422);
  assert.ok(added.message.includes('no new finalizers can be added if the object is being deleted'));
  const again = t.registry.store.delete(tables(), 'default', 'items');
  assert.is(again.object.metadata.resourceVersion, first.object.metadata.resourceVersion);
  t.registry.store.patch(tables(), 'default', 'items', 'merge', { metadata: { finalizers: null } });
  assert.is(statusOf(() => t.registry.store.get(tables(), 'default', 'items')).code, 404);
});

test('dry run validates and answers but stores nothing and bumps no resourceVersion', () => {
  const rv = t.registry.storage.currentRevision();
  const { object } = t.registry.store.create(tables(), 'default', tableObject('items'), { dryRun: true });
  assert.is(object.metadata.name, 'items');
  assert.is(t.registry.storage.currentRevision(), rv);
  assert.is(statusOf(() => t.registry.store.get(tables(), 'default', 'items')).code, 404);
});

test('delete preconditions mismatch is 409', () => {
  t.registry.store.create(tables(), 'default', tableObject('items'));
  const s = statusOf(() => t.registry.store.delete(tables(), 'default', 'items', { preconditions: { uid: 'other' } }));
  assert.is(s.code, 409);
  assert.ok(s.message.includes('Precondition failed: UID in precondition: other'));
});

test('list: label/field selectors, -A across namespaces, limit/continue over a consistent snapshot', () => {
  t.registry.store.create(namespaceKind, undefined, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'carts' },
  });
  for (const n of ['a', 'b', 'c', 'd']) {
    t.registry.store.create(tables(), n === 'd' ? 'carts' : 'default', {
      ...tableObject(n, n === 'd' ? 'carts' : 'default'),
      metadata: { name: n, labels: { tier: n < 'c' ? 'x' : 'y' } },
    });
  }
  assert.is(t.registry.store.list(tables(), undefined).items.length, 4);
  assert.is(t.registry.store.list(tables(), 'default').items.length, 3);
  assert.equal(
    t.registry.store.list(tables(), undefined, { labelSelector: 'tier=x' }).items.map((o) => o.metadata.name),
    ['a', 'b'],
  );
  assert.equal(
    t.registry.store
      .list(tables(), undefined, { fieldSelector: 'metadata.name=d' })
      .items.map((o) => o.metadata.namespace),
    ['carts'],
  );
  const page1 = t.registry.store.list(tables(), 'default', { limit: 2 });
  assert.equal(
    page1.items.map((o) => o.metadata.name),
    ['a', 'b'],
  );
  assert.ok(page1.metadata.continue);
  // changes after the first page do not leak into the second one
  t.registry.store.delete(tables(), 'default', 'c');
  t.registry.store.create(tables(), 'default', tableObject('e'));
  const page2 = t.registry.store.list(tables(), 'default', { limit: 2, continue: page1.metadata.continue! });
  assert.equal(
    page2.items.map((o) => o.metadata.name),
    ['c'],
  );
  assert.is(page2.metadata.continue, undefined);
  assert.is(page2.metadata.resourceVersion, page1.metadata.resourceVersion);
  const bad = statusOf(() => t.registry.store.list(tables(), 'default', { fieldSelector: 'spec.x=1' }));
  assert.is(bad.code, 400);
  assert.is(bad.message, 'field label not supported: spec.x');
});

test('resourceVersionMatch=Exact lists the state as of that resourceVersion', () => {
  t.registry.store.create(tables(), 'default', tableObject('a'));
  const rv = String(t.registry.storage.currentRevision());
  t.registry.store.create(tables(), 'default', tableObject('b'));
  t.registry.store.patch(tables(), 'default', 'a', 'merge', { metadata: { labels: { later: 'yes' } } });
  const then = t.registry.store.list(tables(), 'default', { resourceVersion: rv, resourceVersionMatch: 'Exact' });
  assert.equal(
    then.items.map((o) => o.metadata.name),
    ['a'],
  );
  assert.is(then.items[0]!.metadata.labels, undefined);
  assert.is(then.metadata.resourceVersion, rv);
});

test('secrets fold stringData into base64 data; configmap keys are validated', () => {
  const { object } = t.registry.store.create(secretKind, 'default', {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's' },
    stringData: { user: 'admin' },
  });
  assert.equal(object.data, { user: Buffer.from('admin').toString('base64') });
  assert.is(object.stringData, undefined);
  assert.is(object.type, 'Opaque');
  const s = statusOf(() =>
    t.registry.store.create(configMapKind, 'default', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data: { 'bad key': 'v' },
    }),
  );
  assert.is(s.code, 422);
  assert.ok(s.message.startsWith('ConfigMap "c" is invalid: data: Invalid value: "bad key"'));
  const bin = statusOf(() =>
    t.registry.store.create(secretKind, 'default', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's2' },
      data: { k: 'not base64!' },
    }),
  );
  assert.is(bin.code, 400);
  assert.is(bin.message, 'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3');
  const immortal = statusOf(() => t.registry.store.delete(namespaceKind, undefined, 'default'));
  assert.is(immortal.code, 403);
  assert.is(immortal.message, 'namespaces "default" is forbidden: this namespace may not be deleted');
});

test('the default namespaces exist with the name label, spec.finalizers and phase Active', () => {
  const names = t.registry.store.list(namespaceKind, undefined).items.map((n) => n.metadata.name);
  assert.equal(names, ['default', 'kube-node-lease', 'kube-public', 'kube-system']);
  const ns = t.registry.store.get(namespaceKind, undefined, 'default');
  assert.equal(ns.metadata.labels, { 'kubernetes.io/metadata.name': 'default' });
  assert.equal(ns.spec, { finalizers: ['kubernetes'] });
  assert.equal(ns.status, { phase: 'Active' });
});

test.run();
