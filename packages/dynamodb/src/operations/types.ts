// One module per operation: its request schema (TypeBox: the single source of the request's shape and of the
// constraint messages, see validation/) and its handler. Handlers receive input that already passed the schema.
import type { Static, TSchema } from 'typebox';
import type { DynamoDBEngine } from '../engine.js';
import type { ValueLayer } from '../model/value-faults.js';

export interface RequestContext {
  accountId: string;
  region: string;
  /** Isolation namespace (see DynamoDBEngine.namespaceFor). */
  namespace: string;
  requestId: string;
  /** The Host the client addressed (HTTP requests): DescribeEndpoints answers it, so clients stay on this server. */
  endpoint?: string;
}

export interface OperationContext extends RequestContext {
  engine: DynamoDBEngine;
}

export interface Operation<S extends TSchema = TSchema> {
  readonly name: string;
  readonly input: S;
  /** How the operation words a malformed number or duplicate set member (model/value-faults.ts); 'current'
   *  when left out. */
  readonly valueLayer?: ValueLayer;
  handle(input: Static<S>, ctx: OperationContext): unknown | Promise<unknown>;
}

export const defineOperation = <S extends TSchema>(op: Operation<S>): Operation<S> => op;
