// The OpenAPI v2 document in the protobuf form kubectl asks for (`Accept:
// application/com.github.proto-openapi.spec.v2@v1.0+protobuf`): gnostic's openapi_v2.Document, field numbers from
// google/gnostic openapiv2/OpenAPIv2.proto. Vendor extensions, defaults and enum values travel as YAML text in
// `Any.yaml` (JSON is YAML), which is how kube-openapi reads them back.

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Protocol-buffers writer: fields appended in the order written. */
class Writer {
  private readonly parts: Buffer[] = [];

  private varint(value: number | bigint): void {
    let v = BigInt(value);
    if (v < 0n) v += 1n << 64n;
    const bytes: number[] = [];
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v > 0n) byte |= 0x80;
      bytes.push(byte);
    } while (v > 0n);
    this.parts.push(Buffer.from(bytes));
  }

  private key(field: number, wireType: number): void {
    this.varint((field << 3) | wireType);
  }

  string(field: number, value: unknown): this {
    if (typeof value !== 'string' || value === '') return this;
    return this.bytes(field, Buffer.from(value, 'utf8'));
  }

  strings(field: number, values: unknown): this {
    if (Array.isArray(values)) for (const v of values) if (typeof v === 'string') this.bytes(field, Buffer.from(v));
    return this;
  }

  bool(field: number, value: unknown): this {
    if (value !== true) return this;
    this.key(field, 0);
    this.varint(1);
    return this;
  }

  /** A bool inside a oneof: written even when false (the choice itself is the information). */
  oneofBool(field: number, value: boolean): this {
    this.key(field, 0);
    this.varint(value ? 1 : 0);
    return this;
  }

  int(field: number, value: unknown): this {
    if (typeof value !== 'number' || !Number.isInteger(value)) return this;
    this.key(field, 0);
    this.varint(value);
    return this;
  }

  double(field: number, value: unknown): this {
    if (typeof value !== 'number') return this;
    const b = Buffer.alloc(8);
    b.writeDoubleLE(value);
    this.key(field, 1);
    this.parts.push(b);
    return this;
  }

  bytes(field: number, value: Buffer): this {
    this.key(field, 2);
    this.varint(value.length);
    this.parts.push(value);
    return this;
  }

  message(field: number, encode: ((w: Writer) => void) | undefined): this {
    if (!encode) return this;
    const inner = new Writer();
    encode(inner);
    return this.bytes(field, inner.finish());
  }

  finish(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** Any { yaml = 2 } */
const anyOf = (value: unknown) => (w: Writer) => w.string(2, JSON.stringify(value));

/** repeated NamedAny { name = 1; value = 2 } for every x- key. */
function vendorExtensions(w: Writer, field: number, object: Json): void {
  for (const [name, value] of Object.entries(object)) {
    if (name.startsWith('x-')) w.message(field, (n) => n.string(1, name).message(2, anyOf(value)));
  }
}

function schema(w: Writer, s: Json): void {
  w.string(1, s.$ref).string(2, s.format).string(3, s.title).string(4, s.description);
  if (s.default !== undefined) w.message(5, anyOf(s.default));
  w.double(6, s.multipleOf).double(7, s.maximum).bool(8, s.exclusiveMaximum);
  w.double(9, s.minimum).bool(10, s.exclusiveMinimum);
  w.int(11, s.maxLength).int(12, s.minLength).string(13, s.pattern);
  w.int(14, s.maxItems).int(15, s.minItems).bool(16, s.uniqueItems);
  w.int(17, s.maxProperties).int(18, s.minProperties).strings(19, s.required);
  if (Array.isArray(s.enum)) for (const v of s.enum) w.message(20, anyOf(v));
  if (isObject(s.additionalProperties)) {
    const inner = s.additionalProperties;
    w.message(21, (a) => a.message(1, (x) => schema(x, inner)));
  } else if (typeof s.additionalProperties === 'boolean') {
    const allowed = s.additionalProperties;
    w.message(21, (a) => a.oneofBool(2, allowed));
  }
  if (s.type !== undefined) w.message(22, (t) => t.strings(1, [s.type].flat()));
  if (isObject(s.items)) {
    const items = s.items;
    w.message(23, (i) => i.message(1, (x) => schema(x, items)));
  }
  if (Array.isArray(s.allOf)) for (const part of s.allOf.filter(isObject)) w.message(24, (x) => schema(x, part));
  if (isObject(s.properties)) {
    const properties = s.properties;
    w.message(25, (p) => {
      for (const [name, value] of Object.entries(properties))
        if (isObject(value)) p.message(1, (n) => n.string(1, name).message(2, (x) => schema(x, value)));
    });
  }
  w.bool(27, s.readOnly);
  if (s.example !== undefined) w.message(30, anyOf(s.example));
  vendorExtensions(w, 31, s);
}

function parameter(w: Writer, p: Json): void {
  // ParametersItem { Parameter parameter = 1 } ; Parameter { BodyParameter = 1 | NonBodyParameter = 2 }
  w.message(1, (param) => {
    if (p.in === 'body') {
      const body = isObject(p.schema) ? p.schema : {};
      param.message(1, (b) =>
        b
          .string(1, p.description)
          .string(2, p.name)
          .string(3, 'body')
          .bool(4, p.required)
          .message(5, (x) => schema(x, body)),
      );
      return;
    }
    // NonBodyParameter { QueryParameterSubSchema = 3 | PathParameterSubSchema = 4 }
    param.message(2, (nb) => {
      if (p.in === 'path')
        nb.message(4, (q) =>
          q
            .bool(1, p.required)
            .string(2, 'path')
            .string(3, p.description)
            .string(4, p.name)
            .string(5, p.type)
            .bool(19, p.uniqueItems),
        );
      else
        nb.message(3, (q) =>
          q
            .bool(1, p.required)
            .string(2, 'query')
            .string(3, p.description)
            .string(4, p.name)
            .string(6, p.type)
            .bool(20, p.uniqueItems),
        );
    });
  });
}

function operation(w: Writer, op: Json): void {
  w.strings(1, op.tags).string(3, op.description).string(5, op.operationId);
  w.strings(6, op.produces).strings(7, op.consumes);
  if (Array.isArray(op.parameters))
    for (const p of op.parameters.filter(isObject)) w.message(8, (x) => parameter(x, p));
  if (isObject(op.responses)) {
    const responses = op.responses;
    w.message(9, (rs) => {
      for (const [code, response] of Object.entries(responses)) {
        const r = isObject(response) ? response : {};
        const body = isObject(r.schema) ? r.schema : undefined;
        // NamedResponseValue { name = 1; ResponseValue value = 2 { Response response = 1 { description = 1; SchemaItem schema = 2 { Schema = 1 } } } }
        rs.message(1, (n) =>
          n.string(1, code).message(2, (v) =>
            v.message(1, (resp) => {
              resp.string(1, r.description);
              if (body) resp.message(2, (si) => si.message(1, (x) => schema(x, body)));
            }),
          ),
        );
      }
    });
  }
  w.strings(10, op.schemes);
  vendorExtensions(w, 13, op);
}

const OPERATION_FIELDS: Record<string, number> = { get: 2, put: 3, post: 4, delete: 5, patch: 8 };

function pathItem(w: Writer, item: Json): void {
  for (const [name, field] of Object.entries(OPERATION_FIELDS)) {
    const op = item[name];
    if (isObject(op)) w.message(field, (x) => operation(x, op));
  }
  if (Array.isArray(item.parameters))
    for (const p of item.parameters.filter(isObject)) w.message(9, (x) => parameter(x, p));
}

/** openapi_v2.Document as protobuf bytes. */
export function encodeV2Document(doc: Json): Buffer {
  const w = new Writer();
  w.string(1, doc.swagger);
  const info = isObject(doc.info) ? doc.info : {};
  w.message(2, (i) => i.string(1, info.title).string(2, info.version));
  const paths = isObject(doc.paths) ? doc.paths : {};
  w.message(8, (p) => {
    for (const [name, item] of Object.entries(paths))
      if (isObject(item)) p.message(2, (n) => n.string(1, name).message(2, (x) => pathItem(x, item)));
  });
  const definitions = isObject(doc.definitions) ? doc.definitions : {};
  w.message(9, (d) => {
    for (const [name, s] of Object.entries(definitions))
      if (isObject(s)) d.message(1, (n) => n.string(1, name).message(2, (x) => schema(x, s)));
  });
  return w.finish();
}
