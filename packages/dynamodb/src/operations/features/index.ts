import type { Operation } from '../types.js';
// One import per operation module of this group.
export const featureOperations: Operation<any>[] = [];
