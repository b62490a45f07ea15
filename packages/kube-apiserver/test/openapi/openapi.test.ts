import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Fastify from 'fastify';
import { registerOpenApiRoutes } from '../../src/openapi/index.js';
import { TestTypes, ackTypes } from '../support/types.js';

function setup() {
  const types = new TestTypes();
  types.add(...ackTypes());
  const app = Fastify();
  registerOpenApiRoutes(app, types);
  return { app, types };
}

const PATCH_TABLE = '/apis/dynamodb.services.k8s.aws/v1alpha1/namespaces/{namespace}/tables/{name}';

test('root lists every group-version with a hashed serverRelativeURL', async () => {
  const { app } = setup();
  const root = (await app.inject({ url: '/openapi/v3' })).json();
  assert.ok(root.paths['api/v1']);
  assert.ok(root.paths['apis/apiextensions.k8s.io/v1']);
  assert.match(
    root.paths['apis/dynamodb.services.k8s.aws/v1alpha1'].serverRelativeURL,
    /^\/openapi\/v3\/apis\/dynamodb\.services\.k8s\.aws\/v1alpha1\?hash=[0-9A-F]{128}$/,
  );
});

test('the hash changes with the document, and only for that document', async () => {
  const { app, types } = setup();
  const before = (await app.inject({ url: '/openapi/v3' })).json().paths;
  types.remove('backups');
  const after = (await app.inject({ url: '/openapi/v3' })).json().paths;
  assert.is.not(
    after['apis/dynamodb.services.k8s.aws/v1alpha1'].serverRelativeURL,
    before['apis/dynamodb.services.k8s.aws/v1alpha1'].serverRelativeURL,
  );
  assert.is(after['api/v1'].serverRelativeURL, before['api/v1'].serverRelativeURL);
});

test('GV document: PATCH op with GVK and the fieldValidation query parameter (what kubectl apply checks)', async () => {
  const { app } = setup();
  const root = (await app.inject({ url: '/openapi/v3' })).json();
  const res = await app.inject({ url: root.paths['apis/dynamodb.services.k8s.aws/v1alpha1'].serverRelativeURL });
  assert.is(res.statusCode, 200);
  assert.is(res.headers['cache-control'], 'public, immutable');
  const doc = res.json();
  assert.is(doc.openapi, '3.0.0');
  const patch = doc.paths[PATCH_TABLE].patch;
  assert.equal(patch['x-kubernetes-group-version-kind'], {
    group: 'dynamodb.services.k8s.aws',
    version: 'v1alpha1',
    kind: 'Table',
  });
  assert.ok(patch.parameters.some((p: any) => p.name === 'fieldValidation' && p.in === 'query'));
  assert.ok(patch.requestBody.content['application/apply-patch+yaml']);
  // kubectl apply picks strategic merge when listed: custom resources must not list it
  assert.equal(Object.keys(patch.requestBody.content).sort(), [
    'application/apply-patch+yaml',
    'application/json-patch+json',
    'application/merge-patch+json',
  ]);
  assert.ok(doc.paths[`${PATCH_TABLE}/status`].patch.parameters.some((p: any) => p.name === 'fieldValidation'));
  assert.ok(doc.paths['/apis/dynamodb.services.k8s.aws/v1alpha1/tables'].get);
});

test('components.schemas: CRD schema under the reversed-group name, metadata → ObjectMeta, GVK extension', async () => {
  const { app } = setup();
  const doc = (await app.inject({ url: '/openapi/v3/apis/dynamodb.services.k8s.aws/v1alpha1' })).json();
  const table = doc.components.schemas['aws.k8s.services.dynamodb.v1alpha1.Table'];
  assert.ok(table, 'Table schema present');
  assert.equal(table['x-kubernetes-group-version-kind'], [
    { group: 'dynamodb.services.k8s.aws', kind: 'Table', version: 'v1alpha1' },
  ]);
  assert.equal(table.properties.metadata.allOf, [
    { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
  ]);
  assert.match(table.properties.spec.properties.billingMode.description, /Controls how you are charged/);
  assert.ok(doc.components.schemas['aws.k8s.services.dynamodb.v1alpha1.TableList']);
  assert.ok(doc.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']);
  assert.ok(doc.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry']);
  // every $ref resolves inside the document
  const refs = JSON.stringify(doc).match(/#\/components\/schemas\/[^"]+/g) ?? [];
  for (const r of new Set(refs))
    assert.ok(doc.components.schemas[r.slice('#/components/schemas/'.length)], `dangling ${r}`);
});

test('built-in kinds: Namespace, ConfigMap, Secret, Event in api/v1; CRD in apiextensions', async () => {
  const { app } = setup();
  const core = (await app.inject({ url: '/openapi/v3/api/v1' })).json();
  for (const kind of ['Namespace', 'ConfigMap', 'Secret', 'Event']) {
    const s = core.components.schemas[`io.k8s.api.core.v1.${kind}`];
    assert.ok(s, kind);
    assert.equal(s['x-kubernetes-group-version-kind'], [{ group: '', kind, version: 'v1' }]);
  }
  assert.ok(core.paths['/api/v1/namespaces/{name}'].patch.parameters.some((p: any) => p.name === 'fieldValidation'));
  assert.ok(
    core.paths['/api/v1/namespaces/{name}'].patch.requestBody.content['application/strategic-merge-patch+json'],
  );
  assert.ok(core.paths['/api/v1/namespaces/{namespace}/configmaps/{name}'].patch);
  const ext = (await app.inject({ url: '/openapi/v3/apis/apiextensions.k8s.io/v1' })).json();
  const crd =
    ext.components.schemas['io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition'];
  assert.equal(crd['x-kubernetes-group-version-kind'], [
    { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', version: 'v1' },
  ]);
  for (const doc of [core, ext]) {
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/[^"]+/g) ?? [];
    for (const r of new Set(refs))
      assert.ok(doc.components.schemas[r.slice('#/components/schemas/'.length)], `dangling ${r}`);
  }
});

test('unknown group-version is 404 (v2 is served: see openapi-v2.test.ts)', async () => {
  const { app } = setup();
  assert.is((await app.inject({ url: '/openapi/v3/apis/nope.io/v1' })).statusCode, 404);
});

test.run();
