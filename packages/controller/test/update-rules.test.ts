// The Table update rules in ACK's order, checked against a recording fake DynamoDB client.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { TableSpec } from '../src/api/table.js';
import { DynamoDBCallError } from '../src/aws/client.js';
import { RequeueAfter, TerminalError } from '../src/runtime/errors.js';
import type { ReconcileContext } from '../src/runtime/resource-manager.js';
import { tableDelta } from '../src/resources/table/delta.js';
import { desiredTags } from '../src/resources/table/manager.js';
import type { TableResource } from '../src/resources/table/read.js';
import { updateTable } from '../src/resources/table/update.js';
import { fakeDynamoDB } from './fake-dynamodb.js';

const object = {
  apiVersion: 'dynamodb.services.k8s.aws/v1alpha1',
  kind: 'Table',
  metadata: { name: 'items', namespace: 'carts' },
};
const gsi = (name: string, hash = 'c') => ({
  indexName: name,
  keySchema: [{ attributeName: hash, keyType: 'HASH' }],
  projection: { projectionType: 'ALL' },
});
const spec = (extra: Partial<TableSpec> = {}): TableSpec => ({
  tableName: 't',
  billingMode: 'PAY_PER_REQUEST',
  keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
  attributeDefinitions: [
    { attributeName: 'id', attributeType: 'S' },
    { attributeName: 'c', attributeType: 'S' },
  ],
  tags: desiredTags({} as TableSpec, 'carts'),
  ...extra,
});
const resource = (s: TableSpec, tableStatus = 'ACTIVE'): TableResource => ({
  object,
  spec: s,
  status: { tableStatus },
  arn: 'arn:aws:dynamodb:us-west-2:000000000000:table/t',
});
const ctx = (client: ReconcileContext['dynamodb']): ReconcileContext => ({
  dynamodb: client,
  target: { region: 'us-west-2', accountId: '000000000000' },
  delay: (s) => s * 1000,
});

async function run(
  desired: TableSpec,
  latest: TableSpec,
  status = 'ACTIVE',
  answer?: Parameters<typeof fakeDynamoDB>[0],
) {
  const fake = fakeDynamoDB(answer);
  const d = resource(desired),
    l = resource(latest, status);
  const result = await updateTable(d, l, tableDelta(desired, latest), ctx(fake.client)).catch((e) => e);
  return { fake, result, ops: fake.calls.map((c) => c.operation) };
}

test('two removed GSIs: one Delete per reconcile, then requeue 10s', async () => {
  const { fake, result } = await run(
    spec({ globalSecondaryIndexes: [] }),
    spec({ globalSecondaryIndexes: [gsi('a'), gsi('b')] }),
  );
  assert.equal(fake.calls.length, 1);
  assert.equal(fake.calls[0]!.input.GlobalSecondaryIndexUpdates, [{ Delete: { IndexName: 'a' } }]);
  assert.instance(result.requeue, RequeueAfter);
  assert.equal(result.requeue.delayMs, 10_000);
  assert.equal(result.requeue.reason, "table in 'UPDATING' state, cannot be modified or deleted");
});

test('an added GSI under PPR: Create with attribute definitions and no provisioned throughput', async () => {
  const { fake } = await run(
    spec({ globalSecondaryIndexes: [gsi('a'), gsi('b')] }),
    spec({ globalSecondaryIndexes: [gsi('a')] }),
  );
  assert.equal(fake.calls.length, 1);
  const input = fake.calls[0]!.input;
  assert.equal(input.AttributeDefinitions, [
    { AttributeName: 'id', AttributeType: 'S' },
    { AttributeName: 'c', AttributeType: 'S' },
  ]);
  assert.equal(input.GlobalSecondaryIndexUpdates, [
    {
      Create: {
        IndexName: 'b',
        KeySchema: [{ AttributeName: 'c', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'ALL' },
      },
    },
  ]);
});

test('an added GSI under PROVISIONED without throughput gets 1/1', async () => {
  const pt = { readCapacityUnits: 5, writeCapacityUnits: 5 };
  const { fake } = await run(
    spec({ billingMode: 'PROVISIONED', provisionedThroughput: pt, globalSecondaryIndexes: [gsi('b')] }),
    spec({ billingMode: 'PROVISIONED', provisionedThroughput: pt, globalSecondaryIndexes: [] }),
  );
  assert.equal(fake.calls[0]!.input.GlobalSecondaryIndexUpdates[0].Create.ProvisionedThroughput, {
    ReadCapacityUnits: 1,
    WriteCapacityUnits: 1,
  });
});

test('removals come before additions (a renamed GSI takes two reconciles)', async () => {
  const { fake } = await run(
    spec({ globalSecondaryIndexes: [gsi('new')] }),
    spec({ globalSecondaryIndexes: [gsi('old')] }),
  );
  assert.equal(
    fake.calls.map((c) => Object.keys(c.input.GlobalSecondaryIndexUpdates[0])[0]),
    ['Delete'],
  );
});

test('tags first (Untag removed, Tag added); tags alone end the update without requeue', async () => {
  const { fake, result } = await run(
    spec({ tags: [...desiredTags({} as TableSpec, 'carts'), { key: 'new', value: '1' }] }),
    spec({ tags: [...desiredTags({} as TableSpec, 'carts'), { key: 'old', value: '1' }] }),
  );
  assert.equal(
    fake.calls.map((c) => c.operation),
    ['UntagResource', 'TagResource'],
  );
  assert.equal(fake.calls[0]!.input, {
    ResourceArn: 'arn:aws:dynamodb:us-west-2:000000000000:table/t',
    TagKeys: ['old'],
  });
  assert.equal(fake.calls[1]!.input.Tags, [{ Key: 'new', Value: '1' }]);
  assert.equal(result.requeue, undefined);
});

test('TTL, then billing/protection in one UpdateTable; PITR and insights wait for the next reconcile', async () => {
  const { fake } = await run(
    spec({
      timeToLive: { attributeName: 'exp', enabled: true },
      deletionProtectionEnabled: true,
      continuousBackups: { pointInTimeRecoveryEnabled: true },
    }),
    spec({ timeToLive: { enabled: false } }),
  );
  assert.equal(
    fake.calls.map((c) => c.operation),
    ['UpdateTimeToLive', 'UpdateTable'],
  );
  assert.equal(fake.calls[0]!.input.TimeToLiveSpecification, { Enabled: true, AttributeName: 'exp' });
  assert.equal(fake.calls[1]!.input, { TableName: 't', DeletionProtectionEnabled: true });
  const next = await run(
    spec({
      deletionProtectionEnabled: true,
      continuousBackups: { pointInTimeRecoveryEnabled: true },
      contributorInsights: 'ENABLE',
    }),
    spec({ deletionProtectionEnabled: true, contributorInsights: 'DISABLED' }),
  );
  assert.equal(next.ops, ['UpdateContinuousBackups', 'UpdateContributorInsights']);
  assert.equal(next.fake.calls[1]!.input.ContributorInsightsAction, 'ENABLE');
});

test('switching PPR → PROVISIONED sends table throughput and Update actions for every GSI', async () => {
  const { fake } = await run(
    spec({
      billingMode: 'PROVISIONED',
      provisionedThroughput: { readCapacityUnits: 3, writeCapacityUnits: 4 },
      globalSecondaryIndexes: [gsi('a')],
    }),
    spec({ globalSecondaryIndexes: [gsi('a')] }),
  );
  assert.equal(fake.calls[0]!.input, {
    TableName: 't',
    BillingMode: 'PROVISIONED',
    ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 4 },
    GlobalSecondaryIndexUpdates: [
      { Update: { IndexName: 'a', ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } } },
    ],
  });
});

test('while UPDATING only tags are touched; CREATING/DELETING wait 5s; ARCHIVED is terminal', async () => {
  const updating = await run(spec({ deletionProtectionEnabled: true }), spec(), 'UPDATING');
  assert.equal(updating.ops, []);
  assert.equal(updating.result.requeue.delayMs, 10_000);
  const creating = await run(spec({ deletionProtectionEnabled: true }), spec(), 'CREATING');
  assert.equal(creating.result.requeue.delayMs, 5_000);
  const archived = await run(spec({ deletionProtectionEnabled: true }), spec(), 'ARCHIVED');
  assert.instance(archived.result, TerminalError);
  assert.equal(archived.result.message, "table is in 'ARCHIVED' status");
});

test('a GSI whose key schema changed is Terminal with advice, not an endless update', async () => {
  const { result, ops } = await run(
    spec({ globalSecondaryIndexes: [gsi('a', 'id')] }),
    spec({ globalSecondaryIndexes: [gsi('a', 'c')] }),
  );
  assert.equal(ops, []);
  assert.instance(result, TerminalError);
  assert.match(result.message, /give the index a new indexName/);
});

test('ValidationException from UpdateTable propagates (Terminal); LimitExceeded on GSI create requeues 10s', async () => {
  const invalid = await run(
    spec({ deletionProtectionEnabled: true }),
    spec(),
    'ACTIVE',
    () => new DynamoDBCallError('ValidationException', 'nope'),
  );
  assert.instance(invalid.result, DynamoDBCallError);
  const limited = await run(
    spec({ globalSecondaryIndexes: [gsi('b')] }),
    spec({ globalSecondaryIndexes: [] }),
    'ACTIVE',
    () => new DynamoDBCallError('LimitExceededException', 'Subscriber limit exceeded'),
  );
  assert.equal(limited.result.requeue.delayMs, 10_000);
  assert.match(limited.result.requeue.reason, /LimitExceededException/);
});

test('stream change: UpdateTable with StreamSpecification; replicas need NEW_AND_OLD_IMAGES', async () => {
  const stream = await run(spec({ streamSpecification: { streamEnabled: true, streamViewType: 'NEW_IMAGE' } }), spec());
  assert.equal(stream.fake.calls[0]!.input, {
    TableName: 't',
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
  });
  const replicas = await run(spec({ tableReplicas: [{ regionName: 'eu-west-1' }] }), spec());
  assert.instance(replicas.result, TerminalError);
  assert.equal(
    replicas.result.message,
    'table must have DynamoDB Streams enabled with StreamViewType set to NEW_AND_OLD_IMAGES for replica updates',
  );
});

test.run();
