// CONTRACT (implemented by the server owner): the fastify app speaking DynamoDB's JSON 1.0 protocol.
import type { FastifyInstance } from 'fastify';
import type { DynamoDBEngine } from '../engine.js';

export interface DynamoDBServerOptions {
  engine: DynamoDBEngine;
  /** fastify logger option (pino); false to silence. */
  logger?: unknown;
}

export async function createDynamoDBServer(options: DynamoDBServerOptions): Promise<FastifyInstance> {
  throw new Error('not implemented: createDynamoDBServer');
}
