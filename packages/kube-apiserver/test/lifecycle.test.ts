import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { configMapKind } from '../src/registry/kinds/configmap.js';
import { customResourceDefinitionKind } from '../src/registry/kinds/custom-resource-definition.js';
import { namespaceKind } from '../src/registry/kinds/namespace.js';
import { Registry } from '../src/registry/registry.js';
import { eventually, openRegistry, statusOf, TABLES, tableCrd, tableObject, tempDir } from './helpers.js';

const ns = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

test('namespace deletion: Terminating, content deleted (finalizers honoured), then the namespace is gone', async () => {
  const t = openRegistry();
  try {
    const { store } = t.registry;
    const tables = t.registry.resolveGvr(TABLES);
    store.create(namespaceKind, undefined, ns('carts'));
    store.create(tables, 'carts', {
      ...tableObject('held', 'carts'),
      metadata: { name: 'held', finalizers: ['example.com/hold'] },
    });
    store.create(tables, 'carts', tableObject('free', 'carts'));
    store.create(configMapKind, 'carts', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm' },
      data: { a: 'b' },
    });
    const deleting = store.delete(namespaceKind, undefined, 'carts');
    assert.not.ok(deleting.deleted);
    assert.is((deleting.object.status as { phase: string }).phase, 'Terminating');
    assert.ok(deleting.object.metadata.deletionTimestamp);
    const forbidden = statusOf(() =>
      store.create(configMapKind, 'carts', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late' } }),
    );
    assert.is(forbidden.code, 403);
    assert.is(forbidden.reason, 'Forbidden');
    assert.is(
      forbidden.message,
      'configmaps "late" is forbidden: unable to create new content in namespace carts because it is being terminated',
    );
    await eventually(
      () => store.list(tables, 'carts').items.length === 1 && store.list(configMapKind, 'carts').items.length === 0,
    );
    const held = store.get(tables, 'carts', 'held');
    assert.ok(held.metadata.deletionTimestamp, 'the finalized object is only marked');
    assert.ok(store.find(namespaceKind.type, undefined, 'carts'), 'the namespace waits for it');
    await eventually(
      () =>
        ((store.get(namespaceKind, undefined, 'carts').status as { conditions?: unknown[] }).conditions ?? [])
          .length === 5,
    );
    const conditions = (
      store.get(namespaceKind, undefined, 'carts').status as {
        conditions: { type: string; status: string; message: string }[];
      }
    ).conditions;
    const byType = Object.fromEntries(conditions.map((c) => [c.type, c]));
    assert.is(
      byType.NamespaceContentRemaining!.message,
      'Some resources are remaining: tables.dynamodb.services.k8s.aws has 1 resource instances',
    );
    assert.is(
      byType.NamespaceFinalizersRemaining!.message,
      'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances',
    );
    assert.is(byType.NamespaceFinalizersRemaining!.status, 'True');
    store.patch(tables, 'carts', 'held', 'merge', { metadata: { finalizers: null } });
    await eventually(() => store.find(namespaceKind.type, undefined, 'carts') === undefined);
  } finally {
    await t.close();
  }
});

test('CRD: status conditions and acceptedNames as the real server; served types follow install and removal', async () => {
  const t = openRegistry({ crds: [] });
  try {
    const { store, types } = t.registry;
    const generation = types.generation();
    assert.is(types.find('dynamodb.services.k8s.aws', 'v1alpha1', 'tables'), undefined);
    const crd = store.create(customResourceDefinitionKind, undefined, tableCrd()).object;
    const status = crd.status as {
      conditions: { type: string; status: string; reason: string; message: string }[];
      acceptedNames: { kind: string; listKind: string };
      storedVersions: string[];
    };
    assert.equal(
      status.conditions.map((c) => [c.type, c.status, c.reason, c.message]),
      [
        ['NamesAccepted', 'True', 'NoConflicts', 'no conflicts found'],
        ['Established', 'True', 'InitialNamesAccepted', 'the initial names have been accepted'],
      ],
    );
    assert.is(status.acceptedNames.kind, 'Table');
    assert.equal(status.storedVersions, ['v1alpha1']);
    assert.ok(types.generation() > generation);
    const tableType = types.find('dynamodb.services.k8s.aws', 'v1alpha1', 'tables')!;
    assert.ok(tableType.statusSubresource);
    assert.is(tableType.printerColumns?.length, 5);
    store.create(t.registry.resolveGvr(TABLES), 'default', tableObject('items'));
    const deleting = store.delete(customResourceDefinitionKind, undefined, crd.metadata.name!);
    assert.equal(deleting.object.metadata.finalizers, ['customresourcecleanup.apiextensions.k8s.io']);
    await eventually(() => store.find(customResourceDefinitionKind.type, undefined, crd.metadata.name!) === undefined);
    assert.is(types.find('dynamodb.services.k8s.aws', 'v1alpha1', 'tables'), undefined);
    // recreating the CRD shows no leftover objects
    store.create(customResourceDefinitionKind, undefined, tableCrd());
    assert.equal(store.list(t.registry.resolveGvr(TABLES), undefined).items, []);
  } finally {
    await t.close();
  }
});

test('restart keeps objects, CRD types and a resourceVersion that keeps increasing; watch history resumes', async () => {
  const dir = tempDir();
  let registry = new Registry({ dataDir: dir, crds: [tableCrd()], namespaces: ['carts'] });
  const created = registry.store.create(registry.resolveGvr(TABLES), 'carts', tableObject('items', 'carts')).object;
  const rvBefore = registry.storage.currentRevision();
  await registry.close();
  registry = new Registry({ dataDir: dir, crds: [tableCrd()], namespaces: ['carts'] });
  try {
    assert.is(
      registry.storage.currentRevision(),
      rvBefore,
      'an unchanged CRD and existing namespaces write nothing at start',
    );
    const got = registry.store.get(registry.resolveGvr(TABLES), 'carts', 'items');
    assert.is(got.metadata.uid, created.metadata.uid);
    const updated = registry.store.patch(registry.resolveGvr(TABLES), 'carts', 'items', 'merge', {
      metadata: { labels: { a: 'b' } },
    }).object;
    assert.ok(Number(updated.metadata.resourceVersion) > rvBefore);
    assert.ok(
      registry.storage.historySince(Number(created.metadata.resourceVersion) - 1).length >= 2,
      'history survives the restart',
    );
  } finally {
    await registry.close();
  }
});

test('options.crds updates an installed CRD whose spec changed', async () => {
  const dir = tempDir();
  let registry = new Registry({ dataDir: dir, crds: [tableCrd()] });
  await registry.close();
  const changed = tableCrd();
  (changed.spec as { names: { shortNames?: string[] } }).names.shortNames = ['tbl'];
  registry = new Registry({ dataDir: dir, crds: [changed] });
  try {
    assert.equal(registry.types.find('dynamodb.services.k8s.aws', 'v1alpha1', 'tables')?.shortNames, ['tbl']);
    assert.is(
      registry.store.get(customResourceDefinitionKind, undefined, 'tables.dynamodb.services.k8s.aws').metadata
        .generation,
      2,
    );
  } finally {
    await registry.close();
  }
});

test.run();
