// Navigates a kind's OpenAPI schema (the same one /openapi/v3 publishes, $refs resolved) to answer what the
// patch engines need per field: list type and keys (server-side apply), patch strategy and merge key
// (strategic merge), atomic maps. Without a schema (x-kubernetes-preserve-unknown-fields or no schema) the
// structured-merge-diff defaults apply: maps are granular, lists atomic.
import { ownValue } from '../own-keys.js';
import type { ResourceType } from '../resource-type.js';
import { builtinSupportSchemas } from '../openapi/builtin-schemas.js';
import { metaSchemas } from '../openapi/meta-schemas.js';
import { kindSchema } from '../openapi/schemas.js';

type Schema = Record<string, unknown>;
const definitions: Record<string, Schema> = { ...metaSchemas, ...builtinSupportSchemas } as Record<string, Schema>;

function resolve(schema: Schema | undefined): Schema | undefined {
  let s = schema;
  for (let guard = 0; s && guard < 10; guard++) {
    if (typeof s.$ref === 'string') {
      s = { ...definitions[s.$ref.replace('#/components/schemas/', '')], ...withoutRef(s) };
      continue;
    }
    const allOf = s.allOf as Schema[] | undefined;
    if (allOf && allOf.length === 1) {
      const { allOf: _allOf, ...rest } = s;
      s = { ...resolve(allOf[0]), ...rest };
      continue;
    }
    break;
  }
  return s;
}
const withoutRef = (s: Schema): Schema => {
  const { $ref: _ref, ...rest } = s;
  return rest;
};

const byType = new WeakMap<ResourceType, SchemaNode>();

export type ListType = 'atomic' | 'set' | 'map';

export class SchemaNode {
  private readonly schema: Schema | undefined;

  constructor(schema: Schema | undefined) {
    this.schema = resolve(schema);
  }

  static forType(type: ResourceType): SchemaNode {
    let node = byType.get(type);
    if (!node) {
      node = new SchemaNode(kindSchema(type));
      byType.set(type, node);
    }
    return node;
  }

  static unknown(): SchemaNode {
    return new SchemaNode(undefined);
  }

  field(name: string): SchemaNode {
    const s = this.schema;
    if (!s) return SchemaNode.unknown();
    const props = s.properties as Record<string, Schema> | undefined;
    const own = props ? (ownValue(props, name) as Schema | undefined) : undefined;
    if (own) return new SchemaNode(own);
    const additional = s.additionalProperties;
    if (additional && typeof additional === 'object') return new SchemaNode(additional as Schema);
    return SchemaNode.unknown();
  }

  item(): SchemaNode {
    const items = this.schema?.items;
    return new SchemaNode(items && typeof items === 'object' ? (items as Schema) : undefined);
  }

  listType(): ListType {
    const t = this.schema?.['x-kubernetes-list-type'];
    if (t === 'set' || t === 'map') return t;
    return 'atomic';
  }

  listKeys(): string[] {
    return (this.schema?.['x-kubernetes-list-map-keys'] as string[] | undefined) ?? [];
  }

  atomicMap(): boolean {
    return this.schema?.['x-kubernetes-map-type'] === 'atomic';
  }

  /** Strategic merge: 'merge' / 'replace' / 'retainKeys' (possibly several, comma separated). */
  patchStrategies(): string[] {
    const s = this.schema?.['x-kubernetes-patch-strategy'];
    return typeof s === 'string' ? s.split(',') : [];
  }

  patchMergeKey(): string | undefined {
    return this.schema?.['x-kubernetes-patch-merge-key'] as string | undefined;
  }
}
