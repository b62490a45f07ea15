// An operation's answer already serialised: the response body bytes. Reads that return whole stored items build
// it from the stored wire JSON (storage/item-codec.ts) rather than from objects, so no item is decoded and
// re-encoded on the way out. engine.dispatch() turns it back into an object for in-process callers;
// engine.dispatchWire() hands the bytes to the HTTP layer as they are.
export class WireBody {
  constructor(readonly bytes: Buffer) {}

  toObject(): Record<string, unknown> {
    return JSON.parse(this.bytes.toString('utf8')) as Record<string, unknown>;
  }
}

const OPEN = Buffer.from('{');
const COMMA = Buffer.from(',');

/**
 * Builds `{"<name>":[item,...],<rest>}` from an array of item JSONs, `{"<name>":item,<rest>}` from one, or
 * `{<rest>}` without: `rest` holds the members after the items, serialised in its key order, undefined ones left out.
 */
export function wireBody(name: string, items: Buffer[] | Buffer | undefined, rest: Record<string, unknown>): WireBody {
  const parts: Buffer[] = [OPEN];
  let first = true;
  const member = (text: string) => {
    parts.push(Buffer.from(first ? text : ',' + text));
    first = false;
  };
  if (items !== undefined) {
    if (Array.isArray(items)) {
      member(`${JSON.stringify(name)}:[`);
      items.forEach((item, i) => {
        if (i > 0) parts.push(COMMA);
        parts.push(item);
      });
      parts.push(Buffer.from(']'));
    } else {
      member(`${JSON.stringify(name)}:`);
      parts.push(items);
    }
  }
  for (const k in rest) if (rest[k] !== undefined) member(`${JSON.stringify(k)}:${JSON.stringify(rest[k])}`);
  parts.push(Buffer.from('}'));
  return new WireBody(Buffer.concat(parts));
}
