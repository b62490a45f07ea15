export * from './errors.js';
export type { DynamoDBEngine, EngineOptions, CallerIdentity, Isolation } from './engine.js';
export { openEngine } from './engine.js';
export type { RequestContext } from './operations/types.js';
export { createDynamoDBServer } from './server/app.js';
export type { DynamoDBServerOptions } from './server/app.js';
