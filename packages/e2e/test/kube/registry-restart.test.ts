// A restart over the same data directory: objects, CRD types, the resourceVersion and the watch history survive.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { request } from 'undici';
import { startKube } from '../../src/kube.js';

const crd = parse(
  readFileSync(
    new URL('../../../kube-apiserver/test/fixtures/dynamodb.services.k8s.aws_tables.yaml', import.meta.url),
    'utf8',
  ),
);
const T = '/apis/dynamodb.services.k8s.aws/v1alpha1/namespaces/default/tables';
const body = JSON.stringify({
  metadata: { name: 'kept' },
  spec: {
    tableName: 'kept',
    keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
    attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
  },
});

async function json(url: string, init: Parameters<typeof request>[1] = {}) {
  const res = await request(url, init);
  return { status: res.statusCode, body: JSON.parse(await res.body.text()) };
}

test('objects, resourceVersion and watch history survive a restart; a CRD installed over HTTP stays served', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kube-restart-'));
  try {
    let kube = await startKube({ dataDir });
    await json(`${kube.url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(crd),
    });
    const created = await json(`${kube.url}${T}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    assert.is(created.status, 201);
    const rvBefore = Number((await json(`${kube.url}${T}`)).body.metadata.resourceVersion);
    await kube.close();

    kube = await startKube({ dataDir });
    try {
      const got = await json(`${kube.url}${T}/kept`);
      assert.is(got.status, 200);
      assert.is(got.body.metadata.uid, created.body.metadata.uid);
      const patched = await json(`${kube.url}${T}/kept`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/merge-patch+json' },
        body: '{"metadata":{"labels":{"after":"restart"}}}',
      });
      assert.ok(Number(patched.body.metadata.resourceVersion) > rvBefore, 'the resourceVersion keeps increasing');
      // a watch from before the restart replays what happened since
      const res = await request(
        `${kube.url}${T}?watch=true&resourceVersion=${Number(created.body.metadata.resourceVersion) - 1}&timeoutSeconds=1`,
      );
      const events = (await res.body.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      assert.equal(
        events.map((e) => e.type),
        ['ADDED', 'MODIFIED'],
      );
    } finally {
      await kube.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test.run();
