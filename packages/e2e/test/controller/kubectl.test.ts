// The real kubectl against the kube-apiserver with our controller: apply the workshop Table, `kubectl wait` for
// ACK.ResourceSynced, printer columns, `kubectl describe` events, and a spec change where `kubectl wait` must not
// return on the previous generation's condition.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { DynamoDBEngine } from '@ack-local/dynamodb';
import { createInProcessDynamoDBClient } from '@ack-local/controller';
import { hasCommand, sh, skipLoudly, type KubeHarness } from '@ack-local/e2e';
import { startKubectlStack, type KubectlStack } from './harness.js';

const haveKubectl = hasCommand('kubectl', ['version', '--client']);
let kube: KubeHarness;
let engine: DynamoDBEngine;
let stack: KubectlStack | undefined;
const target = { region: 'us-west-2', accountId: '000000000000' };

const TABLE_YAML = `apiVersion: dynamodb.services.k8s.aws/v1alpha1
kind: Table
metadata:
  name: items
  namespace: carts
spec:
  tableName: \${EKS_CLUSTER_AUTO_NAME}-carts-fastpath
  billingMode: PAY_PER_REQUEST
  keySchema:
    - attributeName: id
      keyType: HASH
  attributeDefinitions:
    - attributeName: id
      attributeType: "S"
    - attributeName: customerId
      attributeType: "S"
  globalSecondaryIndexes:
    - indexName: idx_global_customerId
      keySchema:
        - attributeName: customerId
          keyType: HASH
        - attributeName: id
          keyType: RANGE
      projection:
        projectionType: "ALL"
`;

test.before(async () => {
  if (!haveKubectl) return;
  // A slow DynamoDB (tables and indexes take 400ms to become ACTIVE) widens any stale-condition window.
  stack = await startKubectlStack({ tableDelayMs: 400, timeScale: 0.02 });
  ({ kube, engine } = stack);
  await writeFile(join(kube.home, 'table.yaml'), TABLE_YAML);
});
test.after(async () => {
  await stack?.close();
});

const kubectl = (script: string) =>
  sh(
    script,
    { ...kube.kubectlEnv, EKS_CLUSTER_AUTO_NAME: 'eks-workshop-auto' },
    { cwd: kube.home, timeoutMs: 200_000 },
  );

test('workshop flow: envsubst | kubectl apply, kubectl wait, jsonpath tableStatus, get columns', async () => {
  if (!haveKubectl) return skipLoudly('kubectl workshop flow', 'kubectl not on PATH');
  const applied = await kubectl('envsubst < table.yaml | kubectl apply -f -');
  assert.equal(applied.stdout.trim(), 'table.dynamodb.services.k8s.aws/items created', applied.stderr);
  const waited = await kubectl(
    'kubectl wait table.dynamodb.services.k8s.aws items -n carts --for=condition=ACK.ResourceSynced --timeout=180s',
  );
  assert.equal(waited.stdout.trim(), 'table.dynamodb.services.k8s.aws/items condition met', waited.stderr);
  const status = await kubectl(
    "kubectl get table.dynamodb.services.k8s.aws items -n carts -o jsonpath='{.status.tableStatus}'",
  );
  assert.equal(status.stdout, 'ACTIVE');
  const table = (
    await createInProcessDynamoDBClient(engine).call(
      'DescribeTable',
      { TableName: 'eks-workshop-auto-carts-fastpath' },
      target,
    )
  ).Table;
  assert.equal(table.TableStatus, 'ACTIVE');
  const got = await kubectl('kubectl get tables -n carts');
  const [header, row] = got.stdout.trim().split('\n');
  assert.match(header!, /^NAME\s+CLASS\s+STATUS\s+SYNCED\s+AGE$/);
  assert.match(row!, /^items\s+ACTIVE\s+True\s+\d+s$/);
  const wide = await kubectl('kubectl get tables -n carts -o wide');
  assert.match(wide.stdout, /arn:aws:dynamodb:us-west-2:000000000000:table\/eks-workshop-auto-carts-fastpath/);
});

test("kubectl describe shows the controller's events", async () => {
  if (!haveKubectl) return skipLoudly('kubectl describe', 'kubectl not on PATH');
  const described = await kubectl('kubectl describe table items -n carts');
  assert.match(described.stdout, /Events:/);
  assert.match(
    described.stdout,
    /Normal\s+Created\s+\S+\s+ack-dynamodb-controller\s+Created table eks-workshop-auto-carts-fastpath/,
  );
});

test('after a spec change, kubectl wait returns only once the new generation is synced', async () => {
  if (!haveKubectl) return skipLoudly('kubectl wait after a spec change', 'kubectl not on PATH');
  const patch = JSON.stringify({
    spec: {
      attributeDefinitions: [
        { attributeName: 'id', attributeType: 'S' },
        { attributeName: 'customerId', attributeType: 'S' },
        { attributeName: 'itemId', attributeType: 'S' },
      ],
      globalSecondaryIndexes: [
        {
          indexName: 'idx_global_customerId',
          keySchema: [
            { attributeName: 'customerId', keyType: 'HASH' },
            { attributeName: 'id', keyType: 'RANGE' },
          ],
          projection: { projectionType: 'ALL' },
        },
        {
          indexName: 'idx_item',
          keySchema: [{ attributeName: 'itemId', keyType: 'HASH' }],
          projection: { projectionType: 'KEYS_ONLY' },
        },
      ],
    },
  });
  const r = await kubectl(
    `kubectl patch table items -n carts --type=merge -p '${patch}' && kubectl wait table items -n carts --for=condition=ACK.ResourceSynced --timeout=180s`,
  );
  assert.equal(r.code, 0, r.stderr);
  const table = (
    await createInProcessDynamoDBClient(engine).call(
      'DescribeTable',
      { TableName: 'eks-workshop-auto-carts-fastpath' },
      target,
    )
  ).Table;
  const indexes = table.GlobalSecondaryIndexes.map((g: any) => `${g.IndexName}:${g.IndexStatus}`).sort();
  assert.equal(
    indexes,
    ['idx_global_customerId:ACTIVE', 'idx_item:ACTIVE'],
    'wait returned only after the new index was ACTIVE',
  );
});

test('kubectl delete removes the CR (finalizer released) and the table', async () => {
  if (!haveKubectl) return skipLoudly('kubectl delete', 'kubectl not on PATH');
  const r = await kubectl('kubectl delete table items -n carts --timeout=180s');
  assert.equal(r.stdout.trim(), 'table.dynamodb.services.k8s.aws "items" deleted', r.stderr);
  // Like ACK, the finalizer goes as soon as DeleteTable is accepted; DynamoDB may still report DELETING.
  try {
    const d = await createInProcessDynamoDBClient(engine).call(
      'DescribeTable',
      { TableName: 'eks-workshop-auto-carts-fastpath' },
      target,
    );
    assert.equal(d.Table.TableStatus, 'DELETING');
  } catch (e: any) {
    assert.equal(e.code, 'ResourceNotFoundException');
  }
});

test.run();
