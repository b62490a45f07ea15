export { startStack, type Stack } from './stack.js';
export { startDynamoDBOnly } from './dynamodb-server.js';
export { parseUpConfig, type UpConfig } from './config.js';
export { createLogger } from './logger.js';
export { exportLines, environmentVariables } from './environment.js';
export {
  startDynamoDB,
  startAckLocal,
  type StartDynamoDBOptions,
  type StartAckLocalOptions,
  type RunningDynamoDB,
  type RunningAckLocal,
} from './api.js';
