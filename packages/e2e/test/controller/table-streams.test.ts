// A Table resource with a DynamoDB Stream, through the controller: `kubectl apply` with spec.streamSpecification,
// the stream's ARN and label in status (what kubectl shows), a view type change (DynamoDB refuses it on an enabled
// stream, so the controller disables the stream and enables it again: a new stream ARN), and disabling.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { DynamoDBEngine } from '@ack-local/dynamodb';
import { hasCommand, sh, skipLoudly, type KubeHarness } from '@ack-local/e2e';
import { TABLES, eventually, startKubectlStack, waitForCondition, type KubectlStack } from './harness.js';

const haveKubectl = hasCommand('kubectl', ['version', '--client']);
let kube: KubeHarness;
let engine: DynamoDBEngine;
let stack: KubectlStack | undefined;
const target = { region: 'us-west-2', accountId: '000000000000' };

const TABLE_YAML = `apiVersion: dynamodb.services.k8s.aws/v1alpha1
kind: Table
metadata:
  name: orders
  namespace: carts
spec:
  tableName: orders-with-stream
  billingMode: PAY_PER_REQUEST
  keySchema:
    - attributeName: id
      keyType: HASH
  attributeDefinitions:
    - attributeName: id
      attributeType: "S"
  streamSpecification:
    streamEnabled: true
    streamViewType: KEYS_ONLY
`;

test.before(async () => {
  stack = await startKubectlStack({ tableDelayMs: 30, timeScale: 0.01 });
  ({ kube, engine } = stack);
  await writeFile(join(kube.home, 'table.yaml'), TABLE_YAML);
});
test.after(async () => {
  await stack?.close();
});

const kubectl = (script: string) => sh(script, kube.kubectlEnv, { cwd: kube.home, timeoutMs: 200_000 });
const describeTable = async () =>
  (
    (await engine.dispatch('DescribeTable', { TableName: 'orders-with-stream' }, engine.contextFor(target))) as {
      Table: Record<string, any>;
    }
  ).Table;
const streamStatus = async (arn: string) =>
  (
    (await engine.dispatch('DynamoDBStreams.DescribeStream', { StreamArn: arn }, engine.contextFor(target))) as {
      StreamDescription: { StreamStatus: string };
    }
  ).StreamDescription.StreamStatus;

test('kubectl apply of a Table with a stream: kubectl shows its ARN and label from status', async () => {
  if (haveKubectl) {
    const applied = await kubectl('kubectl apply -f table.yaml');
    assert.is(applied.code, 0, applied.stderr);
  } else {
    skipLoudly('kubectl shows the stream ARN', 'kubectl not on PATH (the Table is created through the API)');
    const { parse } = await import('yaml');
    await kube.server.client.create(TABLES, 'carts', parse(TABLE_YAML));
  }
  await waitForCondition(kube.server.client, TABLES, 'carts', 'orders', 'ACK.ResourceSynced', 'True');
  const table = await describeTable();
  assert.equal(table.StreamSpecification, { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' });
  const cr = await kube.server.client.get(TABLES, 'carts', 'orders');
  assert.is((cr.status as any).latestStreamARN, table.LatestStreamArn);
  assert.is((cr.status as any).latestStreamLabel, table.LatestStreamLabel);
  if (!haveKubectl) return;
  const shown = await kubectl(
    "kubectl get table orders -n carts -o jsonpath='{.status.latestStreamARN} {.status.latestStreamLabel}'",
  );
  assert.is(shown.code, 0, shown.stderr);
  assert.is(shown.stdout, `${table.LatestStreamArn} ${table.LatestStreamLabel}`);
  assert.match(shown.stdout, /^arn:aws:dynamodb:us-west-2:000000000000:table\/orders-with-stream\/stream\/\d{4}-/);
});

test('a view type change disables the stream, then enables a new one with the new view type', async () => {
  const before = (await describeTable()).LatestStreamArn as string;
  await kube.server.client.patch(TABLES, 'carts', 'orders', 'merge', {
    spec: { streamSpecification: { streamEnabled: true, streamViewType: 'NEW_AND_OLD_IMAGES' } },
  });
  const cr = await eventually('the new stream in status', async () => {
    const obj = await kube.server.client.get(TABLES, 'carts', 'orders');
    const status = obj.status as any;
    const synced = status.conditions?.find((c: any) => c.type === 'ACK.ResourceSynced')?.status === 'True';
    return synced && status.latestStreamARN !== before ? obj : undefined;
  });
  const table = await describeTable();
  assert.equal(table.StreamSpecification, { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
  assert.is((cr.status as any).latestStreamARN, table.LatestStreamArn);
  assert.is.not(table.LatestStreamArn, before);
  assert.is(await streamStatus(before), 'DISABLED');
  assert.is(await streamStatus(table.LatestStreamArn), 'ENABLED');
});

test('streamEnabled false disables the stream; the table keeps its last stream ARN', async () => {
  const arn = (await describeTable()).LatestStreamArn as string;
  await kube.server.client.patch(TABLES, 'carts', 'orders', 'merge', {
    spec: { streamSpecification: { streamEnabled: false } },
  });
  await eventually(
    'the stream disabled',
    async () => (await describeTable()).StreamSpecification?.StreamEnabled === false,
  );
  await waitForCondition(kube.server.client, TABLES, 'carts', 'orders', 'ACK.ResourceSynced', 'True');
  assert.is(await streamStatus(arn), 'DISABLED');
  assert.is((await describeTable()).LatestStreamArn, arn);
});

test.run();
