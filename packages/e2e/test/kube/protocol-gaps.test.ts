// Protocol details every client meets, over raw HTTP (undici): boolean query parameters parsed as the real
// server parses them (apimachinery runtime.Convert_Slice_string_To_bool: absent, "0" and "false" in any case are
// false, anything else is true, a bare `?watch` included), `Cache-Control: no-cache, private` on every answer,
// `GET /`, the verbose health checks, a list or watch at a future resourceVersion (504 "Too large resource
// version", k8s.io/apiserver storage.NewTooLargeResourceVersionError), and a create that carries
// metadata.resourceVersion (500 with etcd's message, as clients report it: java-operator-sdk#2033).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { request } from 'undici';
import { rawRequest } from '../../src/raw-http.js';
import { startKube, type KubeHarness } from '../../src/kube.js';

const CM = '/api/v1/namespaces/default/configmaps';
let kube: KubeHarness;
test.before(async () => {
  kube = await startKube();
});
test.after(async () => {
  await kube.close();
});

const call = (method: string, path: string, body?: unknown) => rawRequest(kube.url, method, path, { body });

/** The first watch event of a stream (the synthetic ADDED of an existing object), then the stream is dropped. */
async function firstLine(path: string): Promise<{ status: number; contentType: string; line: string }> {
  const controller = new AbortController();
  const res = await request(`${kube.url}${path}`, { signal: controller.signal });
  let buffered = '';
  for await (const chunk of res.body) {
    buffered += String(chunk);
    if (buffered.includes('\n')) break;
  }
  controller.abort();
  return {
    status: res.statusCode,
    contentType: String(res.headers['content-type']),
    line: buffered.split('\n')[0]!,
  };
}

test('watch as Python and Go clients spell it: watch=True, watch=1, a bare ?watch all start a watch', async () => {
  await call('POST', CM, { metadata: { name: 'watched' }, data: { a: '1' } });
  for (const spelling of ['watch=True', 'watch=1', 'watch', 'watch=', 'watch=yes', 'watch=TRUE']) {
    const { status, line } = await firstLine(`${CM}?${spelling}`);
    assert.is(status, 200, spelling);
    const event = JSON.parse(line) as { type: string; object: { metadata: { name: string } } };
    assert.is(event.type, 'ADDED', `${spelling}: a watch event, not a List`);
    assert.is(event.object.metadata.name, 'watched');
  }
});

test('watch=false, watch=False, watch=0 and watch=FALSE list; the first of repeated values counts', async () => {
  for (const spelling of ['watch=false', 'watch=False', 'watch=0', 'watch=FALSE', 'watch=0&watch=true']) {
    const r = await call('GET', `${CM}?${spelling}`);
    assert.is(r.status, 200, spelling);
    assert.is(r.json.kind, 'ConfigMapList', spelling);
  }
  const r = await firstLine(`${CM}?watch=true&watch=false`);
  assert.ok(r.line.startsWith('{"type":"ADDED"'), 'watch=true&watch=false is a watch');
});

test('the other boolean parameters follow the same rule (allowWatchBookmarks=True, force=True)', async () => {
  // force is apply-only: spelled True it is still "set", so a merge patch carrying it is refused as the real
  // server refuses it (ValidatePatchOptions), and an apply with force=True takes over a conflicting field.
  await call('POST', CM, { metadata: { name: 'forced' }, data: { owner: 'a' } });
  const refused = await request(`${kube.url}${CM}/forced?force=True`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/merge-patch+json' },
    body: JSON.stringify({ data: { x: '1' } }),
  });
  assert.is(refused.statusCode, 422);
  await refused.body.text();
  const apply = (manager: string, force: string) =>
    request(`${kube.url}${CM}/forced?fieldManager=${manager}&${force}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/apply-patch+yaml' },
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'forced' }, data: { k: manager } }),
    });
  const first = await apply('one', 'force=False');
  assert.is(first.statusCode, 200);
  await first.body.text();
  const conflict = await apply('two', 'force=False');
  assert.is(conflict.statusCode, 409, 'force=False: the conflict stands');
  await conflict.body.text();
  const taken = await apply('two', 'force=True');
  assert.is(taken.statusCode, 200, 'force=True: forced');
  await taken.body.text();
});

test('every answer says Cache-Control: no-cache, private (version, lists, errors, discovery, watches)', async () => {
  for (const path of ['/version', CM, `${CM}/missing`, '/api', '/apis', '/openapi/v3', '/healthz', '/nope']) {
    const r = await call('GET', path);
    assert.is(r.headers['cache-control'], 'no-cache, private', path);
  }
  const res = await request(`${kube.url}${CM}?watch=true`, { signal: AbortSignal.timeout(2000) }).catch(
    () => undefined,
  );
  assert.ok(res);
  assert.is(res.headers['cache-control'], 'no-cache, private', 'watch');
  res.body.destroy();
});

test('GET / lists the server paths, the served groups among them', async () => {
  const r = await call('GET', '/');
  assert.is(r.status, 200);
  const paths = r.json.paths as string[];
  for (const p of ['/api', '/api/v1', '/apis', '/apis/apiextensions.k8s.io', '/apis/apiextensions.k8s.io/v1']) {
    assert.ok(paths.includes(p), p);
  }
  for (const p of ['/healthz', '/livez', '/readyz', '/openapi/v2', '/openapi/v3', '/version'])
    assert.ok(paths.includes(p), p);
  assert.equal(paths, [...paths].sort(), 'sorted, as the real index');
});

test('/readyz?verbose and /livez?verbose list their checks; /readyz/<check> answers one', async () => {
  const ready = await call('GET', '/readyz?verbose');
  assert.is(ready.status, 200);
  assert.match(ready.text, /^\[\+\]ping ok\n/);
  assert.match(ready.text, /\n\[\+\]etcd ok\n/);
  assert.ok(ready.text.endsWith('readyz check passed\n'));
  const live = await call('GET', '/livez?verbose=true');
  assert.ok(live.text.endsWith('livez check passed\n'));
  assert.not.match(live.text, 'shutdown', 'livez has no shutdown check');
  assert.is((await call('GET', '/readyz')).text, 'ok');
  assert.is((await call('GET', '/livez/ping')).text, 'ok');
  assert.is((await call('GET', '/readyz/nope')).status, 404);
});

test('list or watch at a future resourceVersion: 504 Timeout "Too large resource version"', async () => {
  const current = Number((await call('GET', CM)).json.metadata.resourceVersion);
  const future = current + 1000;
  for (const query of [
    `resourceVersion=${future}`,
    `resourceVersion=${future}&resourceVersionMatch=NotOlderThan`,
    `watch=true&resourceVersion=${future}`,
  ]) {
    const r = await call('GET', `${CM}?${query}`);
    assert.is(r.status, 504, query);
    assert.equal(r.json, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `Timeout: Too large resource version: ${future}, current: ${current}`,
      reason: 'Timeout',
      details: {
        causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
        retryAfterSeconds: 1,
      },
      code: 504,
    });
  }
  assert.is((await call('GET', `${CM}?resourceVersion=${current}`)).status, 200, 'the current revision is fine');
  assert.is((await call('GET', `${CM}?resourceVersion=0`)).status, 200);
});

test('create with metadata.resourceVersion is refused as etcd refuses it (dry-run is not)', async () => {
  const body = { metadata: { name: 'with-rv', resourceVersion: '42' }, data: {} };
  const dry = await call('POST', `${CM}?dryRun=All`, body);
  assert.is(dry.status, 201, 'dry-run never reaches storage, whose check this is');
  const r = await call('POST', CM, body);
  assert.is(r.status, 500);
  assert.equal(r.json, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'resourceVersion should not be set on objects to be created',
    code: 500,
  });
  assert.is((await call('GET', `${CM}/with-rv`)).status, 404, 'nothing stored');
  const zero = await call('POST', CM, { metadata: { name: 'rv-zero', resourceVersion: '0' }, data: {} });
  assert.is(zero.status, 201, '"0" is no version (the versioner parses it as 0)');
  const apply = await request(`${kube.url}${CM}/applied?fieldManager=me`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/apply-patch+yaml' },
    body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied', resourceVersion: '7' } }),
  });
  assert.is(apply.statusCode, 500, 'server-side apply creating with a resourceVersion: the same refusal');
  await apply.body.text();
});

test.run();
