// CONTRACT (implemented by the kube-apiserver owner).
import type { FastifyInstance } from 'fastify';
import type { KubeObject, ResourceClient } from './api.js';

export interface KubeApiServerOptions {
  /** LMDB directory for objects. */
  dataDir: string;
  /** What /version reports (kubectl on these machines picks its binary by the minor). Default 1.32. */
  version?: { major: string; minor: string; gitVersion?: string };
  /** CRDs (apiextensions.k8s.io/v1 objects) to install at start, if absent or changed. */
  crds?: KubeObject[];
  /** Namespaces to create at start if absent (default, kube-system, kube-public, kube-node-lease always exist). */
  namespaces?: string[];
  logger?: unknown;
  /** Watch history window (events kept for resourceVersion resume). Default 10000. */
  watchHistory?: number;
}

export interface KubeApiServer {
  readonly app: FastifyInstance;
  /** In-process client over the same registry. */
  readonly client: ResourceClient;
  close(): Promise<void>;
}

export async function createKubeApiServer(options: KubeApiServerOptions): Promise<KubeApiServer> {
  throw new Error('not implemented: createKubeApiServer');
}
