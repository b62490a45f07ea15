// Table CR lifecycle against the real kube-apiserver and the real DynamoDB engine: create, GSI add/remove,
// a spec change observed the way `kubectl wait` sees it, events, and deletion with the default policy.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ACCOUNT,
  EVENTS,
  REGION,
  TABLES,
  cartsTable,
  condition,
  conditionMet,
  eventually,
  startEnv,
  waitForCondition,
  waitForResync,
  type Env,
} from './harness.js';

let env: Env;
const target = { region: REGION, accountId: ACCOUNT };
test.before(async () => {
  env = await startEnv();
});
test.after(async () => {
  await env?.close();
});

test('a Table CR becomes an ACTIVE DynamoDB table with Synced and Ready True and the finalizer', async () => {
  await env.kube.create(TABLES, 'carts', cartsTable('items', 'eks-workshop-carts'));
  const cr = await waitForCondition(env.kube, TABLES, 'carts', 'items', 'ACK.ResourceSynced', 'True');
  const status = cr.status as any;
  assert.equal(status.tableStatus, 'ACTIVE');
  assert.equal(status.ackResourceMetadata, {
    arn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/eks-workshop-carts`,
    ownerAccountID: ACCOUNT,
    partition: 'aws',
    region: REGION,
  });
  assert.equal(condition(cr, 'Ready'), { ...condition(cr, 'ACK.ResourceSynced')!, type: 'Ready' });
  assert.equal(condition(cr, 'ACK.ResourceSynced')?.message, 'Resource synced successfully');
  assert.equal(condition(cr, 'ACK.ResourceSynced')?.reason, '');
  assert.equal(cr.metadata.finalizers, ['finalizers.dynamodb.services.k8s.aws/Table']);
  assert.equal(status.itemCount, 0);
  assert.equal(status.tableSizeBytes, 0);
  assert.match(status.creationDateTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(status.globalSecondaryIndexesDescriptions[0].indexName, 'idx_global_customerId');
  assert.equal(status.globalSecondaryIndexesDescriptions[0].indexStatus, 'ACTIVE');
  assert.equal(
    status.globalSecondaryIndexesDescriptions[0].indexARN,
    `${status.ackResourceMetadata.arn}/index/idx_global_customerId`,
  );
  const described = await env.dynamodb.call('DescribeTable', { TableName: 'eks-workshop-carts' }, target);
  assert.equal(described.Table.TableStatus, 'ACTIVE');
  assert.equal(described.Table.TableId, status.tableID);
  assert.equal(described.Table.BillingModeSummary.BillingMode, 'PAY_PER_REQUEST');
});

test('the controller tags the table with its version and namespace but keeps them out of the spec', async () => {
  const arn = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/eks-workshop-carts`;
  const tags = await env.dynamodb.call('ListTagsOfResource', { ResourceArn: arn }, target);
  const keys = (tags.Tags as { Key: string; Value: string }[]).map((t) => `${t.Key}=${t.Value}`).sort();
  assert.equal(keys, ['services.k8s.aws/controller-version=dynamodb-v1.9.2', 'services.k8s.aws/namespace=carts']);
  const cr = await env.kube.get(TABLES, 'carts', 'items');
  assert.equal((cr.spec as any).tags, undefined);
});

test('Kubernetes events record the creation for kubectl describe', async () => {
  const cr = await env.kube.get(TABLES, 'carts', 'items');
  const events = await env.kube.list(EVENTS, 'carts');
  const mine = events.items.filter((e: any) => e.involvedObject?.uid === cr.metadata.uid);
  const created = mine.find((e: any) => e.reason === 'Created') as any;
  assert.ok(created, 'a Created event');
  assert.equal(created.type, 'Normal');
  assert.equal(created.involvedObject.kind, 'Table');
  assert.equal(created.involvedObject.name, 'items');
  assert.equal(created.involvedObject.apiVersion, 'dynamodb.services.k8s.aws/v1alpha1');
  assert.equal(created.source, { component: 'ack-dynamodb-controller' });
  assert.equal(created.message, 'Created table eks-workshop-carts');
  assert.equal(created.count, 1);
});

test('a status-only write does not trigger a reconcile (GenerationChangedPredicate)', async () => {
  const before = env.logs.length;
  await env.kube.patch(TABLES, 'carts', 'items', 'merge', { metadata: { annotations: { note: 'hello' } } });
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(
    env.logs.slice(before).filter((l) => l.includes('Table carts/items')),
    [],
  );
});

test('adding a GSI through the CR creates it and status converges; kubectl wait is not fooled meanwhile', async () => {
  const cr = await env.kube.get(TABLES, 'carts', 'items');
  const spec = cr.spec as any;
  const updated = await env.kube.patch(TABLES, 'carts', 'items', 'merge', {
    spec: {
      attributeDefinitions: [...spec.attributeDefinitions, { attributeName: 'itemId', attributeType: 'S' }],
      globalSecondaryIndexes: [
        ...spec.globalSecondaryIndexes,
        {
          indexName: 'idx_item',
          keySchema: [{ attributeName: 'itemId', keyType: 'HASH' }],
          projection: { projectionType: 'KEYS_ONLY' },
        },
      ],
    },
  });
  assert.equal(updated.metadata.generation, 2);
  // The first reconcile of generation 2 replaces the previous True with Unknown while DynamoDB builds the index.
  // Every status write is a watch event, so the watch sees each Synced value the controller wrote.
  const seen: string[] = [];
  const stop = env.kube.watch(TABLES, 'carts', { resourceVersion: updated.metadata.resourceVersion }, (event) => {
    if (event.object.metadata.name === 'items')
      seen.push(condition(event.object, 'ACK.ResourceSynced')?.status ?? 'none');
  });
  const done = await eventually('two GSIs ACTIVE and Synced', async () => {
    const now = await env.kube.get(TABLES, 'carts', 'items');
    const gsis = (now.status as any).globalSecondaryIndexesDescriptions ?? [];
    return gsis.length === 2 &&
      gsis.every((g: any) => g.indexStatus === 'ACTIVE') &&
      conditionMet(now, 'ACK.ResourceSynced')
      ? now
      : undefined;
  });
  stop();
  assert.equal(seen[0], 'Unknown', `the first status written for generation 2 is Unknown (saw ${seen})`);
  assert.equal(seen.at(-1), 'True');
  assert.equal(condition(done, 'Ready')?.status, 'True');
  const described = await env.dynamodb.call('DescribeTable', { TableName: 'eks-workshop-carts' }, target);
  assert.equal(described.Table.GlobalSecondaryIndexes.map((g: any) => g.IndexName).sort(), [
    'idx_global_customerId',
    'idx_item',
  ]);
});

test('removing the GSI from the CR deletes it from the table', async () => {
  const cr = await env.kube.get(TABLES, 'carts', 'items');
  const spec = cr.spec as any;
  await env.kube.patch(TABLES, 'carts', 'items', 'merge', {
    spec: {
      attributeDefinitions: spec.attributeDefinitions.filter((a: any) => a.attributeName !== 'itemId'),
      globalSecondaryIndexes: spec.globalSecondaryIndexes.filter((g: any) => g.indexName !== 'idx_item'),
    },
  });
  await eventually('one GSI left and Synced', async () => {
    const now = await env.kube.get(TABLES, 'carts', 'items');
    const gsis = (now.status as any).globalSecondaryIndexesDescriptions ?? [];
    return gsis.length === 1 && conditionMet(now, 'ACK.ResourceSynced') && now.metadata.generation === 3;
  });
  const described = await env.dynamodb.call('DescribeTable', { TableName: 'eks-workshop-carts' }, target);
  assert.equal(
    described.Table.GlobalSecondaryIndexes.map((g: any) => g.IndexName),
    ['idx_global_customerId'],
  );
});

test('settings DescribeTable does not carry (TTL, PITR, tags, deletion protection) are applied and converge', async () => {
  await env.kube.patch(TABLES, 'carts', 'items', 'merge', {
    spec: {
      timeToLive: { attributeName: 'expiresAt', enabled: true },
      continuousBackups: { pointInTimeRecoveryEnabled: true },
      tags: [{ key: 'team', value: 'carts' }],
      deletionProtectionEnabled: true,
    },
  });
  await waitForResync(env.kube, TABLES, 'carts', 'items');
  const ttl = await env.dynamodb.call('DescribeTimeToLive', { TableName: 'eks-workshop-carts' }, target);
  assert.equal(ttl.TimeToLiveDescription.AttributeName, 'expiresAt');
  const pitr = await env.dynamodb.call('DescribeContinuousBackups', { TableName: 'eks-workshop-carts' }, target);
  assert.equal(pitr.ContinuousBackupsDescription.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus, 'ENABLED');
  const described = await env.dynamodb.call('DescribeTable', { TableName: 'eks-workshop-carts' }, target);
  assert.equal(described.Table.DeletionProtectionEnabled, true);
  const tags = await env.dynamodb.call('ListTagsOfResource', { ResourceArn: described.Table.TableArn }, target);
  assert.ok(tags.Tags.some((t: any) => t.Key === 'team' && t.Value === 'carts'));
});

test('stream, table class, contributor insights and SSE changes are applied one by one and converge', async () => {
  await env.kube.patch(TABLES, 'carts', 'items', 'merge', {
    spec: {
      streamSpecification: { streamEnabled: true, streamViewType: 'NEW_AND_OLD_IMAGES' },
      tableClass: 'STANDARD_INFREQUENT_ACCESS',
      contributorInsights: 'ENABLE',
      sseSpecification: { enabled: true, sseType: 'KMS' },
    },
  });
  const cr = await waitForResync(env.kube, TABLES, 'carts', 'items');
  const table = (await env.dynamodb.call('DescribeTable', { TableName: 'eks-workshop-carts' }, target)).Table;
  assert.equal(table.StreamSpecification, { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
  assert.equal(table.TableClassSummary.TableClass, 'STANDARD_INFREQUENT_ACCESS');
  assert.equal(table.SSEDescription.Status, 'ENABLED');
  assert.equal((cr.status as any).latestStreamARN, table.LatestStreamArn);
  const insights = await env.dynamodb.call('DescribeContributorInsights', { TableName: 'eks-workshop-carts' }, target);
  assert.equal(insights.ContributorInsightsStatus, 'ENABLED');
  // Converged for good: no further reconcile is pending and nothing differs.
  const before = env.logs.length;
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(
    env.logs.slice(before).filter((l) => l.includes('updating')),
    [],
  );
});

test("deleting a deletion-protected table is Terminal with DynamoDB's message; turning protection off lets it go", async () => {
  await env.kube.delete(TABLES, 'carts', 'items');
  const stuck = await waitForCondition(env.kube, TABLES, 'carts', 'items', 'ACK.Terminal', 'True');
  assert.match(condition(stuck, 'ACK.Terminal')!.message!, /protected against deletion/);
  // Turning protection off in the CR of the deleting table is honoured before the deletion is retried.
  await env.kube.patch(TABLES, 'carts', 'items', 'merge', { spec: { deletionProtectionEnabled: false } });
  await eventually('CR gone', async () => {
    try {
      await env.kube.get(TABLES, 'carts', 'items');
      return false;
    } catch (e: any) {
      return e.code === 404;
    }
  });
  await eventually('table gone', async () => {
    try {
      await env.dynamodb.call('DescribeTable', { TableName: 'eks-workshop-carts' }, target);
      return false;
    } catch (e: any) {
      return e.code === 'ResourceNotFoundException';
    }
  });
});

test.run();
