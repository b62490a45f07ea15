// The kube-apiserver: fastify + the generic registry over LMDB. Resource routes live in http/, the presentation
// routes (discovery, OpenAPI) come from their own modules and are mounted here.
import type { RequestListener } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { KubeObject, ResourceClient } from './api.js';
import { createInProcessClient } from './client.js';
import { StatusError, badRequest, failure, internalError, pathNotFound } from './errors.js';
import { registerDiscoveryRoutes } from './discovery/index.js';
import { registerOpenApiRoutes } from './openapi/index.js';
import { requireBearerToken } from './http/bearer-auth.js';
import { registerResourceRoutes } from './http/resource-routes.js';
import { registerServerInfoRoutes } from './http/server-info.js';
import type { ServingCertificate } from './tls/serving-certificate.js';
import type { WatchBacklogLimits } from './watch/watch-backlog.js';
import { Registry } from './registry/registry.js';

export interface KubeApiServerOptions {
  /** LMDB directory for objects. */
  dataDir: string;
  /** What /version reports (kubectl on these machines picks its binary by the minor). Default 1.32. */
  version?: { major: string; minor: string; gitVersion?: string };
  /** CRDs (apiextensions.k8s.io/v1 objects) to install at start, if absent or changed. */
  crds?: KubeObject[];
  /** Namespaces to create at start if absent (default, kube-system, kube-public, kube-node-lease always exist). */
  namespaces?: string[];
  /** A pino logger (the CLI's, shared by every component); none = silent. */
  logger?: FastifyBaseLogger | false;
  /** Watch history window (events kept for resourceVersion resume). Default 10000. */
  watchHistory?: number;
  /** What a refused create of a workload (pod, deployment, …) says after `… is forbidden: ` (the CLI explains
   *  how to run the app instead). */
  noWorkloadsMessage?: string;
  /** Interval of BOOKMARK events on watches that allow them. Default 60000 ms. */
  bookmarkIntervalMs?: number;
  /**
   * Require `Authorization: Bearer <token>` on every request (401 Unauthorized otherwise; http/bearer-auth.ts).
   * Unset: no authentication, like a cluster with anonymous access (the default).
   */
  bearerToken?: string;
  /** Serve HTTPS with this key and certificate (PEM), e.g. from generateServingCertificate(); needed with bearerToken for kubectl to send it. */
  tls?: ServingCertificate;
  /** Bounds on bytes queued for watchers that do not read (default 32 MiB per watch, 128 MiB in all). */
  watchBacklog?: WatchBacklogLimits;
}

export interface KubeApiServer {
  readonly app: FastifyInstance;
  /** In-process client over the same registry. */
  readonly client: ResourceClient;
  /** The registry itself (types, store, storage) for in-process users that need more than the client. */
  readonly registry: Registry;
  close(): Promise<void>;
}

export function versionInfo(version: KubeApiServerOptions['version']): Record<string, string> {
  const major = version?.major ?? '1';
  const minor = version?.minor ?? '32';
  return {
    major,
    minor,
    gitVersion:
      version?.gitVersion ?? (major === '1' && minor === '32' ? 'v1.32.9' : `v${major}.${minor.replace(/\+$/, '')}.0`),
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-09-09T00:00:00Z',
    goVersion: 'go1.23.12',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

const statusOf = (error: unknown): StatusError => {
  if (error instanceof StatusError) return error;
  const e = error as { statusCode?: number; code?: string; message?: string };
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return failure(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
  }
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return badRequest(e.message ?? 'bad request');
  return internalError(e.message ?? String(error));
};

export async function createKubeApiServer(options: KubeApiServerOptions): Promise<KubeApiServer> {
  const registry = new Registry({
    dataDir: options.dataDir,
    ...(options.watchHistory !== undefined ? { watchHistory: options.watchHistory } : {}),
    ...(options.namespaces ? { namespaces: options.namespaces } : {}),
    ...(options.crds ? { crds: options.crds } : {}),
    ...(options.noWorkloadsMessage ? { noWorkloadsMessage: options.noWorkloadsMessage } : {}),
  });
  const tls = options.tls;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : {}),
    // Per-request lines would drown a workshop terminal (and cost throughput); errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    forceCloseConnections: true,
    ...(tls ? { serverFactory: (handler: RequestListener) => createHttpsServer(tls, handler) } : {}),
    bodyLimit: 3 * 1024 * 1024,
    // kubectl sends dots and colons in names; keep the path as is
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
  });
  // The real apiserver marks every answer uncacheable; without it kubectl's disk cache (keyed by URL) would
  // serve a stale /version after a restart with another --kube-version, and the dispatcher would pick the old
  // kubectl. (Watches write their own headers with the same value.)
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('Cache-Control', 'no-cache, private');
  });
  if (options.bearerToken !== undefined) requireBearerToken(app, options.bearerToken);
  app.setErrorHandler((error, _request, reply) => {
    const status = statusOf(error);
    if (status.code >= 500) app.log.error(error);
    return reply.code(status.code).type('application/json').send(status.status);
  });
  app.setNotFoundHandler((_request, reply) => {
    const status = pathNotFound();
    return reply.code(404).type('application/json').send(status.status);
  });

  const version = versionInfo(options.version);
  app.get('/version', async () => version);
  registerServerInfoRoutes(app, registry.types);

  const serverAddress = (): string => {
    const address = app.server.address();
    return address && typeof address === 'object' ? `${address.address}:${address.port}` : '127.0.0.1:6443';
  };
  registerDiscoveryRoutes(app, registry.types, { serverAddress });
  registerOpenApiRoutes(app, registry.types);

  let watches: ReturnType<typeof registerResourceRoutes> | undefined;
  await app.register(async (scope) => {
    // resource routes read raw bodies and decode them by content type themselves (JSON, YAML, protobuf, patches)
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    watches = registerResourceRoutes(scope, {
      registry,
      bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000,
      ...(options.watchBacklog ? { watchBacklog: options.watchBacklog } : {}),
    });
  });

  const client = createInProcessClient(registry);
  let closed = false;
  return {
    app,
    client,
    registry,
    async close() {
      if (closed) return;
      closed = true;
      watches?.closeAll();
      await app.close();
      await registry.close();
    },
  };
}
