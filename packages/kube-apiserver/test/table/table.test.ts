import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toTable, wantsTable, humanDuration, compileJsonPath } from '../../src/table/index.js';
import type { KubeObject } from '../../src/api.js';
import { builtinTypes, tableType } from '../support/types.js';

const now = new Date('2026-01-10T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

const item = (extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: 'dynamodb.services.k8s.aws/v1alpha1',
  kind: 'Table',
  metadata: {
    name: 'items',
    namespace: 'carts',
    uid: 'u-1',
    resourceVersion: '7',
    creationTimestamp: ago(300),
    managedFields: [{ manager: 'x' }],
  },
  spec: { tableName: 'items', tableClass: 'STANDARD' },
  status: {
    tableStatus: 'ACTIVE',
    ackResourceMetadata: { arn: 'arn:aws:dynamodb:us-east-1:000000000000:table/items' },
    conditions: [
      { type: 'Other', status: 'False' },
      { type: 'ACK.ResourceSynced', status: 'True' },
    ],
  },
  ...extra,
});

type Table = {
  kind: string;
  apiVersion: string;
  metadata: any;
  columnDefinitions?: any[];
  rows: { cells: unknown[]; object?: any }[];
};
const table = (objects: KubeObject[], includeObject: 'None' | 'Metadata' | 'Object' = 'Metadata', type = tableType()) =>
  toTable(type, objects, { includeObject, resourceVersion: '42', now }) as Table;

test('wantsTable recognises kubectl get Accept headers and nothing else', () => {
  assert.ok(
    wantsTable(
      'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
    ),
  );
  assert.ok(wantsTable('application/json;as=Table;v=v1beta1;g=meta.k8s.io'));
  assert.not.ok(wantsTable('application/json'));
  assert.not.ok(wantsTable(undefined));
  assert.not.ok(wantsTable('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList'));
});

test('CRD table: Name + additionalPrinterColumns with priorities, descriptions and types', () => {
  const t = table([item()]);
  assert.is(t.kind, 'Table');
  assert.is(t.apiVersion, 'meta.k8s.io/v1');
  assert.equal(t.metadata, { resourceVersion: '42' });
  assert.equal(
    t.columnDefinitions!.map((c) => [c.name, c.type, c.priority]),
    [
      ['Name', 'string', 0],
      ['ARN', 'string', 1],
      ['CLASS', 'string', 0],
      ['STATUS', 'string', 0],
      ['Synced', 'string', 0],
      ['Age', 'date', 0],
    ],
  );
  assert.is(t.columnDefinitions![0].format, 'name');
  assert.is(
    t.columnDefinitions![2].description,
    'Custom resource definition column (in JSONPath format): .spec.tableClass',
  );
});

test('CRD table cells: first filter match, null when absent, date as human age', () => {
  assert.equal(table([item()]).rows[0]!.cells, [
    'items',
    'arn:aws:dynamodb:us-east-1:000000000000:table/items',
    'STANDARD',
    'ACTIVE',
    'True',
    '5m',
  ]);
  const bare = item({ status: undefined, spec: {} });
  assert.equal(table([bare]).rows[0]!.cells, ['items', null, null, null, null, '5m']);
  const unsynced = item({
    status: {
      conditions: [
        { type: 'ACK.ResourceSynced', status: 'False' },
        { type: 'ACK.ResourceSynced', status: 'True' },
      ],
    },
  });
  assert.is(table([unsynced]).rows[0]!.cells[4], 'False');
});

test('row objects: PartialObjectMetadata by default (no managedFields), full object, or none', () => {
  const meta = table([item()]).rows[0]!.object;
  assert.is(meta.kind, 'PartialObjectMetadata');
  assert.is(meta.apiVersion, 'meta.k8s.io/v1');
  assert.is(meta.metadata.namespace, 'carts');
  assert.is(meta.metadata.managedFields, undefined);
  assert.is(table([item()], 'Object').rows[0]!.object.spec.tableClass, 'STANDARD');
  assert.is('object' in table([item()], 'None').rows[0]!, false);
});

test('continue token and omitted column definitions (watch events after the first)', () => {
  const t = toTable(tableType(), [item()], {
    includeObject: 'Metadata',
    resourceVersion: '9',
    continue: 'abc',
    now,
    omitColumnDefinitions: true,
  }) as Table;
  assert.equal(t.metadata, { resourceVersion: '9', continue: 'abc' });
  assert.is(t.columnDefinitions, undefined);
  assert.is(t.rows.length, 1);
});

test('a CRD without printer columns gets Name + Age; built-ins without a printer get Name + Created At (RFC3339)', () => {
  const plain = { ...tableType(), printerColumns: undefined };
  const t = table([item()], 'Metadata', plain);
  assert.equal(
    t.columnDefinitions!.map((c) => c.name),
    ['Name', 'Age'],
  );
  assert.equal(t.rows[0]!.cells, ['items', '5m']);
  const crdType = builtinTypes.find((b) => b.kind === 'CustomResourceDefinition')!;
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'tables.dynamodb.services.k8s.aws', creationTimestamp: '2026-01-10T11:00:00Z' },
  };
  const ct = table([crd], 'Metadata', crdType);
  assert.equal(
    ct.columnDefinitions!.map((c) => [c.name, c.type]),
    [
      ['Name', 'string'],
      ['Created At', 'date'],
    ],
  );
  assert.equal(ct.rows[0]!.cells, ['tables.dynamodb.services.k8s.aws', '2026-01-10T11:00:00Z']);
});

test('built-in kinds keep the real printers even when the registry declares its own columns', () => {
  const cmType = {
    ...builtinTypes.find((b) => b.kind === 'ConfigMap')!,
    printerColumns: [{ name: 'Age', type: 'date' as const, jsonPath: '.metadata.creationTimestamp' }],
  };
  const t = table(
    [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', creationTimestamp: ago(5) }, data: { a: '1' } }],
    'None',
    cmType,
  );
  assert.equal(
    t.columnDefinitions!.map((c) => c.name),
    ['Name', 'Data', 'Age'],
  );
});

test('Namespace table: Name, Status, Age', () => {
  const nsType = builtinTypes.find((b) => b.kind === 'Namespace')!;
  const ns = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'carts', creationTimestamp: ago(3 * 86400 + 4 * 3600) },
    status: { phase: 'Active' },
  };
  const t = table([ns], 'Metadata', nsType);
  assert.equal(
    t.columnDefinitions!.map((c) => c.name),
    ['Name', 'Status', 'Age'],
  );
  assert.equal(t.rows[0]!.cells, ['carts', 'Active', '3d4h']);
});

test('Event table: real server columns', () => {
  const evType = builtinTypes.find((b) => b.kind === 'Event')!;
  const ev = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'items.1', namespace: 'carts', creationTimestamp: ago(60) },
    involvedObject: { kind: 'Table', name: 'items', namespace: 'carts' },
    reason: 'Synced',
    type: 'Normal',
    message: 'table is active',
    firstTimestamp: ago(600),
    lastTimestamp: ago(60),
    count: 3,
    source: { component: 'ack-dynamodb-controller' },
  };
  const t = table([ev], 'Metadata', evType);
  assert.equal(
    t.columnDefinitions!.filter((c) => c.priority === 0).map((c) => c.name),
    ['Last Seen', 'Type', 'Reason', 'Object', 'Message'],
  );
  assert.equal(t.rows[0]!.cells.slice(0, 4), ['60s (x3 over 10m)', 'Normal', 'Synced', 'table/items']);
  assert.is(t.rows[0]!.cells[6], 'table is active');
});

test('ConfigMap and Secret tables count their data', () => {
  const cmType = builtinTypes.find((b) => b.kind === 'ConfigMap')!;
  const secretType = builtinTypes.find((b) => b.kind === 'Secret')!;
  const meta = { name: 'c', namespace: 'n', creationTimestamp: ago(10) };
  assert.equal(
    table([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta, data: { a: '1', b: '2' } }], 'None', cmType).rows[0]!
      .cells,
    ['c', 2, '10s'],
  );
  assert.equal(
    table(
      [{ apiVersion: 'v1', kind: 'Secret', metadata: meta, type: 'Opaque', data: { a: 'MQ==' } }],
      'None',
      secretType,
    ).rows[0]!.cells,
    ['c', 'Opaque', 1, '10s'],
  );
});

test('humanDuration matches k8s.io/apimachinery duration.HumanDuration', () => {
  const s = 1000,
    m = 60 * s,
    h = 60 * m,
    d = 24 * h,
    y = 365 * d;
  const cases: [number, string][] = [
    [-2 * s, '<invalid>'],
    [-1 * s + 1, '0s'],
    [0, '0s'],
    [5 * s, '5s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [3 * m + 20 * s, '3m20s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m + 30 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h + 30 * m, '8h'],
    [47 * h, '47h'],
    [2 * d, '2d'],
    [2 * d + 3 * h, '2d3h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d, '8d'],
    [729 * d, '729d'],
    [2 * y, '2y'],
    [2 * y + 10 * d, '2y10d'],
    [8 * y, '8y'],
  ];
  for (const [ms, want] of cases) assert.is(humanDuration(ms), want, `${ms}ms`);
});

test('jsonpath subset: fields, indexes, wildcards, filters, quoted keys', () => {
  const doc = {
    a: {
      'b.c': 1,
      list: [
        { t: 'x', v: 1 },
        { t: 'y', v: 2 },
        { t: 'y', v: 3 },
      ],
    },
  };
  assert.equal(compileJsonPath('.a.list[?(@.t=="y")].v')(doc), [2, 3]);
  assert.equal(compileJsonPath('{.a.list[?(@.v >= 2)].t}')(doc), ['y', 'y']);
  assert.equal(compileJsonPath(".a['b.c']")(doc), [1]);
  assert.equal(compileJsonPath('.a.list[-1].v')(doc), [3]);
  assert.equal(compileJsonPath('.a.list[*].t')(doc), ['x', 'y', 'y']);
  assert.equal(compileJsonPath('.a.list[0:2].v')(doc), [1, 2]);
  assert.equal(compileJsonPath('..v')(doc), [1, 2, 3]);
  assert.equal(compileJsonPath('.a.missing.deeper')(doc), []);
  assert.equal(compileJsonPath('.a.list[?(@.nope)]')(doc), []);
});

test.run();
