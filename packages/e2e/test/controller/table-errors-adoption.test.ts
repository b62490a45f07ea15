// Terminal errors and their fixes, the renamed-table guard, and retain → re-adopt (the blue/green pattern).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ACCOUNT,
  NAMESPACES,
  REGION,
  TABLES,
  cartsTable,
  condition,
  eventually,
  startEnv,
  waitForCondition,
  waitForResync,
  type Env,
} from './harness.js';

let env: Env;
const target = { region: REGION, accountId: ACCOUNT };
const describe = (name: string) => env.dynamodb.call('DescribeTable', { TableName: name }, target);
const gone = async (name: string) => {
  try {
    await env.kube.get(TABLES, 'carts', name);
    return false;
  } catch (e: any) {
    return e.code === 404;
  }
};
test.before(async () => {
  env = await startEnv();
});
test.after(async () => {
  await env?.close();
});

test("keySchema naming an undefined attribute is Terminal with DynamoDB's message, Synced/Ready False, finalizer kept", async () => {
  const bad = cartsTable('broken', 'broken-table');
  (bad.spec as any).keySchema = [{ attributeName: 'nope', keyType: 'HASH' }];
  delete (bad.spec as any).globalSecondaryIndexes;
  (bad.spec as any).attributeDefinitions = [{ attributeName: 'id', attributeType: 'S' }];
  await env.kube.create(TABLES, 'carts', bad);
  const cr = await waitForCondition(env.kube, TABLES, 'carts', 'broken', 'ACK.Terminal', 'True');
  const terminal = condition(cr, 'ACK.Terminal')!;
  assert.match(
    terminal.message!,
    /^api error ValidationException: One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions/,
  );
  assert.equal(condition(cr, 'ACK.ResourceSynced'), {
    ...condition(cr, 'ACK.ResourceSynced')!,
    status: 'False',
    message: 'Resource not synced',
    reason: 'resource is in terminal condition',
  });
  assert.equal(condition(cr, 'Ready')?.status, 'False');
  assert.equal(condition(cr, 'Ready')?.reason, 'ACK.Terminal');
  assert.equal(condition(cr, 'Ready')?.message, terminal.message);
  assert.equal((cr.status as any).tableStatus, undefined);
  assert.equal(cr.metadata.finalizers, ['finalizers.dynamodb.services.k8s.aws/Table']);
  const warnings = (await env.kube.list({ group: '', version: 'v1', resource: 'events' }, 'carts')).items.filter(
    (e: any) => e.involvedObject?.name === 'broken' && e.type === 'Warning',
  );
  assert.ok(warnings.some((e: any) => e.reason === 'Terminal'));
});

test('a terminal resource is not retried until its spec changes; fixing the spec creates the table', async () => {
  const before = env.logs.filter((l) => l.includes('carts/broken')).length;
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(env.logs.filter((l) => l.includes('carts/broken')).length, before, 'no retries while terminal');
  // keySchema is immutable once set (CEL), so the fix goes through attributeDefinitions.
  await env.kube.patch(TABLES, 'carts', 'broken', 'merge', {
    spec: { attributeDefinitions: [{ attributeName: 'nope', attributeType: 'S' }] },
  });
  const fixed = await waitForCondition(env.kube, TABLES, 'carts', 'broken', 'ACK.ResourceSynced', 'True');
  assert.equal(condition(fixed, 'ACK.Terminal'), undefined, 'conditions describe only the latest reconcile');
  assert.equal((await describe('broken-table')).Table.TableStatus, 'ACTIVE');
});

test('an update DynamoDB rejects is Terminal with its message (not retried forever as in ACK #3006)', async () => {
  await env.kube.patch(TABLES, 'carts', 'broken', 'merge', { spec: { billingMode: 'PROVISIONED' } });
  const cr = await waitForCondition(env.kube, TABLES, 'carts', 'broken', 'ACK.Terminal', 'True');
  assert.match(condition(cr, 'ACK.Terminal')!.message!, /^api error ValidationException: /);
  await env.kube.patch(TABLES, 'carts', 'broken', 'merge', {
    spec: { billingMode: 'PROVISIONED', provisionedThroughput: { readCapacityUnits: 5, writeCapacityUnits: 5 } },
  });
  await waitForResync(env.kube, TABLES, 'carts', 'broken');
  const table = (await describe('broken-table')).Table;
  assert.equal(table.ProvisionedThroughput.ReadCapacityUnits, 5);
});

test('changing spec.tableName is Terminal instead of creating a second table and orphaning the first', async () => {
  await env.kube.patch(TABLES, 'carts', 'broken', 'merge', { spec: { tableName: 'renamed-table' } });
  const cr = await waitForCondition(env.kube, TABLES, 'carts', 'broken', 'ACK.Terminal', 'True');
  assert.match(
    condition(cr, 'ACK.Terminal')!.message!,
    /spec.tableName changed from "broken-table" to "renamed-table"/,
  );
  try {
    await describe('renamed-table');
    assert.unreachable('no second table');
  } catch (e: any) {
    assert.equal(e.code, 'ResourceNotFoundException');
  }
  await env.kube.patch(TABLES, 'carts', 'broken', 'merge', { spec: { tableName: 'broken-table' } });
  await waitForCondition(env.kube, TABLES, 'carts', 'broken', 'ACK.ResourceSynced', 'True');
});

test('deletion-policy retain keeps the table; a new CR for it is Terminal until adopted with adoption annotations', async () => {
  await env.kube.create(TABLES, 'carts', cartsTable('blue', 'shared-carts'));
  await waitForCondition(env.kube, TABLES, 'carts', 'blue', 'ACK.ResourceSynced', 'True');
  await env.kube.patch(TABLES, 'carts', 'blue', 'merge', {
    metadata: { annotations: { 'services.k8s.aws/deletion-policy': 'retain' } },
  });
  await env.kube.delete(TABLES, 'carts', 'blue');
  await eventually('blue CR gone', () => gone('blue'));
  assert.equal((await describe('shared-carts')).Table.TableStatus, 'ACTIVE', 'table retained');

  await env.kube.create(TABLES, 'carts', cartsTable('green', 'shared-carts'));
  const unmanaged = await waitForCondition(env.kube, TABLES, 'carts', 'green', 'ACK.Terminal', 'True');
  assert.equal(condition(unmanaged, 'ACK.Terminal')!.message, 'Resource already exists');
  assert.match(
    condition(unmanaged, 'ACK.Terminal')!.reason!,
    /^This resource already exists but is not managed by ACK/,
  );
  assert.match(condition(unmanaged, 'ACK.Terminal')!.reason!, /services.k8s.aws\/adoption-policy/);
  await env.kube.delete(TABLES, 'carts', 'green');
  await eventually('green CR gone', () => gone('green'));

  const adopting = cartsTable('green', 'placeholder');
  adopting.metadata.annotations = {
    'services.k8s.aws/adoption-policy': 'adopt',
    'services.k8s.aws/adoption-fields': JSON.stringify({ tableName: 'shared-carts' }),
  };
  adopting.spec = {
    tableName: 'placeholder',
    keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
    attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
  };
  await env.kube.create(TABLES, 'carts', adopting);
  const adopted = await eventually('adopted and Synced', async () => {
    const cr = await env.kube.get(TABLES, 'carts', 'green');
    return cr.metadata.annotations?.['services.k8s.aws/adopted'] === 'true' &&
      condition(cr, 'ACK.ResourceSynced')?.status === 'True'
      ? cr
      : undefined;
  });
  assert.equal(adopted.metadata.finalizers, ['finalizers.dynamodb.services.k8s.aws/Table']);
  const spec = adopted.spec as any;
  assert.equal(spec.tableName, 'shared-carts', 'spec filled from AWS');
  assert.equal(spec.globalSecondaryIndexes[0].indexName, 'idx_global_customerId');
  assert.equal(spec.billingMode, 'PAY_PER_REQUEST');
  assert.equal(spec.provisionedThroughput, undefined, 'no {0,0} throughput copied from an on-demand table');
  assert.equal(spec.globalSecondaryIndexes[0].provisionedThroughput, undefined);
  assert.equal(spec.tags, undefined, 'controller tags stay out of the spec');
  const tables = await env.dynamodb.call('ListTables', {}, target);
  assert.equal(
    tables.TableNames.filter((n: string) => n === 'shared-carts' || n === 'placeholder'),
    ['shared-carts'],
  );
});

test('adoption of a missing table stays Recoverable; a bad adoption policy is Terminal', async () => {
  const missing = cartsTable('ghost', 'x');
  missing.metadata.annotations = {
    'services.k8s.aws/adoption-policy': 'adopt',
    'services.k8s.aws/adoption-fields': '{"tableName":"no-such-table"}',
  };
  await env.kube.create(TABLES, 'carts', missing);
  const cr = await waitForCondition(env.kube, TABLES, 'carts', 'ghost', 'ACK.Recoverable', 'True');
  assert.equal(condition(cr, 'ACK.Recoverable')!.message, 'adopted resource not found');
  // Retries with backoff repeat the same Warning: folded into one Event whose count grows, as client-go does.
  const folded = await eventually('event folded', async () => {
    const events = (await env.kube.list({ group: '', version: 'v1', resource: 'events' }, 'carts')).items.filter(
      (e: any) => e.involvedObject?.name === 'ghost' && e.reason === 'ReconcileError',
    );
    return events.length === 1 && (events[0] as any).count >= 2 ? events[0] : undefined;
  });
  assert.equal((folded as any).type, 'Warning');
  assert.equal((folded as any).message, 'adopted resource not found');
  assert.ok((folded as any).lastTimestamp >= (folded as any).firstTimestamp);
  const weird = cartsTable('weird', 'y');
  weird.metadata.annotations = {
    'services.k8s.aws/adoption-policy': 'steal',
    'services.k8s.aws/adoption-fields': '{"tableName":"y"}',
  };
  await env.kube.create(TABLES, 'carts', weird);
  const t = await waitForCondition(env.kube, TABLES, 'carts', 'weird', 'ACK.Terminal', 'True');
  assert.equal(
    condition(t, 'ACK.Terminal')!.message,
    'unrecognized adoption policy steal. Supported policies are "adopt" and "adopt-or-create"',
  );
  const noFields = cartsTable('nofields', 'z');
  noFields.metadata.annotations = { 'services.k8s.aws/adoption-policy': 'adopt' };
  await env.kube.create(TABLES, 'carts', noFields);
  const n = await waitForCondition(env.kube, TABLES, 'carts', 'nofields', 'ACK.Terminal', 'True');
  assert.equal(condition(n, 'ACK.Terminal')!.message, 'required field missing: tableName');
});

test('adopt-or-create adopts an existing table under the adoption-fields name, keeping the CR spec', async () => {
  const cr = cartsTable('aoc-existing', 'placeholder-name', { tags: [{ key: 'owner', value: 'green-cluster' }] });
  cr.metadata.annotations = {
    'services.k8s.aws/adoption-policy': 'adopt-or-create',
    'services.k8s.aws/adoption-fields': '{"tableName":"shared-carts"}',
  };
  await env.kube.create(TABLES, 'carts', cr);
  const synced = await eventually('adopted, spec names the table, tags applied', async () => {
    const now = await env.kube.get(TABLES, 'carts', 'aoc-existing');
    return (now.spec as any).tableName === 'shared-carts' && condition(now, 'ACK.ResourceSynced')?.status === 'True'
      ? now
      : undefined;
  });
  assert.equal(synced.metadata.annotations?.['services.k8s.aws/adopted'], 'true');
  const tags = await env.dynamodb.call(
    'ListTagsOfResource',
    { ResourceArn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/shared-carts` },
    target,
  );
  assert.ok(
    tags.Tags.some((t: any) => t.Key === 'owner' && t.Value === 'green-cluster'),
    'the CR spec is applied to the adopted table',
  );
  const names = (await env.dynamodb.call('ListTables', {}, target)).TableNames;
  assert.not.ok(names.includes('placeholder-name'));
  // Hand the table back: retain, so the blue/green tests below still find it.
  await env.kube.patch(TABLES, 'carts', 'aoc-existing', 'merge', {
    metadata: { annotations: { 'services.k8s.aws/deletion-policy': 'retain' } },
  });
  await env.kube.delete(TABLES, 'carts', 'aoc-existing');
  await eventually('aoc-existing gone', () => gone('aoc-existing'));
});

test('adopt-or-create creates a missing table', async () => {
  const cr = cartsTable('aoc', 'adopt-or-create-table');
  cr.metadata.annotations = {
    'services.k8s.aws/adoption-policy': 'adopt-or-create',
    'services.k8s.aws/adoption-fields': '{"tableName":"adopt-or-create-table"}',
  };
  await env.kube.create(TABLES, 'carts', cr);
  await waitForCondition(env.kube, TABLES, 'carts', 'aoc', 'ACK.ResourceSynced', 'True');
  assert.equal((await describe('adopt-or-create-table')).Table.TableStatus, 'ACTIVE');
});

test('namespace annotations choose the deletion policy and the region', async () => {
  await env.kube.create(NAMESPACES, undefined, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: 'eu',
      annotations: {
        'services.k8s.aws/default-region': 'eu-west-1',
        'dynamodb.services.k8s.aws/deletion-policy': 'retain',
      },
    },
  });
  const cr = cartsTable('eu-items', 'eu-carts');
  cr.metadata.namespace = 'eu';
  await env.kube.create(TABLES, 'eu', cr);
  const synced = await waitForCondition(env.kube, TABLES, 'eu', 'eu-items', 'ACK.ResourceSynced', 'True');
  assert.equal((synced.status as any).ackResourceMetadata.region, 'eu-west-1');
  assert.equal(
    (await env.dynamodb.call('DescribeTable', { TableName: 'eu-carts' }, { region: 'eu-west-1', accountId: ACCOUNT }))
      .Table.TableStatus,
    'ACTIVE',
  );
  await env.kube.delete(TABLES, 'eu', 'eu-items');
  await eventually('CR gone', async () => {
    try {
      await env.kube.get(TABLES, 'eu', 'eu-items');
      return false;
    } catch (e: any) {
      return e.code === 404;
    }
  });
  assert.equal(
    (await env.dynamodb.call('DescribeTable', { TableName: 'eu-carts' }, { region: 'eu-west-1', accountId: ACCOUNT }))
      .Table.TableStatus,
    'ACTIVE',
    'retained',
  );
});

test('a region annotation that contradicts the recorded region is refused without touching status', async () => {
  const before = await env.kube.get(TABLES, 'carts', 'aoc');
  await env.kube.patch(TABLES, 'carts', 'aoc', 'merge', {
    metadata: { annotations: { 'services.k8s.aws/region': 'ap-south-1' } },
    spec: { tags: [{ key: 'a', value: 'b' }] },
  });
  await eventually('refusal logged', async () =>
    env.logs.some((l) =>
      l.includes('Resource already exists in region us-west-2, but the desired state specifies region ap-south-1.'),
    ),
  );
  const after = await env.kube.get(TABLES, 'carts', 'aoc');
  assert.equal(after.status, before.status);
  // Deletion still works, against the recorded region.
  await env.kube.delete(TABLES, 'carts', 'aoc');
  await eventually('aoc gone', () => gone('aoc'));
  await eventually('table deleted in us-west-2', async () => {
    try {
      await describe('adopt-or-create-table');
      return false;
    } catch (e: any) {
      return e.code === 'ResourceNotFoundException';
    }
  });
});

test('namespace owner-account-id puts the table in that account; read-only CRs only observe', async () => {
  await env.kube.create(NAMESPACES, undefined, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'team-b', annotations: { 'services.k8s.aws/owner-account-id': '111122223333' } },
  });
  const cr = cartsTable('b-items', 'team-b-carts');
  cr.metadata.namespace = 'team-b';
  await env.kube.create(TABLES, 'team-b', cr);
  const synced = await waitForCondition(env.kube, TABLES, 'team-b', 'b-items', 'ACK.ResourceSynced', 'True');
  assert.equal((synced.status as any).ackResourceMetadata.ownerAccountID, '111122223333');
  assert.equal(
    (synced.status as any).ackResourceMetadata.arn,
    'arn:aws:dynamodb:us-west-2:111122223333:table/team-b-carts',
  );
  const other = await env.dynamodb.call(
    'DescribeTable',
    { TableName: 'team-b-carts' },
    { region: REGION, accountId: '111122223333' },
  );
  assert.equal(other.Table.TableStatus, 'ACTIVE');

  const watcher = cartsTable('observer', 'shared-carts', { billingMode: 'PROVISIONED' });
  watcher.metadata.annotations = { 'services.k8s.aws/read-only': 'true' };
  await env.kube.create(TABLES, 'carts', watcher);
  const observed = await waitForCondition(env.kube, TABLES, 'carts', 'observer', 'ACK.ResourceSynced', 'True');
  assert.equal((observed.status as any).tableStatus, 'ACTIVE');
  assert.equal(observed.metadata.finalizers ?? [], []);
  assert.equal(
    (await describe('shared-carts')).Table.BillingModeSummary.BillingMode,
    'PAY_PER_REQUEST',
    'read-only never updates',
  );
  await env.kube.delete(TABLES, 'carts', 'observer');
  await eventually('observer gone', () => gone('observer'));
  assert.equal((await describe('shared-carts')).Table.TableStatus, 'ACTIVE', 'read-only never deletes');
});

test('keySchema and localSecondaryIndexes are immutable once set (CEL from our CRD, enforced by the apiserver)', async () => {
  try {
    await env.kube.patch(TABLES, 'carts', 'broken', 'merge', {
      spec: { keySchema: [{ attributeName: 'id', keyType: 'HASH' }] },
    });
    assert.unreachable('keySchema change rejected');
  } catch (e: any) {
    assert.equal(e.code, 422);
    assert.match(e.message, /Value is immutable once set/);
  }
});

test('an unresolvable kmsMasterKeyRef shows ACK.ReferencesResolved False and nothing is created', async () => {
  await env.kube.create(
    TABLES,
    'carts',
    cartsTable('kms', 'kms-table', {
      sseSpecification: { enabled: true, sseType: 'KMS', kmsMasterKeyRef: { from: { name: 'my-key' } } },
    }),
  );
  const cr = await waitForCondition(env.kube, TABLES, 'carts', 'kms', 'ACK.ReferencesResolved', 'False');
  const refs = condition(cr, 'ACK.ReferencesResolved')!;
  assert.equal(refs.message, 'Reference resolution failed');
  assert.equal(refs.reason, 'resource reference not found: Key carts/my-key');
  assert.equal(condition(cr, 'ACK.Recoverable')?.message, 'resource reference not found: Key carts/my-key');
  assert.equal(condition(cr, 'ACK.ResourceSynced')?.status, 'Unknown');
  try {
    await describe('kms-table');
    assert.unreachable('not created');
  } catch (e: any) {
    assert.equal(e.code, 'ResourceNotFoundException');
  }
});

test.run();
