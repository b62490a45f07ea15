// An operation's answer already serialised: the response body's text. Reads that return whole stored items build
// it from the stored wire JSON (storage/item-codec.ts) rather than from objects, so no item is decoded and
// re-encoded on the way out. engine.dispatch() turns it back into an object for in-process callers;
// engine.dispatchWire() hands the text to the HTTP layer as it is.
export class WireBody {
  constructor(readonly text: string) {}

  toObject(): Record<string, unknown> {
    return JSON.parse(this.text) as Record<string, unknown>;
  }
}

/**
 * Builds `{"<name>":[item,...],<rest>}` from a list of item JSON texts, `{"<name>":item,<rest>}` from one, or
 * `{<rest>}` without: `rest` holds the members after the items, serialised in its key order, undefined ones left out.
 */
export function wireBody(name: string, items: string[] | string | undefined, rest: Record<string, unknown>): WireBody {
  let text = '{';
  if (items !== undefined) text += `${JSON.stringify(name)}:${Array.isArray(items) ? `[${items.join(',')}]` : items}`;
  for (const k in rest) {
    if (rest[k] === undefined) continue;
    text += `${text.length > 1 ? ',' : ''}${JSON.stringify(k)}:${JSON.stringify(rest[k])}`;
  }
  return new WireBody(text + '}');
}
