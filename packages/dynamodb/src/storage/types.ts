// What the catalog stores about a table. Field names follow DescribeTable's wire names where one exists, so
// describing a table is mostly a projection of this record (operations/tables/describe.ts).
import type { AttributeDefinition, KeySchemaElement, KeyShape } from '../model/index.js';

export type TableStatus = 'CREATING' | 'UPDATING' | 'DELETING' | 'ACTIVE' | 'ARCHIVING' | 'ARCHIVED';
export type IndexStatus = 'CREATING' | 'UPDATING' | 'DELETING' | 'ACTIVE';

export interface Projection {
  ProjectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  NonKeyAttributes?: string[];
}

export interface ProvisionedThroughputMeta {
  ReadCapacityUnits: number;
  WriteCapacityUnits: number;
  NumberOfDecreasesToday: number;
  LastIncreaseDateTime?: number; // epoch seconds
  LastDecreaseDateTime?: number;
}

export interface OnDemandThroughput {
  MaxReadRequestUnits?: number;
  MaxWriteRequestUnits?: number;
}

export interface IndexMeta {
  kind: 'GSI' | 'LSI';
  /** Storage id of this index's entries (unique within the table, 1..65535; 0 is the table itself). */
  id: number;
  IndexName: string;
  KeySchema: KeySchemaElement[];
  key: KeyShape;
  Projection: Projection;
  IndexStatus: IndexStatus;
  /** Epoch ms at which a CREATING/DELETING index settles (lazy transition, see Catalog.get). */
  settlesAt?: number;
  /** Present only on a GSI added by UpdateTable while it is CREATING (DescribeTable's Backfilling). */
  Backfilling?: boolean;
  ProvisionedThroughput?: ProvisionedThroughputMeta;
  OnDemandThroughput?: OnDemandThroughput;
}

export interface TableMeta {
  /** Storage id of the table (unique in the data dir, never reused). */
  id: number;
  /** Isolation namespace the table lives in (see engine.namespaceFor). */
  namespace: string;
  accountId: string;
  region: string;
  TableName: string;
  TableArn: string;
  TableId: string; // uuid
  CreationDateTime: number; // epoch seconds, with millis
  TableStatus: TableStatus;
  /** Epoch ms at which CREATING/UPDATING/DELETING settles (lazy transition). */
  settlesAt?: number;
  AttributeDefinitions: AttributeDefinition[];
  KeySchema: KeySchemaElement[];
  key: KeyShape;
  BillingMode: 'PROVISIONED' | 'PAY_PER_REQUEST';
  /** Set once the billing mode was given explicitly or changed (DescribeTable's BillingModeSummary). */
  BillingModeSummary?: { BillingMode: 'PROVISIONED' | 'PAY_PER_REQUEST'; LastUpdateToPayPerRequestDateTime?: number };
  ProvisionedThroughput: ProvisionedThroughputMeta;
  OnDemandThroughput?: OnDemandThroughput;
  GlobalSecondaryIndexes: IndexMeta[];
  LocalSecondaryIndexes: IndexMeta[];
  /** Absent until streams were ever enabled (DescribeTable omits it then: ACK convergence trap). */
  StreamSpecification?: { StreamEnabled: boolean; StreamViewType?: string };
  LatestStreamArn?: string;
  LatestStreamLabel?: string;
  /** Absent for default (AWS owned key) encryption. */
  SSEDescription?: {
    Status: 'ENABLED' | 'ENABLING' | 'DISABLED' | 'DISABLING' | 'UPDATING';
    SSEType?: 'AES256' | 'KMS';
    KMSMasterKeyArn?: string;
  };
  TableClassSummary?: { TableClass: 'STANDARD' | 'STANDARD_INFREQUENT_ACCESS'; LastUpdateDateTime?: number };
  DeletionProtectionEnabled: boolean;
  Tags: { Key: string; Value: string }[];
  TimeToLive?: { AttributeName: string; Enabled: boolean };
  PointInTimeRecoveryEnabled: boolean;
  PointInTimeRecoveryEnabledAt?: number;
  ContributorInsightsStatus?: 'ENABLED' | 'DISABLED';
  ResourcePolicy?: { Policy: string; RevisionId: string };
  /** Global table (2017.11.29 API) membership, if any: the global table's name. */
  GlobalTableName?: string;
  /** Replicas of a 2019.11.21 global table (UpdateTable ReplicaUpdates), by region. */
  Replicas?: { RegionName: string; ReplicaStatus: string }[];
  GlobalTableVersion?: string;
}
