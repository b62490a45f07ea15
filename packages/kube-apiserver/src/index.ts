export * from './api.js';
export { StatusError } from './errors.js';
export { createKubeApiServer } from './server.js';
export type { KubeApiServer, KubeApiServerOptions } from './server.js';
export { kubeconfigYaml, writeKubeconfig, type KubeconfigOptions } from './kubeconfig.js';
export type { Registry } from './registry/registry.js';
export { generateServingCertificate, type ServingCertificate } from './tls/serving-certificate.js';
