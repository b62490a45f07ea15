// OpenAPI v3: GET /openapi/v3 (one serverRelativeURL per group-version, `?hash=` of the doc) and the per-GV
// documents. kubectl apply/edit/diff need the PATCH ops with `fieldValidation`; `kubectl explain` needs
// components.schemas carrying x-kubernetes-group-version-kind. /openapi/v2 is built from the same documents
// (v2.ts, v2-protobuf.ts).
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { pathNotFound } from '../errors.js';
import type { ResourceType, ResourceTypeSource } from '../resource-type.js';
import { builtinSupportSchemas } from './builtin-schemas.js';
import { metaSchemas } from './meta-schemas.js';
import { pathsFor } from './paths.js';
import { buildV2Document } from './v2.js';
import { encodeV2Document } from './v2-protobuf.js';
import { kindSchema, listSchema, schemaName } from './schemas.js';

export { schemaName } from './schemas.js';

interface GvDocument {
  key: string;
  body: string;
  hash: string;
}

/** 'api/v1' or 'apis/<group>/<version>', the path segment after /openapi/v3/. */
const gvKey = (t: Pick<ResourceType, 'group' | 'version'>) =>
  t.group === '' ? `api/${t.version}` : `apis/${t.group}/${t.version}`;

export function buildGroupVersionDocument(types: ResourceType[]): object {
  const schemas: Record<string, object> = { ...metaSchemas };
  if (types.some((t) => t.builtin)) Object.assign(schemas, builtinSupportSchemas);
  const paths: Record<string, object> = {};
  for (const t of [...types].sort((a, b) => a.resource.localeCompare(b.resource))) {
    Object.assign(paths, pathsFor(t));
    schemas[schemaName(t, t.kind)] = kindSchema(t);
    schemas[schemaName(t, t.listKind)] = listSchema(t);
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'unversioned' },
    paths,
    components: { schemas: sortKeys(schemas) },
  };
}

const sortKeys = (o: Record<string, object>) =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

export function registerOpenApiRoutes(app: FastifyInstance, types: ResourceTypeSource): void {
  let cachedGeneration = -1;
  let documents = new Map<string, GvDocument>();
  const current = (): Map<string, GvDocument> => {
    const gen = types.generation();
    if (gen !== cachedGeneration) {
      documents = buildDocuments(types.all());
      cachedGeneration = gen;
    }
    return documents;
  };

  app.get('/openapi/v3', (_request, reply) => {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const doc of current().values())
      paths[doc.key] = { serverRelativeURL: `/openapi/v3/${doc.key}?hash=${doc.hash}` };
    return sendJson(reply, JSON.stringify({ paths }), 'no-cache, private');
  });

  const serve = (key: string, hash: string | undefined, reply: FastifyReply) => {
    const doc = current().get(key);
    if (!doc) {
      return reply.code(404).type('application/json').send(pathNotFound().status);
    }
    reply.header('etag', `"${doc.hash}"`);
    // Like the real server: a URL carrying the current hash is immutable, anything else must be revalidated.
    return sendJson(reply, doc.body, hash === doc.hash ? 'public, immutable' : 'no-cache, private');
  };
  app.get<{ Params: { version: string }; Querystring: { hash?: string } }>(
    '/openapi/v3/api/:version',
    (request, reply) => serve(`api/${request.params.version}`, request.query.hash, reply),
  );
  app.get<{ Params: { group: string; version: string }; Querystring: { hash?: string } }>(
    '/openapi/v3/apis/:group/:version',
    (request, reply) => serve(`apis/${request.params.group}/${request.params.version}`, request.query.hash, reply),
  );

  // v2 (kubectl 1.27/1.28 need it for apply, create -f, replace, edit, diff, explain): JSON, or protobuf when asked
  let v2Generation = -1;
  let v2: { json: Buffer; protobuf: Buffer; etag: string } | undefined;
  const currentV2 = () => {
    const gen = types.generation();
    if (!v2 || gen !== v2Generation) {
      const doc = buildV2Document(
        [...current().values()].map((d) => JSON.parse(d.body) as Record<string, unknown>),
        'unversioned',
      );
      const json = Buffer.from(JSON.stringify(doc));
      v2 = {
        json,
        protobuf: encodeV2Document(doc),
        etag: createHash('sha512').update(json).digest('hex').toUpperCase(),
      };
      v2Generation = gen;
    }
    return v2;
  };
  app.get('/openapi/v2', (request, reply) => {
    const doc = currentV2();
    const accept = request.headers.accept ?? '';
    reply.header('etag', `"${doc.etag}"`).header('vary', 'Accept').header('cache-control', 'no-cache, private');
    // asked for as `…spec.v2@v1.0+protobuf`, answered as `…spec.v2.v1.0+protobuf` (kube-openapi's handler does the
    // same: Go's mime parser, which kubectl runs on the answer, refuses the '@')
    if (/application\/com\.github\.proto-openapi\.spec\.v2[@.]v1\.0\+protobuf/.test(accept))
      return reply.code(200).header('content-type', V2_PROTOBUF).send(doc.protobuf);
    return reply.code(200).header('content-type', 'application/json').send(doc.json);
  });
}

const V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

function buildDocuments(all: ResourceType[]): Map<string, GvDocument> {
  const byGv = new Map<string, ResourceType[]>();
  for (const t of all) byGv.set(gvKey(t), [...(byGv.get(gvKey(t)) ?? []), t]);
  const out = new Map<string, GvDocument>();
  for (const key of [...byGv.keys()].sort()) {
    const body = JSON.stringify(buildGroupVersionDocument(byGv.get(key)!));
    // The real server's hash is an upper-case hex SHA-512 of the document; any digest that moves with it works.
    out.set(key, { key, body, hash: createHash('sha512').update(body).digest('hex').toUpperCase() });
  }
  return out;
}

function sendJson(reply: FastifyReply, body: string, cacheControl: string) {
  return reply
    .code(200)
    .header('cache-control', cacheControl)
    .header('content-type', 'application/json')
    .send(Buffer.from(body));
}
