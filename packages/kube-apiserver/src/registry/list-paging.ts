// List paging over a consistent snapshot, as the real server pages with etcd revisions: a continue token holds
// the list's resourceVersion and the last key served; later pages are read as of that revision by rolling the
// current state back through the watch history (410 Expired once the history no longer reaches that far).
// resourceVersionMatch=Exact lists the state as of a given revision the same way.
import type { KubeObject } from '../api.js';
import { badRequest, expired, tooLargeResourceVersion } from '../errors.js';
import type { ObjectStore } from '../storage/object-store.js';

export interface PageQuery {
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
}

export interface Page {
  entries: { key: string; object: KubeObject }[];
  /** The revision the page reflects (the list's metadata.resourceVersion). */
  resourceVersion: number;
  /** Token for the next page, when more objects match. */
  continue?: string;
}

const CONTINUE_EXPIRED =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/**
 * A list or watch at a resourceVersion newer than the store's: the real server waits (about 3 s) for its cache to
 * catch up, then answers 504. Here nothing else can bring that revision in, so the answer comes at once.
 */
export function refuseFutureRevision(storage: ObjectStore, resourceVersion: string | undefined): void {
  if (!resourceVersion || !/^\d+$/.test(resourceVersion)) return;
  const requested = Number(resourceVersion);
  const current = storage.currentRevision();
  if (requested > current) throw tooLargeResourceVersion(requested, current);
}

/** One page of the objects under prefix that pass `accept`, from where the query's token (if any) left off. */
export function readPage(
  storage: ObjectStore,
  prefix: string,
  query: PageQuery,
  accept: (object: KubeObject) => boolean,
): Page {
  if (!query.continue) refuseFutureRevision(storage, query.resourceVersion);
  const exact =
    !query.continue && query.resourceVersionMatch === 'Exact' && query.resourceVersion
      ? exactRevision(query.resourceVersion)
      : undefined;
  const token = query.continue
    ? decodeContinue(query.continue)
    : exact !== undefined
      ? { rv: exact, start: '' }
      : undefined;
  const snapshotRv = token ? token.rv : storage.currentRevision();
  const limit = query.limit && query.limit > 0 ? query.limit : undefined;
  const candidates = token ? snapshotAfter(storage, prefix, token.start, token.rv) : storage.range(prefix);
  const entries: Page['entries'] = [];
  let more = false;
  for (const entry of candidates) {
    if (!accept(entry.object)) continue;
    if (limit !== undefined && entries.length >= limit) {
      more = true;
      break;
    }
    entries.push(entry);
  }
  const last = entries[entries.length - 1];
  return {
    entries,
    resourceVersion: snapshotRv,
    ...(more && last ? { continue: encodeContinue(snapshotRv, last.key) } : {}),
  };
}

/**
 * The objects under prefix after `start` as they were at `rv`: the current state rolled back through the
 * history window (410 Expired once the window no longer reaches back to rv, like a compacted etcd).
 */
function snapshotAfter(
  storage: ObjectStore,
  prefix: string,
  start: string,
  rv: number,
): { key: string; object: KubeObject }[] {
  if (rv < storage.historyFloor())
    throw expired(start ? CONTINUE_EXPIRED : `too old resource version: ${rv} (${storage.historyFloor()})`);
  const state = new Map<string, KubeObject | undefined>();
  for (const { key, object } of storage.range(prefix, start)) state.set(key, object);
  const later = storage.historySince(rv).filter((e) => e.key.startsWith(prefix) && e.key > start);
  for (const entry of later.reverse())
    state.set(entry.key, entry.type === 'ADDED' ? undefined : (entry.previous ?? entry.object));
  return [...state.entries()]
    .filter((e): e is [string, KubeObject] => e[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, object]) => ({ key, object }));
}

interface ContinueToken {
  rv: number;
  start: string;
}

function exactRevision(rv: string): number {
  const n = Number(rv);
  if (!Number.isSafeInteger(n) || n <= 0) throw badRequest(`invalid resource version: ${rv}`);
  return n;
}

function encodeContinue(rv: number, start: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start })).toString('base64url');
}

function decodeContinue(token: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      v?: string;
      rv?: number;
      start?: string;
    };
    if (parsed.v !== 'meta.k8s.io/v1' || typeof parsed.rv !== 'number' || typeof parsed.start !== 'string')
      throw new Error('bad');
    return { rv: parsed.rv, start: parsed.start };
  } catch {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}
