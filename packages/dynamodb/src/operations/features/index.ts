// The operations of the smaller features (tags, contributor insights, resource policies), one import per module,
// and those of the feature folders (src/features/: TTL, backups, global tables), each of which lists its own.
import type { Operation } from '../types.js';
import { backupOperations } from '../../features/backups/operations/index.js';
import { globalTableOperations } from '../../features/global-tables/operations/index.js';
import { ttlOperations } from '../../features/ttl/operations/index.js';
import { tagResource } from './tag-resource.js';
import { untagResource } from './untag-resource.js';
import { listTagsOfResource } from './list-tags-of-resource.js';
import { updateContributorInsights } from './update-contributor-insights.js';
import { describeContributorInsights } from './describe-contributor-insights.js';
import { listContributorInsights } from './list-contributor-insights.js';
import { putResourcePolicy } from './put-resource-policy.js';
import { getResourcePolicy } from './get-resource-policy.js';
import { deleteResourcePolicy } from './delete-resource-policy.js';

export const featureOperations: Operation<any>[] = [
  tagResource,
  untagResource,
  listTagsOfResource,
  updateContributorInsights,
  describeContributorInsights,
  listContributorInsights,
  putResourcePolicy,
  getResourcePolicy,
  deleteResourcePolicy,
  ...ttlOperations,
  ...backupOperations,
  ...globalTableOperations,
];
