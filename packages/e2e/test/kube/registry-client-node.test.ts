// The registry driven by @kubernetes/client-node 1.x (what controllers and tools written in TS use):
// CustomObjectsApi, CoreV1Api, Watch and an informer over list+watch.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  Watch,
  makeInformer,
  setHeaderOptions,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { startKube, kubeconfigFor, type KubeHarness } from '../../src/kube.js';

const crd = parse(
  readFileSync(
    new URL('../../../kube-apiserver/test/fixtures/dynamodb.services.k8s.aws_tables.yaml', import.meta.url),
    'utf8',
  ),
);
const G = { group: 'dynamodb.services.k8s.aws', version: 'v1alpha1', plural: 'tables' };

let kube: KubeHarness;
let kc: KubeConfig;
let custom: CustomObjectsApi;
let core: CoreV1Api;

test.before(async () => {
  kube = await startKube({ crds: [crd], namespaces: ['carts'] });
  kc = new KubeConfig();
  kc.loadFromString(kubeconfigFor(kube.url));
  custom = kc.makeApiClient(CustomObjectsApi);
  core = kc.makeApiClient(CoreV1Api);
});
test.after(async () => {
  await kube.close();
});

const table = (name: string) => ({
  apiVersion: 'dynamodb.services.k8s.aws/v1alpha1',
  kind: 'Table',
  metadata: { name },
  spec: {
    tableName: name,
    keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
    attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
  },
});

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** client-node rejects with ApiException carrying the HTTP code and the Status body. */
async function apiError(p: Promise<unknown>): Promise<{ code: number; body: any }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code: number; body: string };
    return { code: err.code, body: typeof err.body === 'string' ? JSON.parse(err.body) : err.body };
  }
  throw new Error('expected an error');
}

test('CoreV1Api: namespaces (labels, finalizers, phase), configmaps and secrets', async () => {
  const ns = await core.readNamespace({ name: 'carts' });
  assert.is(ns.status?.phase, 'Active');
  assert.is(ns.metadata?.labels?.['kubernetes.io/metadata.name'], 'carts');
  await core.createNamespacedConfigMap({ namespace: 'carts', body: { metadata: { name: 'cfg' }, data: { a: '1' } } });
  const cm = await core.readNamespacedConfigMap({ namespace: 'carts', name: 'cfg' });
  assert.equal(cm.data, { a: '1' });
  await core.createNamespacedSecret({
    namespace: 'carts',
    body: { metadata: { name: 'sec' }, stringData: { password: 'p' } },
  });
  const secret = await core.readNamespacedSecret({ namespace: 'carts', name: 'sec' });
  assert.is(Buffer.from(secret.data!.password!, 'base64').toString(), 'p');
  const names = (await core.listNamespace()).items.map((n) => n.metadata?.name);
  assert.ok(['default', 'kube-system', 'kube-public', 'kube-node-lease', 'carts'].every((n) => names.includes(n)));
});

test('CustomObjectsApi: CRUD, conflicts, status subresource, json-patch default', async () => {
  const created = (await custom.createNamespacedCustomObject({
    ...G,
    namespace: 'carts',
    body: table('items'),
  })) as KubernetesObject & { spec: any };
  assert.is(created.metadata?.generation, 1);
  const dup = await apiError(custom.createNamespacedCustomObject({ ...G, namespace: 'carts', body: table('items') }));
  assert.is(dup.code, 409);
  assert.is(dup.body.reason, 'AlreadyExists');
  const replaced = (await custom.replaceNamespacedCustomObject({
    ...G,
    namespace: 'carts',
    name: 'items',
    body: { ...created, spec: { ...created.spec, tableClass: 'STANDARD' } },
  })) as KubernetesObject;
  assert.is(replaced.metadata?.generation, 2);
  const stale = await apiError(
    custom.replaceNamespacedCustomObject({
      ...G,
      namespace: 'carts',
      name: 'items',
      body: { ...created, spec: { ...created.spec, tableClass: 'X' } },
    }),
  );
  assert.is(stale.code, 409);
  assert.is(stale.body.reason, 'Conflict');
  // patchNamespacedCustomObject sends application/json-patch+json by default
  const patched = (await custom.patchNamespacedCustomObject({
    ...G,
    namespace: 'carts',
    name: 'items',
    body: [{ op: 'add', path: '/metadata/labels', value: { app: 'shop' } }],
  })) as KubernetesObject;
  assert.is(patched.metadata?.labels?.app, 'shop');
  const status = (await custom.patchNamespacedCustomObjectStatus({
    ...G,
    namespace: 'carts',
    name: 'items',
    body: [{ op: 'add', path: '/status', value: { tableStatus: 'ACTIVE' } }],
  })) as any;
  assert.is(status.status.tableStatus, 'ACTIVE');
  assert.is(status.metadata.generation, 2);
  const list = (await custom.listNamespacedCustomObject({ ...G, namespace: 'carts' })) as any;
  assert.equal(
    list.items.map((i: any) => i.metadata.name),
    ['items'],
  );
  const all = (await custom.listClusterCustomObject({ ...G })) as any;
  assert.is(all.items.length, 1);
  const missing = await apiError(custom.getNamespacedCustomObject({ ...G, namespace: 'carts', name: 'nope' }));
  assert.is(missing.code, 404);
  assert.is(missing.body.message, 'tables.dynamodb.services.k8s.aws "nope" not found');
});

test('Watch: ADDED/MODIFIED/DELETED with finalizers (deletionTimestamp MODIFIED, then DELETED)', async () => {
  const events: string[] = [];
  const list = (await custom.listNamespacedCustomObject({ ...G, namespace: 'carts' })) as any;
  const watch = new Watch(kc);
  const controller = await watch.watch(
    '/apis/dynamodb.services.k8s.aws/v1alpha1/namespaces/carts/tables',
    { allowWatchBookmarks: true, resourceVersion: list.metadata.resourceVersion },
    (type, obj) => events.push(`${type}:${obj.metadata?.name}:${obj.metadata?.deletionTimestamp ? 'deleting' : ''}`),
    () => {},
  );
  try {
    await custom.createNamespacedCustomObject({
      ...G,
      namespace: 'carts',
      body: { ...table('fin'), metadata: { name: 'fin', finalizers: ['finalizers.dynamodb.services.k8s.aws/Table'] } },
    });
    await custom.deleteNamespacedCustomObject({ ...G, namespace: 'carts', name: 'fin' });
    await until(() => events.length >= 2);
    await custom.patchNamespacedCustomObject({
      ...G,
      namespace: 'carts',
      name: 'fin',
      body: [{ op: 'remove', path: '/metadata/finalizers' }],
    });
    await until(() => events.length >= 3);
    assert.equal(events, ['ADDED:fin:', 'MODIFIED:fin:deleting', 'DELETED:fin:deleting']);
  } finally {
    controller.abort();
  }
});

test('informer (list + watch from the list RV) sees add, update and delete', async () => {
  const seen: string[] = [];
  const informer = makeInformer(
    kc,
    '/apis/dynamodb.services.k8s.aws/v1alpha1/namespaces/carts/tables',
    () => custom.listNamespacedCustomObject({ ...G, namespace: 'carts' }) as any,
  );
  informer.on('add', (o) => seen.push(`add:${o.metadata?.name}`));
  informer.on('update', (o) => seen.push(`update:${o.metadata?.name}`));
  informer.on('delete', (o) => seen.push(`delete:${o.metadata?.name}`));
  await informer.start();
  try {
    await until(() => seen.includes('add:items'));
    await custom.createNamespacedCustomObject({ ...G, namespace: 'carts', body: table('inf') });
    await until(() => seen.includes('add:inf'));
    await custom.patchNamespacedCustomObject({
      ...G,
      namespace: 'carts',
      name: 'inf',
      body: [{ op: 'add', path: '/spec/tableClass', value: 'STANDARD' }],
    });
    await until(() => seen.includes('update:inf'));
    await custom.deleteNamespacedCustomObject({ ...G, namespace: 'carts', name: 'inf' });
    await until(() => seen.includes('delete:inf'));
    assert.is(informer.get('items', 'carts')?.metadata?.name, 'items');
    assert.is(informer.get('inf', 'carts'), undefined);
  } finally {
    await informer.stop();
  }
});

test('server-side apply through client-node (PatchStrategy.ServerSideApply) creates (201) then updates', async () => {
  const apply = (tableClass: string) =>
    custom.patchNamespacedCustomObject(
      {
        ...G,
        namespace: 'carts',
        name: 'ssa',
        body: { ...table('ssa'), spec: { ...table('ssa').spec, tableClass } },
        fieldManager: 'tester',
        force: true,
      },
      setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
    ) as Promise<any>;
  const created = await apply('STANDARD');
  assert.is(created.metadata.name, 'ssa');
  assert.is(created.spec.tableClass, 'STANDARD');
  const updated = await apply('STANDARD_INFREQUENT_ACCESS');
  assert.is(updated.spec.tableClass, 'STANDARD_INFREQUENT_ACCESS');
  assert.is(updated.metadata.uid, created.metadata.uid);
  assert.is(updated.metadata.generation, 2);
});

test.run();
