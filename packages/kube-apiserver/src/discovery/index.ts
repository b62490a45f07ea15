// Discovery: GET /api, /apis (aggregated apidiscovery.k8s.io/v2 when asked, legacy otherwise), /apis/<g>,
// /apis/<g>/<v> and /api/v1. kubectl only accepts the aggregated form with its exact content type, caches it on
// disk keyed by ETag, and refetches on a mapper miss — so the ETag must move whenever the set of types moves.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pathNotFound } from '../errors.js';
import type { ResourceTypeSource } from '../resource-type.js';
import {
  aggregatedDiscovery,
  apiGroupDocument,
  apiGroupList,
  apiResourceList,
  apiVersions,
  groupTypes,
  type GroupVersions,
} from './documents.js';

export interface DiscoveryOptions {
  /** host:port clients should use (APIVersions.serverAddressByClientCIDRs). */
  serverAddress: () => string;
}

type AggregatedVersion = 'v2' | 'v2beta1';
const aggregatedContentType = (v: AggregatedVersion) =>
  `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`;

/** The first aggregated-discovery media type in Accept order, or undefined for plain JSON. */
export function negotiateAggregated(accept: string | undefined): AggregatedVersion | undefined {
  for (const mediaType of (accept ?? '').split(',')) {
    const [type, ...rawParams] = mediaType.split(';').map((s) => s.trim());
    const params = new Map(rawParams.map((p) => p.split('=').map((s) => s.trim()) as [string, string]));
    if (
      params.get('g') === 'apidiscovery.k8s.io' &&
      params.get('as') === 'APIGroupDiscoveryList' &&
      type === 'application/json'
    ) {
      const v = params.get('v');
      if (v === 'v2' || v === 'v2beta1') return v;
      continue;
    }
    if (type === 'application/json' || type === '*/*' || type === 'application/*') return undefined;
  }
  return undefined;
}

interface Rendered {
  body: string;
  etag: string;
}

export function registerDiscoveryRoutes(app: FastifyInstance, types: ResourceTypeSource, opts: DiscoveryOptions): void {
  // Documents are rebuilt only when the registry's generation moves.
  let cachedGeneration = -1;
  let groups: GroupVersions[] = [];
  const rendered = new Map<string, Rendered>();
  const current = (): GroupVersions[] => {
    const gen = types.generation();
    if (gen !== cachedGeneration) {
      groups = groupTypes(types.all());
      rendered.clear();
      cachedGeneration = gen;
    }
    return groups;
  };
  const render = (key: string, build: () => object): Rendered => {
    let r = rendered.get(key);
    if (!r) {
      const body = JSON.stringify(build());
      r = { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"` };
      rendered.set(key, r);
    }
    return r;
  };

  const sendAggregated = (request: FastifyRequest, reply: FastifyReply, core: boolean, v: AggregatedVersion) => {
    const all = current();
    const selected = all.filter((g) => (g.group === '') === core);
    const doc = render(`agg:${core}:${v}`, () => aggregatedDiscovery(selected, v));
    reply.header('vary', 'Accept').header('etag', doc.etag);
    if (request.headers['if-none-match'] === doc.etag) return reply.code(304).send();
    // A Buffer keeps fastify from rewriting the media type (it would quote parameters and add a charset).
    return reply.code(200).header('content-type', aggregatedContentType(v)).send(Buffer.from(doc.body));
  };
  const sendJson = (reply: FastifyReply, body: object | string) =>
    reply
      .code(200)
      .header('content-type', 'application/json')
      .send(Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)));

  app.get('/api', (request, reply) => {
    const v = negotiateAggregated(request.headers.accept);
    if (v) return sendAggregated(request, reply, true, v);
    reply.header('vary', 'Accept');
    return sendJson(reply, apiVersions(opts.serverAddress()));
  });

  app.get('/apis', (request, reply) => {
    const v = negotiateAggregated(request.headers.accept);
    if (v) return sendAggregated(request, reply, false, v);
    reply.header('vary', 'Accept');
    return sendJson(reply, render('legacy:groups', () => apiGroupList(current())).body);
  });

  app.get('/api/v1', (_request, reply) => {
    const core = current().find((g) => g.group === '');
    const types = core?.versions.find((v) => v.version === 'v1')?.types ?? [];
    return sendJson(reply, render('legacy:core', () => apiResourceList('', 'v1', types)).body);
  });

  app.get<{ Params: { group: string } }>('/apis/:group', (request, reply) => {
    const g = current().find((x) => x.group === request.params.group && x.group !== '');
    if (!g) return notFound(reply);
    return sendJson(reply, render(`legacy:${g.group}`, () => apiGroupDocument(g)).body);
  });

  app.get<{ Params: { group: string; version: string } }>('/apis/:group/:version', (request, reply) => {
    const { group, version } = request.params;
    const v = current()
      .find((x) => x.group === group && x.group !== '')
      ?.versions.find((x) => x.version === version);
    if (!v) return notFound(reply);
    return sendJson(reply, render(`legacy:${group}/${version}`, () => apiResourceList(group, version, v.types)).body);
  });
}

function notFound(reply: FastifyReply) {
  return reply.code(404).type('application/json').send(pathNotFound().status);
}
