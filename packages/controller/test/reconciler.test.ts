// The ACK reconcile loop (runtime/reconciler.ts with the Table manager), one reconcile at a time, against the real
// in-process kube registry and a stateful fake DynamoDB (fake-table-backend.ts): create, update deltas, terminal
// conditions, deletion policy and adoption, with ACK's condition types and texts as the controller emits them
// (runtime/conditions.ts; ACK runtime pkg/condition and pkg/runtime/reconciler.go). No timers: the test decides
// when DynamoDB settles and when the next reconcile runs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKubeApiServer, type KubeApiServer, type KubeObject } from '@ack-local/kube-apiserver';
import { ackCustomResourceDefinitions, gvrOf, TABLE } from '../src/api/resources.js';
import type { Condition } from '../src/api/common.js';
import { tableManager, TABLE_FINALIZER } from '../src/resources/table/manager.js';
import { EventRecorder } from '../src/runtime/events.js';
import { AckReconciler, ReportedError, type DeletionPolicy } from '../src/runtime/reconciler.js';
import { tableBackend, type TableBackend } from './fake-table-backend.js';

const TABLES = gvrOf(TABLE);
const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces' };
const EVENTS = { group: '', version: 'v1', resource: 'events' };
const dirs: string[] = [];
const servers: KubeApiServer[] = [];
test.after(async () => {
  for (const s of servers) await s.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function setup(deletionPolicy: DeletionPolicy = 'delete') {
  const dataDir = mkdtempSync(join(tmpdir(), 'reconciler-'));
  dirs.push(dataDir);
  const kube = await createKubeApiServer({ dataDir, crds: ackCustomResourceDefinitions(), namespaces: ['carts'] });
  servers.push(kube);
  const dynamodb: TableBackend = tableBackend();
  const logs: string[] = [];
  const logger = { info: (m: unknown) => logs.push(String(m)), warn: (m: unknown) => logs.push(String(m)), error() {} };
  const reconciler = new AckReconciler(tableManager, {
    kube: kube.client,
    dynamodb: dynamodb.client,
    region: 'us-west-2',
    accountId: '000000000000',
    deletionPolicy,
    resyncMs: 36_000_000,
    timeScale: 1,
    logger,
    events: new EventRecorder(kube.client),
  });
  const client = kube.client;
  return {
    dynamodb,
    logs,
    client,
    reconcile: (name: string) => reconciler.reconcile('carts', name),
    get: (name: string) => client.get(TABLES, 'carts', name),
    apply: (spec: Record<string, unknown>, name = 'items', metadata: Partial<KubeObject['metadata']> = {}) =>
      client.create(TABLES, 'carts', {
        apiVersion: 'dynamodb.services.k8s.aws/v1alpha1',
        kind: 'Table',
        metadata: { name, ...metadata },
        spec,
      }),
    events: async () =>
      (await client.list(EVENTS, 'carts')).items.map((e) => `${e.type as string} ${e.reason as string}`),
  };
}

const itemsSpec = (extra: Record<string, unknown> = {}) => ({
  tableName: 'items',
  billingMode: 'PAY_PER_REQUEST',
  attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
  keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
  ...extra,
});

/** The conditions without timestamps, as `type=status` plus message/reason where set. */
function conditions(object: KubeObject): Record<string, { status: string; message?: string; reason?: string }> {
  const list = ((object.status as { conditions?: Condition[] } | undefined)?.conditions ?? []) as Condition[];
  return Object.fromEntries(
    list.map((c) => [
      c.type,
      {
        status: c.status,
        ...(c.message !== undefined ? { message: c.message } : {}),
        ...(c.reason !== undefined ? { reason: c.reason } : {}),
      },
    ]),
  );
}

const SYNCED_TRUE = { status: 'True', message: 'Resource synced successfully', reason: '' };

test('create: finalizer first, CreateTable, Recoverable while CREATING (requeue 5s), then Synced once ACTIVE', async () => {
  const k = await setup();
  await k.apply(itemsSpec());
  const first = await k.reconcile('items');
  assert.equal(first, { requeueAfterMs: 5000 }, "ACK's 5s requeue while the table is CREATING");
  assert.equal(k.dynamodb.operations(), ['DescribeTable', 'CreateTable']);
  const creating = await k.get('items');
  assert.equal(creating.metadata.finalizers, [TABLE_FINALIZER]);
  assert.equal(conditions(creating), {
    'ACK.Recoverable': { status: 'True', message: "table in 'CREATING' state, cannot be modified or deleted" },
    'ACK.ResourceSynced': {
      status: 'Unknown',
      message: 'Unable to determine if desired resource state matches latest observed state',
      reason: "table in 'CREATING' state, cannot be modified or deleted",
    },
    Ready: {
      status: 'False',
      message: "table in 'CREATING' state, cannot be modified or deleted",
      reason: 'ACK.Recoverable',
    },
  });
  const status = creating.status as Record<string, any>;
  assert.equal(status.ackResourceMetadata, {
    arn: 'arn:aws:dynamodb:us-west-2:000000000000:table/items',
    ownerAccountID: '000000000000',
    partition: 'aws',
    region: 'us-west-2',
  });
  assert.is(status.tableStatus, 'CREATING');
  const createInput = k.dynamodb.calls.find((c) => c.operation === 'CreateTable')!.input;
  assert.equal(
    createInput.Tags,
    [
      { Key: 'services.k8s.aws/controller-version', Value: 'dynamodb-v1.9.2' },
      { Key: 'services.k8s.aws/namespace', Value: 'carts' },
    ],
    "ACK's system tags go to DynamoDB",
  );
  assert.equal(await k.events(), ['Normal Created']);

  k.dynamodb.settle();
  const second = await k.reconcile('items');
  assert.equal(second, { requeueAfterMs: 36_000_000 }, 'synced: back after the resync period');
  const synced = await k.get('items');
  assert.equal(conditions(synced), { 'ACK.ResourceSynced': SYNCED_TRUE, Ready: { ...SYNCED_TRUE } });
  assert.is((synced.status as Record<string, any>).tableStatus, 'ACTIVE');
  assert.not.ok((synced.spec as Record<string, any>).tags, 'system tags are never written into the spec');
  assert.ok(
    k.logs.some((l) => l === 'Table carts/items: synced; requeue needed after 10h0m0s'),
    'one log line per reconcile outcome',
  );
});

test('update deltas: a changed spec sends UpdateTable, requeues 10s with Synced=Unknown, then syncs', async () => {
  const k = await setup();
  await k.apply(itemsSpec({ tags: [{ key: 'team', value: 'carts' }] }));
  await k.reconcile('items');
  k.dynamodb.settle();
  await k.reconcile('items');
  const before = k.dynamodb.calls.length;
  await k.client.patch(TABLES, 'carts', 'items', 'merge', {
    spec: {
      billingMode: 'PROVISIONED',
      provisionedThroughput: { readCapacityUnits: 5, writeCapacityUnits: 5 },
      tags: [{ key: 'team', value: 'checkout' }],
    },
  });
  const result = await k.reconcile('items');
  const sent = k.dynamodb.calls.slice(before).filter((c) => !c.operation.startsWith('Describe'));
  assert.equal(
    sent.map((c) => c.operation),
    ['ListTagsOfResource', 'GetResourcePolicy', 'TagResource', 'UpdateTable'],
    'tags first, then the billing mode (ACK order)',
  );
  assert.equal(sent.find((c) => c.operation === 'UpdateTable')!.input, {
    TableName: 'items',
    BillingMode: 'PROVISIONED',
    ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
  });
  assert.equal(result, { requeueAfterMs: 10_000 }, "ACK's requeue after update");
  const updating = conditions(await k.get('items'));
  assert.is(updating['ACK.ResourceSynced']!.status, 'Unknown', 'never the old generation True right after a change');
  assert.ok((await k.events()).includes('Normal Updating'));
  k.dynamodb.settle();
  await k.reconcile('items');
  assert.equal(conditions(await k.get('items'))['ACK.ResourceSynced'], SYNCED_TRUE);
  assert.equal(k.dynamodb.tables.get('items')!.ProvisionedThroughput, { ReadCapacityUnits: 5, WriteCapacityUnits: 5 });
});

test('terminal: a ValidationException from CreateTable is ACK.Terminal with the SDK text, and no requeue', async () => {
  const k = await setup();
  await k.apply(itemsSpec());
  const message = 'One or more parameter values were invalid: Missing the key id in the item';
  k.dynamodb.failNext('CreateTable', 'ValidationException', message);
  const result = await k.reconcile('items');
  assert.is(result, undefined, 'terminal: not requeued until the spec changes');
  const object = await k.get('items');
  assert.equal(conditions(object), {
    'ACK.Terminal': { status: 'True', message: `api error ValidationException: ${message}` },
    'ACK.ResourceSynced': {
      status: 'False',
      message: 'Resource not synced',
      reason: 'resource is in terminal condition',
    },
    Ready: { status: 'False', message: `api error ValidationException: ${message}`, reason: 'ACK.Terminal' },
  });
  assert.equal(object.metadata.finalizers, [TABLE_FINALIZER], 'ACK keeps the finalizer on terminal errors');
  assert.ok((await k.events()).includes('Warning Terminal'));
});

test('recoverable: another error from CreateTable drops the finalizer and backs off (rethrown for the queue)', async () => {
  const k = await setup();
  await k.apply(itemsSpec());
  k.dynamodb.failNext('CreateTable', 'LimitExceededException', 'Subscriber limit exceeded');
  const error = await k.reconcile('items').catch((e: unknown) => e);
  assert.instance(error, ReportedError, 'the queue backs off; the outcome is already in status');
  const object = await k.get('items');
  assert.equal(object.metadata.finalizers ?? [], [], 'nothing reached DynamoDB: the CR can go without the controller');
  assert.equal(conditions(object)['ACK.Recoverable'], {
    status: 'True',
    message: 'api error LimitExceededException: Subscriber limit exceeded',
  });
  assert.equal(conditions(object)['ACK.ResourceSynced']!.status, 'Unknown');
});

test('an existing table that is not ours is Terminal "Resource already exists" with the adoption hint', async () => {
  const k = await setup();
  await k.dynamodb.client.call(
    'CreateTable',
    { TableName: 'items', KeySchema: [], AttributeDefinitions: [] },
    {
      region: 'us-west-2',
      accountId: '000000000000',
    },
  );
  await k.apply(itemsSpec());
  assert.is(await k.reconcile('items'), undefined);
  const terminal = conditions(await k.get('items'))['ACK.Terminal']!;
  assert.is(terminal.message, 'Resource already exists');
  assert.match(terminal.reason!, '`services.k8s.aws/adoption-policy` and `services.k8s.aws/adoption-fields`');
  // As in ACK (Sync returns the ReadOne result with the terminal error, and status is patched from it): the status
  // shows the existing table's ARN, but without our finalizer nothing will ever delete that table.
  const status = (await k.get('items')).status as Record<string, any>;
  assert.is(status.ackResourceMetadata.arn, 'arn:aws:dynamodb:us-west-2:000000000000:table/items');
  assert.equal((await k.get('items')).metadata.finalizers ?? [], []);
  assert.not.ok(k.dynamodb.operations().includes('DeleteTable'));
});

test('deletion policy delete: DeleteTable, then the finalizer goes and the CR is gone', async () => {
  const k = await setup('delete');
  await k.apply(itemsSpec());
  await k.reconcile('items');
  k.dynamodb.settle();
  await k.reconcile('items');
  await k.client.delete(TABLES, 'carts', 'items');
  assert.is(await k.reconcile('items'), undefined);
  assert.ok(k.dynamodb.operations().includes('DeleteTable'));
  assert.not.ok(k.dynamodb.tables.has('items'));
  await k.get('items').then(
    () => assert.unreachable('the CR should be gone'),
    (e: { code?: number }) => assert.is(e.code, 404),
  );
  assert.ok((await k.events()).includes('Normal Deleted'));
});

test('deletion policy retain (option, CR annotation or namespace annotation): the table stays', async () => {
  for (const how of ['option', 'annotation', 'namespace'] as const) {
    const k = await setup(how === 'option' ? 'retain' : 'delete');
    if (how === 'namespace')
      await k.client.patch(NAMESPACES, undefined, 'carts', 'merge', {
        metadata: { annotations: { 'dynamodb.services.k8s.aws/deletion-policy': 'retain' } },
      });
    await k.apply(
      itemsSpec(),
      'items',
      how === 'annotation' ? { annotations: { 'services.k8s.aws/deletion-policy': 'retain' } } : {},
    );
    await k.reconcile('items');
    k.dynamodb.settle();
    await k.reconcile('items');
    await k.client.delete(TABLES, 'carts', 'items');
    await k.reconcile('items');
    assert.not.ok(k.dynamodb.operations().includes('DeleteTable'), how);
    assert.ok(k.dynamodb.tables.has('items'), `${how}: the table is retained`);
    assert.ok((await k.events()).includes('Normal Retained'), how);
  }
});

test('deleting a deletion-protected table is Terminal with DynamoDB message; the CR stays', async () => {
  const k = await setup();
  await k.apply(itemsSpec({ deletionProtectionEnabled: true }));
  await k.reconcile('items');
  k.dynamodb.settle();
  await k.reconcile('items');
  await k.client.delete(TABLES, 'carts', 'items');
  assert.is(await k.reconcile('items'), undefined);
  const object = await k.get('items');
  assert.equal(conditions(object)['ACK.Terminal'], {
    status: 'True',
    message:
      'api error ValidationException: Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.',
  });
  assert.equal(object.metadata.finalizers, [TABLE_FINALIZER]);
  assert.ok(k.dynamodb.tables.has('items'));
});

test('adoption: adopt overwrites the spec with what DynamoDB holds; a missing table is Recoverable', async () => {
  const k = await setup();
  await k.dynamodb.client.call(
    'CreateTable',
    {
      TableName: 'legacy',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    },
    { region: 'us-west-2', accountId: '000000000000' },
  );
  k.dynamodb.settle();
  const adopt = (tableName: string) => ({
    annotations: {
      'services.k8s.aws/adoption-policy': 'adopt',
      'services.k8s.aws/adoption-fields': JSON.stringify({ tableName }),
    },
  });
  // The CRD requires a key schema (immutable, so it matches); under `adopt` the rest of the CR's spec is replaced
  // by what DynamoDB holds (here the billing mode).
  const legacyKeys = {
    attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
    keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
  };
  await k.apply(
    {
      tableName: 'legacy',
      ...legacyKeys,
      billingMode: 'PROVISIONED',
      provisionedThroughput: { readCapacityUnits: 1, writeCapacityUnits: 1 },
    },
    'legacy',
    adopt('legacy'),
  );
  await k.reconcile('legacy');
  const adopted = await k.get('legacy');
  assert.is(adopted.metadata.annotations?.['services.k8s.aws/adopted'], 'true');
  assert.equal(adopted.metadata.finalizers, [TABLE_FINALIZER]);
  const spec = adopted.spec as Record<string, any>;
  assert.is(spec.billingMode, 'PAY_PER_REQUEST', 'spec taken from DynamoDB');
  assert.not.ok(spec.provisionedThroughput, 'on-demand zeros are not copied into the spec');
  assert.ok((await k.events()).includes('Normal Adopted'));
  await k.reconcile('legacy');
  assert.equal(conditions(await k.get('legacy'))['ACK.ResourceSynced'], SYNCED_TRUE, 'no delta after adoption');

  await k.apply(itemsSpec({ tableName: 'nowhere' }), 'nowhere', adopt('nowhere'));
  await k.reconcile('nowhere').catch(() => undefined);
  assert.equal(conditions(await k.get('nowhere'))['ACK.Recoverable'], {
    status: 'True',
    message: 'adopted resource not found',
  });
  const creates = k.dynamodb.calls.filter((c) => c.operation === 'CreateTable').map((c) => c.input.TableName);
  assert.equal(creates, ['legacy'], 'adopt never creates');
});

test('adoption: adopt-or-create creates when absent; an unknown policy and a missing field are Terminal', async () => {
  const k = await setup();
  await k.apply(itemsSpec(), 'items', {
    annotations: {
      'services.k8s.aws/adoption-policy': 'adopt-or-create',
      'services.k8s.aws/adoption-fields': JSON.stringify({ tableName: 'items' }),
    },
  });
  await k.reconcile('items');
  assert.ok(k.dynamodb.tables.has('items'), 'created');

  await k.apply(itemsSpec({ tableName: 'other' }), 'other', {
    annotations: { 'services.k8s.aws/adoption-policy': 'take-it' },
  });
  await k.reconcile('other');
  assert.equal(conditions(await k.get('other'))['ACK.Terminal'], {
    status: 'True',
    message: 'unrecognized adoption policy take-it. Supported policies are "adopt" and "adopt-or-create"',
  });

  // `adopt` takes the identifiers from adoption-fields only (adopt-or-create may fall back to the spec)
  await k.apply(itemsSpec({ tableName: 'nameless' }), 'nameless', {
    annotations: { 'services.k8s.aws/adoption-policy': 'adopt' },
  });
  await k.reconcile('nameless');
  assert.equal(conditions(await k.get('nameless'))['ACK.Terminal'], {
    status: 'True',
    message: 'required field missing: tableName',
  });
});

test.run();
