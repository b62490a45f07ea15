export * from './stack.js';
export * from './tools.js';
export * from './dynamodb.js';
export * from './kube.js';
export * from './kubectl.js';
export * from './raw-http.js';
export * from './scratch.js';
