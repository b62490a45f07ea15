// The registry over HTTP with a plain HTTP client (undici): status codes, Status bodies, headers, watch streams.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { request } from 'undici';
import { rawRequest } from '../../src/raw-http.js';
import { startKube, type KubeHarness } from '../../src/kube.js';

const crd = parse(
  readFileSync(
    new URL('../../../kube-apiserver/test/fixtures/dynamodb.services.k8s.aws_tables.yaml', import.meta.url),
    'utf8',
  ),
);
const T = '/apis/dynamodb.services.k8s.aws/v1alpha1/namespaces/default/tables';

let kube: KubeHarness;
test.before(async () => {
  kube = await startKube({ crds: [crd], namespaces: ['carts'], bookmarkIntervalMs: 200 });
});
test.after(async () => {
  await kube.close();
});

const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  rawRequest(kube.url, method, path, { body, headers });

const table = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'dynamodb.services.k8s.aws/v1alpha1',
  kind: 'Table',
  metadata: { name },
  spec: {
    tableName: name,
    keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
    attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
  },
  ...extra,
});

test('/version (1.32 by default), /healthz /readyz /livez', async () => {
  const v = await call('GET', '/version?timeout=5s');
  assert.is(v.status, 200);
  assert.is(v.json.major, '1');
  assert.is(v.json.minor, '32');
  assert.is(v.json.gitVersion, 'v1.32.9');
  assert.is(v.json.platform, 'linux/amd64');
  for (const p of ['/healthz', '/readyz', '/livez']) assert.is((await call('GET', p)).text, 'ok');
});

test('unknown paths and resources are 404 "the server could not find the requested resource"', async () => {
  for (const p of [
    '/nope',
    '/apis/nope.example.com/v1/things',
    '/api/v1/namespaces/default/nopes',
    '/apis/dynamodb.services.k8s.aws/v1alpha1/tables/x',
  ]) {
    const r = await call('GET', p);
    assert.is(r.status, 404, p);
    assert.is(r.json.kind, 'Status');
    assert.is(r.json.message, 'the server could not find the requested resource');
  }
});

test('create 201, get, list with items carrying apiVersion/kind, update 200, delete 200 with the object', async () => {
  const created = await call('POST', T, table('crud'));
  assert.is(created.status, 201);
  assert.is(created.json.metadata.generation, 1);
  const got = await call('GET', `${T}/crud`);
  assert.is(got.json.metadata.uid, created.json.metadata.uid);
  const list = await call('GET', `${T}?limit=500`);
  assert.is(list.json.kind, 'TableList');
  assert.is(list.json.apiVersion, 'dynamodb.services.k8s.aws/v1alpha1');
  assert.ok(list.json.items.every((i: any) => i.kind === 'Table' && i.apiVersion));
  const put = await call('PUT', `${T}/crud`, { ...got.json, spec: { ...got.json.spec, tableClass: 'STANDARD' } });
  assert.is(put.status, 200);
  assert.is(put.json.metadata.generation, 2);
  const stale = await call('PUT', `${T}/crud`, { ...got.json, spec: { ...got.json.spec, tableClass: 'X' } });
  assert.is(stale.status, 409);
  assert.is(stale.json.reason, 'Conflict');
  const del = await call('DELETE', `${T}/crud`, { propagationPolicy: 'Background' });
  assert.is(del.status, 200);
  assert.is(del.json.kind, 'Table');
  const gone = await call('GET', `${T}/crud`);
  assert.is(gone.status, 404);
  assert.equal(gone.json, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'tables.dynamodb.services.k8s.aws "crud" not found',
    reason: 'NotFound',
    details: { name: 'crud', group: 'dynamodb.services.k8s.aws', kind: 'tables' },
    code: 404,
  });
});

test('bad bodies are 400 and leave the data intact; wrong namespace 400', async () => {
  await call('POST', T, table('intact'));
  const bad = await call('POST', T, '{"metadata": ');
  assert.is(bad.status, 400);
  assert.is(bad.json.reason, 'BadRequest');
  const badPatch = await call('PATCH', `${T}/intact`, '{nope', { 'content-type': 'application/merge-patch+json' });
  assert.is(badPatch.status, 400);
  const ns = await call('POST', T, { ...table('x'), metadata: { name: 'x', namespace: 'carts' } });
  assert.is(ns.status, 400);
  assert.is(ns.json.message, 'the namespace of the provided object does not match the namespace sent on the request');
  assert.is((await call('GET', `${T}/intact`)).json.spec.tableName, 'intact');
});

test('patch types: merge and json 200, strategic on a CR 415 with the exact message, apply creates (201) and needs fieldManager', async () => {
  await call('POST', T, table('patchy'));
  const merge = await call(
    'PATCH',
    `${T}/patchy`,
    { spec: { tableClass: 'STANDARD' } },
    { 'content-type': 'application/merge-patch+json' },
  );
  assert.is(merge.status, 200);
  assert.is(merge.json.spec.tableClass, 'STANDARD');
  const json = await call(
    'PATCH',
    `${T}/patchy`,
    [{ op: 'replace', path: '/spec/tableClass', value: 'STANDARD_INFREQUENT_ACCESS' }],
    { 'content-type': 'application/json-patch+json' },
  );
  assert.is(json.status, 200);
  assert.is(json.json.spec.tableClass, 'STANDARD_INFREQUENT_ACCESS');
  const smp = await call(
    'PATCH',
    `${T}/patchy`,
    { spec: {} },
    { 'content-type': 'application/strategic-merge-patch+json' },
  );
  assert.is(smp.status, 415);
  assert.is(smp.json.reason, 'UnsupportedMediaType');
  assert.is(
    smp.json.message,
    'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
  );
  const nsPatch = await call(
    'PATCH',
    '/api/v1/namespaces/carts',
    { metadata: { labels: { team: 'a' } } },
    { 'content-type': 'application/strategic-merge-patch+json' },
  );
  assert.is(nsPatch.status, 200);
  assert.is(nsPatch.json.metadata.labels.team, 'a');
  const noManager = await call('PATCH', `${T}/applied`, JSON.stringify(table('applied')), {
    'content-type': 'application/apply-patch+yaml',
  });
  assert.is(noManager.status, 422);
  const applied = await call(
    'PATCH',
    `${T}/applied?fieldManager=kubectl&force=false`,
    JSON.stringify(table('applied')),
    { 'content-type': 'application/apply-patch+yaml' },
  );
  assert.is(applied.status, 201);
  const missing = await call('PATCH', `${T}/absent`, { spec: {} }, { 'content-type': 'application/merge-patch+json' });
  assert.is(missing.status, 404);
});

test('status subresource over HTTP; finalizers keep a deleting object until removed', async () => {
  const created = (
    await call('POST', T, {
      ...table('fin'),
      metadata: { name: 'fin', finalizers: ['finalizers.dynamodb.services.k8s.aws/Table'] },
    })
  ).json;
  const status = await call(
    'PATCH',
    `${T}/fin/status`,
    { status: { tableStatus: 'ACTIVE' }, spec: { tableName: 'ignored' } },
    { 'content-type': 'application/merge-patch+json' },
  );
  assert.is(status.status, 200);
  assert.is(status.json.status.tableStatus, 'ACTIVE');
  assert.is(status.json.spec.tableName, 'fin');
  assert.is(status.json.metadata.generation, created.metadata.generation);
  const del = await call('DELETE', `${T}/fin`);
  assert.is(del.status, 200);
  assert.ok(del.json.metadata.deletionTimestamp);
  assert.is((await call('GET', `${T}/fin`)).status, 200);
  const done = await call('PATCH', `${T}/fin`, [{ op: 'remove', path: '/metadata/finalizers' }], {
    'content-type': 'application/json-patch+json',
  });
  assert.is(done.status, 200);
  assert.is((await call('GET', `${T}/fin`)).status, 404);
});

test('dryRun=All answers without storing; fieldValidation Strict 400 and Warn header', async () => {
  const dry = await call('POST', `${T}?dryRun=All`, table('dry'));
  assert.is(dry.status, 201);
  assert.is((await call('GET', `${T}/dry`)).status, 404);
  const body = { ...table('strict'), spec: { ...table('strict').spec, billingModeX: 'A' } };
  const strict = await call('POST', `${T}?fieldValidation=Strict`, body);
  assert.is(strict.status, 400);
  assert.is(
    strict.json.message,
    'Table in version "v1alpha1" cannot be handled as a Table: strict decoding error: unknown field "spec.billingModeX"',
  );
  const warn = await call('POST', `${T}?fieldValidation=Warn`, body);
  assert.is(warn.status, 201);
  assert.is(warn.headers.warning, '299 - "unknown field \\"spec.billingModeX\\""');
});

test('terminating namespace create is 403; creating in a missing namespace 404', async () => {
  const missing = await call('POST', '/api/v1/namespaces/nope/configmaps', { metadata: { name: 'c' } });
  assert.is(missing.status, 404);
  assert.is(missing.json.message, 'namespaces "nope" not found');
  await call('POST', '/api/v1/namespaces', { metadata: { name: 'doomed' } });
  await call('POST', '/apis/dynamodb.services.k8s.aws/v1alpha1/namespaces/doomed/tables', {
    ...table('held'),
    metadata: { name: 'held', finalizers: ['example.com/x'] },
  });
  const del = await call('DELETE', '/api/v1/namespaces/doomed');
  assert.is(del.status, 200);
  assert.is(del.json.status.phase, 'Terminating');
  const forbidden = await call('POST', '/api/v1/namespaces/doomed/configmaps', { metadata: { name: 'c' } });
  assert.is(forbidden.status, 403);
  assert.ok(
    forbidden.json.message.endsWith('unable to create new content in namespace doomed because it is being terminated'),
  );
  await call(
    'PATCH',
    '/apis/dynamodb.services.k8s.aws/v1alpha1/namespaces/doomed/tables/held',
    { metadata: { finalizers: null } },
    { 'content-type': 'application/merge-patch+json' },
  );
  for (let i = 0; i < 100 && (await call('GET', '/api/v1/namespaces/doomed')).status !== 404; i++)
    await new Promise((r) => setTimeout(r, 20));
  assert.is((await call('GET', '/api/v1/namespaces/doomed')).status, 404);
});

test('PUT /api/v1/namespaces/<ns>/finalize clears spec.finalizers and lets a terminating namespace go', async () => {
  await call('POST', '/api/v1/namespaces', { metadata: { name: 'stuck' } });
  await call('POST', '/apis/dynamodb.services.k8s.aws/v1alpha1/namespaces/stuck/tables', {
    ...table('held'),
    metadata: { name: 'held', finalizers: ['example.com/x'] },
  });
  await call('DELETE', '/api/v1/namespaces/stuck');
  await new Promise((r) => setTimeout(r, 100));
  const ns = await call('GET', '/api/v1/namespaces/stuck');
  assert.is(ns.json.status.phase, 'Terminating');
  assert.equal(ns.json.spec.finalizers, ['kubernetes']);
  const fin = await call('PUT', '/api/v1/namespaces/stuck/finalize', { ...ns.json, spec: { finalizers: [] } });
  assert.is(fin.status, 200);
  assert.is((await call('GET', '/api/v1/namespaces/stuck')).status, 404);
  assert.is((await call('GET', '/api/v1/namespaces/default/configmaps/x/finalize')).status, 404);
});

test('garbage bodies and paths are 4xx, never 500, and never change stored data', async () => {
  await call('POST', T, table('solid'));
  const before = (await call('GET', `${T}/solid`)).json;
  const bodies: unknown[] = [
    '',
    'null',
    '[]',
    '"x"',
    '42',
    '{"metadata":[]}',
    '{"metadata":{"name":7}}',
    '{"metadata":{"name":"solid","labels":{"a":1}}}',
    '{"metadata":{"name":"solid","finalizers":"x"}}',
    '{"metadata":{"name":"solid"},"spec":[]}',
    '{"metadata":{"name":"solid"},"spec":{"keySchema":"x"}}',
    '{"apiVersion":"v9","kind":"Table","metadata":{"name":"solid"}}',
    '{"kind":"Other","metadata":{"name":"solid"}}',
    '\u0000',
    '{"a":'.repeat(50),
  ];
  for (const body of bodies) {
    for (const [method, path, ct] of [
      ['POST', T, 'application/json'],
      ['PUT', `${T}/solid`, 'application/json'],
      ['PATCH', `${T}/solid`, 'application/merge-patch+json'],
      ['PATCH', `${T}/solid`, 'application/json-patch+json'],
      ['PATCH', `${T}/solid?fieldManager=x`, 'application/apply-patch+yaml'],
      ['POST', T, 'application/vnd.kubernetes.protobuf'],
      ['POST', T, 'text/plain'],
    ] as const) {
      if (body === '[]' && ct === 'application/json-patch+json') continue; // an empty JSON patch is valid (a no-op)
      const r = await call(method, path, body as string, { 'content-type': ct });
      assert.ok(
        r.status >= 400 && r.status < 500,
        `${method} ${ct} ${String(body).slice(0, 40)} → ${r.status} ${r.text.slice(0, 200)}`,
      );
      assert.is(r.json?.kind, 'Status');
    }
  }
  for (const path of [
    '/api/v1/namespaces/default/configmaps/%ZZ',
    '/apis/x',
    '/api',
    '/apis/dynamodb.services.k8s.aws/v1alpha1/namespaces/default/tables/solid/nope',
    `${T}?limit=-1`,
    `${T}?continue=garbage`,
    `${T}?labelSelector=%3D%3D`,
    `${T}?watch=true&resourceVersion=abc`,
  ]) {
    const r = await call('GET', path);
    assert.ok(r.status < 500, `${path} → ${r.status}`);
  }
  assert.equal((await call('GET', `${T}/solid`)).json, before);
});

/** Opens a watch and collects its lines until `count` events or the stream ends. */
async function watchLines(path: string, count: number, during?: () => Promise<void>) {
  const res = await request(`${kube.url}${path}`);
  assert.is(res.statusCode, 200);
  assert.is(res.headers['transfer-encoding'], 'chunked');
  const events: any[] = [];
  let buffer = '';
  const reading = (async () => {
    for await (const chunk of res.body) {
      buffer += chunk.toString();
      let i;
      while ((i = buffer.indexOf('\n')) >= 0) {
        events.push(JSON.parse(buffer.slice(0, i)));
        buffer = buffer.slice(i + 1);
      }
      if (events.length >= count) break;
    }
  })();
  await during?.();
  await reading;
  res.body.destroy();
  return events;
}

test('watch: headers at once, events per line, resume from a list RV, timeoutSeconds closes with a bookmark', async () => {
  const list = await call('GET', `${T}?limit=500`);
  const rv = list.json.metadata.resourceVersion;
  const events = await watchLines(
    `${T}?watch=true&resourceVersion=${rv}&allowWatchBookmarks=true&timeoutSeconds=1`,
    100,
    async () => {
      await call('POST', T, table('watched'));
      await call(
        'PATCH',
        `${T}/watched`,
        { metadata: { labels: { a: 'b' } } },
        { 'content-type': 'application/merge-patch+json' },
      );
      await call('DELETE', `${T}/watched`);
    },
  );
  const types = events.map((e) => `${e.type}:${e.object.metadata.name ?? ''}`);
  assert.equal(
    types.filter((t) => !t.startsWith('BOOKMARK')),
    ['ADDED:watched', 'MODIFIED:watched', 'DELETED:watched'],
  );
  assert.is(events[events.length - 1].type, 'BOOKMARK');
  assert.is(events[events.length - 1].object.kind, 'Table');
});

test('watch: field selector, /watch/ paths, RV 0 synthetic ADDED, 410 for a compacted RV, initial-events-end', async () => {
  await call('POST', T, table('sel'));
  const one = await watchLines(
    `${T}?watch=true&fieldSelector=metadata.name%3Dsel&resourceVersion=0&timeoutSeconds=1`,
    1,
  );
  assert.equal(
    one.map((e) => `${e.type}:${e.object.metadata.name}`),
    ['ADDED:sel'],
  );
  const viaPath = await watchLines(
    '/apis/dynamodb.services.k8s.aws/v1alpha1/watch/namespaces/default/tables?timeoutSeconds=1&fieldSelector=metadata.name%3Dsel',
    1,
  );
  assert.is(viaPath[0].object.metadata.name, 'sel');
  // a server with a 2-event history window: RV 1 is compacted after four writes
  const small = await startKube({ watchHistory: 2 });
  try {
    for (const n of ['a', 'b', 'c', 'd'])
      await request(`${small.url}/api/v1/namespaces/default/configmaps`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ metadata: { name: n } }),
      }).then((r) => r.body.text());
    const res = await request(`${small.url}/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=1`);
    const lines = (await res.body.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.is(lines.length, 1);
    assert.is(lines[0].type, 'ERROR');
    assert.is(lines[0].object.code, 410);
    assert.is(lines[0].object.reason, 'Expired');
    assert.match(lines[0].object.message, /^too old resource version: 1 \(\d+\)$/);
  } finally {
    await small.close();
  }
  const initial = await watchLines(
    `${T}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=2`,
    1000,
  );
  const end = initial.find((e) => e.type === 'BOOKMARK');
  assert.equal(end.object.metadata.annotations, { 'k8s.io/initial-events-end': 'true' });
  assert.ok(initial.indexOf(end) > 0);
  assert.ok(initial.slice(0, initial.indexOf(end)).every((e) => e.type === 'ADDED'));
});

test('events: involvedObject field selectors as kubectl describe sends them', async () => {
  const uid = 'u-1';
  await call('POST', '/api/v1/namespaces/default/events', {
    metadata: { name: 'items.1' },
    involvedObject: { kind: 'Table', namespace: 'default', name: 'items', uid },
    reason: 'Synced',
    message: 'ok',
    type: 'Normal',
  });
  await call('POST', '/api/v1/namespaces/default/events', {
    metadata: { name: 'other.1' },
    involvedObject: { kind: 'Table', namespace: 'default', name: 'other' },
  });
  const r = await call(
    'GET',
    `/api/v1/namespaces/default/events?fieldSelector=${encodeURIComponent(`involvedObject.name=items,involvedObject.namespace=default,involvedObject.kind=Table,involvedObject.uid=${uid}`)}&limit=500`,
    undefined,
    { accept: 'application/vnd.kubernetes.protobuf,application/json' },
  );
  assert.is(r.status, 200);
  assert.equal(
    r.json.items.map((e: any) => e.metadata.name),
    ['items.1'],
  );
});

test('deletecollection with a label selector', async () => {
  for (const n of ['dc1', 'dc2', 'dc3'])
    await call('POST', '/api/v1/namespaces/carts/configmaps', {
      metadata: { name: n, labels: { batch: n === 'dc3' ? 'keep' : 'drop' } },
    });
  const r = await call('DELETE', '/api/v1/namespaces/carts/configmaps?labelSelector=batch%3Ddrop');
  assert.is(r.status, 200);
  const left = await call('GET', '/api/v1/namespaces/carts/configmaps');
  assert.equal(
    left.json.items.map((c: any) => c.metadata.name),
    ['dc3'],
  );
});

test.run();
