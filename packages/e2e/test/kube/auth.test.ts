// `--auth` on the kube side: every request needs the bearer token written into the kubeconfig. A missing or wrong
// token is 401 with the Status the real authentication filter answers, apierrors.NewUnauthorized("Unauthorized")
// (k8s.io/apiserver endpoints/filters/authentication.go `Unauthorized`); kubectl prints it as "error: You must be
// logged in to the server (Unauthorized)" (kubectl's standard handling of a 401). /healthz, /livez, /readyz and
// /version stay open to requests without credentials, as clusters serve them to anonymous users
// (system:public-info-viewer). The in-process controller is not an HTTP client and keeps working.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import { ApiException, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { startKube, kubeconfigFor, type KubeHarness } from '../../src/kube.js';
import { kubectlAvailable, runKubectl } from '../../src/kubectl.js';
import { startTestStack, type TestStack } from '../../src/stack.js';
import { sh, skipLoudly } from '../../src/tools.js';

const TOKEN = 'tok-3f9a2c7e';
// the server makes its own certificate (kubeconfigs skip verification too)
const insecure = new Agent({ connect: { rejectUnauthorized: false } });
const UNAUTHORIZED = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'Unauthorized',
  reason: 'Unauthorized',
  code: 401,
};

let kube: KubeHarness;
test.before(async () => {
  kube = await startKube({ bearerToken: TOKEN });
});
test.after(async () => {
  await kube.close();
});

async function get(path: string, authorization?: string) {
  const res = await request(`${kube.url}${path}`, {
    headers: authorization ? { authorization } : {},
    dispatcher: insecure,
  });
  const text = await res.body.text();
  return { status: res.statusCode, text, json: text.startsWith('{') ? JSON.parse(text) : undefined };
}

test('the server speaks HTTPS when it requires a token (kubectl sends tokens over TLS only)', () => {
  assert.match(kube.url, /^https:\/\/127\.0\.0\.1:\d+$/);
});

test('raw HTTP: no token, a wrong token or another scheme is 401 Unauthorized; the right token passes', async () => {
  for (const authorization of [undefined, 'Bearer wrong', `Bearer ${TOKEN}x`, `Basic ${btoa(`admin:${TOKEN}`)}`]) {
    const res = await get('/api/v1/namespaces', authorization);
    assert.is(res.status, 401, String(authorization));
    assert.equal(res.json, UNAUTHORIZED);
  }
  const watch = await get('/api/v1/namespaces?watch=true&timeoutSeconds=1');
  assert.is(watch.status, 401);
  const ok = await get('/api/v1/namespaces', `Bearer ${TOKEN}`);
  assert.is(ok.status, 200);
  assert.ok(ok.json.items.some((n: any) => n.metadata.name === 'default'));
  assert.is((await get('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', `bearer ${TOKEN}`)).status, 200);
});

test('health probes and /version answer without credentials, but not with a wrong token', async () => {
  for (const path of ['/healthz', '/livez', '/readyz', '/version', '/readyz?verbose']) {
    assert.is((await get(path)).status, 200, path);
  }
  assert.is((await get('/healthz', 'Bearer wrong')).status, 401);
  assert.is((await get('/api')).status, 401, 'discovery is not public');
  assert.is((await get('/openapi/v3')).status, 401);
});

test('kubectl: works with the kubeconfig token; a wrong token is "You must be logged in to the server"', async () => {
  if (!kubectlAvailable()) return skipLoudly('kubectl --auth', 'kubectl not installed');
  const ok = await runKubectl(kube, ['get', 'namespace', 'default', '-o', 'name']);
  assert.is(ok.code, 0, ok.stderr);
  assert.is(ok.stdout.trim(), 'namespace/default');
  const denied = await runKubectl(kube, ['get', 'namespaces', '--token', 'wrong']);
  assert.is(denied.code, 1);
  assert.match(denied.stderr, 'error: You must be logged in to the server (Unauthorized)');
});

test('client-node: the token from the kubeconfig works; a wrong one is an ApiException with code 401', async () => {
  const client = (token: string) => {
    const kc = new KubeConfig();
    kc.loadFromString(kubeconfigFor(kube.url, undefined, token));
    return kc.makeApiClient(CoreV1Api);
  };
  const list = await client(TOKEN).listNamespace();
  assert.ok(list.items.length >= 4);
  try {
    await client('wrong').listNamespace();
    assert.unreachable('a wrong token must fail');
  } catch (e) {
    assert.instance(e, ApiException);
    assert.is((e as ApiException<unknown>).code, 401);
    // client-node keeps no body for response codes its generated API does not declare (401 among them)
    assert.match((e as Error).message, 'HTTP-Code: 401\nMessage: Unauthorized');
  }
});

test('the whole stack with auth: a random token in the kubeconfig, and the controller still reconciles', async () => {
  let stack: TestStack | undefined;
  try {
    stack = await startTestStack({ auth: true });
    const kubeconfig = readFileSync(stack.kubeconfigPath, 'utf8');
    const token = kubeconfig.match(/token: (\S+)/)![1]!;
    assert.ok(token.length >= 24 && token !== 'ack-local', token);
    assert.match(stack.kubeUrl, /^https:\/\//);
    const anonymous = await request(`${stack.kubeUrl}/apis/dynamodb.services.k8s.aws/v1alpha1/tables`, {
      dispatcher: insecure,
    });
    assert.is(anonymous.statusCode, 401);
    await anonymous.body.dump();
    if (!kubectlAvailable()) return skipLoudly('kubectl against the stack with --auth', 'kubectl not installed');
    const table = `apiVersion: dynamodb.services.k8s.aws/v1alpha1
kind: Table
metadata:
  name: authed
  namespace: carts
spec:
  tableName: authed
  billingMode: PAY_PER_REQUEST
  keySchema: [{ attributeName: id, keyType: HASH }]
  attributeDefinitions: [{ attributeName: id, attributeType: "S" }]
`;
    const applied = await sh(`kubectl apply -f - <<'EOF'\n${table}EOF`, stack.env, { timeoutMs: 120_000 });
    assert.is(applied.code, 0, applied.stderr);
    const waited = await sh(
      'kubectl wait table.dynamodb.services.k8s.aws authed -n carts --for=condition=ACK.ResourceSynced --timeout=120s',
      stack.env,
      { timeoutMs: 150_000 },
    );
    assert.is(waited.code, 0, waited.stderr);
  } finally {
    await stack?.close();
  }
});

test.after(async () => {
  await insecure.close();
});

test.run();
