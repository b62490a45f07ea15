// @ack-local/controller: an in-process ACK-compatible DynamoDB controller.
export { ackCustomResourceDefinitions } from './api/resources.js';
export { startController } from './controller.js';
export type { Controller, ControllerOptions } from './controller.js';
export { DynamoDBCallError } from './aws/client.js';
export type { DynamoDBClient, DynamoDBTarget } from './aws/client.js';
export { createInProcessDynamoDBClient } from './aws/in-process-client.js';
export { createHttpDynamoDBClient } from './aws/http-client.js';
export type { HttpDynamoDBClientOptions } from './aws/http-client.js';
