// What an update may change: the main endpoint keeps identity, deletion state and (with the subresource) the
// stored status; /status changes only status; /finalize only a namespace's spec.finalizers. And the delete
// preconditions (uid, resourceVersion) with the real Conflict texts.
import type { KubeObject } from '../api.js';
import { conflict } from '../errors.js';
import type { ResourceType } from '../resource-type.js';

/** The object an update would store, before strategy, generation and validation. */
export function mergeUpdate(
  type: ResourceType,
  current: KubeObject,
  object: KubeObject,
  subresource: 'status' | 'finalize' | undefined,
): KubeObject {
  let next: KubeObject;
  if (subresource === 'finalize') {
    // /finalize: the stored namespace with only spec.finalizers taken from the request
    next = structuredClone(current);
    const requested = (object.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
    next.spec = { ...((next.spec as object | undefined) ?? {}), finalizers: requested };
  } else if (subresource === 'status') {
    // /status: the stored object with only .status (and managedFields) taken from the request
    next = structuredClone(current);
    if (object.status === undefined) delete next.status;
    else next.status = object.status;
    if (object.metadata.managedFields) next.metadata.managedFields = object.metadata.managedFields;
  } else {
    next = object;
    if (type.statusSubresource) {
      if (current.status === undefined) delete next.status;
      else next.status = structuredClone(current.status);
    }
    const m = next.metadata;
    const c = current.metadata;
    m.uid = c.uid;
    m.creationTimestamp = c.creationTimestamp;
    if (c.deletionTimestamp) {
      m.deletionTimestamp = c.deletionTimestamp;
      m.deletionGracePeriodSeconds = c.deletionGracePeriodSeconds ?? 0;
    } else {
      delete m.deletionTimestamp;
      delete m.deletionGracePeriodSeconds;
    }
    delete m.generateName;
    if (c.generateName) m.generateName = c.generateName;
    if (type.namespaced) m.namespace = c.namespace;
  }
  return next;
}

export function checkPreconditions(
  type: ResourceType,
  name: string,
  current: KubeObject,
  pre: { uid?: string; resourceVersion?: string } | undefined,
): void {
  if (pre?.uid && pre.uid !== current.metadata.uid) {
    throw conflict(
      type,
      name,
      `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`,
    );
  }
  if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
    throw conflict(
      type,
      name,
      `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
    );
  }
}
