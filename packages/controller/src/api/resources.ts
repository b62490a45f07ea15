// The ACK resource types ack-local serves: names, scopes, printer columns (as in the real CRDs) and their schemas.
import type { GroupVersionResource, KubeObject } from '@ack-local/kube-apiserver';
import { BackupSchema } from './backup.js';
import { customResourceDefinition, type CrdDefinition, type PrinterColumn } from './crd.js';
import { FieldExportSchema } from './field-export.js';
import { GlobalTableSchema } from './global-table.js';
import { IAMRoleSelectorSchema } from './iam-role-selector.js';
import { TableSchema } from './table.js';
import upstreamCrds from './upstream/crds.json' with { type: 'json' };

export const DYNAMODB_GROUP = 'dynamodb.services.k8s.aws';
export const ACK_CORE_GROUP = 'services.k8s.aws';
export const VERSION = 'v1alpha1';

const arnColumn: PrinterColumn = {
  jsonPath: '.status.ackResourceMetadata.arn',
  name: 'ARN',
  priority: 1,
  type: 'string',
};
const syncedColumn: PrinterColumn = {
  jsonPath: '.status.conditions[?(@.type=="ACK.ResourceSynced")].status',
  name: 'Synced',
  type: 'string',
};
const ageColumn: PrinterColumn = { jsonPath: '.metadata.creationTimestamp', name: 'Age', type: 'date' };

export const TABLE: CrdDefinition = {
  group: DYNAMODB_GROUP,
  version: VERSION,
  kind: 'Table',
  plural: 'tables',
  singular: 'table',
  scope: 'Namespaced',
  schema: TableSchema,
  printerColumns: [
    arnColumn,
    { jsonPath: '.spec.tableClass', name: 'CLASS', type: 'string' },
    { jsonPath: '.status.tableStatus', name: 'STATUS', type: 'string' },
    syncedColumn,
    ageColumn,
  ],
};

export const BACKUP: CrdDefinition = {
  group: DYNAMODB_GROUP,
  version: VERSION,
  kind: 'Backup',
  plural: 'backups',
  singular: 'backup',
  scope: 'Namespaced',
  schema: BackupSchema,
  printerColumns: [
    arnColumn,
    // The real CRD points SIZE at .status.backupSize, a field that does not exist (it is backupSizeBytes), so the
    // column is always blank on real clusters too. Kept as shipped so `kubectl get backups` looks the same.
    { jsonPath: '.status.backupSize', name: 'SIZE', type: 'string' },
    { jsonPath: '.status.backupStatus', name: 'STATUS', type: 'string' },
    { jsonPath: '.spec.tableName', name: 'TABLENAME', type: 'string' },
    { jsonPath: '.status.backupType', name: 'TYPE', type: 'string' },
    syncedColumn,
    ageColumn,
  ],
};

export const GLOBAL_TABLE: CrdDefinition = {
  group: DYNAMODB_GROUP,
  version: VERSION,
  kind: 'GlobalTable',
  plural: 'globaltables',
  singular: 'globaltable',
  scope: 'Namespaced',
  schema: GlobalTableSchema,
};

export const FIELD_EXPORT: CrdDefinition = {
  group: ACK_CORE_GROUP,
  version: VERSION,
  kind: 'FieldExport',
  plural: 'fieldexports',
  singular: 'fieldexport',
  scope: 'Namespaced',
  schema: FieldExportSchema,
};

export const IAM_ROLE_SELECTOR: CrdDefinition = {
  group: ACK_CORE_GROUP,
  version: VERSION,
  kind: 'IAMRoleSelector',
  plural: 'iamroleselectors',
  singular: 'iamroleselector',
  scope: 'Cluster',
  schema: IAMRoleSelectorSchema,
};

export const ALL_RESOURCES = [TABLE, GLOBAL_TABLE, BACKUP, FIELD_EXPORT, IAM_ROLE_SELECTOR];

export const gvrOf = (def: CrdDefinition): GroupVersionResource => ({
  group: def.group,
  version: def.version,
  resource: def.plural,
});

/**
 * The CRDs ack-local installs: the upstream ACK files, unchanged (upstream/README.md), so that users applying or
 * diffing the upstream CRDs see no change and no server-side apply conflict.
 */
export function ackCustomResourceDefinitions(): KubeObject[] {
  return structuredClone(upstreamCrds) as KubeObject[];
}

/** The same CRDs generated from the TypeBox schemas (test/crd.test.ts compares them with the upstream ones). */
export function generatedCustomResourceDefinitions(): KubeObject[] {
  return ALL_RESOURCES.map(customResourceDefinition);
}
