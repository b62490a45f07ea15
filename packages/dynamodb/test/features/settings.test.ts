// TTL settings, point-in-time recovery, contributor insights and resource policies on a table.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { errorOf, openFakeEngine, type FakeEngine } from './support/fake-engine.js';
import { stopTtl } from '../../src/features/ttl/service.js';

let engine: FakeEngine;
let arn: string;
test.before.each(() => {
  engine = openFakeEngine();
  arn = engine.addTable('orders', 'us-west-2', {
    GlobalSecondaryIndexes: [
      {
        kind: 'GSI',
        id: 1,
        IndexName: 'byCustomer',
        KeySchema: [
          { AttributeName: 'customer', KeyType: 'HASH' },
          { AttributeName: 'id', KeyType: 'RANGE' },
        ],
        key: { hash: { name: 'customer', type: 'S' }, range: { name: 'id', type: 'S' } },
        Projection: { ProjectionType: 'ALL' },
        IndexStatus: 'ACTIVE',
      },
    ],
  }).TableArn;
});
test.after.each(async () => {
  await stopTtl(engine);
  await engine.close();
});

const call = (op: string, input: unknown) => engine.dispatch(op, input, engine.ctx());

test('DescribeTimeToLive: DISABLED when never set, ENABLED with the attribute, DISABLED without it after', async () => {
  assert.equal(await call('DescribeTimeToLive', { TableName: 'orders' }), {
    TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' },
  });
  const enabled = await call('UpdateTimeToLive', {
    TableName: 'orders',
    TimeToLiveSpecification: { Enabled: true, AttributeName: 'exp' },
  });
  assert.equal(enabled, { TimeToLiveSpecification: { Enabled: true, AttributeName: 'exp' } });
  assert.equal(await call('DescribeTimeToLive', { TableName: 'orders' }), {
    TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'exp' },
  });
  await call('UpdateTimeToLive', {
    TableName: 'orders',
    TimeToLiveSpecification: { Enabled: false, AttributeName: 'exp' },
  });
  assert.equal(await call('DescribeTimeToLive', { TableName: 'orders' }), {
    TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' },
  });
});

test('TableName may be the table ARN', async () => {
  assert.equal(await call('DescribeTimeToLive', { TableName: arn }), {
    TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' },
  });
  const other = await errorOf(() => call('DescribeTimeToLive', { TableName: arn.replace('us-west-2', 'eu-west-1') }));
  assert.is(other.code, 'ResourceNotFoundException');
});

test('UpdateTimeToLive refuses no-op and conflicting changes with DynamoDB messages', async () => {
  const spec = (Enabled: boolean, AttributeName: string) => ({
    TableName: 'orders',
    TimeToLiveSpecification: { Enabled, AttributeName },
  });
  assert.is(
    (await errorOf(() => call('UpdateTimeToLive', spec(false, 'exp')))).message,
    'TimeToLive is already disabled',
  );
  await call('UpdateTimeToLive', spec(true, 'exp'));
  assert.is(
    (await errorOf(() => call('UpdateTimeToLive', spec(true, 'exp')))).message,
    'TimeToLive is already enabled',
  );
  assert.is(
    (await errorOf(() => call('UpdateTimeToLive', spec(true, 'other')))).message,
    'TimeToLive is active on a different AttributeName: current AttributeName is exp',
  );
  assert.is(
    (await errorOf(() => call('UpdateTimeToLive', spec(false, 'other')))).message,
    'TimeToLive is active on a different AttributeName: current AttributeName is exp',
  );
  const missing = await errorOf(() => call('UpdateTimeToLive', { ...spec(true, 'exp'), TableName: 'nope' }));
  assert.equal(missing, {
    code: 'ResourceNotFoundException',
    message: 'Requested resource not found: Table: nope not found',
  });
});

test('DescribeTimeToLive on a CREATING table is the ValidationException DynamoDB sends', async () => {
  engine.addTable('fresh', 'us-west-2', { TableStatus: 'CREATING' });
  const err = await errorOf(() => call('DescribeTimeToLive', { TableName: 'fresh' }));
  assert.equal(err, {
    code: 'ValidationException',
    message: 'Cannot describe time to live while table is in CREATING state: Current table state is CREATING',
  });
});

test('continuous backups: PITR off by default, then on with its window, then off', async () => {
  assert.equal(await call('DescribeContinuousBackups', { TableName: 'orders' }), {
    ContinuousBackupsDescription: {
      ContinuousBackupsStatus: 'ENABLED',
      PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' },
    },
  });
  const enabledAt = engine.clock.now / 1000;
  await call('UpdateContinuousBackups', {
    TableName: 'orders',
    PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
  });
  engine.clock.now += 3600_000;
  const described = (await call('DescribeContinuousBackups', { TableName: 'orders' })) as any;
  assert.equal(described.ContinuousBackupsDescription.PointInTimeRecoveryDescription, {
    PointInTimeRecoveryStatus: 'ENABLED',
    RecoveryPeriodInDays: 35,
    EarliestRestorableDateTime: enabledAt,
    LatestRestorableDateTime: enabledAt + 3600 - 300,
  });
  assert.is(engine.catalog.get(engine.ctx().namespace, 'orders')!.PointInTimeRecoveryEnabled, true);
  const off = (await call('UpdateContinuousBackups', {
    TableName: 'orders',
    PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false },
  })) as any;
  assert.is(off.ContinuousBackupsDescription.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus, 'DISABLED');
});

test('continuous backups errors', async () => {
  const missing = await errorOf(() => call('DescribeContinuousBackups', { TableName: 'nope' }));
  assert.equal(missing, { code: 'TableNotFoundException', message: 'Table not found: nope' });
  const days = await errorOf(() =>
    call('UpdateContinuousBackups', {
      TableName: 'orders',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false, RecoveryPeriodInDays: 7 },
    }),
  );
  assert.is(
    days.message,
    'Invalid Request: Cannot specify RecoveryPeriodInDays when disabling point-in-time recovery.',
  );
});

test('contributor insights on the table and a GSI, listed', async () => {
  assert.equal(await call('DescribeContributorInsights', { TableName: 'orders' }), {
    TableName: 'orders',
    ContributorInsightsStatus: 'DISABLED',
  });
  const updated = await call('UpdateContributorInsights', { TableName: 'orders', ContributorInsightsAction: 'ENABLE' });
  assert.equal(updated, {
    TableName: 'orders',
    ContributorInsightsStatus: 'ENABLING',
    ContributorInsightsMode: 'ACCESSED_AND_THROTTLED_KEYS',
  });
  const described = (await call('DescribeContributorInsights', { TableName: 'orders' })) as any;
  assert.is(described.ContributorInsightsStatus, 'ENABLED');
  assert.equal(described.ContributorInsightsRuleList, [
    `DynamoDBContributorInsights-PKC-orders-${engine.clock.now}`,
    `DynamoDBContributorInsights-PKT-orders-${engine.clock.now}`,
  ]);
  assert.is(described.LastUpdateDateTime, engine.clock.now / 1000);
  assert.is(engine.catalog.get(engine.ctx().namespace, 'orders')!.ContributorInsightsStatus, 'ENABLED');

  await call('UpdateContributorInsights', {
    TableName: 'orders',
    IndexName: 'byCustomer',
    ContributorInsightsAction: 'ENABLE',
  });
  const index = (await call('DescribeContributorInsights', { TableName: 'orders', IndexName: 'byCustomer' })) as any;
  assert.is(index.ContributorInsightsRuleList.length, 4);
  await call('UpdateContributorInsights', { TableName: 'orders', ContributorInsightsAction: 'DISABLE' });
  assert.equal(await call('ListContributorInsights', {}), {
    ContributorInsightsSummaries: [
      {
        TableName: 'orders',
        ContributorInsightsStatus: 'DISABLED',
        ContributorInsightsMode: 'ACCESSED_AND_THROTTLED_KEYS',
      },
      {
        TableName: 'orders',
        IndexName: 'byCustomer',
        ContributorInsightsStatus: 'ENABLED',
        ContributorInsightsMode: 'ACCESSED_AND_THROTTLED_KEYS',
      },
    ],
  });
  const page = (await call('ListContributorInsights', { MaxResults: 1 })) as any;
  assert.is(page.ContributorInsightsSummaries.length, 1);
  const rest = (await call('ListContributorInsights', { MaxResults: 1, NextToken: page.NextToken })) as any;
  assert.is(rest.ContributorInsightsSummaries[0].IndexName, 'byCustomer');
  assert.is(rest.NextToken, undefined);
});

test('contributor insights errors', async () => {
  const index = await errorOf(() => call('DescribeContributorInsights', { TableName: 'orders', IndexName: 'ghost' }));
  assert.equal(index, {
    code: 'ResourceNotFoundException',
    message: 'Requested resource not found: Index: ghost not found for table: orders',
  });
  const table = await errorOf(() =>
    call('UpdateContributorInsights', { TableName: 'nope', ContributorInsightsAction: 'ENABLE' }),
  );
  assert.equal(table, {
    code: 'ResourceNotFoundException',
    message: 'Requested resource not found: Table: nope not found',
  });
});

test('resource policy: put, get, revision checks, delete, PolicyNotFoundException', async () => {
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: '*', Action: 'dynamodb:GetItem', Resource: arn }],
  });
  const none = await errorOf(() => call('GetResourcePolicy', { ResourceArn: arn }));
  assert.equal(none, {
    code: 'PolicyNotFoundException',
    message: `Resource-based policy not found for the provided ResourceArn: ${arn}`,
  });
  const { RevisionId: first } = (await call('PutResourcePolicy', { ResourceArn: arn, Policy: policy })) as {
    RevisionId: string;
  };
  assert.is(first, String(engine.clock.now));
  assert.equal(await call('GetResourcePolicy', { ResourceArn: arn }), { Policy: policy, RevisionId: first });
  const stale = await errorOf(() =>
    call('PutResourcePolicy', { ResourceArn: arn, Policy: policy, ExpectedRevisionId: '1' }),
  );
  assert.is(
    stale.message,
    `Resource-based policy not found for the provided ResourceArn: Requested update for policy with revision id 1, but the policy associated to target table orders has revision id ${first}.`,
  );
  const noPolicy = await errorOf(() =>
    call('PutResourcePolicy', { ResourceArn: arn, Policy: policy, ExpectedRevisionId: 'NO_POLICY' }),
  );
  assert.is(noPolicy.code, 'PolicyNotFoundException');
  const { RevisionId: second } = (await call('PutResourcePolicy', {
    ResourceArn: arn,
    Policy: policy,
    ExpectedRevisionId: first,
  })) as { RevisionId: string };
  assert.ok(Number(second) > Number(first), 'revisions increase even within one millisecond');
  await call('DeleteResourcePolicy', { ResourceArn: arn, ExpectedRevisionId: second });
  assert.is((await errorOf(() => call('GetResourcePolicy', { ResourceArn: arn }))).code, 'PolicyNotFoundException');
  assert.is((await errorOf(() => call('DeleteResourcePolicy', { ResourceArn: arn }))).code, 'PolicyNotFoundException');
});

test('resource policy document and table errors', async () => {
  const invalid = await errorOf(() => call('PutResourcePolicy', { ResourceArn: arn, Policy: '{nope' }));
  assert.is(
    invalid.message,
    'One or more parameter values were invalid: Invalid policy document: This policy contains invalid Json',
  );
  const empty = await errorOf(() =>
    call('PutResourcePolicy', { ResourceArn: arn, Policy: '{"Version":"2012-10-17"}' }),
  );
  assert.is(
    empty.message,
    'One or more parameter values were invalid: Invalid policy document: Could not parse the policy: Statement is empty!',
  );
  const big = await errorOf(() => call('PutResourcePolicy', { ResourceArn: arn, Policy: ' '.repeat(20481) }));
  assert.is(big.message, 'One or more parameter values were invalid: Maximum policy size of 20480 bytes exceeded');
  const missing = await errorOf(() => call('GetResourcePolicy', { ResourceArn: arn.replace('orders', 'nope') }));
  assert.equal(missing, {
    code: 'ResourceNotFoundException',
    message: 'Requested resource not found: Table: nope not found',
  });
});

test.run();
