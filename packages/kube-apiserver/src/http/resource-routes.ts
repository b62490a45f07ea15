// Every verb on every resource path, mapped onto the generic registry: get, list, watch, create, update,
// patch, delete, deletecollection, plus the status subresource. Answers are JSON (Tables when asked for).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { KubeObject, ObjectList } from '../api.js';
import type { DeleteOptions, WriteContext, WriteResult } from '../registry/generic-store.js';
import type { ServedKind } from '../registry/kinds/served-kind.js';
import { decodeObject } from '../registry/decode-object.js';
import { refuseFutureRevision } from '../registry/list-paging.js';
import type { Registry } from '../registry/registry.js';
import { fieldForbidden, fieldRequired, invalid, methodNotAllowed, pathNotFound, unsupportedPatch } from '../errors.js';
import type { PatchType } from '../api.js';
import { toTable, wantsTable as acceptsTable } from '../table/index.js';
import {
  boolParam,
  dryRunParam,
  fieldValidationParam,
  includeObjectParam,
  intParam,
  managerFromUserAgent,
  param,
  type Query,
} from './query.js';
import { decodeObjectBody, decodePatchBody, patchTypeOf } from './request-body.js';
import { parseRequestTarget, type RequestTarget } from './request-target.js';
import { WatchStreams } from './watch-stream.js';
import { WatchBacklog, type WatchBacklogLimits } from '../watch/watch-backlog.js';

export interface ResourceRouteOptions {
  registry: Registry;
  bookmarkIntervalMs: number;
  watchBacklog?: WatchBacklogLimits;
}

type Req = FastifyRequest<{ Querystring: Query; Body: Buffer | undefined }>;

interface Resolved {
  kind: ServedKind;
  target: RequestTarget;
  namespace: string | undefined;
}

export function registerResourceRoutes(app: FastifyInstance, options: ResourceRouteOptions): WatchStreams {
  const { registry } = options;
  const watches = new WatchStreams(registry, new WatchBacklog(options.watchBacklog));

  const resolve = (request: Req): Resolved => {
    const target = parseRequestTarget(request.url.split('?')[0]!);
    const kind = registry.resolve(target.group, target.version, target.resource);
    if (target.namespace !== undefined && !kind.type.namespaced) throw pathNotFound();
    // a namespaced object is only addressable inside its namespace (the cluster-wide path is list/watch only)
    if (target.namespace === undefined && kind.type.namespaced && target.name !== undefined) throw pathNotFound();
    const finalize = target.subresource === 'finalize' && kind.type.group === '' && kind.type.resource === 'namespaces';
    if (
      target.subresource !== undefined &&
      !(target.subresource === 'status' && kind.type.statusSubresource) &&
      !finalize
    )
      throw pathNotFound();
    return { kind, target, namespace: kind.type.namespaced ? target.namespace : undefined };
  };

  const writeContext = (request: Req, target: RequestTarget): WriteContext => {
    const q = request.query;
    const fieldManager = param(q, 'fieldManager');
    return {
      dryRun: dryRunParam(q),
      fieldValidation: fieldValidationParam(q),
      fieldManager: fieldManager || managerFromUserAgent(request.headers['user-agent']),
      force: boolParam(q, 'force'),
      ...(target.subresource === 'status' || target.subresource === 'finalize'
        ? { subresource: target.subresource }
        : {}),
    };
  };

  const sendWrite = (reply: FastifyReply, result: WriteResult, createdCode = 201): FastifyReply => {
    if (result.warnings.length)
      reply.header(
        'Warning',
        result.warnings.map((w) => `299 - ${JSON.stringify(w)}`),
      );
    return reply.code(result.created ? createdCode : 200).send(result.object);
  };

  const wantsTable = (request: Req): boolean => acceptsTable(request.headers.accept);

  const sendObjects = (
    request: Req,
    reply: FastifyReply,
    kind: ServedKind,
    list: ObjectList,
    single?: KubeObject,
  ): FastifyReply => {
    if (wantsTable(request)) {
      const table = toTable(kind.type, single ? [single] : list.items, {
        includeObject: includeObjectParam(request.query),
        resourceVersion: single?.metadata.resourceVersion ?? list.metadata.resourceVersion,
        ...(list.metadata.continue ? { continue: list.metadata.continue } : {}),
        now: new Date(),
      });
      return reply.type('application/json').send(table);
    }
    return reply.type('application/json').send(single ?? list);
  };

  const listOrWatch = (request: Req, reply: FastifyReply, r: Resolved): FastifyReply | undefined => {
    const q = request.query;
    const query = {
      ...(param(q, 'labelSelector') ? { labelSelector: param(q, 'labelSelector') } : {}),
      ...(param(q, 'fieldSelector') ? { fieldSelector: param(q, 'fieldSelector') } : {}),
    };
    if (r.target.watchPath || boolParam(q, 'watch')) {
      const selectors = registry.store.parseSelectors(r.kind, query);
      const resourceVersion = param(q, 'resourceVersion');
      refuseFutureRevision(registry.storage, resourceVersion);
      const timeoutSeconds = intParam(q, 'timeoutSeconds');
      watches.serve(request, reply, r.kind, {
        spec: {
          kind: r.kind,
          selectors,
          sendInitialEvents: boolParam(q, 'sendInitialEvents'),
          ...(r.namespace !== undefined ? { namespace: r.namespace } : {}),
          ...(resourceVersion !== undefined ? { resourceVersion } : {}),
        },
        allowBookmarks: boolParam(q, 'allowWatchBookmarks'),
        bookmarkIntervalMs: options.bookmarkIntervalMs,
        ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
        ...(wantsTable(request) ? { table: { includeObject: includeObjectParam(q) } } : {}),
      });
      return undefined;
    }
    const limit = intParam(q, 'limit');
    const cont = param(q, 'continue');
    const rv = param(q, 'resourceVersion');
    const rvMatch = param(q, 'resourceVersionMatch');
    const list = registry.store.list(r.kind, r.namespace, {
      ...query,
      ...(limit ? { limit } : {}),
      ...(cont ? { continue: cont } : {}),
      ...(rv ? { resourceVersion: rv } : {}),
      ...(rvMatch ? { resourceVersionMatch: rvMatch } : {}),
    });
    return sendObjects(request, reply, r.kind, list);
  };

  const deleteOptions = (request: Req): DeleteOptions => {
    const q = request.query;
    const body =
      request.body && request.body.length
        ? decodeObjectBody(request.headers['content-type'] ?? 'application/json', request.body)
        : {};
    const opts = (body && typeof body === 'object' ? body : {}) as {
      propagationPolicy?: string;
      preconditions?: DeleteOptions['preconditions'];
      dryRun?: string[];
    };
    const propagationPolicy = param(q, 'propagationPolicy') ?? opts.propagationPolicy;
    return {
      dryRun: dryRunParam(q) || (Array.isArray(opts.dryRun) && opts.dryRun.includes('All')),
      ...(propagationPolicy ? { propagationPolicy } : {}),
      ...(opts.preconditions ? { preconditions: opts.preconditions } : {}),
    };
  };

  const handle = async (request: Req, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const r = resolve(request);
    const { kind, target, namespace } = r;
    const { store } = registry;
    const name = target.name;
    if (kind.review) {
      // create-only, nothing stored: the answer is computed from the request
      if (request.method !== 'POST' || name !== undefined) throw methodNotAllowed();
      const body = decodeObjectBody(request.headers['content-type'], request.body);
      return reply.code(201).send(kind.review(decodeObject(kind.type, body, [kind])));
    }
    switch (request.method) {
      case 'GET': {
        if (name === undefined) return listOrWatch(request, reply, r);
        if (target.watchPath || target.subresource === 'finalize') throw pathNotFound();
        const object = store.get(kind, namespace, name);
        return sendObjects(
          request,
          reply,
          kind,
          { apiVersion: '', kind: '', metadata: { resourceVersion: '' }, items: [] },
          object,
        );
      }
      case 'POST': {
        if (name !== undefined) throw methodNotAllowed();
        const body = decodeObjectBody(request.headers['content-type'], request.body);
        return sendWrite(reply, store.create(kind, namespace, body, writeContext(request, target)));
      }
      case 'PUT': {
        if (name === undefined) throw methodNotAllowed();
        const body = decodeObjectBody(request.headers['content-type'], request.body);
        return sendWrite(reply, store.update(kind, namespace, name, body, writeContext(request, target)));
      }
      case 'PATCH': {
        if (name === undefined || target.subresource === 'finalize') throw methodNotAllowed();
        const patchType = patchTypeOf(request.headers['content-type']);
        if (!patchType) throw unsupportedPatch();
        const ctx = writeContext(request, target);
        validatePatchOptions(request.query, patchType);
        if (patchType === 'strategic' && !kind.type.builtin) {
          throw unsupportedPatch();
        }
        const patch = decodePatchBody(patchType, request.body);
        return sendWrite(reply, store.patch(kind, namespace, name, patchType, patch, ctx));
      }
      case 'DELETE': {
        const opts = deleteOptions(request);
        if (name === undefined) {
          const q = request.query;
          const list = store.deleteCollection(
            kind,
            namespace,
            {
              ...(param(q, 'labelSelector') ? { labelSelector: param(q, 'labelSelector') } : {}),
              ...(param(q, 'fieldSelector') ? { fieldSelector: param(q, 'fieldSelector') } : {}),
            },
            opts,
          );
          if (kind.strategy.returnDeletedObject) return reply.send(list);
          return reply.send({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' });
        }
        if (target.subresource) throw methodNotAllowed();
        const result = store.delete(kind, namespace, name, opts);
        if (result.deleted && !kind.strategy.returnDeletedObject) {
          return reply.send({
            kind: 'Status',
            apiVersion: 'v1',
            metadata: {},
            status: 'Success',
            details: {
              name,
              ...(kind.type.group ? { group: kind.type.group } : {}),
              kind: kind.type.resource,
              uid: result.object.metadata.uid,
            },
          });
        }
        return reply.send(result.object);
      }
      default:
        throw methodNotAllowed();
    }
  };

  app.route({ method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], url: '/api/*', handler: handle });
  app.route({ method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], url: '/apis/*', handler: handle });
  return watches;
}

/** metav1 ValidatePatchOptions: apply needs a fieldManager, force is only for apply (422 on PatchOptions). */
function validatePatchOptions(query: Query, patchType: PatchType): void {
  if (patchType === 'apply' && !param(query, 'fieldManager')) {
    throw invalid('PatchOptions', 'meta.k8s.io', '', [fieldRequired('fieldManager', 'is required for apply patch')]);
  }
  if (patchType !== 'apply' && param(query, 'force') !== undefined) {
    throw invalid('PatchOptions', 'meta.k8s.io', '', [
      fieldForbidden('force', 'may not be specified for non-apply patch'),
    ]);
  }
}
