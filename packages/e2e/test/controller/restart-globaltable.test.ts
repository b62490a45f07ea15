// Controller restart (reconciles stored state without duplicating anything) and GlobalTable.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ACCOUNT,
  GLOBAL_TABLES,
  REGION,
  TABLES,
  cartsTable,
  condition,
  eventually,
  startEnv,
  waitForCondition,
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

test('restarting the controller reconciles stored state without duplicating tables', async () => {
  await env.kube.create(TABLES, 'carts', cartsTable('one', 'restart-one'));
  await env.kube.create(TABLES, 'carts', cartsTable('two', 'restart-two'));
  await waitForCondition(env.kube, TABLES, 'carts', 'one', 'ACK.ResourceSynced', 'True');
  await waitForCondition(env.kube, TABLES, 'carts', 'two', 'ACK.ResourceSynced', 'True');
  const ids = async () =>
    Promise.all(
      ['restart-one', 'restart-two'].map(
        async (n) => (await env.dynamodb.call('DescribeTable', { TableName: n }, target)).Table.TableId,
      ),
    );
  const before = await ids();
  await env.controller.stop();
  // While the controller is down a third CR arrives and one is edited: both are picked up on start.
  await env.kube.create(TABLES, 'carts', cartsTable('three', 'restart-three'));
  await env.kube.patch(TABLES, 'carts', 'one', 'merge', { spec: { tags: [{ key: 'edited', value: 'offline' }] } });
  const logsBefore = env.logs.length;
  await env.restartController();
  await waitForCondition(env.kube, TABLES, 'carts', 'three', 'ACK.ResourceSynced', 'True');
  await eventually('tag applied', async () => {
    const arn = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/restart-one`;
    const tags = await env.dynamodb.call('ListTagsOfResource', { ResourceArn: arn }, target);
    return tags.Tags.some((t: any) => t.Key === 'edited');
  });
  assert.equal(await ids(), before, 'same tables');
  const created = env.logs.slice(logsBefore).filter((l) => l.includes('created table'));
  assert.equal(created, ['INFO Table carts/three: created table restart-three']);
  const tables = (await env.dynamodb.call('ListTables', {}, target)).TableNames.filter((n: string) =>
    n.startsWith('restart-'),
  );
  assert.equal(tables, ['restart-one', 'restart-three', 'restart-two']);
});

test('a GlobalTable over two stream-enabled replicas in two regions becomes ACTIVE and Synced', async () => {
  const stream = { streamSpecification: { streamEnabled: true, streamViewType: 'NEW_AND_OLD_IMAGES' } };
  const west = cartsTable('gt-west', 'global-carts', stream);
  const east = cartsTable('gt-east', 'global-carts', stream);
  east.metadata.annotations = { 'services.k8s.aws/region': 'us-east-1' };
  await env.kube.create(TABLES, 'carts', west);
  await env.kube.create(TABLES, 'carts', east);
  await waitForCondition(env.kube, TABLES, 'carts', 'gt-west', 'ACK.ResourceSynced', 'True');
  const eastCr = await waitForCondition(env.kube, TABLES, 'carts', 'gt-east', 'ACK.ResourceSynced', 'True');
  assert.equal((eastCr.status as any).ackResourceMetadata.region, 'us-east-1');
  assert.ok((eastCr.status as any).latestStreamARN, 'stream ARN in status');
  await env.kube.create(GLOBAL_TABLES, 'carts', {
    apiVersion: 'dynamodb.services.k8s.aws/v1alpha1',
    kind: 'GlobalTable',
    metadata: { name: 'global-carts', namespace: 'carts' },
    spec: {
      globalTableName: 'global-carts',
      replicationGroup: [{ regionName: 'us-west-2' }, { regionName: 'us-east-1' }],
    },
  });
  const gt = await eventually('GlobalTable synced or terminal', async () => {
    const cr = await env.kube.get(GLOBAL_TABLES, 'carts', 'global-carts');
    return condition(cr, 'ACK.ResourceSynced')?.status === 'True' || condition(cr, 'ACK.Terminal') ? cr : undefined;
  });
  assert.equal(condition(gt, 'ACK.Terminal'), undefined, JSON.stringify((gt.status as any)?.conditions));
  assert.equal((gt.status as any).globalTableStatus, 'ACTIVE');
  assert.equal(gt.metadata.finalizers, ['finalizers.dynamodb.services.k8s.aws/GlobalTable']);
  const described = await env.dynamodb.call('DescribeGlobalTable', { GlobalTableName: 'global-carts' }, target);
  assert.equal(described.GlobalTableDescription.ReplicationGroup.map((r: any) => r.RegionName).sort(), [
    'us-east-1',
    'us-west-2',
  ]);
});

test('deleting the GlobalTable CR dissolves the global table and keeps the regional tables', async () => {
  await env.kube.delete(GLOBAL_TABLES, 'carts', 'global-carts');
  await eventually('GlobalTable CR gone', async () => {
    try {
      await env.kube.get(GLOBAL_TABLES, 'carts', 'global-carts');
      return false;
    } catch (e: any) {
      return e.code === 404;
    }
  });
  try {
    const d = await env.dynamodb.call('DescribeGlobalTable', { GlobalTableName: 'global-carts' }, target);
    assert.equal(d.GlobalTableDescription.ReplicationGroup, []);
  } catch (e: any) {
    assert.equal(e.code, 'GlobalTableNotFoundException');
  }
  assert.equal(
    (await env.dynamodb.call('DescribeTable', { TableName: 'global-carts' }, target)).Table.TableStatus,
    'ACTIVE',
  );
});

test.run();
