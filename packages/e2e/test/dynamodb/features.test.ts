// Table features over HTTP with the AWS SDK: tagging, TTL settings, point-in-time recovery, contributor insights,
// resource policies — happy paths and DynamoDB's exact error types and messages.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  DeleteResourcePolicyCommand,
  DescribeContinuousBackupsCommand,
  DescribeContributorInsightsCommand,
  DescribeTimeToLiveCommand,
  GetResourcePolicyCommand,
  ListContributorInsightsCommand,
  ListTagsOfResourceCommand,
  PutResourcePolicyCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateContinuousBackupsCommand,
  UpdateContributorInsightsCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { startDynamoDB, type DynamoDBHarness } from '../../src/dynamodb.js';
import { createTable, expectError } from './features-support.js';

let ddb: DynamoDBHarness;
let arn: string;
test.before(async () => {
  ddb = await startDynamoDB({ ttlSweepIntervalMs: 0 });
  arn = (await createTable(ddb.client, 'features')).TableArn!;
});
test.after(async () => ddb?.close());

test('TagResource / ListTagsOfResource / UntagResource', async () => {
  const { client } = ddb;
  await client.send(
    new TagResourceCommand({
      ResourceArn: arn,
      Tags: [
        { Key: 'env', Value: 'dev' },
        { Key: 'team', Value: 'carts' },
      ],
    }),
  );
  await client.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'env', Value: 'prod' }] }));
  const listed = await client.send(new ListTagsOfResourceCommand({ ResourceArn: arn }));
  assert.equal(listed.Tags, [
    { Key: 'env', Value: 'prod' },
    { Key: 'team', Value: 'carts' },
  ]);
  assert.is(listed.NextToken, undefined);
  await client.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['env'] }));
  assert.equal((await client.send(new ListTagsOfResourceCommand({ ResourceArn: arn }))).Tags, [
    { Key: 'team', Value: 'carts' },
  ]);
});

test('tagging errors', async () => {
  const { client } = ddb;
  const missing = arn.replace('features', 'missing');
  await expectError(
    client.send(new TagResourceCommand({ ResourceArn: missing, Tags: [{ Key: 'k', Value: 'v' }] })),
    'ResourceNotFoundException',
    `Requested resource not found: ResourceArn: ${missing} not found`,
  );
  await expectError(
    client.send(new TagResourceCommand({ ResourceArn: arn, Tags: [] })),
    'ValidationException',
    'Atleast one Tag needs to be provided as Input.',
  );
  await expectError(
    client.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'aws:owner', Value: 'v' }] })),
    'ValidationException',
    'Tag Key cannot be prefixed with aws:, Key: aws:owner',
  );
  await expectError(
    client.send(
      new TagResourceCommand({
        ResourceArn: arn,
        Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })),
      }),
    ),
    'ValidationException',
    'Number of Tags exceed the current limit for the provided ResourceArn',
  );
  await expectError(
    client.send(new ListTagsOfResourceCommand({ ResourceArn: 'features' })),
    'ValidationException',
    "One or more parameter values were invalid: ARNs must start with 'arn:': features",
  );
  const euClient = ddb.clientFor({ region: 'eu-west-1' });
  await expectError(
    euClient.send(new ListTagsOfResourceCommand({ ResourceArn: arn })),
    'ValidationException',
    `Invalid TableArn: Invalid ResourceArn provided as input ${arn}`,
  );
  await expectError(
    client.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: [] })),
    'ValidationException',
    'Atleast one Tag Key needs to be provided as Input.',
  );
});

test('UpdateTimeToLive / DescribeTimeToLive', async () => {
  const { client } = ddb;
  const describe = () => client.send(new DescribeTimeToLiveCommand({ TableName: 'features' }));
  assert.equal((await describe()).TimeToLiveDescription, { TimeToLiveStatus: 'DISABLED' });
  const spec = (Enabled: boolean, AttributeName: string) =>
    client.send(
      new UpdateTimeToLiveCommand({ TableName: 'features', TimeToLiveSpecification: { Enabled, AttributeName } }),
    );
  await expectError(spec(false, 'expiresAt'), 'ValidationException', 'TimeToLive is already disabled');
  assert.equal((await spec(true, 'expiresAt')).TimeToLiveSpecification, { Enabled: true, AttributeName: 'expiresAt' });
  assert.equal((await describe()).TimeToLiveDescription, { TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
  await expectError(spec(true, 'expiresAt'), 'ValidationException', 'TimeToLive is already enabled');
  await expectError(
    spec(true, 'other'),
    'ValidationException',
    'TimeToLive is active on a different AttributeName: current AttributeName is expiresAt',
  );
  await spec(false, 'expiresAt');
  assert.equal((await describe()).TimeToLiveDescription, { TimeToLiveStatus: 'DISABLED' });
  await expectError(
    client.send(new DescribeTimeToLiveCommand({ TableName: 'nope' })),
    'ResourceNotFoundException',
    'Requested resource not found: Table: nope not found',
  );
});

test('UpdateContinuousBackups / DescribeContinuousBackups', async () => {
  const { client } = ddb;
  const before = await client.send(new DescribeContinuousBackupsCommand({ TableName: 'features' }));
  assert.equal(before.ContinuousBackupsDescription, {
    ContinuousBackupsStatus: 'ENABLED',
    PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' },
  });
  const enabled = await client.send(
    new UpdateContinuousBackupsCommand({
      TableName: 'features',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    }),
  );
  const pitr = enabled.ContinuousBackupsDescription!.PointInTimeRecoveryDescription!;
  assert.is(pitr.PointInTimeRecoveryStatus, 'ENABLED');
  assert.is(pitr.RecoveryPeriodInDays, 35);
  assert.instance(pitr.EarliestRestorableDateTime, Date);
  assert.instance(pitr.LatestRestorableDateTime, Date);
  await client.send(
    new UpdateContinuousBackupsCommand({
      TableName: 'features',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false },
    }),
  );
  await expectError(
    client.send(new DescribeContinuousBackupsCommand({ TableName: 'nope' })),
    'TableNotFoundException',
    'Table not found: nope',
  );
});

test('UpdateContributorInsights / DescribeContributorInsights / ListContributorInsights', async () => {
  const { client } = ddb;
  const describe = () => client.send(new DescribeContributorInsightsCommand({ TableName: 'features' }));
  assert.is((await describe()).ContributorInsightsStatus, 'DISABLED');
  const enabling = await client.send(
    new UpdateContributorInsightsCommand({ TableName: 'features', ContributorInsightsAction: 'ENABLE' }),
  );
  assert.is(enabling.ContributorInsightsStatus, 'ENABLING');
  const enabled = await describe();
  assert.is(enabled.ContributorInsightsStatus, 'ENABLED');
  assert.is(enabled.ContributorInsightsRuleList?.length, 2);
  assert.instance(enabled.LastUpdateDateTime, Date);
  const listed = await client.send(new ListContributorInsightsCommand({}));
  assert.equal(listed.ContributorInsightsSummaries, [
    {
      TableName: 'features',
      ContributorInsightsStatus: 'ENABLED',
      ContributorInsightsMode: 'ACCESSED_AND_THROTTLED_KEYS',
    },
  ]);
  await client.send(
    new UpdateContributorInsightsCommand({ TableName: 'features', ContributorInsightsAction: 'DISABLE' }),
  );
  assert.is((await describe()).ContributorInsightsStatus, 'DISABLED');
  await expectError(
    client.send(new DescribeContributorInsightsCommand({ TableName: 'features', IndexName: 'ghost' })),
    'ResourceNotFoundException',
    'Requested resource not found: Index: ghost not found for table: features',
  );
});

test('PutResourcePolicy / GetResourcePolicy / DeleteResourcePolicy', async () => {
  const { client } = ddb;
  await expectError(
    client.send(new GetResourcePolicyCommand({ ResourceArn: arn })),
    'PolicyNotFoundException',
    `Resource-based policy not found for the provided ResourceArn: ${arn}`,
  );
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::000000000000:root' },
        Action: 'dynamodb:GetItem',
        Resource: arn,
      },
    ],
  });
  const put = await client.send(new PutResourcePolicyCommand({ ResourceArn: arn, Policy: policy }));
  assert.match(put.RevisionId!, /^\d{13,}$/);
  assert.equal(
    await client.send(new GetResourcePolicyCommand({ ResourceArn: arn })).then((r) => [r.Policy, r.RevisionId]),
    [policy, put.RevisionId],
  );
  await expectError(
    client.send(new PutResourcePolicyCommand({ ResourceArn: arn, Policy: '{"Statement":' })),
    'ValidationException',
    'One or more parameter values were invalid: Invalid policy document: This policy contains invalid Json',
  );
  await expectError(
    client.send(new DeleteResourcePolicyCommand({ ResourceArn: arn, ExpectedRevisionId: '42' })),
    'PolicyNotFoundException',
    `Resource-based policy not found for the provided ResourceArn: Requested update for policy with revision id 42, but the policy associated to target table features has revision id ${put.RevisionId}.`,
  );
  await client.send(new DeleteResourcePolicyCommand({ ResourceArn: arn }));
  await expectError(
    client.send(new GetResourcePolicyCommand({ ResourceArn: arn })),
    'PolicyNotFoundException',
    /^Resource-based policy not found/,
  );
  const missing = arn.replace('features', 'missing');
  await expectError(
    client.send(new GetResourcePolicyCommand({ ResourceArn: missing })),
    'ResourceNotFoundException',
    'Requested resource not found: Table: missing not found',
  );
});

test('request shape is validated before the table lookup (shared validator)', async () => {
  const { client } = ddb;
  await expectError(
    client.send(
      new UpdateTimeToLiveCommand({ TableName: 'nope', TimeToLiveSpecification: { Enabled: true, AttributeName: '' } }),
    ),
    'ValidationException',
    /timeToLiveSpecification\.attributeName/,
  );
});

test.run();
