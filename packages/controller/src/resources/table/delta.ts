// ACK's Table delta (customPreCompare + generated compare), with its defaulting:
// - desired nils default: billingMode → PROVISIONED, tableClass → STANDARD, deletionProtectionEnabled → false,
//   timeToLive → {enabled:false}, continuousBackups → PITR false;
// - index lists compare by name, tags by key, attribute lists order-insensitively;
// - provisionedThroughput is ignored under PAY_PER_REQUEST; nil equals zero/""/false;
// - other optional fields the user left unset are not managed (no delta), so settings made outside the CR do not
//   make the controller send empty updates. keySchema and LSIs are immutable (CEL) and attributeDefinitions ride
//   along with GSI changes, so none of the three produces an update of its own.
import type { TableSpec } from '../../api/table.js';

type Gsi = NonNullable<TableSpec['globalSecondaryIndexes']>[number];

export const PROVISIONED = 'PROVISIONED';
export const PAY_PER_REQUEST = 'PAY_PER_REQUEST';

/** Zero values Go's generated compare treats like nil. */
export function isZero(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value as object).every(isZero);
  return false;
}

/** Deep equality where nil and zero values are interchangeable. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (isZero(a) && isZero(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameValue((a as any)[k], (b as any)[k]));
  }
  return a === b;
}

const byName = <T extends { indexName?: string }>(list: T[] | undefined) =>
  new Map((list ?? []).map((x) => [x.indexName ?? '', x]));
const sortedKeys = (keys: { attributeName?: string; keyType?: string }[] | undefined) =>
  [...(keys ?? [])].sort((x, y) => `${x.keyType}${x.attributeName}`.localeCompare(`${y.keyType}${y.attributeName}`));

export const effectiveBillingMode = (spec: TableSpec) => spec.billingMode || PROVISIONED;

export function sameProjection(a: Gsi['projection'], b: Gsi['projection']): boolean {
  return (
    (a?.projectionType ?? 'ALL') === (b?.projectionType ?? 'ALL') &&
    sameValue([...(a?.nonKeyAttributes ?? [])].sort(), [...(b?.nonKeyAttributes ?? [])].sort())
  );
}

/** A GSI whose definition (not throughput) differs; ACK treats this as an update it cannot perform. */
export function sameGsiShape(a: Gsi, b: Gsi): boolean {
  return sameValue(sortedKeys(a.keySchema), sortedKeys(b.keySchema)) && sameProjection(a.projection, b.projection);
}

/** Throughput the GSI asks for, compared only when set and the table is PROVISIONED. */
export function gsiThroughputDiffers(desired: Gsi, latest: Gsi, billingMode: string): boolean {
  if (billingMode !== PROVISIONED || !desired.provisionedThroughput) {
    return !!desired.onDemandThroughput && !sameValue(desired.onDemandThroughput, latest.onDemandThroughput);
  }
  return (
    !sameValue(desired.provisionedThroughput, latest.provisionedThroughput) ||
    (!!desired.onDemandThroughput && !sameValue(desired.onDemandThroughput, latest.onDemandThroughput))
  );
}

export interface GsiChanges {
  added: Gsi[];
  removed: Gsi[];
  changed: Gsi[];
}

export function gsiChanges(desired: TableSpec, latest: TableSpec): GsiChanges {
  const want = byName(desired.globalSecondaryIndexes);
  const have = byName(latest.globalSecondaryIndexes);
  const billing = effectiveBillingMode(desired);
  return {
    added: [...want.values()].filter((g) => !have.has(g.indexName ?? '')),
    removed: [...have.values()].filter((g) => !want.has(g.indexName ?? '')),
    changed: [...want.values()].filter((g) => {
      const h = have.get(g.indexName ?? '');
      return h && (gsiThroughputDiffers(g, h, billing) || !sameGsiShape(g, h));
    }),
  };
}

/** Tags as a key → value map, for order-insensitive comparison. */
export const tagMap = (tags: TableSpec['tags']) => new Map((tags ?? []).map((t) => [t.key ?? '', t.value ?? '']));

export function tagsDiffer(desired: TableSpec['tags'], latest: TableSpec['tags']): boolean {
  const a = tagMap(desired),
    b = tagMap(latest);
  return a.size !== b.size || [...a].some(([k, v]) => b.get(k) !== v);
}

const normaliseInsights = (v: string | undefined) => (v === 'ENABLE' ? 'ENABLED' : v === 'DISABLE' ? 'DISABLED' : v);

function samePolicy(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return !a === !b;
  try {
    return sameValue(JSON.parse(a), JSON.parse(b));
  } catch {
    return a === b;
  }
}

/**
 * Paths (`spec.x`) where the desired spec differs from what DynamoDB holds. `desired.tags` must already include the
 * controller's system tags (EnsureTags), as in ACK.
 */
export function tableDelta(desired: TableSpec, latest: TableSpec): string[] {
  const out: string[] = [];
  const billing = effectiveBillingMode(desired);
  if (billing !== effectiveBillingMode(latest)) out.push('spec.billingMode');
  if ((desired.tableClass || 'STANDARD') !== (latest.tableClass || 'STANDARD')) out.push('spec.tableClass');
  if ((desired.deletionProtectionEnabled ?? false) !== (latest.deletionProtectionEnabled ?? false))
    out.push('spec.deletionProtectionEnabled');
  if (
    billing === PROVISIONED &&
    desired.provisionedThroughput &&
    !sameValue(desired.provisionedThroughput, latest.provisionedThroughput)
  ) {
    out.push('spec.provisionedThroughput');
  }
  if (desired.onDemandThroughput && !sameValue(desired.onDemandThroughput, latest.onDemandThroughput))
    out.push('spec.onDemandThroughput');
  const gsis = gsiChanges(desired, latest);
  if (gsis.added.length || gsis.removed.length || gsis.changed.length) out.push('spec.globalSecondaryIndexes');
  if (desired.streamSpecification && !sameStream(desired.streamSpecification, latest.streamSpecification))
    out.push('spec.streamSpecification');
  if (desired.sseSpecification && !sameSse(desired.sseSpecification, latest.sseSpecification))
    out.push('spec.sseSpecification');
  // latest.tags is undefined only when the endpoint cannot list tags; then tags are not managed.
  if (latest.tags !== undefined && tagsDiffer(desired.tags, latest.tags)) out.push('spec.tags');
  const ttl = desired.timeToLive ?? (latest.timeToLive ? { enabled: false } : undefined);
  if (ttl && !sameTtl(ttl, latest.timeToLive)) out.push('spec.timeToLive');
  const pitr = desired.continuousBackups?.pointInTimeRecoveryEnabled ?? false;
  if (pitr !== (latest.continuousBackups?.pointInTimeRecoveryEnabled ?? false)) out.push('spec.continuousBackups');
  if (
    desired.contributorInsights &&
    normaliseInsights(desired.contributorInsights) !== normaliseInsights(latest.contributorInsights)
  ) {
    out.push('spec.contributorInsights');
  }
  if (desired.resourcePolicy !== undefined && !samePolicy(desired.resourcePolicy, latest.resourcePolicy))
    out.push('spec.resourcePolicy');
  if (desired.tableReplicas && !sameReplicas(desired.tableReplicas, latest.tableReplicas))
    out.push('spec.tableReplicas');
  return out;
}

function sameStream(a: TableSpec['streamSpecification'], b: TableSpec['streamSpecification']): boolean {
  if (!(a?.streamEnabled ?? false)) return !(b?.streamEnabled ?? false);
  return !!b?.streamEnabled && a?.streamViewType === b?.streamViewType;
}

function sameSse(a: TableSpec['sseSpecification'], b: TableSpec['sseSpecification']): boolean {
  if (!(a?.enabled ?? false)) return !(b?.enabled ?? false);
  return (
    !!b?.enabled &&
    (a?.sseType ?? 'KMS') === (b?.sseType ?? 'KMS') &&
    (!a?.kmsMasterKeyID || a.kmsMasterKeyID === b.kmsMasterKeyID)
  );
}

function sameTtl(a: TableSpec['timeToLive'], b: TableSpec['timeToLive']): boolean {
  if (!(a?.enabled ?? false)) return !(b?.enabled ?? false);
  return !!b?.enabled && a?.attributeName === b?.attributeName;
}

function sameReplicas(a: TableSpec['tableReplicas'], b: TableSpec['tableReplicas']): boolean {
  const regions = (list: TableSpec['tableReplicas']) => (list ?? []).map((r) => r.regionName ?? '').sort();
  return sameValue(regions(a), regions(b));
}
