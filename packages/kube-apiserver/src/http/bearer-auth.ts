// Opt-in authentication (`ack-local up --auth`): every request must carry `Authorization: Bearer <token>`,
// the token the CLI generated (or was given) and wrote into the kubeconfig. A missing or wrong token is the
// real apiserver's answer to an unauthenticated request: 401 with the Status `apierrors.NewUnauthorized
// ("Unauthorized")` builds (apiserver endpoints/filters/authentication.go `Unauthorized`), which kubectl
// prints as "error: You must be logged in to the server (Unauthorized)". Without credentials, the health
// probes and /version stay open, as a cluster serves them to anonymous users (the system:public-info-viewer
// role); a wrong token is refused everywhere, as the authentication filter refuses it before authorization.
// The in-process controller uses the registry directly and never passes through here.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

const PUBLIC_PATHS = new Set(['/healthz', '/livez', '/readyz', '/version']);

export const UNAUTHORIZED = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'Unauthorized',
  reason: 'Unauthorized',
  code: 401,
} as const;

export function requireBearerToken(app: FastifyInstance, token: string): void {
  const expected = Buffer.from(token, 'utf8');
  const matches = (presented: string): boolean => {
    const given = Buffer.from(presented, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  app.addHook('onRequest', async (request, reply) => {
    const header = request.headers.authorization;
    const bearer = header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
    if (bearer !== undefined && matches(bearer)) return;
    const path = request.url.split('?')[0]!.replace(/\/+$/, '');
    if (header === undefined && (PUBLIC_PATHS.has(path) || isHealthCheck(path))) return;
    return reply.code(401).type('application/json').send(UNAUTHORIZED);
  });
}

/** /healthz/ping, /readyz/etcd and the like: individual checks under the health endpoints. */
const isHealthCheck = (path: string): boolean => /^\/(healthz|livez|readyz)\/[^/]+$/.test(path);
