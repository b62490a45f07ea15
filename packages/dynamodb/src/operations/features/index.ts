import type { Operation } from '../types.js';
// One import per operation module of this group.
import { tagResource } from './tag-resource.js';
import { untagResource } from './untag-resource.js';
import { listTagsOfResource } from './list-tags-of-resource.js';
import { updateTimeToLive } from './update-time-to-live.js';
import { describeTimeToLive } from './describe-time-to-live.js';
import { updateContinuousBackups } from './update-continuous-backups.js';
import { describeContinuousBackups } from './describe-continuous-backups.js';
import { updateContributorInsights } from './update-contributor-insights.js';
import { describeContributorInsights } from './describe-contributor-insights.js';
import { listContributorInsights } from './list-contributor-insights.js';
import { putResourcePolicy } from './put-resource-policy.js';
import { getResourcePolicy } from './get-resource-policy.js';
import { deleteResourcePolicy } from './delete-resource-policy.js';
import { createBackup } from './create-backup.js';
import { describeBackup } from './describe-backup.js';
import { listBackups } from './list-backups.js';
import { deleteBackup } from './delete-backup.js';
import { restoreTableFromBackup } from './restore-table-from-backup.js';
import { createGlobalTable } from './create-global-table.js';
import { describeGlobalTable } from './describe-global-table.js';
import { updateGlobalTable } from './update-global-table.js';
import { listGlobalTablesOperation } from './list-global-tables.js';
import { describeGlobalTableSettings } from './describe-global-table-settings.js';

export const featureOperations: Operation<any>[] = [
  tagResource,
  untagResource,
  listTagsOfResource,
  updateTimeToLive,
  describeTimeToLive,
  updateContinuousBackups,
  describeContinuousBackups,
  updateContributorInsights,
  describeContributorInsights,
  listContributorInsights,
  putResourcePolicy,
  getResourcePolicy,
  deleteResourcePolicy,
  createBackup,
  describeBackup,
  listBackups,
  deleteBackup,
  restoreTableFromBackup,
  createGlobalTable,
  describeGlobalTable,
  updateGlobalTable,
  listGlobalTablesOperation,
  describeGlobalTableSettings,
];
