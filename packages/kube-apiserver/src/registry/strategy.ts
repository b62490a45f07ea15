// The per-kind part of the generic registry (the real apiserver's RESTCreateStrategy/RESTUpdateStrategy/
// RESTDeleteStrategy): everything else — storage, resourceVersion, concurrency, finalizers, watch — is generic.
import type { KubeObject } from '../api.js';
import type { FieldError } from '../errors.js';

export interface StrategyContext {
  now: Date;
  /** A write through the /status subresource, or a namespace's /finalize. */
  subresource?: 'status' | 'finalize';
}

export interface Strategy {
  /** metadata.generation starts at 1 and follows spec changes (CRs, CRDs; not configmaps, namespaces…). */
  readonly tracksGeneration: boolean;
  /** 'label' (namespaces: RFC 1123 label) or 'subdomain' (RFC 1123 subdomain: most kinds). */
  readonly nameRule: 'label' | 'subdomain';
  /** Field selector labels beyond metadata.name and metadata.namespace. */
  readonly fieldLabels: readonly string[];
  /** Immediate deletes answer with the object (CRs, CRDs, namespaces) rather than a Success Status (core kinds). */
  readonly returnDeletedObject: boolean;
  /** Decoding checks the real server's typed decoder does (e.g. base64 []byte fields): throw a 400 StatusError. */
  checkDecoding?(object: KubeObject): void;
  /** Values of the extra field labels for one object. */
  fields?(object: KubeObject): Record<string, string>;
  /** An admission check on create that refuses by throwing a StatusError (e.g. workloads ack-local does not run). */
  admitCreate?(object: KubeObject): void;
  prepareForCreate?(object: KubeObject, ctx: StrategyContext): void;
  prepareForUpdate?(object: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  validate?(object: KubeObject, ctx: StrategyContext): FieldError[];
  validateUpdate?(object: KubeObject, old: KubeObject, ctx: StrategyContext): FieldError[];
  /** First DELETE of an object: may add finalizers or set status (namespace phase, CRD Terminating condition). */
  beforeDelete?(object: KubeObject, ctx: StrategyContext): void;
  /** Warning header texts for an accepted write (e.g. CRD validation rules this server ignores). */
  warnings?(object: KubeObject): string[];
  /** Finalizers kept outside metadata.finalizers (namespaces: spec.finalizers) that also hold deletion. */
  pendingFinalizers?(object: KubeObject): string[];
}
