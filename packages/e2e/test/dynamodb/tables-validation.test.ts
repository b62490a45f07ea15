// Control-plane validation through the AWS SDK v3, every message checked verbatim: constraint violations
// (N validation errors detected: ...) and CreateTable/UpdateTable/ListTables semantic rules in DynamoDB's order.
import { test } from 'uvu';
import {
  CreateTableCommand,
  DescribeTableCommand,
  ListTablesCommand,
  UpdateTableCommand,
  type CreateTableCommandInput,
  type UpdateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import * as assert from 'uvu/assert';
import { startDynamoDB, type DynamoDBHarness } from '../../src/dynamodb.js';
import { rejects, workshopTable } from './tables-helpers.js';

let ddb: DynamoDBHarness;

test.before(async () => {
  ddb = await startDynamoDB({ clientMaxAttempts: 1 });
  await ddb.client.send(new CreateTableCommand(workshopTable('ppr')));
  await ddb.client.send(
    new CreateTableCommand({
      TableName: 'prov',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'g', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 2 },
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi1',
          KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
          ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 2 },
        },
      ],
    }),
  );
});
test.after(async () => {
  await ddb?.close();
});

const INVALID = 'One or more parameter values were invalid: ';
const create = (input: Partial<CreateTableCommandInput>) =>
  ddb.client.send(new CreateTableCommand(input as CreateTableCommandInput));
const update = (input: Partial<UpdateTableCommandInput>) =>
  ddb.client.send(new UpdateTableCommand(input as UpdateTableCommandInput));
const base = (extra: Partial<CreateTableCommandInput> = {}): Partial<CreateTableCommandInput> => ({
  TableName: 'abc',
  AttributeDefinitions: [{ AttributeName: 'a', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }],
  BillingMode: 'PAY_PER_REQUEST',
  ...extra,
});
const range = {
  AttributeDefinitions: [
    { AttributeName: 'a', AttributeType: 'S' as const },
    { AttributeName: 'b', AttributeType: 'S' as const },
  ],
  KeySchema: [
    { AttributeName: 'a', KeyType: 'HASH' as const },
    { AttributeName: 'b', KeyType: 'RANGE' as const },
  ],
};

test('constraint violations, with member paths in camelCase', async () => {
  await rejects(
    create({ TableName: 'x', AttributeDefinitions: [], KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }] }),
    'ValidationException',
    "1 validation error detected: Value 'x' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3",
  );
  await rejects(
    create({
      TableName: 'bad name!',
      AttributeDefinitions: [{ AttributeName: 'a', AttributeType: 'X' as 'S' }],
      KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }, {} as never],
      ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 1 },
    }),
    'ValidationException',
    "5 validation errors detected: Value 'X' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]; " +
      "Value 'bad name!' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
      "Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
      "Value null at 'keySchema.2.member.attributeName' failed to satisfy constraint: Member must not be null; " +
      "Value null at 'keySchema.2.member.keyType' failed to satisfy constraint: Member must not be null",
  );
  await rejects(
    create(base({ BillingMode: 'ON_DEMAND' as 'PAY_PER_REQUEST' })),
    'ValidationException',
    "1 validation error detected: Value 'ON_DEMAND' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]",
  );
  await rejects(
    create(
      base({
        GlobalSecondaryIndexes: [
          {
            IndexName: 'ix',
            KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [] },
          },
        ],
      }),
    ),
    'ValidationException',
    "2 validation errors detected: Value 'ix' at 'globalSecondaryIndexes.1.member.indexName' failed to satisfy constraint: Member must have length greater than or equal to 3; " +
      "Value '[]' at 'globalSecondaryIndexes.1.member.projection.nonKeyAttributes' failed to satisfy constraint: Member must have length greater than or equal to 1",
  );
  await rejects(
    ddb.client.send(new ListTablesCommand({ Limit: 101 })),
    'ValidationException',
    "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100",
  );
  await rejects(
    ddb.client.send(new DescribeTableCommand({ TableName: '' })),
    'ValidationException',
    "2 validation errors detected: Value '' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
      "Value '' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3",
  );
});

test('CreateTable: billing mode and throughput', async () => {
  await rejects(
    create(base({ BillingMode: undefined })),
    'ValidationException',
    `${INVALID}ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED`,
  );
  await rejects(
    create(base({ ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } })),
    'ValidationException',
    `${INVALID}Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST`,
  );
  await rejects(
    create(
      base({
        BillingMode: 'PROVISIONED',
        ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
        OnDemandThroughput: { MaxReadRequestUnits: 5 },
      }),
    ),
    'ValidationException',
    `${INVALID}MaxReadRequestUnits for OnDemandThroughput cannot be specified when the table BillingMode is PROVISIONED`,
  );
});

test('CreateTable: key schema against attribute definitions', async () => {
  await rejects(
    create(base({ AttributeDefinitions: [{ AttributeName: 'b', AttributeType: 'S' }] })),
    'ValidationException',
    `${INVALID}Some index key attributes are not defined in AttributeDefinitions. Keys: [a], AttributeDefinitions: [b]`,
  );
  await rejects(
    create(
      base({
        KeySchema: [
          { AttributeName: 'a', KeyType: 'HASH' },
          { AttributeName: 'z', KeyType: 'RANGE' },
        ],
      }),
    ),
    'ValidationException',
    'Invalid KeySchema: Some index key attribute have no definition',
  );
  await rejects(
    create(
      base({
        ...range,
        KeySchema: [
          { AttributeName: 'a', KeyType: 'HASH' },
          { AttributeName: 'a', KeyType: 'RANGE' },
        ],
      }),
    ),
    'ValidationException',
    'Both the Hash Key and the Range Key element in the KeySchema have the same name',
  );
  await rejects(
    create(
      base({
        ...range,
        KeySchema: [
          { AttributeName: 'a', KeyType: 'RANGE' },
          { AttributeName: 'b', KeyType: 'HASH' },
        ],
      }),
    ),
    'ValidationException',
    'Invalid KeySchema: The first KeySchemaElement is not a HASH key type',
  );
  await rejects(
    create(
      base({
        ...range,
        KeySchema: [
          { AttributeName: 'a', KeyType: 'HASH' },
          { AttributeName: 'b', KeyType: 'HASH' },
        ],
      }),
    ),
    'ValidationException',
    'Invalid KeySchema: The second KeySchemaElement is not a RANGE key type',
  );
  await rejects(
    create(base({ AttributeDefinitions: range.AttributeDefinitions })),
    'ValidationException',
    `${INVALID}Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions`,
  );
  await rejects(
    create(
      base({
        AttributeDefinitions: [
          { AttributeName: 'a', AttributeType: 'S' },
          { AttributeName: 'a', AttributeType: 'N' },
        ],
      }),
    ),
    'ValidationException',
    'Attribute Name is duplicated: a',
  );
});

test('CreateTable: secondary indexes', async () => {
  const gsi = (IndexName: string, attribute = 'b') => ({
    IndexName,
    KeySchema: [{ AttributeName: attribute, KeyType: 'HASH' as const }],
    Projection: { ProjectionType: 'ALL' as const },
  });
  await rejects(
    create(base({ GlobalSecondaryIndexes: [] })),
    'ValidationException',
    `${INVALID}List of GlobalSecondaryIndexes is empty`,
  );
  await rejects(
    create(base({ ...range, LocalSecondaryIndexes: [] })),
    'ValidationException',
    `${INVALID}List of LocalSecondaryIndexes is empty`,
  );
  await rejects(
    create(
      base({
        AttributeDefinitions: [
          ...range.AttributeDefinitions,
          { AttributeName: 'c', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        GlobalSecondaryIndexes: [gsi('gsi')],
      }),
    ),
    'ValidationException',
    `${INVALID}Some AttributeDefinitions are not used. AttributeDefinitions: [a, b, c, sk], keys used: [a, b]`,
  );
  await rejects(
    create(
      base({
        ...range,
        KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }],
        GlobalSecondaryIndexes: [{ ...gsi('gsi'), Projection: {} }],
      }),
    ),
    'ValidationException',
    `${INVALID}Unknown ProjectionType: null`,
  );
  await rejects(
    create(
      base({
        ...range,
        KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }],
        GlobalSecondaryIndexes: [
          { ...gsi('gsi'), Projection: { ProjectionType: 'KEYS_ONLY', NonKeyAttributes: ['x'] } },
        ],
      }),
    ),
    'ValidationException',
    `${INVALID}ProjectionType is KEYS_ONLY, but NonKeyAttributes is specified`,
  );
  await rejects(
    create(
      base({
        ...range,
        KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }],
        GlobalSecondaryIndexes: [{ ...gsi('gsi'), Projection: { ProjectionType: 'INCLUDE' } }],
      }),
    ),
    'ValidationException',
    `${INVALID}ProjectionType is INCLUDE, but NonKeyAttributes is not specified`,
  );
  await rejects(
    create(
      base({
        ...range,
        KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }],
        GlobalSecondaryIndexes: [gsi('dup'), gsi('dup')],
      }),
    ),
    'ValidationException',
    `${INVALID}Duplicate index name: dup`,
  );
  await rejects(
    create(
      base({
        ...range,
        KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }],
        GlobalSecondaryIndexes: [
          { ...gsi('gsi'), ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } },
        ],
      }),
    ),
    'ValidationException',
    `${INVALID}ProvisionedThroughput should not be specified for index: gsi when BillingMode is PAY_PER_REQUEST`,
  );
  await rejects(
    create(
      base({
        ...range,
        KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }],
        BillingMode: 'PROVISIONED',
        ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
        GlobalSecondaryIndexes: [gsi('gsi')],
      }),
    ),
    'ValidationException',
    `${INVALID}ProvisionedThroughput is not specified for index: gsi`,
  );
  await rejects(
    create(
      base({
        ...range,
        KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }],
        GlobalSecondaryIndexes: Array.from({ length: 21 }, (_, i) => gsi(`gsi${i}`)),
      }),
    ),
    'ValidationException',
    `${INVALID}GlobalSecondaryIndex count exceeds the per-table limit of 20`,
  );
  const lsi = (IndexName: string, hash = 'a') => ({
    IndexName,
    KeySchema: [
      { AttributeName: hash, KeyType: 'HASH' as const },
      { AttributeName: 'c', KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  });
  const lsiDefs = [...range.AttributeDefinitions, { AttributeName: 'c', AttributeType: 'S' as const }];
  await rejects(
    create(
      base({
        AttributeDefinitions: [
          { AttributeName: 'a', AttributeType: 'S' },
          { AttributeName: 'c', AttributeType: 'S' },
        ],
        LocalSecondaryIndexes: [lsi('lsi')],
      }),
    ),
    'ValidationException',
    `${INVALID}Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex`,
  );
  await rejects(
    create(base({ ...range, AttributeDefinitions: lsiDefs, LocalSecondaryIndexes: [lsi('lsi', 'b')] })),
    'ValidationException',
    `${INVALID}Index KeySchema does not have the same leading hash key as table KeySchema for index: lsi. index hash key: b, table hash key: a`,
  );
  await rejects(
    create(
      base({
        ...range,
        AttributeDefinitions: lsiDefs,
        LocalSecondaryIndexes: [{ ...lsi('lsi'), KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }] }, lsi('ls2')],
      }),
    ),
    'ValidationException',
    `${INVALID}Index KeySchema does not have a range key for index: lsi`,
  );
  await rejects(
    create(
      base({
        ...range,
        AttributeDefinitions: lsiDefs,
        LocalSecondaryIndexes: Array.from({ length: 6 }, (_, i) => lsi(`lsi${i}`)),
      }),
    ),
    'ValidationException',
    `${INVALID}Number of LocalSecondaryIndexes exceeds per-table limit of 5`,
  );
});

test('CreateTable: streams, encryption, table class, tags', async () => {
  await rejects(
    create(base({ StreamSpecification: { StreamEnabled: true } })),
    'ValidationException',
    `${INVALID}Table is being created with a stream enabled, UpdateViewType is required`,
  );
  await rejects(
    create(base({ SSESpecification: { Enabled: false, SSEType: 'KMS' } })),
    'ValidationException',
    `${INVALID}SSEType can not be specified if Enabled is false`,
  );
  await rejects(
    create(base({ TableClass: 'GLACIER' as 'STANDARD' })),
    'ValidationException',
    'Invalid table-class parameter provided. Please try again with a valid table-class value: [STANDARD, STANDARD_INFREQUENT_ACCESS].',
  );
  await rejects(
    create(base({ Tags: [{ Key: 'aws:x', Value: 'y' }] })),
    'ValidationException',
    'Tag Key cannot be prefixed with aws:, Key: aws:x',
  );
  // Default encryption (Enabled false) is accepted and leaves no SSEDescription.
  await create(base({ TableName: 'plain', SSESpecification: { Enabled: false } }));
  const t = (await ddb.client.send(new DescribeTableCommand({ TableName: 'plain' }))).Table!;
  assert.is(t.SSEDescription, undefined);
});

test('UpdateTable: what must be asked, and what cannot be combined', async () => {
  await rejects(
    update({ TableName: 'ppr' }),
    'ValidationException',
    'At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, ' +
      'MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required',
  );
  await rejects(
    update({ TableName: 'ppr', GlobalSecondaryIndexUpdates: [], DeletionProtectionEnabled: true }),
    'ValidationException',
    `${INVALID}List of GlobalSecondaryIndexUpdates is empty`,
  );
  await rejects(
    update({ TableName: 'ppr', SSESpecification: { Enabled: true }, DeletionProtectionEnabled: true }),
    'ValidationException',
    `${INVALID}Server-Side Encryption modification must be the only operation in the request`,
  );
  const create2 = {
    Create: {
      IndexName: 'gsi2',
      KeySchema: [{ AttributeName: 'x', KeyType: 'HASH' as const }],
      Projection: { ProjectionType: 'ALL' as const },
    },
  };
  await rejects(
    update({
      TableName: 'prov',
      AttributeDefinitions: [{ AttributeName: 'x', AttributeType: 'S' }],
      GlobalSecondaryIndexUpdates: [create2],
      ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 3 },
    }),
    'ValidationException',
    `${INVALID}You cannot create or delete index while updating table IOPS`,
  );
  await rejects(
    update({
      TableName: 'ppr',
      AttributeDefinitions: [{ AttributeName: 'x', AttributeType: 'S' }],
      GlobalSecondaryIndexUpdates: [create2],
      DeletionProtectionEnabled: true,
    }),
    'ValidationException',
    `${INVALID}DeletionProtection modification must be the only operation in the request`,
  );
  await rejects(
    update({
      TableName: 'ppr',
      GlobalSecondaryIndexUpdates: [create2, { Delete: { IndexName: 'idx_global_customerId' } }],
    }),
    'LimitExceededException',
    'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table',
  );
  await rejects(
    update({
      TableName: 'ppr',
      GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'gxx' }, Update: { IndexName: 'gxx' } }],
    }),
    'ValidationException',
    `${INVALID}Only one global secondary index action is allowed per GlobalSecondaryIndexUpdate object`,
  );
  await rejects(
    update({ TableName: 'ppr', GlobalSecondaryIndexUpdates: [{}] }),
    'ValidationException',
    `${INVALID}One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null`,
  );
  await rejects(
    update({
      TableName: 'prov',
      GlobalSecondaryIndexUpdates: [
        { Update: { IndexName: 'gsi1', ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 3 } } },
        { Delete: { IndexName: 'gsi1' } },
      ],
    }),
    'ValidationException',
    `${INVALID}Only one global secondary index update per index is allowed simultaneously. Index: gsi1`,
  );
});

test('UpdateTable: throughput and billing mode rules', async () => {
  await rejects(
    update({ TableName: 'ppr', ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } }),
    'ValidationException',
    `${INVALID}Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST`,
  );
  await rejects(
    update({ TableName: 'ppr', BillingMode: 'PROVISIONED' }),
    'ValidationException',
    `${INVALID}ProvisionedThroughput must be specified when BillingMode is PROVISIONED`,
  );
  await rejects(
    update({
      TableName: 'ppr',
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
    }),
    'ValidationException',
    `${INVALID}ProvisionedThroughput must be specified for index: idx_global_customerId`,
  );
  await rejects(
    update({ TableName: 'prov', ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 2 } }),
    'ValidationException',
    'The provisioned throughput for the table will not change. The requested value equals the current value. ' +
      'Current ReadCapacityUnits provisioned for the table: 2. Requested ReadCapacityUnits: 2. ' +
      'Current WriteCapacityUnits provisioned for the table: 2. Requested WriteCapacityUnits: 2. ' +
      'Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.',
  );
  await rejects(
    update({
      TableName: 'prov',
      GlobalSecondaryIndexUpdates: [
        { Update: { IndexName: 'gsi1', ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 2 } } },
      ],
    }),
    'ValidationException',
    'The provisioned throughput for the index gsi1 will not change. The requested value equals the current value. ' +
      'Current ReadCapacityUnits provisioned for index gsi1: 2. Requested ReadCapacityUnits: 2. ' +
      'Current WriteCapacityUnits provisioned for index gsi1: 2. Requested WriteCapacityUnits: 2. ' +
      'Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.',
  );
  await rejects(
    update({
      TableName: 'ppr',
      GlobalSecondaryIndexUpdates: [
        {
          Update: {
            IndexName: 'idx_global_customerId',
            ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 2 },
          },
        },
      ],
    }),
    'ValidationException',
    `${INVALID}The only Updates for index: idx_global_customerId when TableThroughputMode is PAY_PER_REQUEST can be to OnDemandThroughput, WarmThroughput`,
  );
  await rejects(
    update({
      TableName: 'prov',
      GlobalSecondaryIndexUpdates: [
        { Update: { IndexName: 'nope', ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 3 } } },
      ],
    }),
    'ResourceNotFoundException',
    'Requested resource not found: Index nope for table prov',
  );
  await rejects(
    update({ TableName: 'prov', OnDemandThroughput: { MaxReadRequestUnits: 10 } }),
    'ValidationException',
    `${INVALID}MaxReadRequestUnits for OnDemandThroughput cannot be specified when the table BillingMode is PROVISIONED`,
  );
});

test('UpdateTable: streams, encryption and table class rules', async () => {
  await rejects(
    update({ TableName: 'ppr', StreamSpecification: { StreamEnabled: false } }),
    'ValidationException',
    'Table has no stream to disable: TableName: ppr',
  );
  await rejects(
    update({ TableName: 'ppr', StreamSpecification: { StreamEnabled: true } }),
    'ValidationException',
    `${INVALID}If stream is being enabled then UpdateViewType is required`,
  );
  await rejects(
    update({ TableName: 'ppr', SSESpecification: { Enabled: false } }),
    'ValidationException',
    `${INVALID}Table is already encrypted by default`,
  );
  await rejects(
    update({ TableName: 'ppr', TableClass: 'COLD' as 'STANDARD' }),
    'ValidationException',
    'Invalid table-class parameter provided. Please try again with a valid table-class value: [STANDARD, STANDARD_INFREQUENT_ACCESS].',
  );
});

test.run();
