// DynamoDB checks attribute values in one of two validation layers, and the layer an operation runs decides how
// a malformed number or a duplicate set member is worded (paritysuite dynamodb-conformance
// tests/tier3/error-messages/valueLayers.test.ts, eu-west-2, us-east-1, eu-west-1, us-west-2, 2026-10-09):
//   enveloped  PutItem, UpdateItem, DeleteItem: the current wording inside "1 validation error detected: ",
//              wherever the value sits (item, key, expression value, Expected, AttributeUpdates);
//   current    GetItem, BatchGetItem, Query: the current wording, bare;
//   older      BatchWriteItem, TransactWriteItems, TransactGetItems, Scan: the older wording, bare, expression
//              values inside "ExpressionAttributeValues contains invalid value: … for key :k".
// (eu-west-2 runs the current layer on transactions; the other three regions the older one, which we follow.)
// The value checks throw a ValueFault carrying both wordings; the operation's layer picks one (engine.ts).
import { DynamoDBError } from '../errors.js';

export type ValueLayer = 'enveloped' | 'current' | 'older';

export class ValueFault extends DynamoDBError {
  constructor(
    readonly current: string,
    readonly older: string,
  ) {
    super('ValidationException', current);
  }

  /** The same fault with both wordings passed through `wrap` (e.g. the expression-values wrapper). */
  map(wrapCurrent: (m: string) => string, wrapOlder: (m: string) => string): ValueFault {
    return new ValueFault(wrapCurrent(this.current), wrapOlder(this.older));
  }

  /** The error as the operation's layer words it. */
  in(layer: ValueLayer): DynamoDBError {
    if (layer === 'older') return new DynamoDBError('ValidationException', this.older);
    if (layer === 'enveloped')
      return new DynamoDBError('ValidationException', `1 validation error detected: ${this.current}`);
    return new DynamoDBError('ValidationException', this.current);
  }
}

/** Runs an operation's handler and rewords a ValueFault it throws (sync or async) for the operation's layer. */
export function inValueLayer<T>(layer: ValueLayer, handle: () => T): T {
  const reword = (e: unknown): never => {
    throw e instanceof ValueFault ? e.in(layer) : e;
  };
  let result: T;
  try {
    result = handle();
  } catch (e) {
    return reword(e);
  }
  return result instanceof Promise ? (result.catch(reword) as T) : result;
}
