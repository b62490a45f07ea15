// The non-resource endpoints around the API: `GET /` (the list of paths the server answers, as the real server's
// index handler lists them) and the health checks `/healthz`, `/livez`, `/readyz` with `?verbose` (one
// `[+]<check> ok` line per check, then `<name> check passed`; k8s.io/apiserver pkg/server/healthz) and
// `/<name>/<check>` for one check.
import type { FastifyInstance } from 'fastify';
import { pathNotFound } from '../errors.js';
import { apiVersionOf, type ResourceTypeSource } from '../resource-type.js';

/** The checks each endpoint runs; ack-local's "etcd" is its LMDB store, which is open whenever we answer. */
const CHECKS: Record<'healthz' | 'livez' | 'readyz', string[]> = {
  healthz: ['ping', 'log', 'etcd', 'poststarthook/crd-informer-synced'],
  livez: ['ping', 'log', 'etcd', 'poststarthook/crd-informer-synced'],
  readyz: ['ping', 'log', 'etcd', 'etcd-readiness', 'informer-sync', 'poststarthook/crd-informer-synced', 'shutdown'],
};

const NON_RESOURCE_PATHS = [
  '/api',
  '/api/v1',
  '/apis',
  '/apis/',
  '/healthz',
  '/livez',
  '/openapi/v2',
  '/openapi/v3',
  '/openapi/v3/',
  '/readyz',
  '/version',
];

/** Every path `GET /` lists: the fixed ones plus `/apis/<group>` and `/apis/<group>/<version>` of served types. */
export function serverPaths(types: ResourceTypeSource): string[] {
  const paths = new Set([...NON_RESOURCE_PATHS, ...CHECKS.healthz.map((c) => `/healthz/${c}`)]);
  for (const name of ['livez', 'readyz'] as const) for (const c of CHECKS[name]) paths.add(`/${name}/${c}`);
  for (const type of types.all()) {
    if (!type.group) continue;
    paths.add(`/apis/${type.group}`);
    paths.add(`/apis/${apiVersionOf(type)}`);
  }
  return [...paths].sort();
}

export function registerServerInfoRoutes(app: FastifyInstance, types: ResourceTypeSource): void {
  app.get('/', async () => ({ paths: serverPaths(types) }));
  for (const name of ['healthz', 'livez', 'readyz'] as const) {
    app.get<{ Querystring: Record<string, string | string[] | undefined> }>(`/${name}`, async (request, reply) => {
      reply.type('text/plain; charset=utf-8').header('X-Content-Type-Options', 'nosniff');
      if (request.query.verbose === undefined) return 'ok';
      const excluded = new Set([request.query.exclude ?? []].flat());
      const lines = CHECKS[name].map((c) => (excluded.has(c) ? `[+]${c} excluded: ok` : `[+]${c} ok`));
      return `${lines.join('\n')}\n${name} check passed\n`;
    });
    app.get<{ Params: { '*': string } }>(`/${name}/*`, async (request, reply) => {
      if (!CHECKS[name].includes(request.params['*'])) throw pathNotFound();
      return reply.type('text/plain; charset=utf-8').header('X-Content-Type-Options', 'nosniff').send('ok');
    });
  }
}
