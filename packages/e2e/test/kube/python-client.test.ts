// The Python `kubernetes` client (what kopf and many test suites use) against the kube-apiserver: its
// watch.Watch().stream sends `watch=True`, which must stream events (a plain List gave it nothing), for
// CoreV1Api, CustomObjectsApi and the dynamic client; EventsV1Api reads events.k8s.io/v1. Needs a python3 with the
// `kubernetes` package (Debian: python3-kubernetes); without it this file skips loudly and the raw `watch=True`
// request is still covered by protocol-gaps.test.ts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { startKube, type KubeHarness } from '../../src/kube.js';
import { loadAckCrds } from './kubectl-flow.js';

const PYTHONS = ['python3', '/usr/bin/python3'];
const python = PYTHONS.find(
  (p) => spawnSync(p, ['-c', 'import kubernetes'], { stdio: 'ignore', timeout: 30_000 }).status === 0,
);

const SCRIPT = String.raw`
import json, sys
from kubernetes import client, config, watch, dynamic
config.load_kube_config(config_file=sys.argv[1])
out = {}
v1 = client.CoreV1Api()
w = watch.Watch()
out["core"] = [(e["type"], e["object"].metadata.name) for e in w.stream(v1.list_namespaced_config_map, "carts", timeout_seconds=1)]
custom = client.CustomObjectsApi()
w = watch.Watch()
out["custom"] = [(e["type"], e["object"]["metadata"]["name"]) for e in w.stream(
    custom.list_namespaced_custom_object, "dynamodb.services.k8s.aws", "v1alpha1", "carts", "tables", timeout_seconds=1)]
dyn = dynamic.DynamicClient(client.ApiClient())
tables = dyn.resources.get(api_version="dynamodb.services.k8s.aws/v1alpha1", kind="Table")
out["dynamic"] = [(e["type"], e["object"].metadata.name) for e in dyn.watch(tables, namespace="carts", timeout=1)]
events = client.EventsV1Api().list_namespaced_event("carts")
out["events"] = [(e.reason, e.note, e.regarding.name) for e in events.items]
out["pods"] = len(v1.list_namespaced_pod("carts").items)
print(json.dumps(out))
`;

let kube: KubeHarness;
test.before(async () => {
  kube = await startKube({ crds: loadAckCrds(), namespaces: ['carts'] });
  const c = kube.server.client;
  await c.create({ group: '', version: 'v1', resource: 'configmaps' }, 'carts', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings' },
    data: { a: '1' },
  });
  await c.create({ group: 'dynamodb.services.k8s.aws', version: 'v1alpha1', resource: 'tables' }, 'carts', {
    apiVersion: 'dynamodb.services.k8s.aws/v1alpha1',
    kind: 'Table',
    metadata: { name: 'items' },
    spec: {
      tableName: 'items',
      attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
      keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
    },
  });
  await c.create({ group: '', version: 'v1', resource: 'events' }, 'carts', {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'items.1' },
    involvedObject: { kind: 'Table', name: 'items', namespace: 'carts' },
    reason: 'Created',
    message: 'Created table items',
    type: 'Normal',
    // The Python client refuses events.k8s.io Events whose eventTime is null, as a real server answers them for
    // events written through core/v1 without one (kubernetes-client/python#1616): this one carries it.
    eventTime: '2026-01-01T00:00:00.000000Z',
  });
});
test.after(async () => {
  await kube.close();
});

test('watch.Watch().stream gets events (watch=True) from CoreV1Api, CustomObjectsApi and the dynamic client', async () => {
  if (!python) {
    console.log(
      `⚠ SKIPPED LOUDLY: Python kubernetes client: no python3 with the kubernetes package (tried ${PYTHONS.join(', ')})`,
    );
    return;
  }
  // asynchronously: the server answering it runs in this process
  const r = await promisify(execFile)(python, ['-c', SCRIPT, kube.kubeconfigPath], { timeout: 60_000 });
  const out = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.equal(out.core, [['ADDED', 'settings']]);
  assert.equal(out.custom, [['ADDED', 'items']]);
  assert.equal(out.dynamic, [['ADDED', 'items']]);
  assert.equal(out.events, [['Created', 'Created table items', 'items']], 'EventsV1Api over the core events');
  assert.is(out.pods, 0, 'pods list empty');
});

test.run();
