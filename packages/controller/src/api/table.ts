// dynamodb.services.k8s.aws/v1alpha1 Table: spec and status, field for field as in the real CRD
// (aws-controllers-k8s/dynamodb-controller config/crd/bases/dynamodb.services.k8s.aws_tables.yaml).
import { Type, type Static } from 'typebox';
import {
  ACKResourceMetadata,
  Conditions,
  DateTime,
  Int64,
  KeySchemaElement,
  OnDemandThroughput,
  Projection,
  ProvisionedThroughput,
  ProvisionedThroughputOverride,
  ReplicaGlobalSecondaryIndex,
  immutable,
  objectEnvelope,
} from './common.js';

const AttributeDefinition = Type.Object(
  { attributeName: Type.Optional(Type.String()), attributeType: Type.Optional(Type.String()) },
  { description: 'Represents an attribute for describing the schema for the table and indexes.' },
);

const GlobalSecondaryIndex = Type.Object(
  {
    indexName: Type.Optional(Type.String()),
    keySchema: Type.Optional(Type.Array(KeySchemaElement)),
    onDemandThroughput: Type.Optional(OnDemandThroughput),
    projection: Type.Optional(Projection),
    provisionedThroughput: Type.Optional(ProvisionedThroughput),
  },
  { description: 'Represents the properties of a global secondary index.' },
);

const LocalSecondaryIndex = Type.Object(
  {
    indexName: Type.Optional(Type.String()),
    keySchema: Type.Optional(Type.Array(KeySchemaElement)),
    projection: Type.Optional(Projection),
  },
  { description: 'Represents the properties of a local secondary index.' },
);

const Tag = Type.Object(
  { key: Type.Optional(Type.String()), value: Type.Optional(Type.String()) },
  { description: 'Describes a tag. A tag is a key-value pair.' },
);

const CreateReplicationGroupMemberAction = Type.Object(
  {
    globalSecondaryIndexes: Type.Optional(Type.Array(ReplicaGlobalSecondaryIndex)),
    kmsMasterKeyID: Type.Optional(Type.String()),
    provisionedThroughputOverride: Type.Optional(ProvisionedThroughputOverride),
    regionName: Type.Optional(Type.String()),
    tableClassOverride: Type.Optional(Type.String()),
  },
  { description: 'Represents a replica to be created.' },
);

export const TableSpec = Type.Object(
  {
    attributeDefinitions: Type.Array(AttributeDefinition, {
      description: 'An array of attributes that describe the key schema for the table and indexes.',
    }),
    billingMode: Type.Optional(
      Type.String({
        description:
          'Controls how you are charged for read and write throughput and how you manage capacity: PROVISIONED or PAY_PER_REQUEST.',
      }),
    ),
    continuousBackups: Type.Optional(
      Type.Object(
        { pointInTimeRecoveryEnabled: Type.Optional(Type.Boolean()) },
        { description: 'Represents the settings used to enable point in time recovery.' },
      ),
    ),
    contributorInsights: Type.Optional(Type.String({ description: 'Represents the contributor insights action.' })),
    deletionProtectionEnabled: Type.Optional(
      Type.Boolean({
        description: 'Indicates whether deletion protection is to be enabled (true) or disabled (false) on the table.',
      }),
    ),
    globalSecondaryIndexes: Type.Optional(
      Type.Array(GlobalSecondaryIndex, {
        description: 'One or more global secondary indexes (the maximum is 20) to be created on the table.',
      }),
    ),
    keySchema: Type.Array(KeySchemaElement, {
      description: 'Specifies the attributes that make up the primary key for a table or an index.',
      ...immutable,
    }),
    localSecondaryIndexes: Type.Optional(
      Type.Array(LocalSecondaryIndex, {
        description: 'One or more local secondary indexes (the maximum is 5) to be created on the table.',
        ...immutable,
      }),
    ),
    onDemandThroughput: Type.Optional(
      Type.Object(
        { maxReadRequestUnits: Type.Optional(Int64()), maxWriteRequestUnits: Type.Optional(Int64()) },
        {
          description:
            'Sets the maximum number of read and write units for the specified table in on-demand capacity mode.',
        },
      ),
    ),
    provisionedThroughput: Type.Optional(ProvisionedThroughput),
    resourcePolicy: Type.Optional(
      Type.String({ description: 'An Amazon Web Services resource-based policy document in JSON format.' }),
    ),
    sseSpecification: Type.Optional(
      Type.Object(
        {
          enabled: Type.Optional(Type.Boolean()),
          kmsMasterKeyID: Type.Optional(Type.String()),
          kmsMasterKeyRef: Type.Optional(
            Type.Object(
              {
                from: Type.Optional(
                  Type.Object(
                    { name: Type.Optional(Type.String()), namespace: Type.Optional(Type.String()) },
                    {
                      description:
                        'AWSResourceReference provides all the values necessary to reference another k8s resource for finding the identifier(Id/ARN/Name)',
                    },
                  ),
                ),
              },
              { description: 'Reference field for KMSMasterKeyID' },
            ),
          ),
          sseType: Type.Optional(Type.String()),
        },
        { description: 'Represents the settings used to enable server-side encryption.' },
      ),
    ),
    streamSpecification: Type.Optional(
      Type.Object(
        { streamEnabled: Type.Optional(Type.Boolean()), streamViewType: Type.Optional(Type.String()) },
        { description: 'The settings for DynamoDB Streams on the table.' },
      ),
    ),
    tableClass: Type.Optional(
      Type.String({
        description: 'The table class of the new table. Valid values are STANDARD and STANDARD_INFREQUENT_ACCESS.',
      }),
    ),
    tableName: Type.String({ description: 'The name of the table to create.' }),
    tableReplicas: Type.Optional(Type.Array(CreateReplicationGroupMemberAction)),
    tags: Type.Optional(Type.Array(Tag, { description: 'A list of key-value pairs to label the table.' })),
    timeToLive: Type.Optional(
      Type.Object(
        { attributeName: Type.Optional(Type.String()), enabled: Type.Optional(Type.Boolean()) },
        { description: 'Represents the settings used to enable or disable Time to Live for the specified table.' },
      ),
    ),
  },
  { description: 'TableSpec defines the desired state of Table.' },
);
export type TableSpec = Static<typeof TableSpec>;

const GlobalSecondaryIndexDescription = Type.Object(
  {
    backfilling: Type.Optional(Type.Boolean()),
    indexARN: Type.Optional(Type.String()),
    indexName: Type.Optional(Type.String()),
    indexSizeBytes: Type.Optional(Int64()),
    indexStatus: Type.Optional(Type.String()),
    itemCount: Type.Optional(Int64()),
    keySchema: Type.Optional(Type.Array(KeySchemaElement)),
    onDemandThroughput: Type.Optional(OnDemandThroughput),
    projection: Type.Optional(Projection),
    provisionedThroughput: Type.Optional(
      Type.Object(
        {
          lastDecreaseDateTime: Type.Optional(DateTime()),
          lastIncreaseDateTime: Type.Optional(DateTime()),
          numberOfDecreasesToday: Type.Optional(Int64()),
          readCapacityUnits: Type.Optional(Int64()),
          writeCapacityUnits: Type.Optional(Int64()),
        },
        {
          description:
            'Represents the provisioned throughput settings for the table, consisting of read and write capacity units, along with data about increases and decreases.',
        },
      ),
    ),
  },
  { description: 'Represents the properties of a global secondary index.' },
);

const ReplicaDescription = Type.Object(
  {
    globalSecondaryIndexes: Type.Optional(Type.Array(ReplicaGlobalSecondaryIndex)),
    kmsMasterKeyID: Type.Optional(Type.String()),
    provisionedThroughputOverride: Type.Optional(ProvisionedThroughputOverride),
    regionName: Type.Optional(Type.String()),
    replicaInaccessibleDateTime: Type.Optional(DateTime()),
    replicaStatus: Type.Optional(Type.String()),
    replicaStatusDescription: Type.Optional(Type.String()),
    replicaStatusPercentProgress: Type.Optional(Type.String()),
    replicaTableClassSummary: Type.Optional(
      Type.Object(
        { lastUpdateDateTime: Type.Optional(DateTime()), tableClass: Type.Optional(Type.String()) },
        { description: 'Contains details of the table class.' },
      ),
    ),
  },
  { description: 'Contains the details of the replica.' },
);

export const TableStatus = Type.Object(
  {
    ackResourceMetadata: Type.Optional(ACKResourceMetadata),
    archivalSummary: Type.Optional(
      Type.Object(
        {
          archivalBackupARN: Type.Optional(Type.String()),
          archivalDateTime: Type.Optional(DateTime()),
          archivalReason: Type.Optional(Type.String()),
        },
        { description: 'Contains information about the table archive.' },
      ),
    ),
    conditions: Type.Optional(Conditions),
    creationDateTime: Type.Optional(DateTime({ description: 'The date and time when the table was created.' })),
    globalSecondaryIndexesDescriptions: Type.Optional(Type.Array(GlobalSecondaryIndexDescription)),
    globalTableVersion: Type.Optional(
      Type.String({
        description:
          'Represents the version of global tables in use, if the table is replicated across Amazon Web Services Regions.',
      }),
    ),
    itemCount: Type.Optional(Int64({ description: 'The number of items in the specified table.' })),
    latestStreamARN: Type.Optional(
      Type.String({
        description: 'The Amazon Resource Name (ARN) that uniquely identifies the latest stream for this table.',
      }),
    ),
    latestStreamLabel: Type.Optional(Type.String({ description: 'A timestamp, in ISO 8601 format, for this stream.' })),
    replicas: Type.Optional(Type.Array(ReplicaDescription, { description: 'Represents replicas of the table.' })),
    restoreSummary: Type.Optional(
      Type.Object(
        {
          restoreDateTime: Type.Optional(DateTime()),
          restoreInProgress: Type.Optional(Type.Boolean()),
          sourceBackupARN: Type.Optional(Type.String()),
          sourceTableARN: Type.Optional(Type.String()),
        },
        { description: 'Contains details for the restore.' },
      ),
    ),
    tableID: Type.Optional(
      Type.String({ description: 'Unique identifier for the table for which the backup was created.' }),
    ),
    tableSizeBytes: Type.Optional(Int64({ description: 'The total size of the specified table, in bytes.' })),
    tableStatus: Type.Optional(
      Type.String({
        description:
          'The current state of the table: CREATING, UPDATING, DELETING, ACTIVE, INACCESSIBLE_ENCRYPTION_CREDENTIALS, ARCHIVING, ARCHIVED.',
      }),
    ),
  },
  { description: 'TableStatus defines the observed state of Table' },
);
export type TableStatus = Static<typeof TableStatus>;

export const TableSchema = Type.Object(
  { ...objectEnvelope, spec: Type.Optional(TableSpec), status: Type.Optional(TableStatus) },
  { description: 'Table is the Schema for the Tables API' },
);
