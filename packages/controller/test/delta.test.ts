// ACK's Table delta with its defaulting (reference §3 Delta).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tableDelta, isZero, sameValue, gsiChanges } from '../src/resources/table/delta.js';
import { desiredTags } from '../src/resources/table/manager.js';
import { specFromDescription } from '../src/resources/table/convert.js';
import type { TableSpec } from '../src/api/table.js';

const systemTags = desiredTags({} as TableSpec, 'carts');
const base = (extra: Partial<TableSpec> = {}): TableSpec => ({
  tableName: 't',
  keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
  attributeDefinitions: [
    { attributeName: 'id', attributeType: 'S' },
    { attributeName: 'c', attributeType: 'S' },
  ],
  ...extra,
});
/** What ReadOne builds for a table created from `base()` under PPR with one GSI, as DynamoDB describes it. */
const observed = (extra: Partial<TableSpec> = {}): TableSpec => ({
  ...specFromDescription({
    TableName: 't',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [
      { AttributeName: 'c', AttributeType: 'S' },
      { AttributeName: 'id', AttributeType: 'S' },
    ],
    BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
    ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 0, NumberOfDecreasesToday: 0 },
    DeletionProtectionEnabled: false,
    GlobalSecondaryIndexes: [
      {
        IndexName: 'g',
        KeySchema: [
          { AttributeName: 'c', KeyType: 'HASH' },
          { AttributeName: 'id', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
        ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 0 },
        IndexStatus: 'ACTIVE',
      },
    ],
  }),
  tags: systemTags,
  timeToLive: { enabled: false },
  continuousBackups: { pointInTimeRecoveryEnabled: false },
  ...extra,
});
const gsi = {
  indexName: 'g',
  keySchema: [
    { attributeName: 'c', keyType: 'HASH' },
    { attributeName: 'id', keyType: 'RANGE' },
  ],
  projection: { projectionType: 'ALL' },
};
const desired = (extra: Partial<TableSpec> = {}) => ({
  ...base({ billingMode: 'PAY_PER_REQUEST', globalSecondaryIndexes: [gsi], ...extra }),
  tags: [...(extra.tags ?? []), ...systemTags],
});

test('the workshop table as described by DynamoDB has no delta (PPR, GSI throughput {0,0}, defaults)', () => {
  assert.equal(tableDelta(desired(), observed()), []);
});

test('nil billingMode defaults to PROVISIONED, so it differs from an observed PAY_PER_REQUEST', () => {
  const d = desired();
  delete d.billingMode;
  assert.equal(tableDelta(d, observed()), ['spec.billingMode']);
});

test('tableClass and deletionProtection default to STANDARD and false', () => {
  assert.equal(tableDelta(desired({ tableClass: 'STANDARD' }), observed()), []);
  assert.equal(tableDelta(desired({ tableClass: 'STANDARD_INFREQUENT_ACCESS' }), observed()), ['spec.tableClass']);
  assert.equal(tableDelta(desired(), observed({ deletionProtectionEnabled: true })), [
    'spec.deletionProtectionEnabled',
  ]);
});

test('provisionedThroughput is ignored under PAY_PER_REQUEST and compared under PROVISIONED', () => {
  assert.equal(
    tableDelta(desired({ provisionedThroughput: { readCapacityUnits: 5, writeCapacityUnits: 5 } }), observed()),
    [],
  );
  const prov = observed({
    billingMode: 'PROVISIONED',
    provisionedThroughput: { readCapacityUnits: 5, writeCapacityUnits: 5 },
  });
  assert.equal(
    tableDelta(
      desired({ billingMode: 'PROVISIONED', provisionedThroughput: { readCapacityUnits: 5, writeCapacityUnits: 5 } }),
      prov,
    ),
    [],
  );
  assert.equal(
    tableDelta(
      desired({ billingMode: 'PROVISIONED', provisionedThroughput: { readCapacityUnits: 6, writeCapacityUnits: 5 } }),
      prov,
    ),
    ['spec.provisionedThroughput'],
  );
});

test('attribute definitions, key schema, GSIs and tags compare order-insensitively', () => {
  const d = desired({
    tags: [
      { key: 'b', value: '2' },
      { key: 'a', value: '1' },
    ],
  });
  d.attributeDefinitions = [...d.attributeDefinitions].reverse();
  const o = observed({ tags: [...systemTags, { key: 'a', value: '1' }, { key: 'b', value: '2' }] });
  assert.equal(tableDelta(d, o), []);
  const reordered = { ...gsi, keySchema: [...gsi.keySchema].reverse() };
  assert.equal(gsiChanges(desired({ globalSecondaryIndexes: [reordered] }), observed()).changed, []);
});

test('GSI added, removed, or with changed throughput are told apart', () => {
  const extra = {
    indexName: 'h',
    keySchema: [{ attributeName: 'c', keyType: 'HASH' }],
    projection: { projectionType: 'KEYS_ONLY' },
  };
  const added = gsiChanges(desired({ globalSecondaryIndexes: [gsi, extra] }), observed());
  assert.equal(
    added.added.map((g) => g.indexName),
    ['h'],
  );
  assert.equal(tableDelta(desired({ globalSecondaryIndexes: [gsi, extra] }), observed()), [
    'spec.globalSecondaryIndexes',
  ]);
  const removed = gsiChanges(desired({ globalSecondaryIndexes: [] }), observed());
  assert.equal(
    removed.removed.map((g) => g.indexName),
    ['g'],
  );
  const noList = desired();
  delete noList.globalSecondaryIndexes;
  assert.equal(gsiChanges(noList, observed()).removed.length, 1, 'an absent list means no GSIs');
});

test("a nil GSI throughput matches DynamoDB's {0,0} (PPR) and any throughput when unset (PROVISIONED)", () => {
  const prov = observed({
    billingMode: 'PROVISIONED',
    provisionedThroughput: { readCapacityUnits: 1, writeCapacityUnits: 1 },
  });
  prov.globalSecondaryIndexes = [{ ...gsi, provisionedThroughput: { readCapacityUnits: 1, writeCapacityUnits: 1 } }];
  assert.equal(tableDelta(desired({ billingMode: 'PROVISIONED' }), prov), []);
  const more = desired({
    billingMode: 'PROVISIONED',
    globalSecondaryIndexes: [{ ...gsi, provisionedThroughput: { readCapacityUnits: 2, writeCapacityUnits: 1 } }],
  });
  assert.equal(tableDelta(more, prov), ['spec.globalSecondaryIndexes']);
});

test('TTL defaults to disabled, PITR to false; both differ when enabled', () => {
  assert.equal(tableDelta(desired(), observed({ timeToLive: { attributeName: 'x', enabled: true } })), [
    'spec.timeToLive',
  ]);
  assert.equal(tableDelta(desired({ timeToLive: { attributeName: 'x', enabled: true } }), observed()), [
    'spec.timeToLive',
  ]);
  assert.equal(
    tableDelta(
      desired({ timeToLive: { attributeName: 'x', enabled: true } }),
      observed({ timeToLive: { attributeName: 'x', enabled: true } }),
    ),
    [],
  );
  assert.equal(tableDelta(desired({ continuousBackups: { pointInTimeRecoveryEnabled: true } }), observed()), [
    'spec.continuousBackups',
  ]);
  assert.equal(tableDelta(desired(), observed({ continuousBackups: { pointInTimeRecoveryEnabled: true } })), [
    'spec.continuousBackups',
  ]);
});

test("tags: the controller's own tags are expected, user tags compared by key and value", () => {
  assert.equal(tableDelta(desired({ tags: [{ key: 'a', value: '1' }] }), observed()), ['spec.tags']);
  assert.equal(tableDelta(desired(), observed({ tags: [...systemTags, { key: 'x', value: 'y' }] })), ['spec.tags']);
  assert.equal(
    tableDelta(desired(), observed({ tags: undefined })),
    [],
    'an endpoint without tag support is not fought',
  );
});

test('contributor insights accept ENABLE/ENABLED; streams, SSE and policies compare by meaning', () => {
  assert.equal(
    tableDelta(desired({ contributorInsights: 'ENABLE' }), observed({ contributorInsights: 'ENABLED' })),
    [],
  );
  assert.equal(tableDelta(desired({ contributorInsights: 'ENABLE' }), observed({ contributorInsights: 'DISABLED' })), [
    'spec.contributorInsights',
  ]);
  assert.equal(tableDelta(desired({ streamSpecification: { streamEnabled: false } }), observed()), []);
  assert.equal(
    tableDelta(desired({ streamSpecification: { streamEnabled: true, streamViewType: 'NEW_IMAGE' } }), observed()),
    ['spec.streamSpecification'],
  );
  assert.equal(tableDelta(desired({ resourcePolicy: '{"a": 1}' }), observed({ resourcePolicy: '{"a":1}' })), []);
  assert.equal(tableDelta(desired({ sseSpecification: { enabled: false } }), observed()), []);
});

test('nil equals zero values', () => {
  assert.ok(isZero(undefined) && isZero(0) && isZero('') && isZero(false) && isZero({ a: 0, b: '' }) && isZero([]));
  assert.not.ok(isZero({ a: 1 }));
  assert.ok(sameValue({ readCapacityUnits: 0 }, undefined));
  assert.not.ok(sameValue({ readCapacityUnits: 1 }, undefined));
});

test.run();
