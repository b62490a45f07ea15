// Backup and FieldExport (and GlobalTable where the engine supports it) through the controller.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ACCOUNT,
  BACKUPS,
  CONFIGMAPS,
  FIELD_EXPORTS,
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
  await env.kube.create(TABLES, 'carts', cartsTable('items', 'carts-fastpath'));
  await waitForCondition(env.kube, TABLES, 'carts', 'items', 'ACK.ResourceSynced', 'True');
});
test.after(async () => {
  await env?.close();
});

test('a Backup CR produces an AVAILABLE backup with its ARN, status and Synced True', async () => {
  await env.kube.create(BACKUPS, 'carts', {
    apiVersion: 'dynamodb.services.k8s.aws/v1alpha1',
    kind: 'Backup',
    metadata: { name: 'nightly', namespace: 'carts' },
    spec: { backupName: 'nightly-1', tableName: 'carts-fastpath' },
  });
  const cr = await waitForCondition(env.kube, BACKUPS, 'carts', 'nightly', 'ACK.ResourceSynced', 'True');
  const status = cr.status as any;
  assert.equal(status.backupStatus, 'AVAILABLE');
  assert.equal(status.backupType, 'USER');
  assert.match(
    status.ackResourceMetadata.arn,
    /^arn:aws:dynamodb:us-west-2:000000000000:table\/carts-fastpath\/backup\//,
  );
  assert.equal(cr.metadata.finalizers, ['finalizers.dynamodb.services.k8s.aws/Backup']);
  const listed = await env.dynamodb.call('ListBackups', { TableName: 'carts-fastpath' }, target);
  assert.equal(
    listed.BackupSummaries.map((b: any) => b.BackupArn),
    [status.ackResourceMetadata.arn],
  );
});

test('changing a Backup spec is Terminal "not implemented"', async () => {
  await env.kube.patch(BACKUPS, 'carts', 'nightly', 'merge', { spec: { backupName: 'nightly-2' } });
  const cr = await waitForCondition(env.kube, BACKUPS, 'carts', 'nightly', 'ACK.Terminal', 'True');
  assert.equal(condition(cr, 'ACK.Terminal')!.message, 'not implemented');
  await env.kube.patch(BACKUPS, 'carts', 'nightly', 'merge', { spec: { backupName: 'nightly-1' } });
  await waitForCondition(env.kube, BACKUPS, 'carts', 'nightly', 'ACK.ResourceSynced', 'True');
});

test('deleting the Backup CR deletes the backup', async () => {
  const arn = ((await env.kube.get(BACKUPS, 'carts', 'nightly')).status as any).ackResourceMetadata.arn;
  await env.kube.delete(BACKUPS, 'carts', 'nightly');
  await eventually('Backup CR gone', async () => {
    try {
      await env.kube.get(BACKUPS, 'carts', 'nightly');
      return false;
    } catch (e: any) {
      return e.code === 404;
    }
  });
  try {
    const d = await env.dynamodb.call('DescribeBackup', { BackupArn: arn }, target);
    assert.equal(d.BackupDescription.BackupDetails.BackupStatus, 'DELETED');
  } catch (e: any) {
    assert.equal(e.code, 'BackupNotFoundException');
  }
});

test('a FieldExport copies the table name into a ConfigMap under the default key', async () => {
  await env.kube.create(FIELD_EXPORTS, 'carts', {
    apiVersion: 'services.k8s.aws/v1alpha1',
    kind: 'FieldExport',
    metadata: { name: 'carts-table-name', namespace: 'carts' },
    spec: {
      from: { path: '.spec.tableName', resource: { group: 'dynamodb.services.k8s.aws', kind: 'Table', name: 'items' } },
      to: { kind: 'configmap', name: 'carts-ack' },
    },
  });
  const cm = await eventually('ConfigMap written', async () => {
    try {
      return await env.kube.get(CONFIGMAPS, 'carts', 'carts-ack');
    } catch {
      return undefined;
    }
  });
  assert.equal((cm.data as any)['carts.carts-table-name'], 'carts-fastpath');
  const fe = await waitForCondition(env.kube, FIELD_EXPORTS, 'carts', 'carts-table-name', 'ACK.ResourceSynced', 'True');
  assert.equal(fe.metadata.finalizers, ['finalizers.services.k8s.aws/FieldExport']);
});

test('a FieldExport of .status.tableStatus into an existing ConfigMap key follows the table', async () => {
  await env.kube.create(CONFIGMAPS, 'carts', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'carts', namespace: 'carts' },
    data: { RETAIL_CART_PERSISTENCE_PROVIDER: 'dynamodb' },
  });
  await env.kube.create(FIELD_EXPORTS, 'carts', {
    apiVersion: 'services.k8s.aws/v1alpha1',
    kind: 'FieldExport',
    metadata: { name: 'status', namespace: 'carts' },
    spec: {
      from: {
        path: '.status.tableStatus',
        resource: { group: 'dynamodb.services.k8s.aws', kind: 'Table', name: 'items' },
      },
      to: { kind: 'configmap', name: 'carts', key: 'TABLE_STATUS' },
    },
  });
  const cm = await eventually('key written', async () => {
    const c = await env.kube.get(CONFIGMAPS, 'carts', 'carts');
    return (c.data as any).TABLE_STATUS ? c : undefined;
  });
  assert.equal(cm.data, { RETAIL_CART_PERSISTENCE_PROVIDER: 'dynamodb', TABLE_STATUS: 'ACTIVE' });
});

test('a FieldExport into a Secret stores base64; a missing source is Recoverable', async () => {
  await env.kube.create(FIELD_EXPORTS, 'carts', {
    apiVersion: 'services.k8s.aws/v1alpha1',
    kind: 'FieldExport',
    metadata: { name: 'arn', namespace: 'carts' },
    spec: {
      from: {
        path: '.status.ackResourceMetadata.arn',
        resource: { group: 'dynamodb.services.k8s.aws', kind: 'Table', name: 'items' },
      },
      to: { kind: 'secret', name: 'carts-secret' },
    },
  });
  const secret = await eventually('Secret written', async () => {
    try {
      return await env.kube.get({ group: '', version: 'v1', resource: 'secrets' }, 'carts', 'carts-secret');
    } catch {
      return undefined;
    }
  });
  assert.equal(
    Buffer.from((secret.data as any)['carts.arn'], 'base64').toString(),
    'arn:aws:dynamodb:us-west-2:000000000000:table/carts-fastpath',
  );
  await env.kube.create(FIELD_EXPORTS, 'carts', {
    apiVersion: 'services.k8s.aws/v1alpha1',
    kind: 'FieldExport',
    metadata: { name: 'dangling', namespace: 'carts' },
    spec: {
      from: { path: '.spec.tableName', resource: { group: 'dynamodb.services.k8s.aws', kind: 'Table', name: 'nope' } },
      to: { kind: 'configmap', name: 'x' },
    },
  });
  const fe = await waitForCondition(env.kube, FIELD_EXPORTS, 'carts', 'dangling', 'ACK.Recoverable', 'True');
  assert.equal(condition(fe, 'ACK.Recoverable')!.message, 'Table carts/nope not found');
});

test.run();
