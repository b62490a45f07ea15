// meta.k8s.io/v1 Table output: what `kubectl get` asks for (Accept `application/json;as=Table;v=v1;g=meta.k8s.io`).
import type { KubeObject } from '../api.js';
import type { ResourceType } from '../resource-type.js';
import { printerFor } from './columns.js';

export { humanDuration } from './human-duration.js';
export { compileJsonPath } from './jsonpath.js';

export interface TableOptions {
  includeObject: 'None' | 'Metadata' | 'Object';
  resourceVersion: string;
  continue?: string;
  now: Date;
  /** Watch events after the first carry rows only. */
  omitColumnDefinitions?: boolean;
}

/** True when the Accept header lists a meta.k8s.io Table media type (kubectl puts it first, JSON as fallback). */
export function wantsTable(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((mediaType) => {
    const params = new Map(
      mediaType
        .split(';')
        .slice(1)
        .map((p) => {
          const [k, v = ''] = p.split('=');
          return [k!.trim().toLowerCase(), v.trim()] as const;
        }),
    );
    return (
      params.get('as') === 'Table' &&
      params.get('g') === 'meta.k8s.io' &&
      (params.get('v') === 'v1' || params.get('v') === 'v1beta1')
    );
  });
}

export function toTable(type: ResourceType, objects: KubeObject[], opts: TableOptions): object {
  const printer = printerFor(type);
  const metadata: Record<string, string> = { resourceVersion: opts.resourceVersion };
  if (opts.continue) metadata.continue = opts.continue;
  const table: Record<string, unknown> = { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata };
  if (!opts.omitColumnDefinitions) table.columnDefinitions = printer.columns;
  table.rows = objects.map((object) => {
    const row: Record<string, unknown> = { cells: printer.cells(object, opts.now) };
    if (opts.includeObject === 'Object') row.object = object;
    else if (opts.includeObject === 'Metadata') row.object = partialObjectMetadata(object);
    return row;
  });
  return table;
}

function partialObjectMetadata(object: KubeObject): object {
  const { managedFields: _managedFields, ...metadata } = object.metadata;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata };
}
