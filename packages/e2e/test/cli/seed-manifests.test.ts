// `--seed` with Kubernetes manifests: a namespace and a Table resource applied at start become a DynamoDB table
// through the controller, exactly as if a user had run kubectl apply.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestStack, type TestStack } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'ack-local-seed-'));
const manifests = join(dir, 'seed.yaml');
writeFileSync(
  manifests,
  `apiVersion: dynamodb.services.k8s.aws/v1alpha1
kind: Table
metadata: {name: orders, namespace: shop}
spec:
  tableName: orders
  billingMode: PAY_PER_REQUEST
  keySchema: [{attributeName: id, keyType: HASH}]
  attributeDefinitions: [{attributeName: id, attributeType: S}]
---
apiVersion: v1
kind: Namespace
metadata: {name: shop}
`,
);

let stack: TestStack;
test.before(async () => {
  stack = await startTestStack({ seed: [manifests] });
});
test.after(async () => {
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the seeded Table resource exists and its table turns ACTIVE', async () => {
  const table = await stack.kube.client.get(
    { group: 'dynamodb.services.k8s.aws', version: 'v1alpha1', resource: 'tables' },
    'shop',
    'orders',
  );
  assert.is(table.metadata.name, 'orders');
  const deadline = Date.now() + 60_000;
  let status: unknown;
  const ctx = stack.engine.contextFor({ region: 'us-west-2', accessKeyId: 'local' });
  while (Date.now() < deadline) {
    status = await stack.engine.dispatch('DescribeTable', { TableName: 'orders' }, ctx).then(
      (d: any) => d.Table.TableStatus,
      () => undefined,
    );
    if (status === 'ACTIVE') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.is(status, 'ACTIVE');
});

test.run();
