// Glue to the presentation modules owned by the other half of the package (discovery, OpenAPI, Table output,
// protobuf bodies). Each is loaded when present; a missing one degrades to "not served" rather than failing,
// so the registry works (and is testable) on its own.
import type { FastifyInstance } from 'fastify';
import type { KubeObject } from '../api.js';
import type { ResourceType, ResourceTypeSource } from '../resource-type.js';

export interface TableOptions {
  includeObject: 'None' | 'Metadata' | 'Object';
  resourceVersion: string;
  continue?: string;
  now: Date;
}

export interface Presentation {
  registerDiscoveryRoutes?(app: FastifyInstance, types: ResourceTypeSource, opts: { serverAddress: () => string }): unknown;
  registerOpenApiRoutes?(app: FastifyInstance, types: ResourceTypeSource): unknown;
  toTable?(type: ResourceType, objects: KubeObject[], opts: TableOptions): Record<string, unknown>;
  wantsTable?(accept: string | undefined): boolean;
  decodeProtobufObject?(body: Buffer): KubeObject;
}

async function optionalImport(specifier: string): Promise<Record<string, unknown>> {
  try {
    return (await import(specifier)) as Record<string, unknown>;
  } catch (e) {
    const err = e as { code?: string; message?: string };
    if (err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes(specifier.replace('../', '').replace('.js', ''))) return {};
    throw e;
  }
}

export async function loadPresentation(): Promise<Presentation> {
  const [discovery, openapi, table, protobuf] = await Promise.all([
    optionalImport('../discovery/index.js'),
    optionalImport('../openapi/index.js'),
    optionalImport('../table/index.js'),
    optionalImport('../protobuf/index.js'),
  ]);
  return {
    ...(typeof discovery.registerDiscoveryRoutes === 'function' ? { registerDiscoveryRoutes: discovery.registerDiscoveryRoutes as Presentation['registerDiscoveryRoutes'] } : {}),
    ...(typeof openapi.registerOpenApiRoutes === 'function' ? { registerOpenApiRoutes: openapi.registerOpenApiRoutes as Presentation['registerOpenApiRoutes'] } : {}),
    ...(typeof table.toTable === 'function' && typeof table.wantsTable === 'function'
      ? { toTable: table.toTable as Presentation['toTable'], wantsTable: table.wantsTable as Presentation['wantsTable'] }
      : {}),
    ...(typeof protobuf.decodeProtobufObject === 'function' ? { decodeProtobufObject: protobuf.decodeProtobufObject as Presentation['decodeProtobufObject'] } : {}),
  };
}
