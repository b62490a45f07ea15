// An operation's answer already serialised: the response body's text, kept in pieces. Reads that return whole
// stored items build it from the stored wire JSON (storage/item-codec.ts) rather than from objects, so no item is
// decoded and re-encoded on the way out. engine.dispatch() turns it back into an object for in-process callers;
// engine.dispatchWire() hands it to the HTTP layer, which writes the pieces into the response's bytes
// (server/body-bytes.ts) without ever joining them: a Scan page of 1 KB items is a ~1 MB string once joined, and
// every fresh megabyte costs ~250 page faults (~5 ms on the VMs we measured), more than the whole Scan.

/** A piece of a body: text, or a list of texts that the body separates with commas (the items of a JSON array). */
export type Piece = string | readonly string[];

export class WireBody {
  #text: string | undefined;

  /** The body is the pieces one after the other. */
  constructor(readonly pieces: readonly Piece[]) {}

  /** The whole body as one string (small bodies and in-process callers). */
  get text(): string {
    return (this.#text ??= this.pieces.map((p) => (typeof p === 'string' ? p : p.join(','))).join(''));
  }

  /** The text's length in UTF-16 code units, without joining it: its UTF-8 size is between this and 3× this. */
  get length(): number {
    let n = 0;
    for (const p of this.pieces) {
      if (typeof p === 'string') n += p.length;
      else {
        n += Math.max(0, p.length - 1); // the commas
        for (const item of p) n += item.length;
      }
    }
    return n;
  }

  toObject(): Record<string, unknown> {
    // An empty body (TagResource, UntagResource) is an empty answer to in-process callers.
    return this.text === '' ? {} : (JSON.parse(this.text) as Record<string, unknown>);
  }
}

/** No body at all: DynamoDB answers TagResource and UntagResource with an empty body (ScyllaDB's
 *  test_manual_requests.py test_tags_return_empty_body, run against DynamoDB). */
export const emptyBody = (): WireBody => new WireBody(['']);

/** A body serialised as one string (every answer that is not built from stored items). */
export const textBody = (value: unknown): WireBody => new WireBody([JSON.stringify(value ?? {})]);

/** `,"<k>":<v>` for each member of `rest` in its key order, undefined ones left out. */
function members(rest: Record<string, unknown>): string {
  let text = '';
  for (const k in rest) {
    if (rest[k] !== undefined) text += `,${JSON.stringify(k)}:${JSON.stringify(rest[k])}`;
  }
  return text;
}

/**
 * Builds `{"<name>":[item,...],<rest>}` from a list of item JSON texts, `{"<name>":item,<rest>}` from one, or
 * `{<rest>}` without: `rest` holds the members after the items, serialised in its key order, undefined ones left out.
 */
export function wireBody(name: string, items: string[] | string | undefined, rest: Record<string, unknown>): WireBody {
  const tail = members(rest);
  if (items === undefined) return new WireBody([`{${tail.slice(1)}}`]);
  if (!Array.isArray(items)) return new WireBody([`{${JSON.stringify(name)}:`, items, `${tail}}`]);
  return new WireBody([`{${JSON.stringify(name)}:[`, items, `]${tail}}`]);
}

/**
 * Builds `{"<name>":{"<key>":[item,...],...},<rest>}` from lists of item JSON texts (BatchGetItem's Responses, by
 * table name), `rest` as for wireBody.
 */
export function wireBodyOfLists(
  name: string,
  lists: readonly (readonly [key: string, items: string[]])[],
  rest: Record<string, unknown>,
): WireBody {
  const pieces: Piece[] = [`{${JSON.stringify(name)}:{`];
  lists.forEach(([key, items], i) => pieces.push(`${i > 0 ? ',' : ''}${JSON.stringify(key)}:[`, items, ']'));
  pieces.push(`}${members(rest)}}`);
  return new WireBody(pieces);
}
