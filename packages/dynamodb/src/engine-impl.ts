import type { DynamoDBEngine, EngineOptions } from './engine.js';
export async function openEngine(options: EngineOptions): Promise<DynamoDBEngine> { throw new Error('not implemented: openEngine'); }
