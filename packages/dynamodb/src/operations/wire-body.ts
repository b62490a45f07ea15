// An operation's answer already serialised: the response body's text, kept in pieces. Reads that return whole
// stored items build it from the stored wire JSON (storage/item-codec.ts) rather than from objects, so no item is
// decoded and re-encoded on the way out. engine.dispatch() turns it back into an object for in-process callers;
// engine.dispatchWire() hands it to the HTTP layer, which writes the pieces into the response's bytes
// (server/body-bytes.ts) without ever joining them: a Scan page of 1 KB items is a ~1 MB string once joined, and
// every fresh megabyte costs ~250 page faults (~5 ms on the VMs we measured), more than the whole Scan.
export class WireBody {
  #text: string | undefined;

  /** The body is `head`, then `items` separated by commas, then `tail`. */
  constructor(
    readonly head: string,
    readonly items: readonly string[] = [],
    readonly tail = '',
  ) {}

  /** The whole body as one string (small bodies and in-process callers). */
  get text(): string {
    return (this.#text ??= this.items.length === 0 ? this.head + this.tail : this.head + this.items.join(',') + this.tail);
  }

  /** The text's length in UTF-16 code units, without joining it: its UTF-8 size is between this and 3× this. */
  get length(): number {
    let n = this.head.length + this.tail.length + Math.max(0, this.items.length - 1);
    for (const item of this.items) n += item.length;
    return n;
  }

  toObject(): Record<string, unknown> {
    return JSON.parse(this.text) as Record<string, unknown>;
  }
}

/** A body serialised as one string (every answer that is not built from stored items). */
export const textBody = (value: unknown): WireBody => new WireBody(JSON.stringify(value ?? {}));

/**
 * Builds `{"<name>":[item,...],<rest>}` from a list of item JSON texts, `{"<name>":item,<rest>}` from one, or
 * `{<rest>}` without: `rest` holds the members after the items, serialised in its key order, undefined ones left out.
 */
export function wireBody(name: string, items: string[] | string | undefined, rest: Record<string, unknown>): WireBody {
  let tail = '';
  for (const k in rest) {
    if (rest[k] === undefined) continue;
    tail += `,${JSON.stringify(k)}:${JSON.stringify(rest[k])}`;
  }
  if (items === undefined) return new WireBody(`{${tail.slice(1)}}`);
  const list = Array.isArray(items);
  return new WireBody(`{${JSON.stringify(name)}:${list ? '[' : ''}`, list ? items : [items], `${list ? ']' : ''}${tail}}`);
}
