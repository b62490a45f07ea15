// The `paths` of a group-version OpenAPI v3 document. kubectl reads them for one thing: whether the PATCH
// operation of a GVK accepts the `fieldValidation` query parameter (apply/edit/diff refuse to run otherwise).
import type { ResourceType } from '../resource-type.js';
import { META, ref } from './meta-schemas.js';
import { schemaName } from './schemas.js';

const query = (name: string, type: string, description: string) => ({
  name,
  in: 'query',
  description,
  schema: { type, uniqueItems: true },
});
const pathParam = (name: string, description: string) => ({
  name,
  in: 'path',
  description,
  required: true,
  schema: { type: 'string', uniqueItems: true },
});

const P = {
  pretty: query('pretty', 'string', "If 'true', then the output is pretty printed."),
  dryRun: query(
    'dryRun',
    'string',
    'When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed',
  ),
  fieldManager: query(
    'fieldManager',
    'string',
    'fieldManager is a name associated with the actor or entity that is making these changes.',
  ),
  fieldValidation: query(
    'fieldValidation',
    'string',
    'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore - Warn - Strict',
  ),
  force: query(
    'force',
    'boolean',
    'Force is going to "force" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests.',
  ),
  gracePeriodSeconds: query(
    'gracePeriodSeconds',
    'integer',
    'The duration in seconds before the object should be deleted.',
  ),
  propagationPolicy: query(
    'propagationPolicy',
    'string',
    "Whether and how garbage collection will be performed. Acceptable values are: 'Orphan', 'Background', 'Foreground'.",
  ),
  allowWatchBookmarks: query(
    'allowWatchBookmarks',
    'boolean',
    'allowWatchBookmarks requests watch events with type "BOOKMARK".',
  ),
  continue: query(
    'continue',
    'string',
    'The continue option should be set when retrieving more results from the server.',
  ),
  fieldSelector: query(
    'fieldSelector',
    'string',
    'A selector to restrict the list of returned objects by their fields. Defaults to everything.',
  ),
  labelSelector: query(
    'labelSelector',
    'string',
    'A selector to restrict the list of returned objects by their labels. Defaults to everything.',
  ),
  limit: query('limit', 'integer', 'limit is a maximum number of responses to return for a list call.'),
  resourceVersion: query(
    'resourceVersion',
    'string',
    'resourceVersion sets a constraint on what resource versions a request may be served from.',
  ),
  resourceVersionMatch: query(
    'resourceVersionMatch',
    'string',
    'resourceVersionMatch determines how resourceVersion is applied to list calls.',
  ),
  sendInitialEvents: query(
    'sendInitialEvents',
    'boolean',
    '`sendInitialEvents=true` may be set together with `watch=true`.',
  ),
  timeoutSeconds: query('timeoutSeconds', 'integer', 'Timeout for the list/watch call.'),
  watch: query(
    'watch',
    'boolean',
    'Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.',
  ),
};
const LIST_PARAMS = [
  P.allowWatchBookmarks,
  P.continue,
  P.fieldSelector,
  P.labelSelector,
  P.limit,
  P.resourceVersion,
  P.resourceVersionMatch,
  P.sendInitialEvents,
  P.timeoutSeconds,
  P.watch,
];
const WRITE_PARAMS = [P.dryRun, P.fieldManager, P.fieldValidation];

const json = (schemaRef: string) => {
  const content = { schema: ref(schemaRef) };
  return { 'application/json': content, 'application/yaml': content, 'application/vnd.kubernetes.protobuf': content };
};
const responses = (codes: string[], schemaRef: string) =>
  Object.fromEntries([
    ...codes.map((c) => [
      c,
      { description: c === '201' ? 'Created' : c === '202' ? 'Accepted' : 'OK', content: json(schemaRef) },
    ]),
    ['401', { description: 'Unauthorized' }],
  ]);

function operationId(action: string, t: ResourceType, kind: string, suffix = ''): string {
  const group =
    t.group === ''
      ? 'core'
      : t.group
          .split('.')
          .map((p, i) => (i === 0 ? p : cap(p)))
          .join('');
  return `${action}${cap(group)}${cap(t.version)}${t.namespaced ? 'Namespaced' : ''}${kind}${suffix}`;
}
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function pathsFor(t: ResourceType): Record<string, object> {
  const prefix = t.group === '' ? `/api/${t.version}` : `/apis/${t.group}/${t.version}`;
  const scope = t.namespaced ? `${prefix}/namespaces/{namespace}` : prefix;
  const kindRef = schemaName(t, t.kind);
  const listRef = schemaName(t, t.listKind);
  const gvk = { group: t.group, version: t.version, kind: t.kind };
  const scopeParams = t.namespaced
    ? [pathParam('namespace', 'object name and auth scope, such as for teams and projects')]
    : [];
  const named = [pathParam('name', `name of the ${t.kind}`), ...scopeParams, P.pretty];
  const op = (action: string, id: string, description: string, parameters: object[], extra: object = {}) => ({
    tags: [t.group === '' ? `core_${t.version}` : `${t.group.replaceAll('.', '')}_${t.version}`],
    description,
    operationId: id,
    parameters,
    ...extra,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
  });
  const body = (schemaRef: string) => ({
    requestBody: { content: { '*/*': { schema: ref(schemaRef) } }, required: true },
  });
  const patchBody = {
    requestBody: {
      // kubectl apply computes a strategic merge patch only when the PATCH op lists that media type, which the
      // real server does for built-in kinds only (custom resources take merge patches).
      content: Object.fromEntries(
        [
          'application/apply-patch+yaml',
          'application/json-patch+json',
          'application/merge-patch+json',
          ...(t.builtin ? ['application/strategic-merge-patch+json'] : []),
        ].map((ct) => [ct, { schema: ref(`${META}.Patch`) }]),
      ),
      required: true,
    },
  };

  const paths: Record<string, object> = {
    [`${scope}/${t.resource}`]: {
      get: op('list', operationId('list', t, t.kind), `list or watch objects of kind ${t.kind}`, LIST_PARAMS, {
        responses: responses(['200'], listRef),
      }),
      post: op('post', operationId('create', t, t.kind), `create a ${t.kind}`, WRITE_PARAMS, {
        ...body(kindRef),
        responses: responses(['200', '201', '202'], kindRef),
      }),
      delete: op(
        'deletecollection',
        operationId('deleteCollection', t, t.kind),
        `delete collection of ${t.kind}`,
        [...LIST_PARAMS, P.dryRun, P.gracePeriodSeconds, P.propagationPolicy],
        { responses: responses(['200'], `${META}.Status`) },
      ),
      parameters: [...scopeParams, P.pretty],
    },
    [`${scope}/${t.resource}/{name}`]: {
      get: op('get', operationId('read', t, t.kind), `read the specified ${t.kind}`, [], {
        responses: responses(['200'], kindRef),
      }),
      put: op('put', operationId('replace', t, t.kind), `replace the specified ${t.kind}`, WRITE_PARAMS, {
        ...body(kindRef),
        responses: responses(['200', '201'], kindRef),
      }),
      patch: op(
        'patch',
        operationId('patch', t, t.kind),
        `partially update the specified ${t.kind}`,
        [...WRITE_PARAMS, P.force],
        { ...patchBody, responses: responses(['200', '201'], kindRef) },
      ),
      delete: op(
        'delete',
        operationId('delete', t, t.kind),
        `delete a ${t.kind}`,
        [P.dryRun, P.gracePeriodSeconds, P.propagationPolicy],
        { responses: responses(['200', '202'], kindRef) },
      ),
      parameters: named,
    },
  };
  if (t.statusSubresource) {
    paths[`${scope}/${t.resource}/{name}/status`] = {
      get: op('get', operationId('read', t, t.kind, 'Status'), `read status of the specified ${t.kind}`, [], {
        responses: responses(['200'], kindRef),
      }),
      put: op(
        'put',
        operationId('replace', t, t.kind, 'Status'),
        `replace status of the specified ${t.kind}`,
        WRITE_PARAMS,
        { ...body(kindRef), responses: responses(['200', '201'], kindRef) },
      ),
      patch: op(
        'patch',
        operationId('patch', t, t.kind, 'Status'),
        `partially update status of the specified ${t.kind}`,
        [...WRITE_PARAMS, P.force],
        { ...patchBody, responses: responses(['200', '201'], kindRef) },
      ),
      parameters: named,
    };
  }
  if (t.namespaced) {
    paths[`${prefix}/${t.resource}`] = {
      get: op(
        'list',
        operationId('list', { ...t, namespaced: false }, t.kind, 'ForAllNamespaces'),
        `list or watch objects of kind ${t.kind}`,
        [],
        { responses: responses(['200'], listRef) },
      ),
      parameters: LIST_PARAMS.concat([P.pretty]),
    };
  }
  return paths;
}
