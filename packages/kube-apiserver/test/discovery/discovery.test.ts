import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Fastify from 'fastify';
import { registerDiscoveryRoutes } from '../../src/discovery/index.js';
import { compareKubeVersions } from '../../src/discovery/versions.js';
import { TestTypes, ackTypes } from '../support/types.js';

const KUBECTL_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
const V2_CT = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

function setup() {
  const types = new TestTypes();
  types.add(...ackTypes());
  const app = Fastify();
  registerDiscoveryRoutes(app, types, { serverAddress: () => '127.0.0.1:6443' });
  return { app, types };
}

test('aggregated /apis: exact content type, ETag, every group with resources, shortNames, status subresources', async () => {
  const { app } = setup();
  const res = await app.inject({ url: '/apis?timeout=32s', headers: { accept: KUBECTL_ACCEPT } });
  assert.is(res.statusCode, 200);
  assert.is(res.headers['content-type'], V2_CT);
  assert.ok(res.headers.etag);
  const body = res.json();
  assert.is(body.kind, 'APIGroupDiscoveryList');
  assert.is(body.apiVersion, 'apidiscovery.k8s.io/v2');
  const names = body.items.map((g: any) => g.metadata.name);
  assert.is(names[0], 'apiextensions.k8s.io');
  assert.ok(names.includes('dynamodb.services.k8s.aws'));
  assert.ok(names.includes('services.k8s.aws'));
  assert.not.ok(names.includes(''));
  const crds = body.items[0].versions[0].resources[0];
  assert.is(crds.resource, 'customresourcedefinitions');
  assert.is(crds.scope, 'Cluster');
  assert.equal(crds.shortNames, ['crd', 'crds']);
  const ddb = body.items.find((g: any) => g.metadata.name === 'dynamodb.services.k8s.aws');
  assert.is(ddb.versions[0].version, 'v1alpha1');
  assert.is(ddb.versions[0].freshness, 'Current');
  const tables = ddb.versions[0].resources.find((r: any) => r.resource === 'tables');
  assert.equal(tables.responseKind, { group: 'dynamodb.services.k8s.aws', version: 'v1alpha1', kind: 'Table' });
  assert.is(tables.singularResource, 'table');
  assert.is(tables.scope, 'Namespaced');
  assert.equal(tables.subresources, [
    { subresource: 'status', responseKind: tables.responseKind, verbs: ['get', 'patch', 'update'] },
  ]);
  assert.equal(
    ddb.versions[0].resources.map((r: any) => r.resource),
    ['backups', 'globaltables', 'tables'],
  );
});

test('aggregated /api: the core group with an empty name', async () => {
  const { app } = setup();
  const res = await app.inject({ url: '/api', headers: { accept: KUBECTL_ACCEPT } });
  assert.is(res.headers['content-type'], V2_CT);
  const body = res.json();
  assert.is(body.items.length, 1);
  assert.is(body.items[0].metadata.name, '');
  assert.is(body.items[0].versions[0].version, 'v1');
  const resources = body.items[0].versions[0].resources.map((r: any) => r.resource);
  assert.equal(resources, ['configmaps', 'events', 'namespaces', 'secrets']);
  const ns = body.items[0].versions[0].resources.find((r: any) => r.resource === 'namespaces');
  assert.is(ns.scope, 'Cluster');
  assert.equal(ns.shortNames, ['ns']);
});

test('v2beta1 when only that is asked for', async () => {
  const { app } = setup();
  const res = await app.inject({
    url: '/apis',
    headers: { accept: 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json' },
  });
  assert.is(res.headers['content-type'], 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList');
  assert.is(res.json().apiVersion, 'apidiscovery.k8s.io/v2beta1');
});

test('If-None-Match → 304; the ETag moves when the types change', async () => {
  const { app, types } = setup();
  const first = await app.inject({ url: '/apis', headers: { accept: KUBECTL_ACCEPT } });
  const etag = first.headers.etag as string;
  const again = await app.inject({ url: '/apis', headers: { accept: KUBECTL_ACCEPT, 'if-none-match': etag } });
  assert.is(again.statusCode, 304);
  assert.is(again.body, '');
  types.remove('backups');
  const changed = await app.inject({ url: '/apis', headers: { accept: KUBECTL_ACCEPT, 'if-none-match': etag } });
  assert.is(changed.statusCode, 200);
  assert.is.not(changed.headers.etag, etag);
  const ddb = changed.json().items.find((g: any) => g.metadata.name === 'dynamodb.services.k8s.aws');
  assert.not.ok(ddb.versions[0].resources.some((r: any) => r.resource === 'backups'));
});

test('legacy: APIVersions, APIGroupList, APIGroup', async () => {
  const { app } = setup();
  const api = await app.inject({ url: '/api', headers: { accept: 'application/json, */*;q=0.8' } });
  assert.is(api.headers['content-type'], 'application/json');
  assert.equal(api.json(), {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }],
  });
  const apis = (await app.inject({ url: '/apis' })).json();
  assert.is(apis.kind, 'APIGroupList');
  const ddb = apis.groups.find((g: any) => g.name === 'dynamodb.services.k8s.aws');
  assert.equal(ddb, {
    name: 'dynamodb.services.k8s.aws',
    versions: [{ groupVersion: 'dynamodb.services.k8s.aws/v1alpha1', version: 'v1alpha1' }],
    preferredVersion: { groupVersion: 'dynamodb.services.k8s.aws/v1alpha1', version: 'v1alpha1' },
  });
  const group = (await app.inject({ url: '/apis/dynamodb.services.k8s.aws' })).json();
  assert.is(group.kind, 'APIGroup');
  assert.is(group.preferredVersion.version, 'v1alpha1');
  assert.is((await app.inject({ url: '/apis/nope.example.com' })).statusCode, 404);
});

test('legacy APIResourceList per group-version, with status subresources and storageVersionHash', async () => {
  const { app } = setup();
  const list = (await app.inject({ url: '/apis/dynamodb.services.k8s.aws/v1alpha1' })).json();
  assert.is(list.kind, 'APIResourceList');
  assert.is(list.groupVersion, 'dynamodb.services.k8s.aws/v1alpha1');
  const tables = list.resources.find((r: any) => r.name === 'tables');
  assert.is(tables.singularName, 'table');
  assert.is(tables.namespaced, true);
  assert.is(tables.kind, 'Table');
  assert.ok(tables.verbs.includes('watch'));
  assert.match(tables.storageVersionHash, /^[A-Za-z0-9+/]{11}=$/);
  const status = list.resources.find((r: any) => r.name === 'tables/status');
  assert.equal(status, {
    name: 'tables/status',
    singularName: '',
    namespaced: true,
    kind: 'Table',
    verbs: ['get', 'patch', 'update'],
  });
  const core = (await app.inject({ url: '/api/v1' })).json();
  assert.is(core.groupVersion, 'v1');
  assert.ok(core.resources.some((r: any) => r.name === 'namespaces/status'));
  assert.is((await app.inject({ url: '/apis/dynamodb.services.k8s.aws/v9' })).statusCode, 404);
});

test('kube-aware version ordering picks GA over beta over alpha', () => {
  assert.equal(['v1alpha1', 'v2beta1', 'v1', 'v1beta2', 'foo', 'v10'].sort(compareKubeVersions), [
    'v10',
    'v1',
    'v2beta1',
    'v1beta2',
    'v1alpha1',
    'foo',
  ]);
});

test.run();
