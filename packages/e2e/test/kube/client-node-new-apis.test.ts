// @kubernetes/client-node 1.x over what issue 22 added: a Watch and an informer on events.k8s.io/v1 (events written
// through core/v1 arrive converted), informers over the empty workload kinds (they list, watch and report ready),
// the refused workload create as an ApiException carrying the Forbidden Status, and SelfSubjectAccessReview.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  AppsV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  EventsV1Api,
  KubeConfig,
  Watch,
  makeInformer,
  type KubernetesObject,
  type V1Pod,
} from '@kubernetes/client-node';
import { startKube, kubeconfigFor, type KubeHarness } from '../../src/kube.js';

let kube: KubeHarness;
let kc: KubeConfig;
test.before(async () => {
  kube = await startKube({ namespaces: ['carts'], noWorkloadsMessage: 'no workloads here' });
  kc = new KubeConfig();
  kc.loadFromString(kubeconfigFor(kube.url));
});
test.after(async () => {
  await kube.close();
});

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

const coreEvent = (name: string, reason: string) => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name },
  involvedObject: { kind: 'Table', name: 'items', namespace: 'carts' },
  reason,
  message: `${reason} table items`,
  type: 'Normal',
  eventTime: '2026-01-01T00:00:00.000000Z',
});

test('Watch on events.k8s.io/v1 gets core/v1 events, converted (note, regarding)', async () => {
  const core = kc.makeApiClient(CoreV1Api);
  await core.createNamespacedEvent({ namespace: 'carts', body: coreEvent('before.1', 'Created') });
  const seen: { type: string; object: Record<string, any> }[] = [];
  const req = await new Watch(kc).watch(
    '/apis/events.k8s.io/v1/namespaces/carts/events',
    { resourceVersion: '0' },
    (type, object) => seen.push({ type, object }),
    () => undefined,
  );
  try {
    await until(() => seen.length === 1);
    await core.createNamespacedEvent({ namespace: 'carts', body: coreEvent('after.1', 'Updating') });
    await until(() => seen.length === 2);
    assert.equal(
      seen.map((e) => [e.type, e.object.apiVersion, e.object.reason, e.object.note, e.object.regarding.name]),
      [
        ['ADDED', 'events.k8s.io/v1', 'Created', 'Created table items', 'items'],
        ['ADDED', 'events.k8s.io/v1', 'Updating', 'Updating table items', 'items'],
      ],
    );
  } finally {
    req.abort();
  }
  const listed = await kc.makeApiClient(EventsV1Api).listNamespacedEvent({ namespace: 'carts' });
  assert.equal(listed.items.map((e) => e.note).sort(), ['Created table items', 'Updating table items']);
});

test('an informer over pods and one over deployments list empty, watch, and become ready', async () => {
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  const pods = makeInformer<V1Pod>(kc, '/api/v1/namespaces/carts/pods', () =>
    core.listNamespacedPod({ namespace: 'carts' }),
  );
  const deployments = makeInformer<KubernetesObject>(kc, '/apis/apps/v1/deployments', () =>
    apps.listDeploymentForAllNamespaces(),
  );
  await pods.start();
  await deployments.start();
  try {
    assert.equal(pods.list(), []);
    assert.equal(deployments.list(), []);
  } finally {
    await pods.stop();
    await deployments.stop();
  }
});

test('creating a pod is an ApiException with the Forbidden Status; can-i is allowed', async () => {
  const core = kc.makeApiClient(CoreV1Api);
  const error = (await core
    .createNamespacedPod({
      namespace: 'carts',
      body: { metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
    })
    .catch((e: unknown) => e)) as { code?: number; body?: string };
  assert.is(error.code, 403);
  const status = JSON.parse(error.body ?? '{}') as { reason: string; message: string };
  assert.is(status.reason, 'Forbidden');
  assert.is(status.message, 'pods "web" is forbidden: no workloads here');
  const review = await kc.makeApiClient(AuthorizationV1Api).createSelfSubjectAccessReview({
    body: { spec: { resourceAttributes: { verb: 'create', resource: 'tables', group: 'dynamodb.services.k8s.aws' } } },
  });
  assert.is(review.status?.allowed, true);
  assert.is(review.spec.resourceAttributes?.resource, 'tables');
});

test.run();
