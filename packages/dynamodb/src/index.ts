export * from './errors.js';
export type { DynamoDBEngine, EngineOptions, CallerIdentity, Isolation } from './engine.js';
export type { SyncMode } from './storage/store.js';
export { openEngine } from './engine.js';
export type { RequestContext } from './operations/types.js';
export { createDynamoDBServer } from './server/app.js';
export type { DynamoDBServerOptions } from './server/app.js';
export type { CorsOrigins } from './server/cors.js';
// The protocol without HTTP (headers + body text → status, headers, body), for embedding in another server.
export { answerOperation, MAX_REQUEST_BYTES } from './server/protocol.js';
export type { Answer, OperationHeaders } from './server/protocol.js';
