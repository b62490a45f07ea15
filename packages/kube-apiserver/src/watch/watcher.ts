// One watch: the initial state (synthetic ADDED for RV ""/"0", or everything for sendInitialEvents) or a replay
// of the history window after a resourceVersion (410 Expired as an ERROR event once it has been compacted),
// then live changes. Selectors apply to transitions like the real watch cache: an object leaving the selection
// is sent as DELETED, one entering it as ADDED.
import type { KubeObject, WatchEvent } from '../api.js';
import { apiVersionOf, storageOf } from '../resource-type.js';
import type { ParsedSelectors } from '../registry/generic-store.js';
import type { ServedKind } from '../registry/kinds/served-kind.js';
import type { Registry } from '../registry/registry.js';
import { badRequest, expired } from '../errors.js';
import { namespacePrefix, objectKey, resourcePrefix, type HistoryEntry } from '../storage/object-store.js';

export interface WatchSpec {
  kind: ServedKind;
  namespace?: string;
  selectors: ParsedSelectors;
  resourceVersion?: string;
  /** watch-list: ADDED for every current object, then a BOOKMARK marked k8s.io/initial-events-end. */
  sendInitialEvents?: boolean;
}

export interface ActiveWatch {
  stop(): void;
  /** A BOOKMARK at the current resourceVersion. */
  bookmark(): void;
  /** The watch ended at once (an ERROR event was sent): close the stream. */
  finished: boolean;
}

/** `onGone` runs when the watched type stops being served (its CRD was deleted): the real server ends such watches. */
export function startWatch(
  registry: Registry,
  spec: WatchSpec,
  send: (event: WatchEvent) => void,
  onGone?: () => void,
): ActiveWatch {
  const { kind, selectors } = spec;
  const { type } = kind;
  const stored = storageOf(type);
  const prefix =
    type.namespaced && spec.namespace
      ? namespacePrefix(stored.group, stored.resource, spec.namespace)
      : resourcePrefix(stored.group, stored.resource);
  const external = (o: KubeObject): KubeObject =>
    type.storedAs ? type.storedAs.fromStored(o) : { ...o, apiVersion: apiVersionOf(type), kind: type.kind };
  const matches = (o: KubeObject | undefined): boolean => o !== undefined && registry.store.matches(kind, selectors, o);
  const bookmark = (annotations?: Record<string, string>): void =>
    send({
      type: 'BOOKMARK',
      object: {
        kind: type.kind,
        apiVersion: apiVersionOf(type),
        metadata: {
          resourceVersion: String(registry.storage.currentRevision()),
          ...(annotations ? { annotations } : {}),
        },
      },
    });

  // events already covered by the initial state or replay (a change still queued on the bus when this watch
  // started, see EventBus) must not be sent twice
  let sentUpTo = 0;
  const crdKey = type.crdName
    ? objectKey('apiextensions.k8s.io', 'customresourcedefinitions', undefined, type.crdName)
    : undefined;
  const translate = (entry: HistoryEntry): void => {
    if (entry.rv <= sentUpTo) return;
    sentUpTo = entry.rv;
    if (crdKey && entry.key === crdKey && entry.type === 'DELETED') {
      onGone?.();
      return;
    }
    if (!entry.key.startsWith(prefix)) return;
    if (entry.type === 'ADDED') {
      if (matches(entry.object)) send({ type: 'ADDED', object: external(entry.object) });
    } else if (entry.type === 'DELETED') {
      if (matches(entry.object)) send({ type: 'DELETED', object: external(entry.object) });
    } else {
      const was = matches(entry.previous);
      const is = matches(entry.object);
      if (was && is) send({ type: 'MODIFIED', object: external(entry.object) });
      else if (was) send({ type: 'DELETED', object: external(entry.object) });
      else if (is) send({ type: 'ADDED', object: external(entry.object) });
    }
  };

  const rv = spec.resourceVersion;
  if (spec.sendInitialEvents || !rv || rv === '0') {
    sentUpTo = registry.storage.currentRevision();
    for (const object of registry.store.list(kind, spec.namespace, {}).items) {
      if (matches(object)) send({ type: 'ADDED', object });
    }
    if (spec.sendInitialEvents) bookmark({ 'k8s.io/initial-events-end': 'true' });
  } else {
    const since = Number(rv);
    if (!Number.isSafeInteger(since) || since < 0) {
      send({ type: 'ERROR', object: badRequest(`invalid resource version: ${rv}`).status as unknown as KubeObject });
      return { stop() {}, bookmark() {}, finished: true };
    }
    if (since < registry.storage.historyFloor()) {
      send({
        type: 'ERROR',
        object: expired(`too old resource version: ${since} (${registry.storage.historyFloor()})`)
          .status as unknown as KubeObject,
      });
      return { stop() {}, bookmark() {}, finished: true };
    }
    sentUpTo = since;
    for (const entry of registry.storage.historySince(since)) translate(entry);
  }
  const unsubscribe = registry.bus.subscribe(translate);
  return { stop: unsubscribe, bookmark: () => bookmark(), finished: false };
}
