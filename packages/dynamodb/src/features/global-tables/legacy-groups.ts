// Shared pieces of the global table (2017.11.29) operations.
import { DynamoDBError, validation } from '../../errors.js';
import type { TableMeta } from '../../storage/types.js';
import type { OperationContext } from '../../operations/types.js';
import { isLegacyGroup, type GlobalTableRecord } from '../../storage/metadata/index.js';
import { replicaTable } from './replica-tables.js';

export const LEGACY_VERSION = '2017.11.29' as const;

export function requireGlobalTable(
  ctx: OperationContext,
  name: string,
  message = describeNotFound(name),
): GlobalTableRecord {
  const record = ctx.engine.storage.metadata.globalTables.get(ctx.accountId, name);
  if (!record || !isLegacyGroup(record)) throw new DynamoDBError('GlobalTableNotFoundException', message);
  return record;
}

const describeNotFound = (name: string) => `Global table not found: Global table with name: '${name}' does not exist.`;
export const settingsNotFound = (name: string) => `Global table with name: '${name}' does not exist.`;

export function globalTableDescription(record: GlobalTableRecord) {
  return {
    ReplicationGroup: record.regions.map((RegionName) => ({ RegionName })),
    GlobalTableArn: record.GlobalTableArn,
    CreationDateTime: record.CreationDateTime,
    GlobalTableStatus: 'ACTIVE',
    GlobalTableName: record.GlobalTableName,
  };
}

export function checkDistinctRegions(regions: string[]): void {
  const seen = new Set<string>();
  for (const region of regions) {
    if (seen.has(region))
      throw validation(`One or more parameter values were invalid: Duplicate region in ReplicationGroup: ${region}`);
    seen.add(region);
  }
}

/** Marks a table as (no longer) a replica of the global table `name`. Re-reads the record first, so changes made
 *  by other requests while the caller awaited are kept. */
export function setMembership(ctx: OperationContext, table: TableMeta, name: string | undefined): TableMeta {
  const current = ctx.engine.catalog.get(table.namespace, table.TableName);
  const updated: TableMeta = { ...(current && current.id === table.id ? current : table) };
  if (name === undefined) {
    delete updated.GlobalTableName;
    delete updated.GlobalTableVersion;
  } else {
    updated.GlobalTableName = name;
    updated.GlobalTableVersion = LEGACY_VERSION;
  }
  ctx.engine.catalog.put(updated);
  return updated;
}

/** The member tables that currently exist, by region. */
export function memberTables(ctx: OperationContext, record: GlobalTableRecord): Map<string, TableMeta> {
  const members = new Map<string, TableMeta>();
  for (const region of record.regions) {
    const table = replicaTable(ctx.engine, record.accountId, region, record.GlobalTableName);
    if (table && table.GlobalTableName === record.GlobalTableName) members.set(region, table);
  }
  return members;
}
