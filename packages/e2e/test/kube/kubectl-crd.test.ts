// CRDs installed with kubectl itself (not through server options): apply the real ACK CRD, wait until it is
// Established, then use the new kind at once — discovery (ETag) and OpenAPI must follow the change.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { startKube, type KubeHarness } from '../../src/kube.js';
import { scratchDir } from '../../src/scratch.js';
import { kubectlAvailable, kubectlFor, type KubectlResult } from '../../src/kubectl.js';

const CRD = fileURLToPath(
  new URL('../../../../fixtures/ack-dynamodb-crds/dynamodb.services.k8s.aws_tables.yaml', import.meta.url),
);
const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean);
const explain = (r: KubectlResult) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

if (!kubectlAvailable()) {
  console.log('⚠ SKIPPED LOUDLY: kubectl CRD flow: no runnable kubectl on PATH (/usr/bin/kubectl)');
  test.run();
} else {
  let kube: KubeHarness;
  let k: ReturnType<typeof kubectlFor>;
  test.before(async () => {
    kube = await startKube({ namespaces: ['carts'] });
    k = kubectlFor({ kubeconfigPath: kube.kubeconfigPath, home: kube.home });
  });
  test.after(async () => {
    await kube?.close();
  });

  test('before the CRD: the kind is unknown', async () => {
    const r = await k(['get', 'tables', '-n', 'carts']);
    assert.is(r.code, 1, explain(r));
    assert.match(r.stderr, `the server doesn't have a resource type "tables"`);
  });

  test('kubectl apply -f <CRD>: created, Established, then unchanged', async () => {
    const created = await k(['apply', '-f', CRD]);
    assert.is(created.code, 0, explain(created));
    assert.equal(lines(created.stdout), [
      'customresourcedefinition.apiextensions.k8s.io/tables.dynamodb.services.k8s.aws created',
    ]);
    const wait = await k([
      'wait',
      '--for=condition=Established',
      'crd/tables.dynamodb.services.k8s.aws',
      '--timeout=30s',
    ]);
    assert.is(wait.code, 0, explain(wait));
    assert.equal(lines(wait.stdout), [
      'customresourcedefinition.apiextensions.k8s.io/tables.dynamodb.services.k8s.aws condition met',
    ]);
    const again = await k(['apply', '-f', CRD]);
    assert.is(again.code, 0, explain(again));
    assert.equal(lines(again.stdout), [
      'customresourcedefinition.apiextensions.k8s.io/tables.dynamodb.services.k8s.aws unchanged',
    ]);
    const crds = await k(['get', 'crds']);
    assert.is(crds.code, 0, explain(crds));
    assert.match(lines(crds.stdout)[0]!, /^NAME\s+CREATED AT$/);
    assert.match(crds.stdout, /^tables\.dynamodb\.services\.k8s\.aws\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/m);
  });

  test('the new kind is usable right away by the same kubectl HOME (stale discovery cache refreshed)', async () => {
    const dir = scratchDir('ack-kubectl-crd-');
    const path = join(dir, 'items.yaml');
    writeFileSync(
      path,
      stringify({
        apiVersion: 'dynamodb.services.k8s.aws/v1alpha1',
        kind: 'Table',
        metadata: { name: 'items', namespace: 'carts' },
        spec: {
          tableName: 'items',
          billingMode: 'PAY_PER_REQUEST',
          attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
          keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
        },
      }),
    );
    const applied = await k(['apply', '-f', path]);
    assert.is(applied.code, 0, explain(applied));
    assert.equal(lines(applied.stdout), ['table.dynamodb.services.k8s.aws/items created']);
    const get = await k(['get', 'tables', '-n', 'carts']);
    assert.is(get.code, 0, explain(get));
    assert.match(lines(get.stdout)[0]!, /^NAME\s+CLASS\s+STATUS\s+SYNCED\s+AGE$/);
    const explained = await k(['explain', 'tables.spec.tableName']);
    assert.is(explained.code, 0, explain(explained));
    assert.match(explained.stdout, /^FIELD: tableName <string>$/m);
  });

  test.run();
}
