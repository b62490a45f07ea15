// The largest object the store keeps. A real cluster stores objects in etcd, which refuses any request over
// 1.5 MiB by default (--max-request-bytes 1572864, etcd.io/docs dev-guide/limit). The apiserver passes that
// refusal on: kubernetes/kubernetes#74600 logs the Status it answered ("etcdserver: request is too large",
// code 500), and kubernetes/kubernetes#112152 (open) asks for a 4xx instead, since the request can never
// succeed. We answer that 4xx: 413 RequestEntityTooLarge with etcd's words, so kubectl prints
// "Error from server (RequestEntityTooLarge): etcdserver: request is too large" (docs/kube-api-notes.md).
// etcd measures the protobuf encoding; we measure the stored JSON, a little larger for the same object.
import { failure } from '../errors.js';

export const MAX_STORED_OBJECT_BYTES = 1.5 * 1024 * 1024;

/** Throws the 413 when the object's stored form would be over the limit. */
export function checkStoredSize(object: unknown): void {
  const json = JSON.stringify(object);
  // a string's UTF-8 length is at most 3 bytes per UTF-16 unit: most objects need no byte count at all
  if (json.length * 3 <= MAX_STORED_OBJECT_BYTES) return;
  if (Buffer.byteLength(json, 'utf8') <= MAX_STORED_OBJECT_BYTES) return;
  throw failure(413, 'RequestEntityTooLarge', 'etcdserver: request is too large');
}
