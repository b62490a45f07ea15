// The presentation modules the HTTP layer serves through: discovery, OpenAPI, Table output and protobuf bodies.
// Static imports, so bundlers (the CLI's esbuild bundle) include them like any other module.
import { registerDiscoveryRoutes } from '../discovery/index.js';
import { registerOpenApiRoutes } from '../openapi/index.js';
import { toTable, wantsTable } from '../table/index.js';
import { decodeProtobufObject } from '../protobuf/index.js';

export interface TableOptions {
  includeObject: 'None' | 'Metadata' | 'Object';
  resourceVersion: string;
  continue?: string;
  now: Date;
}

export const presentation = {
  registerDiscoveryRoutes,
  registerOpenApiRoutes,
  toTable,
  wantsTable,
  decodeProtobufObject,
};
export type Presentation = typeof presentation;
