// The registry of every operation, by X-Amz-Target name. Each group lists its own operation modules.
import type { Operation } from './types.js';
import { tableOperations } from './tables/index.js';
import { itemOperations } from './items/index.js';
import { featureOperations } from './features/index.js';
import { partiqlOperations } from './partiql/index.js';
import { streamOperations } from '../streams/operations/index.js';

export const operations: ReadonlyMap<string, Operation<any>> = new Map(
  [...tableOperations, ...itemOperations, ...featureOperations, ...partiqlOperations, ...streamOperations].map((op) => [
    op.name,
    op,
  ]),
);
export type { Operation, OperationContext, RequestContext } from './types.js';
export { defineOperation } from './types.js';
