import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyPatch, updateManagedFields, LAST_APPLIED } from '../../src/patch/index.js';
import { StatusError } from '../../src/errors.js';
import type { KubeObject } from '../../src/api.js';
import { builtinTypes, tableType } from '../support/types.js';

const now = new Date('2026-01-10T12:00:00Z');
const later = new Date('2026-01-10T12:05:00Z');
const nsType = builtinTypes.find((t) => t.kind === 'Namespace')!;
const cmType = builtinTypes.find((t) => t.kind === 'ConfigMap')!;

const table = (spec: Record<string, unknown>, extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'dynamodb.services.k8s.aws/v1alpha1',
  kind: 'Table',
  metadata: {
    name: 'items',
    namespace: 'carts',
    uid: 'u1',
    resourceVersion: '5',
    generation: 1,
    creationTimestamp: '2026-01-10T11:00:00Z',
    ...extra,
  },
  spec,
});

const statusOf = (fn: () => unknown): StatusError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof StatusError) return err;
    throw err;
  }
  throw new Error('expected a StatusError');
};

// --------------------------------------------------------------- merge / json

test('merge patch: RFC 7386 (null deletes, objects merge, lists replace)', () => {
  const current = table({
    tableName: 'items',
    billingMode: 'PROVISIONED',
    keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
  });
  const out = applyPatch({
    type: tableType(),
    current,
    patchType: 'merge',
    patch: {
      spec: { billingMode: 'PAY_PER_REQUEST', tableName: null, keySchema: [] },
      metadata: { labels: { a: 'b' } },
    },
  });
  assert.equal(out.spec, { billingMode: 'PAY_PER_REQUEST', keySchema: [] });
  assert.equal(out.metadata.labels, { a: 'b' });
  assert.is(out.metadata.uid, 'u1');
  assert.is((current.spec as any).billingMode, 'PROVISIONED', 'input untouched');
});

test('merge patch accepts raw JSON bodies; non-objects are 400', () => {
  const out = applyPatch({
    type: tableType(),
    current: table({}),
    patchType: 'merge',
    patch: Buffer.from('{"spec":{"tableClass":"STANDARD"}}'),
  });
  assert.equal(out.spec, { tableClass: 'STANDARD' });
  assert.is(
    statusOf(() => applyPatch({ type: tableType(), current: table({}), patchType: 'merge', patch: [1] })).code,
    400,
  );
});

test('JSON patch: RFC 6902 ops including test', () => {
  const current = table({ billingMode: 'PROVISIONED', tags: [{ key: 'a', value: '1' }] });
  const out = applyPatch({
    type: tableType(),
    current,
    patchType: 'json',
    patch: [
      { op: 'test', path: '/spec/billingMode', value: 'PROVISIONED' },
      { op: 'replace', path: '/spec/billingMode', value: 'PAY_PER_REQUEST' },
      { op: 'add', path: '/spec/tags/-', value: { key: 'b', value: '2' } },
      { op: 'remove', path: '/spec/tags/0' },
      { op: 'add', path: '/metadata/labels', value: { x: 'y' } },
    ],
  });
  assert.equal(out.spec, { billingMode: 'PAY_PER_REQUEST', tags: [{ key: 'b', value: '2' }] });
  assert.equal(out.metadata.labels, { x: 'y' });
});

test('JSON patch failures: 422 Invalid like the real server; a non-list body is 400', () => {
  const current = table({ billingMode: 'PROVISIONED' });
  const failed = statusOf(() =>
    applyPatch({
      type: tableType(),
      current,
      patchType: 'json',
      patch: [{ op: 'test', path: '/spec/billingMode', value: 'X' }],
    }),
  );
  assert.is(failed.code, 422);
  assert.is(failed.reason, 'Invalid');
  assert.is(failed.message, 'the server rejected our request due to an error in our request');
  assert.is(
    statusOf(() =>
      applyPatch({ type: tableType(), current, patchType: 'json', patch: [{ op: 'remove', path: '/spec/nope' }] }),
    ).code,
    422,
  );
  assert.is(
    statusOf(() => applyPatch({ type: tableType(), current, patchType: 'json', patch: { op: 'add' } })).code,
    400,
  );
});

test('patching an absent object (not apply) is 404', () => {
  const err = statusOf(() =>
    applyPatch({ type: tableType(), current: undefined, patchType: 'merge', patch: { metadata: { name: 'items' } } }),
  );
  assert.is(err.code, 404);
  assert.is(err.message, 'tables.dynamodb.services.k8s.aws "items" not found');
});

// --------------------------------------------------------------- strategic

test('strategic merge on a custom resource: 415 with the real message', () => {
  const err = statusOf(() =>
    applyPatch({ type: tableType(), current: table({}), patchType: 'strategic', patch: { spec: {} } }),
  );
  assert.is(err.code, 415);
  assert.is(err.reason, 'UnsupportedMediaType');
  assert.is(
    err.message,
    'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
  );
});

const ns = (meta: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'carts', ...meta },
  spec: { finalizers: ['kubernetes'] },
  status: { phase: 'Active' },
});

test('strategic merge: finalizers merge as a set, $deleteFromPrimitiveList removes, labels merge and null deletes', () => {
  const current = ns({ finalizers: ['a'], labels: { keep: '1', drop: '2' } });
  const out = applyPatch({
    type: nsType,
    current,
    patchType: 'strategic',
    patch: { metadata: { finalizers: ['b', 'a'], labels: { drop: null, add: '3' } } },
  });
  assert.equal(out.metadata.finalizers, ['a', 'b']);
  assert.equal(out.metadata.labels, { keep: '1', add: '3' });
  const removed = applyPatch({
    type: nsType,
    current: out,
    patchType: 'strategic',
    patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } },
  });
  assert.equal(removed.metadata.finalizers, ['b']);
  assert.equal(removed.spec, { finalizers: ['kubernetes'] }, 'lists without a strategy are left alone unless patched');
});

test('strategic merge: lists without merge strategy are replaced; $setElementOrder orders merged lists', () => {
  const current = ns({ finalizers: ['a', 'b'] });
  const replaced = applyPatch({ type: nsType, current, patchType: 'strategic', patch: { spec: { finalizers: [] } } });
  assert.equal(replaced.spec, { finalizers: [] });
  const ordered = applyPatch({
    type: nsType,
    current,
    patchType: 'strategic',
    patch: { metadata: { '$setElementOrder/finalizers': ['c', 'b', 'a'], finalizers: ['c'] } },
  });
  assert.equal(ordered.metadata.finalizers, ['c', 'b', 'a']);
});

test('strategic merge: ownerReferences merge by uid, $patch delete/replace, $retainKeys', () => {
  const ref = (uid: string, name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', name, uid });
  const current = { ...ns({ ownerReferences: [ref('1', 'one'), ref('2', 'two')] }), data: { a: '1' } } as KubeObject;
  const merged = applyPatch({
    type: nsType,
    current,
    patchType: 'strategic',
    patch: {
      metadata: { ownerReferences: [{ uid: '2', name: 'TWO' }, ref('3', 'three'), { uid: '1', $patch: 'delete' }] },
    },
  });
  assert.equal(
    (merged.metadata.ownerReferences as any[]).map((r) => `${r.uid}:${r.name}`),
    ['2:TWO', '3:three'],
  );
  const replaced = applyPatch({
    type: nsType,
    current,
    patchType: 'strategic',
    patch: { metadata: { ownerReferences: [{ $patch: 'replace' }, ref('9', 'nine')] } },
  });
  assert.equal(
    (replaced.metadata.ownerReferences as any[]).map((r) => r.uid),
    ['9'],
  );
  const cm: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'c', namespace: 'n' },
    data: { a: '1', b: '2' },
  };
  assert.equal(
    applyPatch({ type: cmType, current: cm, patchType: 'strategic', patch: { data: { $patch: 'replace', c: '3' } } })
      .data,
    { c: '3' },
  );
  assert.is(
    applyPatch({ type: cmType, current: cm, patchType: 'strategic', patch: { data: { $patch: 'delete' } } }).data,
    undefined,
  );
  assert.equal(
    applyPatch({
      type: cmType,
      current: cm,
      patchType: 'strategic',
      patch: { data: { $retainKeys: ['b', 'c'], c: '3' } },
    }).data,
    { b: '2', c: '3' },
  );
});

// --------------------------------------------------------------- managedFields (Update)

test('updateManagedFields: a create records every set field, "." on maps the manager created', () => {
  const created = updateManagedFields({
    before: undefined,
    manager: 'kubectl-client-side-apply',
    operation: 'Update',
    now,
    type: tableType(),
    after: table({ tableName: 'items', billingMode: 'PROVISIONED' }, { annotations: { [LAST_APPLIED]: '{}' } }),
  });
  assert.equal(created.metadata.managedFields, [
    {
      manager: 'kubectl-client-side-apply',
      operation: 'Update',
      apiVersion: 'dynamodb.services.k8s.aws/v1alpha1',
      time: '2026-01-10T12:00:00Z',
      fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:metadata': { 'f:annotations': { '.': {}, [`f:${LAST_APPLIED}`]: {} } },
        'f:spec': { '.': {}, 'f:billingMode': {}, 'f:tableName': {} },
      },
    },
  ]);
});

test('updateManagedFields: another manager takes changed fields; removed fields leave every set; no change keeps time', () => {
  const first = updateManagedFields({
    before: undefined,
    after: table({ a: 1, b: 2 }),
    manager: 'one',
    operation: 'Update',
    now,
    type: tableType(),
  });
  const second = updateManagedFields({
    before: first,
    after: { ...first, spec: { a: 10 } },
    manager: 'two',
    operation: 'Update',
    now: later,
    type: tableType(),
  });
  const byManager = Object.fromEntries((second.metadata.managedFields as any[]).map((e) => [e.manager, e]));
  assert.equal(byManager.one.fieldsV1, { 'f:spec': {} }, 'still owns the spec map it created, nothing below');
  assert.equal(byManager.two.fieldsV1, { 'f:spec': { 'f:a': {} } });
  const same = updateManagedFields({
    before: second,
    after: structuredClone(second),
    manager: 'two',
    operation: 'Update',
    now: new Date('2027-01-01T00:00:00Z'),
    type: tableType(),
  });
  assert.equal(same.metadata.managedFields, second.metadata.managedFields);
});

test('updateManagedFields: managedFields sent in the request replace the live ones (kubectl CSA→SSA migration)', () => {
  const live = updateManagedFields({
    before: undefined,
    after: table({ a: 1 }),
    manager: 'kubectl-client-side-apply',
    operation: 'Update',
    now,
    type: tableType(),
  });
  const migrated = [
    {
      manager: 'kubectl',
      operation: 'Apply',
      apiVersion: 'dynamodb.services.k8s.aws/v1alpha1',
      time: '2026-01-10T12:00:00Z',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:spec': { 'f:a': {} } },
    },
  ];
  const out = updateManagedFields({
    before: live,
    after: { ...live, metadata: { ...live.metadata, managedFields: migrated } },
    manager: 'kubectl',
    operation: 'Update',
    now: later,
    type: tableType(),
  });
  assert.equal(out.metadata.managedFields, migrated);
});

test('updateManagedFields: /status writes are recorded with subresource status and only status fields', () => {
  const before = table({ a: 1 });
  const out = updateManagedFields({
    before,
    after: { ...before, status: { tableStatus: 'ACTIVE' } },
    manager: 'ack',
    operation: 'Update',
    subresource: 'status',
    now,
    type: tableType(),
  });
  const [entry] = out.metadata.managedFields as any[];
  assert.is(entry.subresource, 'status');
  assert.equal(entry.fieldsV1, { 'f:status': { '.': {}, 'f:tableStatus': {} } });
});

// --------------------------------------------------------------- server-side apply

const applyTable = (
  current: KubeObject | undefined,
  spec: Record<string, unknown>,
  manager = 'kubectl',
  force?: boolean,
  annotations?: Record<string, string>,
) =>
  applyPatch({
    type: tableType(),
    current,
    patchType: 'apply',
    fieldManager: manager,
    now,
    ...(force !== undefined ? { force } : {}),
    patch: {
      apiVersion: 'dynamodb.services.k8s.aws/v1alpha1',
      kind: 'Table',
      metadata: { name: 'items', namespace: 'carts', ...(annotations ? { annotations } : {}) },
      spec,
    },
  });

test('apply creates: Apply entry with the applied fields only', () => {
  const out = applyTable(undefined, { tableName: 'items', billingMode: 'PAY_PER_REQUEST' });
  assert.equal(out.spec, { tableName: 'items', billingMode: 'PAY_PER_REQUEST' });
  assert.equal(out.metadata.managedFields, [
    {
      manager: 'kubectl',
      operation: 'Apply',
      apiVersion: 'dynamodb.services.k8s.aws/v1alpha1',
      time: '2026-01-10T12:00:00Z',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:spec': { 'f:billingMode': {}, 'f:tableName': {} } },
    },
  ]);
  // the registry's create path then records an Update: it must keep the Apply entry as is
  const recorded = updateManagedFields({
    before: undefined,
    after: out,
    manager: 'kubectl',
    operation: 'Update',
    now: later,
    type: tableType(),
  });
  assert.equal(recorded.metadata.managedFields, out.metadata.managedFields);
});

test('apply: fields no longer applied are removed; fields of other managers stay', () => {
  let obj = applyTable(undefined, { tableName: 'items', billingMode: 'PAY_PER_REQUEST', tableClass: 'STANDARD' });
  obj = updateManagedFields({
    before: obj,
    after: { ...obj, spec: { ...(obj.spec as object), deletionProtectionEnabled: true } },
    manager: 'other',
    operation: 'Update',
    now,
    type: tableType(),
  });
  obj = applyTable(obj, { tableName: 'items', billingMode: 'PAY_PER_REQUEST' });
  assert.equal(obj.spec, { tableName: 'items', billingMode: 'PAY_PER_REQUEST', deletionProtectionEnabled: true });
});

test('apply: conflict with an Update manager holding a different value → 409 with the real message and causes', () => {
  const csa = updateManagedFields({
    before: undefined,
    after: table({ tableName: 'items', billingMode: 'PROVISIONED' }),
    manager: 'kubectl-client-side-apply',
    operation: 'Update',
    now,
    type: tableType(),
  });
  // same value: shared ownership, no conflict
  const shared = applyTable(csa, { tableName: 'items', billingMode: 'PROVISIONED' });
  assert.is((shared.metadata.managedFields as any[]).length, 2);
  const err = statusOf(() => applyTable(csa, { tableName: 'items', billingMode: 'PAY_PER_REQUEST' }));
  assert.is(err.code, 409);
  assert.is(err.reason, 'Conflict');
  assert.is(
    err.message,
    'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using dynamodb.services.k8s.aws/v1alpha1: .spec.billingMode',
  );
  assert.equal(err.status.details?.causes, [
    {
      reason: 'FieldManagerConflict',
      message: 'conflict with "kubectl-client-side-apply" using dynamodb.services.k8s.aws/v1alpha1',
      field: '.spec.billingMode',
    },
  ]);
  const two = statusOf(() => applyTable(csa, { tableName: 'other', billingMode: 'PAY_PER_REQUEST' }));
  assert.is(
    two.message,
    'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using dynamodb.services.k8s.aws/v1alpha1:\n- .spec.billingMode\n- .spec.tableName',
  );
});

test('apply with force takes ownership from the other manager', () => {
  const csa = updateManagedFields({
    before: undefined,
    after: table({ tableName: 'items', billingMode: 'PROVISIONED' }),
    manager: 'kubectl-client-side-apply',
    operation: 'Update',
    now,
    type: tableType(),
  });
  const out = applyTable(csa, { billingMode: 'PAY_PER_REQUEST' }, 'kubectl', true);
  assert.is((out.spec as any).billingMode, 'PAY_PER_REQUEST');
  const byManager = Object.fromEntries((out.metadata.managedFields as any[]).map((e) => [e.manager, e.fieldsV1]));
  assert.equal(byManager['kubectl-client-side-apply'], { 'f:spec': { '.': {}, 'f:tableName': {} } });
  assert.equal(byManager.kubectl, { 'f:spec': { 'f:billingMode': {} } });
});

test('apply after a CSA→SSA migration: owning `spec` itself never prunes what is still applied', () => {
  const migrated = {
    ...table({ tableName: 'items', billingMode: 'PROVISIONED' }),
    metadata: {
      ...table({}).metadata,
      managedFields: [
        {
          manager: 'kubectl',
          operation: 'Apply',
          apiVersion: 'dynamodb.services.k8s.aws/v1alpha1',
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:spec': { '.': {}, 'f:billingMode': {}, 'f:tableName': {} } },
        },
      ],
    },
  } as KubeObject;
  const out = applyTable(migrated, { tableName: 'items' });
  assert.equal(out.spec, { tableName: 'items' });
  assert.equal((out.metadata.managedFields as any[])[0].fieldsV1, { 'f:spec': { 'f:tableName': {} } });
});

test('a conflict on a field the live object lacks is still reported, not a crash', () => {
  const owned = {
    ...table({}),
    metadata: {
      ...table({}).metadata,
      managedFields: [
        {
          manager: 'other',
          operation: 'Update',
          apiVersion: 'dynamodb.services.k8s.aws/v1alpha1',
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:spec': { 'f:tableClass': {} } },
        },
      ],
    },
  } as KubeObject;
  assert.is(statusOf(() => applyTable(owned, { tableClass: 'STANDARD' })).code, 409);
});

test('apply conflicts between two appliers; a no-op re-apply keeps the timestamp', () => {
  const a = applyTable(undefined, { billingMode: 'PROVISIONED' }, 'alice');
  assert.is(
    statusOf(() => applyTable(a, { billingMode: 'PAY_PER_REQUEST' }, 'bob')).message,
    'Apply failed with 1 conflict: conflict with "alice": .spec.billingMode',
  );
  const again = applyPatch({
    type: tableType(),
    current: a,
    patchType: 'apply',
    fieldManager: 'alice',
    now: later,
    patch: {
      apiVersion: 'dynamodb.services.k8s.aws/v1alpha1',
      kind: 'Table',
      metadata: { name: 'items', namespace: 'carts' },
      spec: { billingMode: 'PROVISIONED' },
    },
  });
  assert.equal(again.metadata.managedFields, a.metadata.managedFields);
});

test('apply needs a fieldManager and the right kind; YAML bodies are accepted', () => {
  assert.is(
    statusOf(() =>
      applyPatch({
        type: tableType(),
        current: undefined,
        patchType: 'apply',
        patch: { apiVersion: 'dynamodb.services.k8s.aws/v1alpha1', kind: 'Table', metadata: { name: 'x' } },
      }),
    ).code,
    400,
  );
  assert.is(
    statusOf(() =>
      applyPatch({
        type: tableType(),
        current: undefined,
        patchType: 'apply',
        fieldManager: 'm',
        patch: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } },
      }),
    ).code,
    400,
  );
  const out = applyPatch({
    type: tableType(),
    current: undefined,
    patchType: 'apply',
    fieldManager: 'm',
    now,
    patch: 'apiVersion: dynamodb.services.k8s.aws/v1alpha1\nkind: Table\nmetadata:\n  name: x\nspec:\n  tableName: x\n',
  });
  assert.equal(out.spec, { tableName: 'x' });
});

test('apply by manager kubectl refreshes an existing last-applied-configuration annotation', () => {
  const csa = table(
    { tableName: 'items', billingMode: 'PROVISIONED' },
    { annotations: { [LAST_APPLIED]: '{"old":true}\n', keep: 'x' } },
  );
  const out = applyTable(csa, { tableName: 'items', billingMode: 'PROVISIONED' }, 'kubectl', false, { keep: 'x' });
  assert.is(
    out.metadata.annotations![LAST_APPLIED],
    '{"apiVersion":"dynamodb.services.k8s.aws/v1alpha1","kind":"Table","metadata":{"annotations":{"keep":"x"},"name":"items","namespace":"carts"},"spec":{"billingMode":"PROVISIONED","tableName":"items"}}\n',
  );
  const other = applyTable(csa, { tableName: 'items' }, 'someone-else');
  assert.is(other.metadata.annotations![LAST_APPLIED], '{"old":true}\n');
});

test('apply on a built-in: finalizers are a set, ownership per value', () => {
  const apply = (current: KubeObject | undefined, finalizers: string[], manager: string) =>
    applyPatch({
      type: nsType,
      current,
      patchType: 'apply',
      fieldManager: manager,
      now,
      patch: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'carts', finalizers } },
    });
  let obj = apply(undefined, ['a'], 'one');
  obj = apply(obj, ['b'], 'two');
  assert.equal(obj.metadata.finalizers, ['a', 'b']);
  obj = apply(obj, [], 'one');
  assert.equal(obj.metadata.finalizers, ['b']);
  const entry = (obj.metadata.managedFields as any[]).find((e) => e.manager === 'two');
  assert.equal(entry.fieldsV1, { 'f:metadata': { 'f:finalizers': { 'v:"b"': {} } } });
});

test.run();
