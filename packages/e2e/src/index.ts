export * from './stack.js';
export * from './tools.js';
