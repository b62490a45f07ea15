// OpenAPI v2 (Swagger 2.0), built from the same per-group-version documents as v3: kubectl 1.27 and 1.28 read
// /openapi/v2 (as protobuf) before apply, create -f, replace, edit, diff and explain, to see whether a kind's
// PATCH operation takes `fieldValidation` and to find schemas by x-kubernetes-group-version-kind. The conversion
// is mechanical: `#/components/schemas/X` becomes `#/definitions/X`, request bodies become `in: body` parameters,
// response `content` becomes `schema`, and what v2 cannot say (nullable, anyOf/oneOf) is dropped as the real
// server's v2 publishing drops it.

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const V3_REF = '#/components/schemas/';
const V2_DROPPED = new Set(['nullable', 'anyOf', 'oneOf', 'not', 'writeOnly', 'deprecated']);

/** A v3 schema as v2: refs re-pointed, v3-only keywords dropped, allOf of one ref (v3's way of adding a
 *  description or default beside a ref) flattened into the ref. */
export function schemaToV2(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(schemaToV2);
  if (!isObject(schema)) return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (V2_DROPPED.has(key)) continue;
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace(V3_REF, '#/definitions/');
    else if (key === 'allOf' && Array.isArray(value) && value.length === 1 && isObject(value[0]) && value[0].$ref)
      out.$ref = String(value[0].$ref).replace(V3_REF, '#/definitions/');
    else if (key === 'properties' && isObject(value))
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, schemaToV2(v)]));
    else if (key === 'default' || key === 'enum' || key === 'example' || key.startsWith('x-')) out[key] = value;
    else out[key] = schemaToV2(value);
  }
  // v2 puts nothing beside a $ref but its description
  if (out.$ref) return { $ref: out.$ref, ...(out.description ? { description: out.description } : {}) };
  return out;
}

function parameterToV2(parameter: Json): Json {
  const { schema, ...rest } = parameter;
  const s = isObject(schema) ? schema : {};
  return { ...rest, ...(s.type ? { type: s.type } : {}), ...(s.uniqueItems ? { uniqueItems: true } : {}) };
}

function operationToV2(operation: Json): Json {
  const { requestBody, responses, parameters, ...rest } = operation;
  const out: Json = { ...rest };
  const params = Array.isArray(parameters) ? parameters.filter(isObject).map(parameterToV2) : [];
  if (isObject(requestBody) && isObject(requestBody.content)) {
    const types = Object.keys(requestBody.content);
    const first = requestBody.content[types[0] ?? ''];
    out.consumes = types;
    params.unshift({
      name: 'body',
      in: 'body',
      required: true,
      schema: schemaToV2(isObject(first) ? first.schema : {}),
    });
  }
  out.parameters = params;
  const produces = new Set<string>();
  if (isObject(responses)) {
    out.responses = Object.fromEntries(
      Object.entries(responses).map(([code, response]) => {
        const r = isObject(response) ? response : {};
        const content = isObject(r.content) ? r.content : {};
        Object.keys(content).forEach((t) => produces.add(t));
        const first = Object.values(content)[0];
        const schema = isObject(first) ? schemaToV2(first.schema) : undefined;
        return [code, { description: r.description ?? '', ...(schema ? { schema } : {}) }];
      }),
    );
  }
  if (produces.size) out.produces = [...produces];
  out.schemes = ['https'];
  return out;
}

const OPERATIONS = ['get', 'put', 'post', 'delete', 'patch'];

function pathItemToV2(item: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(item)) {
    if (OPERATIONS.includes(key) && isObject(value)) out[key] = operationToV2(value);
    else if (key === 'parameters' && Array.isArray(value)) out.parameters = value.filter(isObject).map(parameterToV2);
  }
  return out;
}

/** One Swagger 2.0 document from every group-version's v3 document. */
export function buildV2Document(v3Documents: Json[], version: string): Json {
  const paths: Json = {};
  const definitions: Json = {};
  for (const doc of v3Documents) {
    for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {}))
      if (isObject(item)) paths[path] = pathItemToV2(item);
    const schemas = isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};
    for (const [name, schema] of Object.entries(schemas)) definitions[name] ??= schemaToV2(schema);
  }
  const sorted = (o: Json) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version },
    paths: sorted(paths),
    definitions: sorted(definitions),
  };
}
