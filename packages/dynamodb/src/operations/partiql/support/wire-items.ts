// Reading the items out of a GetItem/Query/Scan answer without decoding them: those operations answer whole
// items as their stored JSON text (operations/wire-body.ts), and ExecuteStatement passes that text on as it is.
import type { AttributeValue, Item } from '../../../model/index.js';
import type { Projection } from '../../../partiql/index.js';
import type { WireBody } from '../../wire-body.js';

export interface ItemsAndRest {
  /** Each item's JSON text. */
  items: string[];
  /** The answer's other members (Count, ScannedCount, LastEvaluatedKey, ConsumedCapacity). */
  rest: Record<string, unknown>;
}

/** Splits a body built by wireBody(name, ...) into its items and the other members. */
export function splitWireBody(body: WireBody, name: 'Item' | 'Items'): ItemsAndRest {
  const [head, items, tail] = body.pieces;
  if (body.pieces.length === 3 && head === `{"${name}":${name === 'Items' ? '[' : ''}` && typeof tail === 'string') {
    const after = name === 'Items' ? tail.slice(1) : tail; // past the list's `]`
    return {
      items: typeof items === 'string' ? [items] : [...items!],
      rest: after === '}' ? {} : (JSON.parse(`{${after.slice(1)}`) as Record<string, unknown>),
    };
  }
  const { [name]: found, ...rest } = body.toObject();
  const list = found === undefined ? [] : name === 'Items' ? (found as unknown[]) : [found];
  return { items: list.map((i) => JSON.stringify(i)), rest };
}

/** A projected item, each path answered under its last part (`SELECT m.k[1]` → `"k[1]"`), as DynamoDB does. */
export function projectItem(item: Item, projection: Projection): Item {
  const out: Item = {};
  for (const { path, label } of projection.outputs) {
    let value: AttributeValue | undefined = item[path.root];
    for (const step of path.steps) {
      if (!value) break;
      value =
        typeof step === 'number'
          ? 'L' in value
            ? value.L[step]
            : undefined
          : 'M' in value
            ? value.M[step]
            : undefined;
    }
    if (value) out[label] = value;
  }
  return out;
}

/** Sums two ConsumedCapacity answers (a SELECT decomposed into several Queries reports one). */
export function addCapacity(a: unknown, b: unknown): unknown {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a;
  const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
  for (const [k, v] of Object.entries(b)) out[k] = addCapacity(out[k], v);
  return out;
}
