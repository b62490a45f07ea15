// A small stateful DynamoDB behind the controller's DynamoDBClient interface, for unit tests of the reconcile loop:
// tables move between states only when the test says so (settle), every call is recorded, and any call can be
// made to fail once with a scripted error. Only what the Table manager calls is modelled.
import { DynamoDBCallError, type DynamoDBClient } from '../src/aws/client.js';

type Ddb = Record<string, any>;

export interface TableBackend {
  client: DynamoDBClient;
  calls: { operation: string; input: Ddb }[];
  tables: Map<string, Ddb>;
  /** Every CREATING/UPDATING table (and index) becomes ACTIVE. */
  settle(): void;
  /** The next call of `operation` fails with this error. */
  failNext(operation: string, code: string, message: string): void;
  /** Operations called so far, in order. */
  operations(): string[];
}

const ARN_PREFIX = 'arn:aws:dynamodb:us-west-2:000000000000:table/';
const missing = (name: string) =>
  new DynamoDBCallError('ResourceNotFoundException', `Requested resource not found: Table: ${name} not found`);

export function tableBackend(): TableBackend {
  const tables = new Map<string, Ddb>();
  const tags = new Map<string, { Key: string; Value: string }[]>();
  const calls: TableBackend['calls'] = [];
  const failures = new Map<string, DynamoDBCallError>();

  const table = (name: unknown): Ddb => {
    const t = tables.get(String(name));
    if (!t) throw missing(String(name));
    return t;
  };
  const handlers: Record<string, (input: Ddb) => unknown> = {
    CreateTable(input) {
      if (tables.has(input.TableName))
        throw new DynamoDBCallError('ResourceInUseException', `Table already exists: ${input.TableName}`);
      const description: Ddb = {
        TableName: input.TableName,
        TableArn: `${ARN_PREFIX}${input.TableName}`,
        TableStatus: 'CREATING',
        KeySchema: input.KeySchema,
        AttributeDefinitions: input.AttributeDefinitions,
        BillingModeSummary: { BillingMode: input.BillingMode ?? 'PROVISIONED' },
        ProvisionedThroughput: input.ProvisionedThroughput ?? { ReadCapacityUnits: 0, WriteCapacityUnits: 0 },
        DeletionProtectionEnabled: input.DeletionProtectionEnabled ?? false,
        CreationDateTime: 1_767_225_600,
      };
      tables.set(input.TableName, description);
      tags.set(description.TableArn, input.Tags ?? []);
      return { TableDescription: structuredClone(description) };
    },
    DescribeTable: (input) => ({ Table: structuredClone(table(input.TableName)) }),
    UpdateTable(input) {
      const t = table(input.TableName);
      if (t.TableStatus !== 'ACTIVE')
        throw new DynamoDBCallError('ResourceInUseException', `Attempt to change a resource which is still in use`);
      if (input.BillingMode) t.BillingModeSummary = { BillingMode: input.BillingMode };
      if (input.ProvisionedThroughput) t.ProvisionedThroughput = input.ProvisionedThroughput;
      if (input.DeletionProtectionEnabled !== undefined) t.DeletionProtectionEnabled = input.DeletionProtectionEnabled;
      t.TableStatus = 'UPDATING';
      return { TableDescription: structuredClone(t) };
    },
    DeleteTable(input) {
      const t = table(input.TableName);
      if (t.DeletionProtectionEnabled)
        throw new DynamoDBCallError(
          'ValidationException',
          'Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.',
        );
      tables.delete(input.TableName);
      return { TableDescription: { ...structuredClone(t), TableStatus: 'DELETING' } };
    },
    ListTagsOfResource: (input) => ({ Tags: structuredClone(tags.get(input.ResourceArn) ?? []) }),
    TagResource(input) {
      const current = (tags.get(input.ResourceArn) ?? []).filter(
        (t) => !input.Tags.some((n: { Key: string }) => n.Key === t.Key),
      );
      tags.set(input.ResourceArn, [...current, ...input.Tags]);
      return {};
    },
    UntagResource(input) {
      tags.set(
        input.ResourceArn,
        (tags.get(input.ResourceArn) ?? []).filter((t) => !input.TagKeys.includes(t.Key)),
      );
      return {};
    },
    DescribeContributorInsights: (input) => (table(input.TableName), { ContributorInsightsStatus: 'DISABLED' }),
    DescribeTimeToLive: (input) => (
      table(input.TableName),
      { TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } }
    ),
    DescribeContinuousBackups: (input) => (
      table(input.TableName),
      {
        ContinuousBackupsDescription: {
          ContinuousBackupsStatus: 'ENABLED',
          PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' },
        },
      }
    ),
    GetResourcePolicy(input) {
      throw new DynamoDBCallError(
        'PolicyNotFoundException',
        `Resource-based policy not found for: ${input.ResourceArn}`,
      );
    },
  };

  const client: DynamoDBClient = {
    async call(operation, input) {
      calls.push({ operation, input: structuredClone(input) });
      const failure = failures.get(operation);
      if (failure) {
        failures.delete(operation);
        throw failure;
      }
      const handler = handlers[operation];
      if (!handler) throw new DynamoDBCallError('UnknownOperationException', `unknown operation ${operation}`);
      return handler(input as Ddb) as any;
    },
  };
  return {
    client,
    calls,
    tables,
    settle() {
      for (const t of tables.values()) t.TableStatus = 'ACTIVE';
    },
    failNext(operation, code, message) {
      failures.set(operation, new DynamoDBCallError(code, message));
    },
    operations: () => calls.map((c) => c.operation),
  };
}
