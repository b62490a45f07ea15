// A kubeconfig pointing kubectl and @kubernetes/client-node at this apiserver over plain http.
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

export interface KubeconfigOptions {
  contextName?: string;
  namespace?: string;
  /** The bearer token the server requires (createKubeApiServer's bearerToken); default a placeholder. */
  token?: string;
}

export function kubeconfigYaml(serverUrl: string, opts: KubeconfigOptions = {}): string {
  const name = opts.contextName ?? 'ack-local';
  const context: Record<string, string> = { cluster: name, user: name };
  if (opts.namespace) context.namespace = opts.namespace;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    // client-node 1.x refuses http:// servers unless TLS verification is explicitly skipped.
    clusters: [{ name, cluster: { server: serverUrl, 'insecure-skip-tls-verify': true } }],
    contexts: [{ name, context }],
    'current-context': name,
    // Without --auth the apiserver authenticates nobody, and a placeholder token keeps clients from prompting.
    users: [{ name, user: { token: opts.token ?? 'ack-local' } }],
    preferences: {},
  });
}

export function writeKubeconfig(path: string, serverUrl: string, opts: KubeconfigOptions = {}): void {
  writeFileSync(path, kubeconfigYaml(serverUrl, opts), { mode: 0o600 });
}
