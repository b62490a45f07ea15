// What a resource URL addresses: /api/v1/... and /apis/<group>/<version>/..., namespaced or cluster-wide,
// optional /watch/ prefix, a name and a subresource.
import { pathNotFound } from '../errors.js';

export interface RequestTarget {
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** The deprecated /watch/ path form. */
  watchPath: boolean;
}

export function parseRequestTarget(path: string): RequestTarget {
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s));
  let rest: string[];
  let group: string;
  let version: string;
  if (segments[0] === 'api' && segments.length >= 3) {
    group = '';
    version = segments[1]!;
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length >= 4) {
    group = segments[1]!;
    version = segments[2]!;
    rest = segments.slice(3);
  } else throw pathNotFound();
  const watchPath = rest[0] === 'watch';
  if (watchPath) rest = rest.slice(1);
  let namespace: string | undefined;
  // /namespaces/<ns>/<resource>/... addresses namespaced content; /namespaces/<name>[/status|/finalize] the namespace
  if (
    rest[0] === 'namespaces' &&
    rest.length >= 3 &&
    !(rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize'))
  ) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  if (rest.length === 0 || rest.length > 3) throw pathNotFound();
  const [resource, name, subresource] = rest as [string, string | undefined, string | undefined];
  return {
    group,
    version,
    resource,
    watchPath,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(subresource !== undefined ? { subresource } : {}),
  };
}
