// /openapi/v2, JSON and protobuf, built from the v3 documents. What kubectl 1.27/1.28 read from it (client-go
// query_param_verifier.go supportsQueryParam, kube-openapi proto models): the PATCH operation of a GVK, found by
// its x-kubernetes-group-version-kind vendor extension (YAML in Any.yaml), listing the `fieldValidation` query
// parameter; and definitions carrying x-kubernetes-group-version-kind for explain. The protobuf is read back here
// with the field numbers of gnostic's OpenAPIv2.proto.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Fastify from 'fastify';
import { registerOpenApiRoutes } from '../../src/openapi/index.js';
import { Message } from '../../src/protobuf/wire.js';
import { TestTypes, ackTypes } from '../support/types.js';

const PROTOBUF = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';
/** What kube-openapi answers with: Go's mime parser (kubectl) refuses the '@' of the requested type. */
const PROTOBUF_ANSWER = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
const TABLE = '/apis/dynamodb.services.k8s.aws/v1alpha1/namespaces/{namespace}/tables/{name}';

function setup() {
  const types = new TestTypes();
  types.add(...ackTypes());
  const app = Fastify();
  registerOpenApiRoutes(app, types);
  return { app, types };
}

test('JSON: swagger 2.0, PATCH with GVK and fieldValidation, body parameter, definitions re-pointed', async () => {
  const { app } = setup();
  const res = await app.inject({ url: '/openapi/v2', headers: { accept: 'application/json' } });
  assert.is(res.statusCode, 200);
  const doc = res.json();
  assert.is(doc.swagger, '2.0');
  const patch = doc.paths[TABLE].patch;
  assert.equal(patch['x-kubernetes-group-version-kind'], {
    group: 'dynamodb.services.k8s.aws',
    version: 'v1alpha1',
    kind: 'Table',
  });
  const names = patch.parameters.map((p: { name: string }) => p.name);
  assert.ok(names.includes('fieldValidation'));
  assert.equal(patch.parameters[0].in, 'body');
  assert.ok(patch.consumes.includes('application/merge-patch+json'));
  const table = doc.definitions['aws.k8s.services.dynamodb.v1alpha1.Table'];
  assert.equal(table['x-kubernetes-group-version-kind'], [
    { group: 'dynamodb.services.k8s.aws', kind: 'Table', version: 'v1alpha1' },
  ]);
  assert.is(table.properties.metadata.$ref, '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
  assert.not.match(res.body, '#/components/schemas/', 'every ref re-pointed');
  assert.not.match(res.body, '"nullable"', 'no v3-only keywords');
});

test('protobuf: the Document kubectl decodes, with the same operations and definitions', async () => {
  const { app } = setup();
  const res = await app.inject({ url: '/openapi/v2', headers: { accept: `${PROTOBUF}, application/json` } });
  assert.is(res.statusCode, 200);
  assert.is(res.headers['content-type'], PROTOBUF_ANSWER);
  const doc = new Message(res.rawPayload);
  assert.is(doc.string(1), '2.0');
  const paths = doc.message(8)!.messages(2);
  const item = paths.find((p) => p.string(1) === TABLE)!.message(2)!;
  const patch = item.message(8)!; // PathItem.patch
  const gvk = patch.messages(13).find((e) => e.string(1) === 'x-kubernetes-group-version-kind')!;
  assert.equal(JSON.parse(gvk.message(2)!.string(2)!), {
    group: 'dynamodb.services.k8s.aws',
    version: 'v1alpha1',
    kind: 'Table',
  });
  // ParametersItem.parameter.non_body_parameter.query_parameter_sub_schema.name
  const queryNames = patch
    .messages(8)
    .map((p) => p.message(1)?.message(2)?.message(3)?.string(4))
    .filter(Boolean);
  assert.ok(queryNames.includes('fieldValidation'), JSON.stringify(queryNames));
  const body = patch.messages(8)[0]!.message(1)!.message(1)!; // BodyParameter
  assert.is(body.string(3), 'body');
  assert.is(body.message(5)!.string(1), '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch');
  const definitions = doc.message(9)!.messages(1);
  const table = definitions.find((d) => d.string(1) === 'aws.k8s.services.dynamodb.v1alpha1.Table')!.message(2)!;
  assert.equal(table.message(22)!.strings(1), ['object'], 'Schema.type');
  const spec = table
    .message(25)!
    .messages(1)
    .find((p) => p.string(1) === 'spec')!
    .message(2)!;
  const required = spec.strings(19);
  assert.equal(required.sort(), ['attributeDefinitions', 'keySchema', 'tableName']);
  const ext = table.messages(31).find((e) => e.string(1) === 'x-kubernetes-group-version-kind')!;
  assert.equal(JSON.parse(ext.message(2)!.string(2)!), [
    { group: 'dynamodb.services.k8s.aws', kind: 'Table', version: 'v1alpha1' },
  ]);
});

test('v2 follows CRD changes, as v3 does', async () => {
  const { app, types } = setup();
  const before = (await app.inject({ url: '/openapi/v2' })).json();
  assert.ok(before.definitions['aws.k8s.services.dynamodb.v1alpha1.Backup']);
  types.remove('backups');
  const after = (await app.inject({ url: '/openapi/v2' })).json();
  assert.not.ok(after.definitions['aws.k8s.services.dynamodb.v1alpha1.Backup']);
});

test.run();
